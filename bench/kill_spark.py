"""Kill -9 ``crosswire spark-extract`` and ``crosswire load`` mid-way; re-runs must complete.

    .venv/bin/python bench/kill_spark.py --trials 10

Extracts ``samples/`` plus a generated JSONL of ``--extra`` articles on Spark
``local[2]`` (cleaning only) and loads the output into a fresh SQLite file, once
without interruption. Each trial SIGKILLs a new extraction's whole process tree (CLI,
JVM, PySpark workers) after a random delay, re-runs the same command, compares every
Parquet table with the reference and checks that no article appears twice; then kills
a load of that output after a random delay, re-runs it and compares the canonical
dump of the database. Prints trials, identical, mismatches, kills that landed
mid-run, and time.
"""

from __future__ import annotations

import random
import sys
from argparse import Namespace
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robustness.killing import ROOT, RunOne, bench_parser, trials, write_feed
from tests.robustness.killing_spark import Trial, reference, trial


def main() -> int:
    parser = bench_parser(__doc__, trials=10)
    parser.add_argument("--extra", type=int, default=60, help="generated JSONL articles")
    args = parser.parse_args()
    return trials(partial(_prepare, args), args, tally=_tally)


def _prepare(args: Namespace, work: Path) -> RunOne[Trial]:
    """One uninterrupted extraction and load to compare with; then the trials."""
    inputs = [str(ROOT / "samples"), str(write_feed(work / "extra.jsonl", args.extra))]
    ref = reference(inputs, work)
    print(
        f"uninterrupted: extract {ref.extract_seconds:.1f} s "
        f"({len(ref.tables['articles'])} articles), load {ref.load_seconds:.1f} s"
    )

    def run_one(n: int, rng: random.Random) -> tuple[Trial, str]:
        extract_delay = rng.uniform(2.0, ref.extract_seconds * 1.1)
        load_delay = rng.uniform(0.5, ref.load_seconds * 1.1)
        result = trial(inputs, work, ref, extract_delay=extract_delay, load_delay=load_delay)
        how = (
            f"extract killed at {extract_delay:.1f} s "
            f"({'killed' if result.extract_killed else 'finished first'}), load at "
            f"{load_delay:.1f} s ({'killed' if result.load_killed else 'finished first'}), "
            f"{result.seconds:.0f} s"
        )
        return result, how

    return run_one


def _tally(results: list[Trial]) -> str:
    extracts = sum(r.extract_killed for r in results)
    loads = sum(r.load_killed for r in results)
    return f" ({extracts} extractions and {loads} loads killed mid-run)"


if __name__ == "__main__":
    sys.exit(main())
