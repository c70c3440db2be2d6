"""Kill -9 ``crosswire ingest`` at random moments; a re-run must give the clean run's database.

    .venv/bin/python bench/kill_ingest.py --trials 50

Each trial ingests ``samples/`` plus a generated JSONL of ``--extra`` articles into a
fresh SQLite file, SIGKILLs the process group after a random delay, re-runs the same
command to completion and compares a canonical dump of every table (rows sorted,
``seq`` and ``ingested_at`` left out) with that of one uninterrupted run. Every third
trial uses ``--workers 2``. Prints trials, identical, mismatches and time.
"""

from __future__ import annotations

import random
import sys
import time
from argparse import Namespace
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robustness.killing import (
    ROOT,
    RunOne,
    Trial,
    bench_parser,
    dump,
    ingest_args,
    run,
    trial,
    trials,
    write_feed,
)


def main() -> int:
    parser = bench_parser(__doc__, trials=50)
    parser.add_argument("--extra", type=int, default=300, help="generated JSONL articles")
    parser.add_argument("--nlp", action="store_true", help="run the NLP stage too (slower)")
    args = parser.parse_args()
    return trials(partial(_prepare, args), args, tally=_tally)


def _prepare(args: Namespace, work: Path) -> RunOne[Trial]:
    """One clean ingest to compare with; then each trial kills one and re-runs it."""
    paths = [str(ROOT / "samples"), str(write_feed(work / "extra.jsonl", args.extra))]
    clean_started = time.monotonic()
    reference_db = work / "reference.db"
    run(ingest_args(paths, reference_db, workers=1, nlp=args.nlp), work)
    clean_seconds = time.monotonic() - clean_started
    reference = dump(reference_db)
    rows = sum(len(r) for _, r in reference)
    print(f"clean run: {clean_seconds:.1f} s, {rows} rows in {len(reference)} tables")

    def run_one(n: int, rng: random.Random) -> tuple[Trial, str]:
        workers = 2 if n % 3 == 2 else 1
        delay = rng.uniform(0.2, clean_seconds * 1.1)
        result = trial(paths, work, reference, workers=workers, delay=delay, nlp=args.nlp)
        kill = "killed" if result.killed else "finished first"
        return result, f"workers={workers} kill at {delay:.2f} s ({kill})"

    return run_one


def _tally(results: list[Trial]) -> str:
    return f" ({sum(r.killed for r in results)} killed mid-run)"


if __name__ == "__main__":
    sys.exit(main())
