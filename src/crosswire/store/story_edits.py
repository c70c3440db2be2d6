"""Manual story edits: merge two stories, split articles off into a new one.

Each runs in one transaction. The store does not know how centroids and keys are
computed: the caller passes ``combine`` (merge) or ``rebuild`` (split), from
:mod:`crosswire.stories.manual`. Edits last: automatic assignment only ever
places *new* articles, so a split-off article is never pulled back, and a
merged-away story forwards to the one it was merged into.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, delete, func, select, update

from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Article, content_id
from crosswire.store.rows import Children
from crosswire.store.schema import articles, stories, story_articles, story_keys
from crosswire.store.story_rows import add_keys, frequencies, replace_keys, save_story, story_state
from crosswire.stories.change import StoryState

Combine = Callable[[StoryState, StoryState], StoryState]
Frequencies = Callable[[set[str]], dict[str, int]]
#: (story id, title, thread id, its articles, document frequencies, document count) ->
#: the story's new state and its ``(key, bucket)`` postings.
Rebuild = Callable[
    [str, str, str, Sequence[Article], Frequencies, int],
    tuple[StoryState, list[tuple[str, int]]],
]


def _state(conn: Connection, story_id: str) -> StoryState:
    return story_state(conn.execute(select(stories).where(stories.c.id == story_id)).one())


def merge(conn: Connection, target: str, other: str, combine: Combine) -> None:
    """Fold story ``other`` into ``target`` (both resolved ids): its articles, postings and
    anything merged into it move to ``target``; ``other`` forwards there from now on."""
    if target == other:
        raise StoreError(f"cannot merge story {target} with itself")
    save_story(conn, combine(_state(conn, target), _state(conn, other)))
    conn.execute(
        update(story_articles)
        .where(story_articles.c.story_id == other)
        .values(story_id=target, how="merge")
    )
    conn.execute(update(stories).where(stories.c.merged_into == other).values(merged_into=target))
    conn.execute(
        update(stories).where(stories.c.id == other).values(merged_into=target, size=0, centroid={})
    )
    keys = conn.execute(
        select(story_keys.c.key, story_keys.c.bucket).where(story_keys.c.story_id == other)
    ).all()
    conn.execute(delete(story_keys).where(story_keys.c.story_id == other))
    add_keys(conn, target, [(row.key, row.bucket) for row in keys])


def split(conn: Connection, story_id: str, article_ids: Sequence[str], rebuild: Rebuild) -> str:
    """Move ``article_ids`` (full ids, all in ``story_id``) to a new story in the same
    thread; both stories' centroids and postings are rebuilt. Returns the new story's id."""
    members = _articles(conn, story_id)
    unknown = sorted(set(article_ids) - {a.id for a in members})
    if unknown:
        raise NotFoundError(f"article {unknown[0]} is not in story {story_id}")
    moved = [a for a in members if a.id in set(article_ids)]
    kept = [a for a in members if a.id not in set(article_ids)]
    if not kept:
        raise StoreError(f"splitting off every article of story {story_id} would change nothing")
    old = _state(conn, story_id)
    new_id = _new_id(conn, sorted(article_ids))
    docs = int(conn.scalar(select(func.count()).select_from(story_articles)) or 0)

    def lookup(terms: set[str]) -> dict[str, int]:
        return frequencies(conn, terms)

    title = moved[0].title or ""  # else the rebuild names it from its first article
    for sid, name, group in ((story_id, old.title, kept), (new_id, title, moved)):
        state, keys = rebuild(sid, name, old.thread_id, group, lookup, docs)
        save_story(conn, state)
        replace_keys(conn, sid, keys)
    conn.execute(
        update(story_articles)
        .where(story_articles.c.article_id.in_([a.id for a in moved]))
        .values(story_id=new_id, how="split")
    )
    return new_id


def _articles(conn: Connection, story_id: str) -> list[Article]:
    """The articles of a story (without raw), in ingest order."""
    query = (
        select(articles)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .where(story_articles.c.story_id == story_id)
        .order_by(articles.c.seq)
    )
    rows = conn.execute(query).all()
    children = Children(conn, [row.id for row in rows])
    return [children.article(row) for row in rows]


def _new_id(conn: Connection, moved: Sequence[str]) -> str:
    """A content-derived id for the split-off story, not yet taken."""
    for attempt in range(100):
        candidate = content_id("story", "split", *moved, str(attempt) if attempt else "")
        if conn.execute(select(stories.c.id).where(stories.c.id == candidate)).first() is None:
            return candidate
    raise StoreError("cannot find a free id for the new story")
