"""The story index: assigns each new article to a story, online, at a bounded cost.

Blocking, not a scan: every story is posted under its articles' strongest
features (keys), in buckets of publication dates. A new article reads only the
postings of its own keys in the buckets around its date (and the undated
bucket), at most ``postings`` entries each, scores at most ``candidates`` of the
stories found, and joins the best if it scores above the threshold; else it
starts a story, continuing the thread of the most similar story of the last
weeks if there is one. So the cost per article depends on how many stories share
its words in its weeks, not on how many the database holds.

In memory for ``extract``; for ``ingest`` it is seeded from the store (see
:meth:`StoryIndex.seed`) and every assignment is handed back as a
:class:`~crosswire.stories.change.StoryChange` for the store to write with the article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from crosswire.config import StoryOptions
from crosswire.models import content_id
from crosswire.stories import cluster
from crosswire.stories.change import UNDATED, StoryChange, StoryState
from crosswire.stories.features import Features, day_of


def story_id(first_article_id: str) -> str:
    """The id of the story an article starts: derived from it, so re-runs agree."""
    return content_id("story", first_article_id)


@dataclass
class _Story:
    """A story while the index works on it (mutable; snapshots are :class:`StoryState`)."""

    id: str
    title: str
    thread_id: str
    size: int = 0
    centroid: cluster.Vector = field(default_factory=dict)
    length: float = 0.0
    first: int | None = None
    last: int | None = None
    keys: set[tuple[str, int]] = field(default_factory=set)
    #: Whether ``title`` is an article's own title (not the start of a body standing in).
    named: bool = True

    def state(self) -> StoryState:
        return StoryState(
            id=self.id,
            title=self.title,
            size=self.size,
            thread_id=self.thread_id,
            centroid=dict(self.centroid),
            first=_iso(self.first),
            last=_iso(self.last),
        )


def _iso(day: int | None) -> str | None:
    return None if day is None else dt.date.fromordinal(day).isoformat()


class StoryIndex:
    """Stories seen so far, their blocking postings and the document frequencies."""

    def __init__(self, options: StoryOptions | None = None, *, record: bool = False) -> None:
        """``record``: keep each assignment's :class:`StoryChange` until :meth:`change`
        takes it (for a store to write; off for ``extract``, where nobody would)."""
        self.options = options or StoryOptions()
        self.record = record
        self.df: Counter[str] = Counter()
        self.docs = 0
        self.stories: dict[str, _Story] = {}
        self.postings: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.article_story: dict[str, str] = {}
        self.merged: dict[str, str] = {}
        self.latest: int | None = None
        self._changes: dict[str, StoryChange] = {}

    def story_of(self, article_id: str) -> str | None:
        """The story an indexed article is in (following manual merges)."""
        found = self.article_story.get(article_id)
        return None if found is None else self._resolve(found)

    def assign(
        self,
        article_id: str,
        features: Features,
        *,
        title: str,
        named: bool = True,
        copy_of: str | None = None,
    ) -> str:
        """Put the article in a story and return its id (the same id again if already indexed).

        ``title`` names a new story; ``named`` False says it is not the article's own
        title but a stand-in, which a later article's title replaces."""
        if article_id in self.article_story:
            return self.story_of(article_id) or ""
        self.docs += 1
        self.df.update(features.weights.keys())
        vector = cluster.vectorize(features.weights, self.df, self.docs)
        keys = cluster.keys(vector, self.options.keys)
        original = self.story_of(copy_of) if copy_of else None
        how = "copy" if original is not None else "joined"
        story = self.stories.get(original or "") or self._best(vector, keys, features.day)
        if story is None:
            story, how = self._start(article_id, vector, keys, features.day), "new"
        added = self._grow(story, vector, keys, features.day)
        if (named and not story.named) or not story.title:
            story.title, story.named = title, named
        self.article_story[article_id] = story.id
        if features.day is not None:
            self.latest = max(self.latest or features.day, features.day)
        if self.record:
            self._changes[article_id] = StoryChange(
                article_id=article_id,
                story=story.state(),
                how=how,
                keys=tuple(added),
                terms=tuple(features.weights),
            )
        return story.id

    def change(self, article_id: str) -> StoryChange | None:
        """What assigning ``article_id`` changed, for the store (handed out once)."""
        return self._changes.pop(article_id, None)

    def _best(self, vector: cluster.Vector, keys: list[str], day: int | None) -> _Story | None:
        """The story the article joins, or ``None`` if none is similar enough."""
        options = self.options
        best: tuple[float, str] | None = None
        for story in self._candidates(keys, day, options.window_days):
            days = cluster.gap(day, story.first, story.last)
            if days > options.window_days:
                continue
            similarity = cluster.cosine(vector, story.centroid, story.length)
            value = cluster.score(similarity, days, half_life=options.half_life)
            if value >= options.threshold and (best is None or (value, story.id) > best):
                best = (value, story.id)
        return None if best is None else self.stories[best[1]]

    def _start(
        self, article_id: str, vector: cluster.Vector, keys: list[str], day: int | None
    ) -> _Story:
        """A new story, in the thread of the most similar recent story if any."""
        new_id = story_id(article_id)
        thread = new_id
        best = self.options.thread_threshold
        for story in self._candidates(keys, day, self.options.thread_days):
            similarity = cluster.cosine(vector, story.centroid, story.length)
            if similarity >= best:
                best, thread = similarity, story.thread_id
        story = _Story(id=new_id, title="", thread_id=thread, named=False)
        self.stories[new_id] = story
        return story

    def _candidates(self, keys: list[str], day: int | None, days: int) -> list[_Story]:
        """Stories posted under ``keys`` near ``day``, most keys shared first (bounded)."""
        shared: Counter[str] = Counter()
        scan = self.options.postings
        for bucket in self._buckets(day, days):
            for key in keys:
                for found in self.postings.get((key, bucket), [])[-scan:]:
                    shared[self._resolve(found)] += 1
        top = shared.most_common(self.options.candidates)
        return [self.stories[story_id] for story_id, _ in top if story_id in self.stories]

    def _buckets(self, day: int | None, days: int) -> list[int]:
        """Date buckets within ``days`` of ``day``; an undated article looks near the newest."""
        around = day if day is not None else self.latest
        if around is None:
            return [UNDATED]
        width = self.options.bucket_days
        return [UNDATED, *range((around - days) // width, (around + days) // width + 1)]

    def _grow(
        self, story: _Story, vector: cluster.Vector, keys: list[str], day: int | None
    ) -> list[tuple[str, int]]:
        """Add the article to ``story``; returns the postings it gained."""
        story.size += 1
        story.centroid = cluster.add(story.centroid, vector, keep=self.options.centroid_terms)
        story.length = cluster.norm(story.centroid)
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
        bucket = UNDATED if day is None else day // self.options.bucket_days
        added = [(key, bucket) for key in keys if (key, bucket) not in story.keys]
        for posting in added:
            story.keys.add(posting)
            self.postings[posting].append(story.id)
        return added

    def _resolve(self, found: str) -> str:
        """The story ``found`` is now, after manual merges."""
        seen = 0
        while found in self.merged and seen < 100:  # a loop would be a bug; do not hang on it
            found, seen = self.merged[found], seen + 1
        return found

    def seed(
        self,
        *,
        stories: Iterable[StoryState],
        keys: Iterable[tuple[str, int, str]],
        articles: Iterable[tuple[str, str]],
        terms: Iterable[tuple[str, int]],
    ) -> None:
        """Load what the store persisted: stories, ``(key, bucket, story)`` postings,
        ``(article, story)`` links and ``(term, df)`` document frequencies."""
        for state in stories:
            if state.merged_into:
                self.merged[state.id] = state.merged_into
                continue
            first, last = day_of(state.first), day_of(state.last)
            self.stories[state.id] = _Story(
                id=state.id,
                title=state.title,
                thread_id=state.thread_id,
                size=state.size,
                centroid=dict(state.centroid),
                length=cluster.norm(state.centroid),
                first=first,
                last=last,
            )
            if last is not None:
                self.latest = max(self.latest or last, last)
        for key, bucket, owner in keys:
            self.postings[(key, bucket)].append(owner)
            if owner in self.stories:
                self.stories[owner].keys.add((key, bucket))
        for article_id, owner in articles:
            self.article_story[article_id] = owner
            self.docs += 1
        self.df.update(dict(terms))
