"""Story clustering quality on the AllSides roundups: B-cubed and pairwise P/R/F1.

Each line of ``../shared/data/stories-dev/allsides_roundups_2021-10-19.jsonl`` is
one story told by up to three outlets; its excerpts are the gold cluster. The
excerpts carry no date of their own: each gets its line's ``date`` as its
publication date. Articles go through the stories stage one at a time in date
order (oldest first; within a day, in file order), as an ingest would see them.

    .venv/bin/python bench/eval_stories.py            # text only (as with --no-nlp)
    .venv/bin/python bench/eval_stories.py --nlp      # with actors and events (slow)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from crosswire.config import Settings, StoryOptions
from crosswire.models import Article, content_id
from crosswire.stories.stage import StoryStage

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"


@dataclass(frozen=True)
class Scores:
    """B-cubed and pairwise precision, recall and F1 of a clustering against gold."""

    b3_precision: float
    b3_recall: float
    b3_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float
    clusters: int
    gold: int


def load(path: Path = DATA) -> list[tuple[Article, str]]:
    """Every excerpt as an article, with its gold story (the line's id), oldest first."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    order = sorted(range(len(lines)), key=lambda n: lines[n]["date"])
    out: list[tuple[Article, str]] = []
    for n in order:
        line = lines[n]
        for side in ("left", "center", "right"):
            news = line.get("news", {}).get(side)
            if not news or not news.get("newBody"):
                continue
            body = "\n".join(p.strip() for p in news["newBody"] if p.strip())
            article = Article(
                id=content_id("allsides", str(line["id"]), side),
                input_id=news.get("newsLink") or f"{line['id']}:{side}",
                source=f"{path.name}:{n + 1}:{side}",
                raw_kind="text",
                raw=body,
                url=news.get("newsLink"),
                outlet=news.get("newsSource"),
                title=news.get("newsTitle"),
                published=line["date"],
                body=body,
            )
            out.append((article, str(line["id"])))
    return out


def f1(p: float, r: float) -> float:
    """Harmonic mean (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed (per item, averaged) and pairwise scores of ``predicted`` against ``gold``."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        by_pred[cluster].add(item)
    for item, cluster in gold.items():
        by_gold[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    n = len(gold)
    pairs_pred = sum(len(c) * (len(c) - 1) // 2 for c in by_pred.values())
    pairs_gold = sum(len(c) * (len(c) - 1) // 2 for c in by_gold.values())
    pairs_both = sum(
        len(a & b) * (len(a & b) - 1) // 2
        for a in by_pred.values()
        for b in _meeting(a, gold, by_gold)
    )
    pp = pairs_both / pairs_pred if pairs_pred else 1.0
    pr = pairs_both / pairs_gold if pairs_gold else 1.0
    return Scores(
        precision / n,
        recall / n,
        f1(precision / n, recall / n),
        pp,
        pr,
        f1(pp, pr),
        len(by_pred),
        len(by_gold),
    )


def _meeting(
    items: set[str], gold: Mapping[str, str], by_gold: Mapping[str, set[str]]
) -> Iterable[set[str]]:
    """The gold clusters that share an item with ``items``."""
    return [by_gold[g] for g in {gold[i] for i in items}]


def cluster(articles: Sequence[Article], options: StoryOptions) -> dict[str, str]:
    """Article id -> story id, each article assigned in turn by the stories stage."""
    stage = StoryStage(Settings(nlp=False, stories=options))
    return {a.id: stage(a).story_id or "" for a in articles}


def with_nlp(articles: Sequence[Article]) -> list[Article]:
    """The articles after crosswire's NLP stage (actors and events)."""
    from crosswire.nlp.stage import NlpStage

    stage = NlpStage(Settings())
    done: list[Article] = []
    for start in range(0, len(articles), 32):
        for result in stage.pipe(list(articles[start : start + 32])):
            if not isinstance(result, Article):
                raise SystemExit(f"NLP failed: {result}")
            done.append(result)
    return done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlp", action="store_true", help="add actors and events (slow)")
    parser.add_argument("--threshold", type=float, help="override StoryOptions.threshold")
    parser.add_argument("--half-life", type=float, help="override StoryOptions.half_life")
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    pairs = load()
    articles = [a for a, _ in pairs]
    gold = {a.id: g for a, g in pairs}
    if args.nlp:
        articles = with_nlp(articles)
    options = StoryOptions()
    if args.threshold is not None:
        options = replace(options, threshold=args.threshold)
    if args.half_life is not None:
        options = replace(options, half_life=args.half_life)
    started = time.perf_counter()
    predicted = cluster(articles, options)
    took = time.perf_counter() - started
    s = scores(predicted, gold)
    print(
        f"{len(articles)} articles, {s.gold} gold stories, {s.clusters} predicted "
        f"({'with' if args.nlp else 'no'} NLP)"
    )
    print(f"B-cubed   P {s.b3_precision:.3f}  R {s.b3_recall:.3f}  F1 {s.b3_f1:.3f}")
    print(f"pairwise  P {s.pair_precision:.3f}  R {s.pair_recall:.3f}  F1 {s.pair_f1:.3f}")
    print(f"clustering: {took * 1000 / len(articles):.2f} ms per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
