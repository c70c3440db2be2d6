"""Story clustering cost per article as the index grows to 1k, 10k and 100k articles.

Synthetic news: stories of 1-4 articles drawn from a 20,000-word vocabulary (Zipf-like)
with a few story-specific words each, published at a steady 150 articles a day, so the
index grows with time as a real archive does. The cost per article is timed over
the 1,000 articles after each size is reached (CPU time of this process, so that other
work on the machine does not count).

    .venv/bin/python bench/bench_stories.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Iterator, Sequence

from crosswire.config import StoryOptions
from crosswire.stories.features import Features
from crosswire.stories.index import StoryIndex

VOCABULARY = [f"w{n}" for n in range(20_000)]
PER_DAY = 150
START = dt.date(2024, 1, 1).toordinal()


def synthetic(seed: int = 1) -> Iterator[Features]:
    """An endless stream of articles: each story's 1-4 reports share its own words."""
    rng = random.Random(seed)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))
    made = 0
    while True:
        story_words = rng.sample(VOCABULARY[2000:], 8)
        for _ in range(rng.randint(1, 4)):
            common = rng.choices(VOCABULARY, cum_weights=cumulative, k=60)
            mine = rng.sample(story_words, 6)
            counts: dict[str, float] = {}
            for word in common + mine + mine:
                counts[word] = counts.get(word, 0.0) + 1.0
            yield Features(weights=counts, day=START + made // PER_DAY)
            made += 1


def run(sizes: Sequence[int], window: int = 1000) -> list[tuple[int, float]]:
    """Milliseconds per article over the ``window`` articles after each size."""
    index = StoryIndex(StoryOptions())
    stream = synthetic()
    results: list[tuple[int, float]] = []
    done = 0
    for size in sorted(sizes):
        while done < size:
            index.assign(f"a{done}", next(stream), title="t")
            done += 1
        batch = [next(stream) for _ in range(window)]  # made outside the timing
        started = time.process_time()
        for features in batch:
            index.assign(f"a{done}", features, title="t")
            done += 1
        results.append((size, (time.process_time() - started) * 1000 / window))
        print(
            f"{size:>7} articles indexed: {results[-1][1]:.2f} ms CPU per new article", flush=True
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args(argv)
    run(args.sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
