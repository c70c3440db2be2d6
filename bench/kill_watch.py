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

import random
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.robustness.killing import RunOne, bench_parser, trials
from tests.robustness.killing_watch import FeedSite, Trial, reference, serving, trial


def main() -> int:
    parser = bench_parser(__doc__, trials=20)
    parser.add_argument("--entries", type=int, default=96, help="feed entries")
    parser.add_argument("--hosts", type=int, default=12, help="loopback hosts for the pages")
    args = parser.parse_args()
    with serving(args.entries, args.hosts) as site:
        return trials(partial(_prepare, site), args, tally=_tally)


def _prepare(site: FeedSite, work: Path) -> RunOne[Trial]:
    """One uninterrupted watch to compare with; then each trial kills and restarts one."""
    ref = reference(site, work)
    rows = sum(len(r) for _, r in ref.rows)
    print(f"uninterrupted watch: first poll after {ref.seconds:.1f} s, {rows} rows")
    print(f"  {ref.first}\n  {ref.steady}")

    def run_one(n: int, rng: random.Random) -> tuple[Trial, str]:
        delays = [rng.uniform(0.5, ref.seconds * 1.1) for _ in range(rng.randint(1, 3))]
        result = trial(site, work, ref, delays)
        at = ", ".join(f"{d:.1f}" for d in delays)
        return result, f"killed at {at} s ({result.mid_poll} mid-poll), {result.seconds:.0f} s"

    return run_one


def _tally(results: list[Trial]) -> str:
    kills = sum(len(r.delays) for r in results)
    mid_poll = sum(r.mid_poll for r in results)
    return f", {kills} kills ({mid_poll} mid-poll, {kills - mid_poll} after the first poll)"


if __name__ == "__main__":
    sys.exit(main())
