"""Kill -9 ``crosswire watch`` at random moments; after a restart, the database is as if unbroken.

    .venv/bin/python bench/kill_watch.py --trials 20

A local feed of ``--entries`` items on ``--hosts`` loopback hosts (some pages missing,
some reposts) is watched once without interruption into a fresh SQLite file. Each
trial then starts ``crosswire watch`` on a fresh file and SIGKILLs its process group
after a random delay, one to three times, restarts it, waits for it to catch up and
poll once more, stops it with SIGTERM and compares the canonical dump of every table
and that second poll's line with the uninterrupted watch's. Prints trials, identical,
mismatches, kills that hit a poll in progress, and time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robustness.killing_watch import reference, serving, trial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--entries", type=int, default=96, help="feed entries")
    parser.add_argument("--hosts", type=int, default=12, help="loopback hosts for the pages")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder, serving(args.entries, args.hosts) as site:
        work = Path(folder)
        ref = reference(site, work)
        rows = sum(len(r) for _, r in ref.rows)
        print(f"uninterrupted watch: first poll after {ref.seconds:.1f} s, {rows} rows")
        print(f"  {ref.first}\n  {ref.steady}")
        identical = kills = mid_poll = 0
        for n in range(args.trials):
            delays = [rng.uniform(0.5, ref.seconds * 1.1) for _ in range(rng.randint(1, 3))]
            result = trial(site, work, ref, delays)
            identical += result.identical
            kills += len(delays)
            mid_poll += result.mid_poll
            state = "identical" if result.identical else "DIFFERENT " + "; ".join(result.problems)
            at = ", ".join(f"{d:.1f}" for d in delays)
            print(
                f"trial {n + 1}: killed at {at} s ({result.mid_poll} mid-poll), "
                f"{result.seconds:.0f} s: {state}",
                flush=True,
            )
    print(
        f"{args.trials} trials, {kills} kills ({mid_poll} mid-poll, {kills - mid_poll} after the "
        f"first poll), {identical} identical, {args.trials - identical} different; "
        f"{time.monotonic() - started:.0f} s"
    )
    return 0 if identical == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
