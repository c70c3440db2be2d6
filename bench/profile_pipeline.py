"""Where the time of the whole pipeline goes, per stage and per spaCy component.

Runs each stage over the same articles (news text: the AllSides excerpts of one
roundup joined, a few hundred words each) and, inside the NLP stage, each spaCy
component, actor resolution and event extraction separately. Shares of the total
are what to read: on a busy machine absolute times grow, shares hardly move.

    python bench/profile_pipeline.py [--limit 100]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from bench_scale import write_corpus  # noqa: E402
from crosswire.config import Settings  # noqa: E402
from crosswire.ingest import read_inputs  # noqa: E402
from crosswire.models import Article, RawItem  # noqa: E402
from crosswire.nlp.actors import resolve_actors  # noqa: E402
from crosswire.nlp.events import extract_events  # noqa: E402
from crosswire.nlp.stage import MAX_CHARS, NlpStage  # noqa: E402
from crosswire.pipeline import load_stage  # noqa: E402


def profile(articles: list[Article], stage: NlpStage) -> dict[str, float]:
    """Seconds per spaCy component, actor resolution and event extraction."""
    spent: dict[str, float] = defaultdict(float)
    for article in articles:
        start = time.perf_counter()
        doc = stage.nlp.make_doc(article.body[:MAX_CHARS])
        spent["spacy: tokenizer"] += time.perf_counter() - start
        for name, component in stage.nlp.pipeline:
            start = time.perf_counter()
            doc = component(doc)
            spent[f"spacy: {name}"] += time.perf_counter() - start
        start = time.perf_counter()
        actors = resolve_actors(doc, published=article.published, kb=stage.kb)
        spent["crosswire: actors"] += time.perf_counter() - start
        start = time.perf_counter()
        extract_events(doc, actors, published=article.published, outlet=article.outlet)
        spent["crosswire: events"] += time.perf_counter() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=100, help="articles (roundups) to use")
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        feed = write_corpus(Path(tmp), args.limit)
        items = [i for i in read_inputs([str(feed)], settings=settings) if isinstance(i, RawItem)]
    batch: list[Article] = [Article.from_raw(i) for i in items]
    spent: dict[str, float] = {}
    nlp_stage: NlpStage | None = None
    for name in settings.stages:
        stage = load_stage(name, settings)
        start = time.perf_counter()
        results = stage.pipe(batch)
        spent[f"stage {name}"] = time.perf_counter() - start
        batch = [r for r in results if isinstance(r, Article)]
        if isinstance(stage, NlpStage):
            nlp_stage = stage
    words = sum(len(a.body.split()) for a in batch)
    total = sum(spent.values())
    report = {
        "articles": len(batch),
        "words": words,
        "seconds": round(total, 2),
        "articles_per_s": round(len(batch) / total, 2),
        "words_per_s": round(words / total),
    }
    print(json.dumps(report))
    for name, seconds in spent.items():
        print(f"{name:40s} {seconds:8.2f} s {seconds / total:6.1%}")
    if nlp_stage is not None:
        inside = profile(batch, nlp_stage)
        nlp_total = sum(inside.values())
        print(f"\ninside crosswire.nlp.v1 (one article at a time): {nlp_total:.2f} s")
        for name, seconds in sorted(inside.items(), key=lambda kv: -kv[1]):
            print(f"  {name:38s} {seconds:8.2f} s {seconds / nlp_total:6.1%}")


if __name__ == "__main__":
    main()
