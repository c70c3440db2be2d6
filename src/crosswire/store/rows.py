"""Between :class:`Article` and table rows: one article is a row plus its child rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, Row, select

from crosswire.models import SCHEMA_VERSION, Article, Dropped, Entity, Event, Mention, RawKind
from crosswire.store.actor_rows import load_entities, load_events
from crosswire.store.schema import dropped, mentions
from crosswire.store.text import storable

#: Ids per ``IN (...)`` list: well under the bound-parameter limits of every backend.
CHUNK = 500

#: Columns of ``articles`` that are :class:`Article` fields of the same name.
ARTICLE_FIELDS = (
    "id",
    "input_id",
    "source",
    "raw_kind",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "language",
    "body",
    "content_hash",
    "duplicate_of",
    "reposted_from",
    "original_outlet",
    "repost_evidence",
)


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` row of ``article`` (all but ``seq``, which the database assigns)."""
    row = {name: storable(getattr(article, name)) for name in ARTICLE_FIELDS}
    row["stages"] = list(article.stages)
    row["notes"] = [storable(note) for note in article.notes]
    row["schema_version"] = SCHEMA_VERSION
    row["ingested_at"] = datetime.now(UTC)
    return row


def dropped_rows(article: Article) -> list[dict[str, Any]]:
    """The ``dropped`` rows of ``article``, numbered in body order."""
    return [
        {
            "article_id": article.id,
            "position": i,
            "text": storable(d.text),
            "reason": storable(d.reason),
        }
        for i, d in enumerate(article.dropped)
    ]


def mention_rows(article: Article) -> list[dict[str, Any]]:
    """The ``mentions`` rows of ``article``, numbered in the order the pipeline gave them."""
    return [
        {
            "article_id": article.id,
            "position": i,
            "text": storable(m.text),
            "label": storable(m.label),
            "start": m.start,
            "end": m.end,
            "entity": m.entity,
        }
        for i, m in enumerate(article.mentions)
    ]


class Children:
    """The dropped lines, mentions, entities and events of a set of articles, in a few queries."""

    def __init__(self, connection: Connection, ids: Sequence[str]) -> None:
        self.dropped: dict[str, list[Dropped]] = defaultdict(list)
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        self.entities: dict[str, list[Entity]] = {}
        self.events: dict[str, list[Event]] = {}
        for chunk in _chunks(ids):
            self.entities.update(load_entities(connection, chunk))
            self.events.update(load_events(connection, chunk))
            query = (
                select(dropped)
                .where(dropped.c.article_id.in_(chunk))
                .order_by(dropped.c.article_id, dropped.c.position)
            )
            for row in connection.execute(query):
                self.dropped[row.article_id].append(Dropped(text=row.text, reason=row.reason))
            query = (
                select(mentions)
                .where(mentions.c.article_id.in_(chunk))
                .order_by(mentions.c.article_id, mentions.c.position)
            )
            for row in connection.execute(query):
                mention = Mention(row.text, row.label, row.start, row.end, entity=row.entity)
                self.mentions[row.article_id].append(mention)

    def article(self, row: Row[Any], *, raw: str = "") -> Article:
        """The :class:`Article` of an ``articles`` row, with its children and ``raw``."""
        values = {name: getattr(row, name) for name in ARTICLE_FIELDS}
        values["raw_kind"] = cast(RawKind, row.raw_kind)
        return Article(
            raw=raw,
            dropped=tuple(self.dropped.get(row.id, ())),
            mentions=tuple(self.mentions.get(row.id, ())),
            entities=tuple(self.entities.get(row.id, ())),
            events=tuple(self.events.get(row.id, ())),
            notes=tuple(row.notes or ()),
            stages=tuple(row.stages or ()),
            **values,
        )


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    """``ids`` in lists of at most :data:`CHUNK`."""
    chunk: list[str] = []
    for article_id in ids:
        chunk.append(article_id)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
