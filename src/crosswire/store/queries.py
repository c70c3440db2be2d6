"""Questions about actors and events, as SQLAlchemy Core queries with bound parameters.

:class:`EventFilter` says which events to list; :func:`select_events`,
:func:`select_actors` and :func:`actor_profile` run on an open connection and
return plain frozen objects (:class:`StoredEvent`, :class:`ActorSummary`,
:class:`ActorProfile`). :class:`crosswire.store.Store` wraps them in transactions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, nulls_last, or_, select

from crosswire.errors import StoreError
from crosswire.models import Entity, Event, Role
from crosswire.store.actor_rows import CODING, event_from_row
from crosswire.store.schema import (
    articles,
    entities,
    entity_aliases,
    events,
)

#: ``since``/``until`` must look like the start of an ISO 8601 date or timestamp.
_ISO_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?")

_SOURCE = entities.alias("source_entity")
_TARGET = entities.alias("target_entity")

#: When an event happened, as far as the store knows: its own date, else its article's.
EVENT_WHEN = func.coalesce(events.c.date, articles.c.published)


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to list: every field ``None`` means "no filter".

    ``actor`` is an entity id, a case-insensitive substring of an entity's name, or
    one of its aliases (whole, any case), matched against source *or* target.
    ``country`` is the ISO alpha-3 code of the source or target. ``type`` is a
    PLOVER type and ``modality`` one of :data:`crosswire.models.MODALITIES` (any
    case). ``since``/``until`` bound the event date, or the article's published
    date when the event has none, inclusively at the precision given.
    ``outlet`` matches the article's outlet case-insensitively.
    """

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    #: Sector code (GOV, MIL, ...) of the source or target, any case.
    sector: str | None = None


@dataclass(frozen=True)
class StoredEvent:
    """A stored event with the article it comes from and its actors' shared entities.

    ``source``/``target`` are the entities named by ``event.source``/``event.target``
    (their shared coding, without roles or aliases), or ``None``.
    """

    event: Event
    article_id: str
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: Entity | None = None
    target: Entity | None = None

    @property
    def when(self) -> str | None:
        """The event's date, else its article's published date (what filters and order use)."""
        return self.event.date or self.published


@dataclass(frozen=True)
class ActorSummary:
    """One actor in a listing: how often and when the stored articles name it.

    ``first_seen``/``last_seen`` are the earliest and latest published dates of
    the articles naming it (``None`` if none is dated).
    """

    entity: Entity
    articles: int
    mentions: int
    as_source: int
    as_target: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class RoleSeen:
    """A role an article gives an actor, with that article."""

    role: Role
    article_id: str
    published: str | None
    outlet: str | None


@dataclass(frozen=True)
class ArticleMentions:
    """An article naming an actor, and how many of its mentions resolve to it."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    mentions: int


@dataclass(frozen=True)
class ActorProfile:
    """Everything stored about one actor, over time (oldest first, undated last).

    ``entity`` carries the shared coding with every distinct role and alias any
    article gave; ``roles`` says which article gave which role and when.
    """

    entity: Entity
    roles: tuple[RoleSeen, ...]
    articles: tuple[ArticleMentions, ...]
    as_source: tuple[StoredEvent, ...]
    as_target: tuple[StoredEvent, ...]


def check_iso(value: str, name: str) -> str:
    """``value`` if it looks like an ISO date, else a StoreError a user can act on."""
    if not _ISO_PREFIX.fullmatch(value):
        raise StoreError(f"{name} must be an ISO date like 2023-06-01, got {value!r}")
    return value


def date_range(
    column: ColumnElement[Any], since: str | None, until: str | None
) -> list[ColumnElement[bool]]:
    """Clauses keeping ``column`` in ``[since, until]``, inclusive at the precision given."""
    clauses: list[ColumnElement[bool]] = []
    if since is not None:
        clauses.append(column >= check_iso(since, "since"))
    if until is not None:
        # "2023-06-30" keeps "2023-06-30T23:00": compare only as many characters.
        clauses.append(func.substr(column, 1, len(until)) <= check_iso(until, "until"))
    return clauses


def select_events(
    conn: Connection, where: EventFilter, *, limit: int, offset: int
) -> list[StoredEvent]:
    """Events matching ``where``, newest first (undated last), then in ingest order."""
    order = (nulls_last(EVENT_WHEN.desc()), articles.c.seq, events.c.position)
    query = events_query().where(*event_conditions(where)).order_by(*order)
    return [stored_event(row) for row in conn.execute(query.limit(limit).offset(offset))]


def count_events(conn: Connection, where: EventFilter) -> int:
    """How many events :func:`select_events` would list with no limit."""
    query = select(func.count()).select_from(_events_from()).where(*event_conditions(where))
    return int(conn.scalar(query) or 0)


def event_conditions(where: EventFilter) -> list[ColumnElement[bool]]:
    """The WHERE clauses of an event filter (``None`` fields add none)."""
    clauses = date_range(EVENT_WHEN, where.since, where.until)
    if where.actor is not None:
        ids = _actor_ids(where.actor)
        clauses.append(or_(events.c.source.in_(ids), events.c.target.in_(ids)))
    if where.country is not None:
        code = where.country.upper()
        clauses.append(or_(_SOURCE.c.country == code, _TARGET.c.country == code))
    if where.sector is not None:
        sector = where.sector.upper()
        clauses.append(or_(_SOURCE.c.sector == sector, _TARGET.c.sector == sector))
    if where.type is not None:
        clauses.append(events.c.type == where.type.upper())
    if where.modality is not None:
        clauses.append(events.c.modality == where.modality.lower())
    if where.outlet is not None:
        clauses.append(func.lower(articles.c.outlet) == where.outlet.lower())
    return clauses


def _actor_ids(needle: str) -> Select[tuple[str]]:
    """Ids of the entities ``needle`` names: id, name substring, or a whole alias."""
    by_alias = select(entity_aliases.c.entity_id).where(
        func.lower(entity_aliases.c.alias) == needle.lower()
    )
    return select(entities.c.id).where(
        or_(
            entities.c.id == needle,
            entities.c.name.icontains(needle, autoescape=True),
            entities.c.id.in_(by_alias),
        )
    )


def _events_from() -> Any:
    """Events joined to their article and their source and target entities."""
    return (
        events.join(articles, articles.c.id == events.c.article_id)
        .outerjoin(_SOURCE, _SOURCE.c.id == events.c.source)
        .outerjoin(_TARGET, _TARGET.c.id == events.c.target)
    )


def events_query() -> Select[Any]:
    """SELECT of an event with its article's metadata and its actors' coding."""
    actors = [
        entity.c[name].label(f"{side}_{name}")
        for side, entity in (("source", _SOURCE), ("target", _TARGET))
        for name in ("id", *CODING)
    ]
    metadata = (articles.c.outlet, articles.c.published, articles.c.title, articles.c.url)
    return select(events, *metadata, *actors).select_from(_events_from())


def stored_event(row: Any) -> StoredEvent:
    """The :class:`StoredEvent` of a row of :func:`events_query`."""
    sides: dict[str, Entity | None] = {}
    for side in ("source", "target"):
        entity_id = getattr(row, f"{side}_id")
        coding = {name: getattr(row, f"{side}_{name}") for name in CODING}
        sides[side] = None if entity_id is None else Entity(id=entity_id, **coding)
    return StoredEvent(
        event=event_from_row(row),
        article_id=row.article_id,
        outlet=row.outlet,
        published=row.published,
        title=row.title,
        url=row.url,
        **sides,
    )
