"""The full fuzz campaign: hostile inputs through every reader, the cleaners and the pipeline.

    .venv/bin/python bench/fuzz_inputs.py --examples 10000

Inputs come from ``tests/robustness/fuzzing.py`` (binary junk, mixed encodings, broken
and deeply nested HTML, huge lines, malformed JSONL and WARC, feeds, whole, truncated,
nested and bomb-like gzip). Each is read, cleaned and run through the no-NLP pipeline
(:func:`tests.robustness.fuzzing.check`). Failures are counted, not shrunk, so the run
goes on; prints counts, the slowest input, peak memory and the first failures.

A long campaign runs in shards, one process each (in turn or side by side), then sums:

    for i in 0 1 2 3; do
        .venv/bin/python bench/fuzz_inputs.py --examples 10000 --shard $i/4 --json s$i.json
    done
    .venv/bin/python bench/fuzz_inputs.py --sum s0.json s1.json s2.json s3.json

Shard ``i/n`` runs ``examples / n`` inputs drawn with seed ``seed * n + i`` (so shards
draw different inputs), and only shard 0 runs the hand-picked regression inputs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import traceback
import tracemalloc
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings
from tests.robustness.fuzzing import Hang, check, examples, inputs

#: Failures shown whole (with a traceback) in a report.
SHOWN = 5


@dataclass
class Report:
    """What a run (or several summed) did; sums by :meth:`add`, saved as JSON."""

    runs: list[str] = field(default_factory=list)
    inputs: int = 0
    articles: int = 0
    failure_results: int = 0
    #: Broken properties (escaped exceptions, hangs, limits crossed) by kind.
    failures: dict[str, int] = field(default_factory=dict)
    hangs: int = 0
    #: CPU seconds of the slowest input (what the per-input limit is on), and which it was.
    slowest_seconds: float = 0.0
    slowest_input: str = ""
    slowest_wall_seconds: float = 0.0
    peak_bytes: int = 0
    max_rss_mb: float = 0.0
    seconds: float = 0.0
    shown: list[str] = field(default_factory=list)

    def add(self, other: Report) -> None:
        """Sum ``other`` into this report (maxima stay maxima)."""
        self.runs += other.runs
        self.inputs += other.inputs
        self.articles += other.articles
        self.failure_results += other.failure_results
        self.failures = dict(Counter(self.failures) + Counter(other.failures))
        self.hangs += other.hangs
        if other.slowest_seconds > self.slowest_seconds:
            self.slowest_seconds, self.slowest_input = other.slowest_seconds, other.slowest_input
        self.slowest_wall_seconds = max(self.slowest_wall_seconds, other.slowest_wall_seconds)
        self.peak_bytes = max(self.peak_bytes, other.peak_bytes)
        self.max_rss_mb = max(self.max_rss_mb, other.max_rss_mb)
        self.seconds += other.seconds
        self.shown = (self.shown + other.shown)[:SHOWN]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="inputs in all shards")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shard", default="0/1", help="I/N: run the I-th of N shards")
    parser.add_argument("--json", type=Path, help="also write this run's report here")
    parser.add_argument("--sum", nargs="+", type=Path, metavar="JSON", help="sum saved reports")
    parser.add_argument("--no-tracemalloc", action="store_true", help="faster; RSS only")
    args = parser.parse_args()
    if args.sum:
        total = Report()
        for path in args.sum:
            total.add(Report(**json.loads(path.read_text())))
        _print(total)
        return 1 if total.failures else 0
    index, count = (int(part) for part in args.shard.split("/"))
    if not 0 <= index < count:
        parser.error(f"--shard {args.shard}: I must be in 0..N-1")
    report = _campaign(
        count=-(-args.examples // count),
        seed=args.seed * count + index,
        hand_picked=index == 0,
        trace=not args.no_tracemalloc,
    )
    report.runs = [f"shard {index}/{count} seed {args.seed * count + index}"]
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=1))
    _print(report)
    return 1 if report.failures else 0


def _campaign(*, count: int, seed: int, hand_picked: bool, trace: bool) -> Report:
    report = Report()
    failures: Counter[str] = Counter()

    def one(name: str, data: bytes) -> None:
        report.inputs += 1
        try:
            outcome = check(name, data)
        except Exception as error:  # a bug: counted and kept for the report
            report.hangs += isinstance(error, Hang)
            failures[f"{type(error).__name__}: {str(error)[:120]}"] += 1
            if len(report.shown) < SHOWN:
                report.shown.append(f"{_describe(name, data)}: {traceback.format_exc(limit=4)}")
            return
        report.articles += outcome.articles
        report.failure_results += outcome.failures
        report.peak_bytes = max(report.peak_bytes, outcome.peak_bytes)
        report.slowest_wall_seconds = max(report.slowest_wall_seconds, outcome.wall_seconds)
        if outcome.seconds > report.slowest_seconds:
            report.slowest_seconds, report.slowest_input = outcome.seconds, _describe(name, data)

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def campaign(case: tuple[str, bytes]) -> None:
        one(*case)

    if trace:
        tracemalloc.start()
    started = time.monotonic()
    for name, data in examples() if hand_picked else ():
        one(name, data)
    campaign._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]
    campaign()
    report.seconds = time.monotonic() - started
    report.failures = dict(failures)
    report.max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report


def _describe(name: str, data: bytes) -> str:
    """Enough of an input to recognise it: its name, size and first bytes."""
    return f"{name} ({len(data):,} bytes, starting {data[:40]!r})"


def _print(report: Report) -> None:
    seconds, total = report.seconds, report.inputs
    print(f"runs: {'; '.join(report.runs)}")
    each = seconds / max(total, 1) * 1000
    print(f"{total} inputs in {seconds:.0f} s of wall time ({each:.0f} ms each)")
    print(
        f"results: {report.articles} articles, "
        f"{report.failure_results} Failure results (expected for bad input)"
    )
    print(f"slowest input {report.slowest_seconds:.2f} CPU s: {report.slowest_input}")
    print(f"longest wall time of one input {report.slowest_wall_seconds:.2f} s")
    print(
        f"peak Python heap per input {report.peak_bytes / 1e6:.1f} MB; "
        f"max RSS {report.max_rss_mb:.0f} MB"
    )
    print(
        f"failures (tracebacks, hangs, limits broken): {sum(report.failures.values())}"
        f" ({report.hangs} hangs)"
    )
    for key, count in Counter(report.failures).most_common():
        print(f"  {count} x {key}")
    for text in report.shown:
        print(text)


if __name__ == "__main__":
    sys.exit(main())
