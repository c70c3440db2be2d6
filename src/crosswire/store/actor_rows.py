"""Between an article's entities and events and their rows.

An entity is shared: ``entities`` holds one row per id for every article, while
``article_entities``, ``entity_roles`` and ``entity_aliases`` keep what each
article said about it, so an article reads back exactly as it was stored and
roles and aliases accumulate across articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from crosswire.models import Article, Entity, Event, EventMention, Role
from crosswire.store.schema import article_entities, entities, entity_aliases, entity_roles, events
from crosswire.store.text import storable

#: Columns of ``events`` that are :class:`Event` fields of the same name and type (all
#: but ``mentions``, a JSON list: see :func:`event_row`).
EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "mentions")

#: The coding of an entity, held both in ``entities`` and per article.
CODING = ("name", "kind", "country", "sector")


def write_actors(conn: Connection, article: Article) -> None:
    """Insert the entities (merged into shared rows), roles, aliases and events of ``article``."""
    if article.entities:
        _merge_entities(conn, article.entities)
        conn.execute(insert(article_entities), _article_entity_rows(article))
        roles = [
            {"article_id": article.id, "entity_id": e.id, "position": i, "former": r.former}
            | {name: storable(getattr(r, name)) for name in ("title", "organisation", "as_of")}
            for e in article.entities
            for i, r in enumerate(e.roles)
        ]
        if roles:
            conn.execute(insert(entity_roles), roles)
        aliases = [
            {"article_id": article.id, "entity_id": e.id, "position": i, "alias": storable(alias)}
            for e in article.entities
            for i, alias in enumerate(e.aliases)
        ]
        if aliases:
            conn.execute(insert(entity_aliases), aliases)
    if article.events:
        rows = [event_row(article.id, i, event) for i, event in enumerate(article.events)]
        conn.execute(insert(events), rows)


def event_row(article_id: str, position: int, event: Event) -> dict[str, Any]:
    """The ``events`` row of ``event``, the ``position``-th of its article."""
    row = {"article_id": article_id, "position": position}
    row |= {name: storable(getattr(event, name)) for name in EVENT_FIELDS}
    row["mentions"] = [
        {"sentence": storable(m.sentence), "start": m.start, "end": m.end}
        | {"trigger": storable(m.trigger)}
        for m in event.mentions
    ] or None  # told once: NULL, as in rows written before 0005
    return row


def _article_entity_rows(article: Article) -> list[dict[str, Any]]:
    """The ``article_entities`` rows: the entity as this article coded it, in its order."""
    return [
        {"article_id": article.id, "entity_id": e.id, "position": i}
        | {name: storable(getattr(e, name)) for name in CODING}
        for i, e in enumerate(article.entities)
    ]


def _merge_entities(conn: Connection, found: Sequence[Entity]) -> None:
    """Insert the entities not yet stored; fill in a stored one's missing country or sector."""
    rows = [{"id": e.id} | {name: storable(getattr(e, name)) for name in CODING} for e in found]
    _insert_if_absent(conn, rows)
    for column in ("country", "sector"):
        known = [{"key": row["id"], "value": row[column]} for row in rows if row[column]]
        if known:
            fill = (
                update(entities)
                .where(entities.c.id == bindparam("key"), entities.c[column].is_(None))
                .values({column: bindparam("value")})
            )
            conn.execute(fill, known)


def _insert_if_absent(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert the ``entities`` rows whose id is not stored yet.

    SQLite and PostgreSQL skip stored ids atomically (ON CONFLICT DO NOTHING), so
    two writers adding the same new actor at once both succeed.
    """
    dialect = conn.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(entities).on_conflict_do_nothing(index_elements=["id"]), rows)
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(entities).on_conflict_do_nothing(index_elements=["id"]), rows)
    else:
        # Elsewhere a concurrent writer may win the race and fail this article's add.
        query = select(entities.c.id).where(entities.c.id.in_([row["id"] for row in rows]))
        stored = set(conn.scalars(query))
        absent = [row for row in rows if row["id"] not in stored]
        if absent:
            conn.execute(insert(entities), absent)


def load_entities(conn: Connection, ids: Iterable[str]) -> dict[str, list[Entity]]:
    """The entities of the articles ``ids``, per article, as each article stored them."""
    ids = list(ids)
    roles: dict[tuple[str, str], list[Role]] = defaultdict(list)
    query = select(entity_roles).where(entity_roles.c.article_id.in_(ids))
    for row in conn.execute(query.order_by(entity_roles.c.position)):
        role = Role(row.title, organisation=row.organisation, former=row.former, as_of=row.as_of)
        roles[row.article_id, row.entity_id].append(role)
    aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
    query = select(entity_aliases).where(entity_aliases.c.article_id.in_(ids))
    for row in conn.execute(query.order_by(entity_aliases.c.position)):
        aliases[row.article_id, row.entity_id].append(row.alias)
    found: dict[str, list[Entity]] = defaultdict(list)
    query = select(article_entities).where(article_entities.c.article_id.in_(ids))
    for row in conn.execute(query.order_by(article_entities.c.position)):
        key = (row.article_id, row.entity_id)
        coding = {name: getattr(row, name) for name in CODING}
        entity = Entity(
            id=row.entity_id, roles=tuple(roles[key]), aliases=tuple(aliases[key]), **coding
        )
        found[row.article_id].append(entity)
    return found


def load_events(conn: Connection, ids: Iterable[str]) -> dict[str, list[Event]]:
    """The events of the articles ``ids``, per article, in the order they were given."""
    found: dict[str, list[Event]] = defaultdict(list)
    query = select(events).where(events.c.article_id.in_(list(ids))).order_by(events.c.position)
    for row in conn.execute(query):
        found[row.article_id].append(event_from_row(row))
    return found


def event_from_row(row: Any) -> Event:
    """The :class:`Event` of an ``events`` row (or of any row with those columns)."""
    mentions = tuple(EventMention(**m) for m in row.mentions or ())
    return Event(**{name: getattr(row, name) for name in EVENT_FIELDS}, mentions=mentions)


def entity_from_row(row: Any) -> Entity:
    """The shared :class:`Entity` of an ``entities`` row, without roles or aliases."""
    return Entity(id=row.id, **{name: getattr(row, name) for name in CODING})
