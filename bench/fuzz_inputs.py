"""The full fuzz campaign: hostile inputs through every reader, the cleaners and the pipeline.

    .venv/bin/python bench/fuzz_inputs.py --examples 10000

Inputs come from ``tests/robustness/fuzzing.py`` (binary junk, mixed encodings, broken
and deeply nested HTML, huge lines, malformed JSONL and WARC, feeds, whole, truncated,
nested and bomb-like gzip). Each is read, cleaned and run through the no-NLP pipeline
(:func:`tests.robustness.fuzzing.check`). Failures are counted, not shrunk, so the run
goes on; prints counts, the slowest input, peak memory and the first failures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import traceback
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings
from tests.robustness.fuzzing import Outcome, check, examples, inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-tracemalloc", action="store_true", help="faster; RSS only")
    args = parser.parse_args()
    outcomes: list[Outcome] = []
    failures: Counter[str] = Counter()
    shown: list[str] = []

    def one(name: str, data: bytes) -> None:
        try:
            outcomes.append(check(name, data))
        except Exception as error:  # a bug: counted and kept for the report
            key = f"{type(error).__name__}: {str(error)[:120]}"
            failures[key] += 1
            if len(shown) < 5:
                shown.append(f"{name} ({len(data)} bytes): {traceback.format_exc(limit=4)}")

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def campaign(case: tuple[str, bytes]) -> None:
        one(*case)

    if not args.no_tracemalloc:
        tracemalloc.start()
    started = time.monotonic()
    for name, data in examples():
        one(name, data)
    campaign._hypothesis_internal_use_seed = args.seed  # type: ignore[attr-defined]
    campaign()
    seconds = time.monotonic() - started
    _report(outcomes, failures, shown, seconds)
    return 1 if failures else 0


def _report(
    outcomes: list[Outcome], failures: Counter[str], shown: list[str], seconds: float
) -> None:
    total = len(outcomes) + sum(failures.values())
    slowest = max((o.seconds for o in outcomes), default=0.0)
    peak = max((o.peak_bytes for o in outcomes), default=0)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{total} inputs in {seconds:.0f} s ({seconds / max(total, 1) * 1000:.0f} ms each)")
    print(
        f"results: {sum(o.articles for o in outcomes)} articles, "
        f"{sum(o.failures for o in outcomes)} Failure results (expected for bad input)"
    )
    print(
        f"slowest input {slowest:.2f} s; peak Python heap per input {peak / 1e6:.1f} MB; "
        f"max RSS {rss:.0f} MB"
    )
    print(f"failures (tracebacks, hangs, limits broken): {sum(failures.values())}")
    for key, count in failures.most_common():
        print(f"  {count} x {key}")
    for text in shown:
        print(text)


if __name__ == "__main__":
    sys.exit(main())
