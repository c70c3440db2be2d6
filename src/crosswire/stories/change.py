"""What assigning one article to a story changes, as plain data the store can write.

The story index (:mod:`crosswire.stories.index`) decides in memory; the store
writes a :class:`StoryChange` in the same transaction as the article, so an
interrupted ingest never leaves an article without its story or a story without
its article. The store treats centroids and keys as opaque data.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Bucket number of postings of articles with no publication date.
UNDATED = -1


@dataclass(frozen=True)
class StoryState:
    """A story as the index keeps it and the store persists it.

    ``centroid`` is the sum of its articles' normalised tf-idf vectors, cut to
    the strongest terms; ``first``/``last`` are ISO dates (``None`` if undated).
    ``merged_into`` names the story a manual merge folded this one into.
    """

    id: str
    title: str
    size: int
    thread_id: str
    centroid: dict[str, float]
    first: str | None = None
    last: str | None = None
    merged_into: str | None = None


@dataclass(frozen=True)
class StoryChange:
    """One article's assignment: the story after it joined, and what the index added.

    ``how`` is ``new`` (it started the story), ``joined`` (similar enough to it)
    or ``copy`` (a duplicate or repost, put with its original). ``keys`` are the
    ``(key, bucket)`` postings the story gained; ``terms`` are the article's
    features, whose document frequencies go up by one.
    """

    article_id: str
    story: StoryState
    how: str
    keys: tuple[tuple[str, int], ...] = ()
    terms: tuple[str, ...] = ()
