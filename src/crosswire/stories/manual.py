"""The story index's side of manual edits: a merged story's state, a split story's rebuild."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from crosswire.config import StoryOptions
from crosswire.models import Article
from crosswire.stories import cluster
from crosswire.stories.change import UNDATED, StoryState
from crosswire.stories.features import features
from crosswire.stories.stage import title_of


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(x for x in (a, b) if x) if a or b else None


def _latest(a: str | None, b: str | None) -> str | None:
    return max(x for x in (a, b) if x) if a or b else None


def combine(options: StoryOptions) -> Callable[[StoryState, StoryState], StoryState]:
    """How to merge two stories' states: centroids add up, date ranges join, the first
    story keeps its id, title and thread."""

    def merged(target: StoryState, other: StoryState) -> StoryState:
        return replace(
            target,
            size=target.size + other.size,
            centroid=cluster.add(target.centroid, other.centroid, keep=options.centroid_terms),
            first=_earliest(target.first, other.first),
            last=_latest(target.last, other.last),
            title=target.title or other.title,
            merged_into=None,
        )

    return merged


def rebuild(
    options: StoryOptions,
) -> Callable[
    [str, str, str, Sequence[Article], Callable[[set[str]], dict[str, int]], int],
    tuple[StoryState, list[tuple[str, int]]],
]:
    """How to recompute a story from its articles (after a split): centroid and postings
    from their features, with the document frequencies as they are now."""

    def rebuilt(
        story_id: str,
        title: str,
        thread_id: str,
        articles: Sequence[Article],
        frequencies: Callable[[set[str]], dict[str, int]],
        docs: int,
    ) -> tuple[StoryState, list[tuple[str, int]]]:
        found = [features(article) for article in articles]
        df = frequencies({term for f in found for term in f.weights})
        centroid: cluster.Vector = {}
        keys: set[tuple[str, int]] = set()
        for f in found:
            vector = cluster.vectorize(f.weights, df, docs)
            centroid = cluster.add(centroid, vector, keep=options.centroid_terms)
            bucket = UNDATED if f.day is None else f.day // options.bucket_days
            keys.update((key, bucket) for key in cluster.keys(vector, options.keys))
        days = sorted(f.day for f in found if f.day is not None)
        dates = [dt.date.fromordinal(day).isoformat() for day in days]
        state = StoryState(
            id=story_id,
            title=title or (title_of(articles[0]) if articles else ""),
            size=len(articles),
            thread_id=thread_id,
            centroid=centroid,
            first=dates[0] if dates else None,
            last=dates[-1] if dates else None,
        )
        return state, sorted(keys)

    return rebuilt
