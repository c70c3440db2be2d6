"""Kill -9 ``crosswire ingest`` at random moments; a re-run must give the clean run's database.

    .venv/bin/python bench/kill_ingest.py --trials 50

Each trial ingests ``samples/`` plus a generated JSONL of ``--extra`` articles into a
fresh SQLite file, SIGKILLs the process group after a random delay, re-runs the same
command to completion and compares a canonical dump of every table (rows sorted,
``seq`` and ``ingested_at`` left out) with that of one uninterrupted run. Every third
trial uses ``--workers 2``. Prints trials, identical, mismatches and time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robustness.killing import ROOT, dump, ingest_args, run, trial, write_feed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--extra", type=int, default=300, help="generated JSONL articles")
    parser.add_argument("--nlp", action="store_true", help="run the NLP stage too (slower)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths = [str(ROOT / "samples"), str(write_feed(work / "extra.jsonl", args.extra))]
        clean_started = time.monotonic()
        reference_db = work / "reference.db"
        run(ingest_args(paths, reference_db, workers=1, nlp=args.nlp), work)
        clean_seconds = time.monotonic() - clean_started
        reference = dump(reference_db)
        rows = sum(len(r) for _, r in reference)
        print(f"clean run: {clean_seconds:.1f} s, {rows} rows in {len(reference)} tables")
        identical = killed = 0
        for n in range(args.trials):
            workers = 2 if n % 3 == 2 else 1
            delay = rng.uniform(0.2, clean_seconds * 1.1)
            result = trial(paths, work, reference, workers=workers, delay=delay, nlp=args.nlp)
            identical += result.identical
            killed += result.killed
            state = "identical" if result.identical else "DIFFERENT " + "; ".join(result.problems)
            kill = "killed" if result.killed else "finished first"
            print(f"trial {n + 1}: workers={workers} kill at {delay:.2f} s ({kill}): {state}")
    print(
        f"{args.trials} trials ({killed} killed mid-run), {identical} identical, "
        f"{args.trials - identical} different; {time.monotonic() - started:.0f} s"
    )
    return 0 if identical == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
