"""Listing actors and profiling one: counts, roles, aliases and events over time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, func, nulls_last, or_, select

from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Role
from crosswire.store.actor_rows import entity_from_row
from crosswire.store.queries import (
    EVENT_WHEN,
    ActorProfile,
    ActorSummary,
    ArticleMentions,
    RoleSeen,
    StoredEvent,
    events_query,
    stored_event,
)
from crosswire.store.schema import (
    article_entities,
    articles,
    entities,
    entity_aliases,
    entity_roles,
    events,
    mentions,
)

T = TypeVar("T")

#: Candidates named in an "ambiguous actor" message.
_SHOWN = 3


def select_actors(
    conn: Connection,
    *,
    text: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    limit: int,
    offset: int = 0,
) -> list[ActorSummary]:
    """Actors matching the filters, most often named first.

    ``text`` is an entity id, or a case-insensitive substring of its name or of
    one of its aliases; ``country``, ``sector`` and ``kind`` are codes (any case).
    """
    named = (
        select(
            article_entities.c.entity_id,
            func.count().label("n"),
            func.min(articles.c.published).label("first_seen"),
            func.max(articles.c.published).label("last_seen"),
        )
        .join(articles, articles.c.id == article_entities.c.article_id)
        .group_by(article_entities.c.entity_id)
        .subquery()
    )
    said = _tally(mentions.c.entity)
    as_source, as_target = _tally(events.c.source), _tally(events.c.target)
    tallies = {"articles": named, "mentions": said, "as_source": as_source, "as_target": as_target}
    counts = {key: func.coalesce(t.c.n, 0).label(key) for key, t in tallies.items()}
    query = (
        select(entities, *counts.values(), named.c.first_seen, named.c.last_seen)
        .outerjoin(named, named.c.entity_id == entities.c.id)
        .outerjoin(said, said.c.key == entities.c.id)
        .outerjoin(as_source, as_source.c.key == entities.c.id)
        .outerjoin(as_target, as_target.c.key == entities.c.id)
        .where(*_actor_conditions(text, country, sector, kind))
        .order_by(
            counts["articles"].desc(), counts["mentions"].desc(), entities.c.name, entities.c.id
        )
        .limit(limit)
        .offset(offset)
    )
    return [
        ActorSummary(
            entity_from_row(row),
            **{key: getattr(row, key) for key in counts},
            first_seen=row.first_seen,
            last_seen=row.last_seen,
        )
        for row in conn.execute(query)
    ]


def _tally(column: ColumnElement[Any]) -> Any:
    """A subquery counting rows per non-NULL value of ``column`` (as ``key``, ``n``)."""
    return (
        select(column.label("key"), func.count().label("n"))
        .where(column.is_not(None))
        .group_by(column)
        .subquery()
    )


def _actor_conditions(
    text: str | None, country: str | None, sector: str | None, kind: str | None
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of an actor listing (``None`` adds none)."""
    clauses: list[ColumnElement[bool]] = []
    if text is not None:
        by_alias = select(entity_aliases.c.entity_id).where(
            entity_aliases.c.alias.icontains(text, autoescape=True)
        )
        clauses.append(
            or_(
                entities.c.id == text,
                entities.c.name.icontains(text, autoescape=True),
                entities.c.id.in_(by_alias),
            )
        )
    for column, value in (("country", country), ("sector", sector), ("kind", kind)):
        if value is not None:
            clauses.append(entities.c[column] == value.upper())
    return clauses


def resolve_actor(conn: Connection, name_or_id: str) -> str:
    """The id of the one entity ``name_or_id`` names.

    Tried in order, the first that finds anything wins: the exact id; the whole
    name, any case; a whole alias, any case; a substring of the name. Raises
    :class:`NotFoundError` if nothing matches and :class:`StoreError` if the
    winning step finds several.
    """
    lowered = name_or_id.lower()
    steps = (
        select(entities.c.id).where(entities.c.id == name_or_id),
        select(entities.c.id).where(func.lower(entities.c.name) == lowered),
        select(entity_aliases.c.entity_id).where(func.lower(entity_aliases.c.alias) == lowered),
        select(entities.c.id).where(entities.c.name.icontains(name_or_id, autoescape=True)),
    )
    for step in steps:
        found = list(conn.scalars(step.distinct().order_by(*step.selected_columns).limit(_SHOWN)))
        if len(found) == 1:
            return str(found[0])
        if found:
            names = _names(conn, found)
            more = ", ..." if len(found) == _SHOWN else ""
            raise StoreError(f"actor {name_or_id!r} is ambiguous: {names}{more}")
    raise NotFoundError(f"no actor named {name_or_id!r}")


