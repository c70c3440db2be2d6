"""Reading stories: listings, one story with its articles, and the index's persisted state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, exists, func, nulls_first, nulls_last, or_, select

from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Article, Story
from crosswire.store.queries import check_iso
from crosswire.store.rows import Children
from crosswire.store.schema import articles, stories, story_articles, story_keys, story_terms
from crosswire.store.story_rows import story_state
from crosswire.stories.change import StoryState

#: Shortest story id prefix accepted.
MIN_PREFIX = 4


@dataclass(frozen=True)
class StoryFilter:
    """Which stories to list: every field ``None`` means "no filter".

    ``outlet``: one of its articles is from this outlet (any case). ``since``/
    ``until``: its date range meets ``[since, until]``, inclusive at the precision
    given. ``text``: a case-insensitive substring of its title or of one of its
    articles' titles.
    """

    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class StoryDetail:
    """One story and its articles, oldest first (undated last, then in ingest order).

    ``articles`` carry body, actors and events but not ``raw``; ``how`` says for
    each article id how it joined (new, joined, copy, merge, split).
    """

    story: Story
    articles: tuple[Article, ...]
    how: dict[str, str]


def _members() -> Any:
    """Articles of a story, joined to their rows."""
    return story_articles.join(articles, articles.c.id == story_articles.c.article_id)


def story_conditions(where: StoryFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a story filter; merged-away stories are never listed."""
    clauses: list[ColumnElement[bool]] = [stories.c.merged_into.is_(None)]
    member = select(story_articles.c.article_id).select_from(_members())
    member = member.where(story_articles.c.story_id == stories.c.id)
    if where.outlet is not None:
        clauses.append(exists(member.where(func.lower(articles.c.outlet) == where.outlet.lower())))
    if where.since is not None:
        clauses.append(stories.c.last >= check_iso(where.since, "since"))
    if where.until is not None:
        until = check_iso(where.until, "until")
        clauses.append(func.substr(stories.c.first, 1, len(until)) <= until)
    if where.text is not None:
        needle = where.text
        clauses.append(
            or_(
                stories.c.title.icontains(needle, autoescape=True),
                exists(member.where(articles.c.title.icontains(needle, autoescape=True))),
            )
        )
    return clauses


def select_stories(conn: Connection, where: StoryFilter, *, limit: int, offset: int) -> list[Story]:
    """Stories matching ``where``, latest first (undated last), each with its articles' ids."""
    query = (
        select(stories)
        .where(*story_conditions(where))
        .order_by(nulls_last(stories.c.last.desc()), stories.c.id)
        .limit(limit)
        .offset(offset)
    )
    rows = conn.execute(query).all()
    members = _member_rows(conn, [row.id for row in rows])
    return [_story(row, members.get(row.id, [])) for row in rows]


def count_stories(conn: Connection, where: StoryFilter) -> int:
    """How many stories :func:`select_stories` would list with no limit."""
    query = select(func.count()).select_from(stories).where(*story_conditions(where))
    return int(conn.scalar(query) or 0)


def resolve_story(conn: Connection, id_or_prefix: str) -> str:
    """The id of the story named by id or unique prefix, after manual merges."""
    found = list(conn.scalars(select(stories.c.id).where(stories.c.id == id_or_prefix)))
    if not found and len(id_or_prefix) >= MIN_PREFIX:
        head = func.substr(stories.c.id, 1, len(id_or_prefix))
        query = select(stories.c.id).where(head == id_or_prefix).order_by(stories.c.id).limit(3)
        found = list(conn.scalars(query))
    if not found:
        raise NotFoundError(f"no story with id {id_or_prefix!r}")
    if len(found) > 1:
        raise StoreError(f"story id prefix {id_or_prefix!r} is ambiguous: {', '.join(found[:2])}")
    story_id = str(found[0])
    for _ in range(100):  # a merge loop would be a bug: stop rather than hang
        merged = conn.scalar(select(stories.c.merged_into).where(stories.c.id == story_id))
        if merged is None:
            break
        story_id = str(merged)
    return story_id


def story_detail(conn: Connection, story_id: str) -> StoryDetail:
    """The story ``story_id`` (already resolved) with its articles."""
    row = conn.execute(select(stories).where(stories.c.id == story_id)).one()
    query = (
        select(articles, story_articles.c.how)
        .select_from(_members())
        .where(story_articles.c.story_id == story_id)
        .order_by(nulls_last(articles.c.published.asc()), articles.c.seq)
    )
    rows = conn.execute(query).all()
    children = Children(conn, [r.id for r in rows])
    members = [(r.id, r.outlet) for r in rows]
    return StoryDetail(
        story=_story(row, members),
        articles=tuple(children.article(r) for r in rows),
        how={r.id: r.how for r in rows},
    )


def _member_rows(conn: Connection, ids: Sequence[str]) -> dict[str, list[tuple[str, str | None]]]:
    """Story id -> ``(article id, outlet)`` of its articles, oldest first."""
    found: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    if not ids:
        return found
    query = (
        select(story_articles.c.story_id, articles.c.id, articles.c.outlet)
        .select_from(_members())
        .where(story_articles.c.story_id.in_(ids))
        .order_by(nulls_last(articles.c.published.asc()), articles.c.seq)
    )
    for row in conn.execute(query):
        found[row.story_id].append((row.id, row.outlet))
    return found


def _story(row: Any, members: Sequence[tuple[str, str | None]]) -> Story:
    """A :class:`Story` from its row and its ``(article id, outlet)`` members."""
    outlets = tuple(dict.fromkeys(outlet for _, outlet in members if outlet))
    return Story(
        id=row.id,
        title=row.title,
        article_ids=tuple(article_id for article_id, _ in members),
        outlets=outlets,
        first=row.first,
        last=row.last,
        thread_id=row.thread_id,
    )


@dataclass(frozen=True)
class IndexState:
    """Everything the story index persisted, to seed it without recomputation."""

    stories: list[StoryState]
    keys: list[tuple[str, int, str]]
    articles: list[tuple[str, str]]
    terms: list[tuple[str, int]]


def index_state(conn: Connection) -> IndexState:
    """Read the persisted story index (stories, postings in insertion order, links, frequencies)."""
    # Oldest story first under each key, as the index appended them: lookups read the newest.
    postings = (
        select(story_keys.c.key, story_keys.c.bucket, story_keys.c.story_id)
        .join(stories, stories.c.id == story_keys.c.story_id)
        .order_by(nulls_first(stories.c.last.asc()), stories.c.id)
    )
    return IndexState(
        stories=[story_state(row) for row in conn.execute(select(stories))],
        keys=[(r.key, r.bucket, r.story_id) for r in conn.execute(postings)],
        articles=[
            (r.article_id, r.story_id)
            for r in conn.execute(select(story_articles.c.article_id, story_articles.c.story_id))
        ],
        terms=[(r.term, r.df) for r in conn.execute(select(story_terms))],
    )
