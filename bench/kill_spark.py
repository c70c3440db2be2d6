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

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robustness.killing import ROOT, write_feed
from tests.robustness.killing_spark import reference, trial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--extra", type=int, default=60, help="generated JSONL articles")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        inputs = [str(ROOT / "samples"), str(write_feed(work / "extra.jsonl", args.extra))]
        ref = reference(inputs, work)
        print(
            f"uninterrupted: extract {ref.extract_seconds:.1f} s "
            f"({len(ref.tables['articles'])} articles), load {ref.load_seconds:.1f} s"
        )
        identical = extracts = loads = 0
        for n in range(args.trials):
            extract_delay = rng.uniform(2.0, ref.extract_seconds * 1.1)
            load_delay = rng.uniform(0.5, ref.load_seconds * 1.1)
            result = trial(inputs, work, ref, extract_delay=extract_delay, load_delay=load_delay)
            identical += result.identical
            extracts += result.extract_killed
            loads += result.load_killed
            state = "identical" if result.identical else "DIFFERENT " + "; ".join(result.problems)
            print(
                f"trial {n + 1}: extract killed at {extract_delay:.1f} s "
                f"({'killed' if result.extract_killed else 'finished first'}), load at "
                f"{load_delay:.1f} s ({'killed' if result.load_killed else 'finished first'}), "
                f"{result.seconds:.0f} s: {state}",
                flush=True,
            )
    print(
        f"{args.trials} trials ({extracts} extractions and {loads} loads killed mid-run), "
        f"{identical} identical, {args.trials - identical} different; "
        f"{time.monotonic() - started:.0f} s"
    )
    return 0 if identical == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