def _names(conn: Connection, ids: list[str]) -> str:
    """``name (id)`` of each entity in ``ids``, comma-separated."""
    rows = conn.execute(select(entities.c.id, entities.c.name).where(entities.c.id.in_(ids)))
    return ", ".join(f"{row.name} ({row.id})" for row in sorted(rows, key=lambda r: r.id))


def actor_profile(conn: Connection, name_or_id: str) -> ActorProfile:
    """Everything stored about the actor ``name_or_id`` names (see :func:`resolve_actor`)."""
    entity_id = resolve_actor(conn, name_or_id)
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).one()
    roles = _roles(conn, entity_id)
    aliases = conn.scalars(
        select(entity_aliases.c.alias)
        .join(articles, articles.c.id == entity_aliases.c.article_id)
        .where(entity_aliases.c.entity_id == entity_id)
        .order_by(articles.c.seq, entity_aliases.c.position)
    )
    entity = replace(
        entity_from_row(row),
        roles=_distinct(seen.role for seen in roles),
        aliases=_distinct(aliases),
    )
    return ActorProfile(
        entity=entity,
        roles=roles,
        articles=_articles(conn, entity_id),
        as_source=_events_over_time(conn, events.c.source == entity_id),
        as_target=_events_over_time(conn, events.c.target == entity_id),
    )


def _roles(conn: Connection, entity_id: str) -> tuple[RoleSeen, ...]:
    """Every role any article gives the entity, oldest first (by its date, else the article's)."""
    when = func.coalesce(entity_roles.c.as_of, articles.c.published)
    query = (
        select(entity_roles, articles.c.published, articles.c.outlet)
        .join(articles, articles.c.id == entity_roles.c.article_id)
        .where(entity_roles.c.entity_id == entity_id)
        .order_by(nulls_last(when.asc()), articles.c.seq, entity_roles.c.position)
    )
    return tuple(
        RoleSeen(
            Role(row.title, organisation=row.organisation, former=row.former, as_of=row.as_of),
            article_id=row.article_id,
            published=row.published,
            outlet=row.outlet,
        )
        for row in conn.execute(query)
    )


def _articles(conn: Connection, entity_id: str) -> tuple[ArticleMentions, ...]:
    """The articles naming the entity, oldest first, with how many mentions resolve to it."""
    said = (
        select(mentions.c.article_id, func.count().label("n"))
        .where(mentions.c.entity == entity_id)
        .group_by(mentions.c.article_id)
        .subquery()
    )
    query = (
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published, said.c.n)
        .join(article_entities, article_entities.c.article_id == articles.c.id)
        .outerjoin(said, said.c.article_id == articles.c.id)
        .where(article_entities.c.entity_id == entity_id)
        .order_by(nulls_last(articles.c.published.asc()), articles.c.seq)
    )
    return tuple(
        ArticleMentions(row.id, row.title, row.outlet, row.published, mentions=row.n or 0)
        for row in conn.execute(query)
    )


def _events_over_time(conn: Connection, condition: ColumnElement[bool]) -> tuple[StoredEvent, ...]:
    """Events meeting ``condition``, oldest first (undated last), then in ingest order."""
    order = (nulls_last(EVENT_WHEN.asc()), articles.c.seq, events.c.position)
    query = events_query().where(condition).order_by(*order)
    return tuple(stored_event(row) for row in conn.execute(query))


def _distinct(values: Iterable[T]) -> tuple[T, ...]:
    """``values`` without repeats, in first-seen order."""
    return tuple(dict.fromkeys(values))
