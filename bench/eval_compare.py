"""Sanity figures for the story comparison on AllSides stories (three outlets each).

There is no gold claim alignment, so two proxies are reported: claims reported by
two or more outlets within real stories (how much the merging finds), and the same
count on shuffled triples whose three excerpts come from three different stories
(a control: every cross-outlet claim there is a false merge). Also: time per
comparison and how many outlets have a profile.

    .venv/bin/python bench/eval_compare.py --limit 60      # runs the full pipeline (NLP)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Sequence
from pathlib import Path

from crosswire.config import Settings
from crosswire.models import Article, RawItem
from crosswire.pipeline import Pipeline
from crosswire.stories.compare import compare_articles
from crosswire.stories.outlets import Profiles, load_profiles

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CROSSWIRE_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data" / "stories-dev" / "allsides_roundups_2021-10-19.jsonl"
SIDES = ("left", "center", "right")


def load(limit: int, seed: int) -> list[dict[str, RawItem]]:
    """``limit`` random stories (seeded) with all three sides, as raw items."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    stories = []
    for n in sorted(random.Random(seed).sample(range(len(lines)), min(limit, len(lines)))):
        story = json.loads(lines[n])
        if set(story["news"]) != set(SIDES):
            continue
        items = {}
        for side, news in story["news"].items():
            items[side] = RawItem(
                source=f"{DATA.name}:{n + 1}:{side}",
                input_id=f"{n}-{side}",
                content="\n\n".join(news["newBody"]),
                kind="text",
                url=news["newsLink"],
                outlet=news["newsSource"],
                title=news["newsTitle"],
                published=story["date"][:10],
            )
        stories.append(items)
    return stories


def shared_claims(
    groups: Sequence[Sequence[Article]], profiles: Profiles
) -> tuple[int, int, float, int, int]:
    """(claims, claims reported by 2+ outlets, seconds, outlets with a profile, outlets)."""
    claims = shared = profiled = outlets = 0
    seconds = 0.0
    for group in groups:
        start = time.perf_counter()
        comparison = compare_articles(group, profiles=profiles)
        seconds += time.perf_counter() - start
        claims += len(comparison.claims)
        shared += sum(1 for c in comparison.claims if len(c.reported_by) >= 2)
        outlets += len(comparison.outlets)
        profiled += sum(1 for o in comparison.outlets if o.profile is not None)
    return claims, shared, seconds, profiled, outlets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="stories to sample")
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    pipeline = Pipeline.from_settings(Settings())
    stories = []
    for items in load(args.limit, args.seed):
        done = [r for r in pipeline.pipe(iter(items.values())) if isinstance(r, Article)]
        if len(done) == len(SIDES):
            stories.append(done)
    shuffled = [
        [stories[(i + k) % len(stories)][k] for k in range(len(SIDES))] for i in range(len(stories))
    ]
    profiles = load_profiles()
    for name, groups in (("same story", stories), ("shuffled (control)", shuffled)):
        claims, shared, seconds, profiled, outlets = shared_claims(groups, profiles)
        print(
            f"{name}: {len(groups)} triples, {claims} claims, {shared} reported by 2+ outlets "
            f"({shared / len(groups):.2f} per story), {seconds / len(groups) * 1000:.0f} ms "
            f"per comparison, profiles for {profiled}/{outlets} outlets"
        )


if __name__ == "__main__":
    main()
