"""Speed-up from 1 to N worker processes, memory per worker, and Spark local[N] against local.

Runs the real pipeline (crosswire.scale.workers.ParallelPipeline: per-article stages
in worker processes, dedup and stories in order in this one) over news text and
prints articles/second, words/second per core, and the peak resident memory of the
largest worker. Usage:

    python bench/bench_scale.py [--limit 600] [--workers 1,2] [--modes clean,full] [--spark]

The corpus: the AllSides news excerpts of ../shared/data/stories-dev, the three
excerpts of one roundup joined into one article of a few hundred words (typical
news length; single excerpts are ~90 words, so per-article overheads would dominate).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
ALLSIDES = SHARED / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"
sys.path.insert(0, str(REPO / "src"))

from crosswire.config import Settings  # noqa: E402
from crosswire.ingest import read_inputs  # noqa: E402
from crosswire.models import Article  # noqa: E402
from crosswire.pipeline import load_stage  # noqa: E402
from crosswire.scale.workers import ParallelPipeline, pooled_stages  # noqa: E402


def write_corpus(folder: Path, limit: int) -> Path:
    """One JSONL article per roundup: its excerpts joined (a few hundred words of news)."""
    feed = folder / "news.jsonl"
    with ALLSIDES.open() as source, feed.open("w") as out:
        for n, line in enumerate(source):
            if n >= limit:
                break
            story = json.loads(line)
            paragraphs = [p for item in story["news"].values() for p in item.get("newBody", [])]
            record = {"id": str(n), "outlet": "bench", "published": story.get("date"),
                      "text": "\n\n".join(paragraphs)}  # fmt: skip
            out.write(json.dumps(record) + "\n")
    return feed


def run(feed: Path, *, workers: int, nlp: bool) -> dict[str, float]:
    """One pass over the corpus; the time includes starting the workers and loading models."""
    settings = Settings(nlp=nlp)
    pooled = pooled_stages(settings.stages)
    local = [load_stage(n, settings) for n in settings.stages if n not in pooled]
    pipeline = ParallelPipeline(settings, pooled=pooled, local=local, workers=workers)
    start = time.perf_counter()
    articles = words = 0
    for result in pipeline.pipe(read_inputs([str(feed)], settings=settings)):
        if isinstance(result, Article):
            articles += 1
            words += len(result.body.split())
    seconds = time.perf_counter() - start
    # The largest worker process so far (KiB on Linux): workers are this process's children.
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "workers": workers,
        "articles": articles,
        "seconds": round(seconds, 1),
        "articles_per_s": round(articles / seconds, 2),
        "articles_per_s_per_core": round(articles / seconds / workers, 2),
        "words_per_article": round(words / max(articles, 1)),
        "words_per_s": round(words / seconds),
        "largest_worker_peak_mib": round(worker_peak),
    }


def run_spark(feed: Path, *, workers: int, nlp: bool) -> dict[str, float]:
    """The same corpus through spark_extract on local[workers] (session start included)."""
    from crosswire.scale.spark import local_session, spark_extract

    start = time.perf_counter()
    session = local_session(f"local[{workers}]", app_name="crosswire-bench")
    with tempfile.TemporaryDirectory() as tmp:
        # Split the corpus so Spark has one file per task slot to spread.
        parts = _split(feed, Path(tmp), workers * 4)
        report = spark_extract(session, parts, str(Path(tmp) / "out"), settings=Settings(nlp=nlp))
    session.stop()
    seconds = time.perf_counter() - start
    return {
        "spark": f"local[{workers}]",
        "articles": report.articles,
        "seconds": round(seconds, 1),
        "articles_per_s": round(report.articles / seconds, 2),
    }


def _split(feed: Path, folder: Path, parts: int) -> list[str]:
    lines = feed.read_text().splitlines(keepends=True)
    paths = []
    for n in range(parts):
        path = folder / f"part-{n:03d}.jsonl"
        path.write_text("".join(lines[n::parts]))
        paths.append(str(path))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="roundups (articles) to use")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--modes", default="clean,full", help="clean (no NLP) and/or full")
    parser.add_argument("--spark", action="store_true", help="also time Spark local[N]")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        feed = write_corpus(Path(tmp), args.limit)
        for mode in args.modes.split(","):
            nlp = mode == "full"
            for workers in counts:
                print(json.dumps({"mode": mode, **run(feed, workers=workers, nlp=nlp)}))
            if args.spark:
                print(json.dumps({"mode": mode, **run_spark(feed, workers=max(counts), nlp=nlp)}))


if __name__ == "__main__":
    main()
