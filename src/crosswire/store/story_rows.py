"""Writing stories: an article's assignment, and the story index's persisted state.

Everything here runs on the caller's connection, inside the transaction that
stores the article (or performs a manual merge or split), so the stories, the
links, the postings and the frequencies always agree with the stored articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from crosswire.store.rows import CHUNK
from crosswire.store.schema import stories, story_articles, story_keys, story_terms
from crosswire.store.text import storable
from crosswire.stories.change import StoryChange, StoryState


def story_values(state: StoryState) -> dict[str, Any]:
    """The ``stories`` columns of a story (all but its id)."""
    return {
        "title": storable(state.title) or "",
        "size": state.size,
        "thread_id": state.thread_id,
        "first": state.first,
        "last": state.last,
        "centroid": state.centroid,
        "merged_into": state.merged_into,
    }


def save_story(conn: Connection, state: StoryState) -> None:
    """Insert or update a story row."""
    exists = conn.execute(select(stories.c.id).where(stories.c.id == state.id)).first()
    if exists is None:
        conn.execute(insert(stories).values(id=state.id, **story_values(state)))
    else:
        conn.execute(update(stories).where(stories.c.id == state.id).values(**story_values(state)))


def write_change(conn: Connection, change: StoryChange) -> None:
    """Store an article's story assignment (the article row must exist already)."""
    save_story(conn, change.story)
    conn.execute(
        insert(story_articles).values(
            article_id=change.article_id, story_id=change.story.id, how=change.how
        )
    )
    # Each ingest process counts a story's articles in its own index; with several
    # at once only the links know them all, so the size is counted from those.
    members = select(func.count()).where(story_articles.c.story_id == change.story.id)
    conn.execute(
        update(stories)
        .where(stories.c.id == change.story.id)
        .values(size=members.scalar_subquery())
    )
    add_keys(conn, change.story.id, change.keys)
    count_terms(conn, change.terms)


def add_keys(conn: Connection, story_id: str, keys: Iterable[tuple[str, int]]) -> None:
    """Post ``story_id`` under ``(key, bucket)`` pairs it is not yet posted under."""
    wanted = set(keys)
    if not wanted:
        return
    have = {
        (row.key, row.bucket)
        for row in conn.execute(
            select(story_keys.c.key, story_keys.c.bucket).where(
                story_keys.c.story_id == story_id,
                story_keys.c.key.in_({key for key, _ in wanted}),
            )
        )
    }
    rows = [{"key": k, "bucket": b, "story_id": story_id} for k, b in sorted(wanted - have)]
    if rows:
        conn.execute(insert(story_keys), rows)


def replace_keys(conn: Connection, story_id: str, keys: Iterable[tuple[str, int]]) -> None:
    """Post ``story_id`` under exactly ``keys`` (after a split changed its articles)."""
    conn.execute(delete(story_keys).where(story_keys.c.story_id == story_id))
    add_keys(conn, story_id, keys)


def count_terms(conn: Connection, terms: Iterable[str]) -> None:
    """Add one to the document frequency of each of ``terms`` (new terms start at 1)."""
    for chunk in _chunks(sorted(set(terms))):
        known = set(conn.scalars(select(story_terms.c.term).where(story_terms.c.term.in_(chunk))))
        if known:
            conn.execute(
                update(story_terms)
                .where(story_terms.c.term.in_(known))
                .values(df=story_terms.c.df + 1)
            )
        new = [{"term": term, "df": 1} for term in chunk if term not in known]
        if new:
            conn.execute(insert(story_terms), new)


def frequencies(conn: Connection, terms: Iterable[str]) -> dict[str, int]:
    """The document frequencies of ``terms`` (absent ones are left out)."""
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(terms))):
        query = select(story_terms.c.term, story_terms.c.df).where(story_terms.c.term.in_(chunk))
        found.update({row.term: row.df for row in conn.execute(query)})
    return found


def story_state(row: Any) -> StoryState:
    """The :class:`StoryState` of a ``stories`` row."""
    return StoryState(
        id=row.id,
        title=row.title,
        size=row.size,
        thread_id=row.thread_id,
        centroid=dict(row.centroid or {}),
        first=row.first,
        last=row.last,
        merged_into=row.merged_into,
    )


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
