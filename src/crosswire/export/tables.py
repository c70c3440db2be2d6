"""Stored articles, events and stories as flat rows, written as CSV, JSONL or Parquet.

Rows are read from the store a page at a time, so an export of any size holds one
page in memory (Parquet is written a row group per page). CSV cells a spreadsheet
would run as formulas are defused; JSONL of articles is the full documented
article object (docs/schema.md), JSONL of events the flat columns below and the
event's ``mentions`` in full, the other formats the flat columns below.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO

from crosswire.errors import CrosswireError
from crosswire.export.gdelt import defuse, mention_offsets
from crosswire.models import Article, ArticleFilter, Story
from crosswire.store import EventFilter, Store, StoredEvent
from crosswire.store.story_queries import StoryFilter

#: Rows read from the store per page (and per Parquet row group).
PAGE = 500

FORMATS = ("csv", "jsonl", "parquet")

ARTICLE_COLUMNS = (
    "id", "outlet", "url", "title", "author", "published", "language", "story_id",
    "duplicate_of", "reposted_from", "original_outlet", "words", "entities", "events",
    "source", "body",
)  # fmt: skip

EVENT_COLUMNS = (
    "id", "article_id", "outlet", "published", "url", "type", "mode", "cameo", "modality",
    "date", "date_text", "source_id", "source_name", "source_country", "source_sector",
    "target_id", "target_name", "target_country", "target_sector", "place",
    "attributed_to", "framing", "trigger", "sentence", "start", "end", "mention_count",
    "mention_offsets",
)  # fmt: skip

STORY_COLUMNS = ("id", "title", "size", "outlets", "first", "last", "thread_id", "article_ids")

#: Columns that hold integers (everything else is text or empty).
INTEGER_COLUMNS = frozenset(
    {"words", "entities", "events", "size", "start", "end", "mention_count"}
)


@dataclass(frozen=True)
class Table:
    """One exportable kind: its columns and how to page its rows out of a store."""

    name: str
    columns: tuple[str, ...]
    pages: Callable[[Store, Any], Iterator[list[dict[str, Any]]]]


def _paged(fetch: Callable[[int], list[Any]]) -> Iterator[list[Any]]:
    offset = 0
    while page := fetch(offset):
        yield page
        offset += len(page)


def article_row(article: Article) -> dict[str, Any]:
    """The flat columns of an article."""
    row = {name: getattr(article, name, None) for name in ARTICLE_COLUMNS}
    row.update(
        words=len(article.body.split()),
        entities=len(article.entities),
        events=len(article.events),
    )
    return row


def event_row(stored: StoredEvent) -> dict[str, Any]:
    """The flat columns of an event, with its article and both actors' coding."""
    event = stored.event
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": stored.article_id,
        "outlet": stored.outlet,
        "published": stored.published,
        "url": stored.url,
    }
    for name in ("type", "mode", "cameo", "modality", "date", "date_text", "place"):
        row[name] = getattr(event, name)
    for name in ("attributed_to", "framing", "trigger", "sentence", "start", "end"):
        row[name] = getattr(event, name)
    # The later sentences that tell the event again, flat: how many, and where in the body.
    row["mention_count"] = len(event.mentions)
    row["mention_offsets"] = mention_offsets(event) or None
    for role, entity, entity_id in (
        ("source", stored.source, event.source),
        ("target", stored.target, event.target),
    ):
        row[f"{role}_id"] = entity_id
        row[f"{role}_name"] = entity.name if entity else None
        row[f"{role}_country"] = entity.country if entity else None
        row[f"{role}_sector"] = entity.sector if entity else None
    return row


def event_json(stored: StoredEvent) -> dict[str, Any]:
    """The JSONL object of an event: its flat columns and its later mentions in full."""
    return event_row(stored) | {"mentions": [asdict(m) for m in stored.event.mentions]}


def story_row(story: Story) -> dict[str, Any]:
    """The flat columns of a story (lists joined with ``; ``)."""
    row = story.to_dict()
    row["size"] = story.size
    row["outlets"] = "; ".join(story.outlets)
    row["article_ids"] = "; ".join(story.article_ids)
    return row


TABLES = {
    "articles": Table(
        "articles",
        ARTICLE_COLUMNS,
        lambda store, where: _paged(
            lambda offset: store.articles(where or ArticleFilter(), limit=PAGE, offset=offset)
        ),
    ),
    "events": Table(
        "events",
        EVENT_COLUMNS,
        lambda store, where: _paged(lambda offset: store.events(where, limit=PAGE, offset=offset)),
    ),
    "stories": Table(
        "stories",
        STORY_COLUMNS,
        lambda store, where: _paged(lambda offset: store.stories(where, limit=PAGE, offset=offset)),
    ),
}

_ROW: dict[str, Callable[[Any], dict[str, Any]]] = {
    "articles": article_row,
    "events": event_row,
    "stories": story_row,
}

Filter = ArticleFilter | EventFilter | StoryFilter | None


def write_table(store: Store, kind: str, fmt: str, output: Path | TextIO, where: Filter) -> int:
    """Write the ``kind`` rows of ``store`` matching ``where`` as ``fmt``; returns the count.

    ``output`` is a path (Parquet needs one) or an open text handle (CSV: opened
    with ``newline=""``).
    """
    if kind not in TABLES:
        raise CrosswireError(f"unknown export {kind!r} (one of {', '.join(TABLES)})")
    if fmt not in FORMATS:
        raise CrosswireError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    table = TABLES[kind]
    pages = table.pages(store, where)
    if fmt == "parquet":
        if not isinstance(output, Path):
            raise CrosswireError("Parquet is written to a file: give -o FILE")
        return _write_parquet(table, pages, output)
    handle = output.open("w", encoding="utf-8", newline="") if isinstance(output, Path) else output
    try:
        if fmt == "csv":
            return _write_csv(table, pages, handle)
        return _write_jsonl(table, pages, handle)
    finally:
        if isinstance(output, Path):
            handle.close()


def _write_csv(table: Table, pages: Iterator[list[Any]], handle: TextIO) -> int:
    writer = csv.writer(handle)
    writer.writerow(table.columns)
    written = 0
    for page in pages:
        for item in page:
            row = _ROW[table.name](item)
            writer.writerow([defuse(_text(row.get(name))) for name in table.columns])
            written += 1
    return written


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _write_jsonl(table: Table, pages: Iterator[list[Any]], handle: TextIO) -> int:
    written = 0
    for page in pages:
        for item in page:
            # Articles: the whole documented object, not just the flat columns.
            if isinstance(item, Article):
                data = item.to_dict()
            elif isinstance(item, StoredEvent):
                data = event_json(item)
            else:
                data = _ROW[table.name](item)
            handle.write(json.dumps(data, ensure_ascii=False) + "\n")
            written += 1
    return written


def _write_parquet(table: Table, pages: Iterator[list[Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(name, pa.int64() if name in INTEGER_COLUMNS else pa.string()) for name in table.columns]
    )
    written = 0
    with pq.ParquetWriter(path, schema) as writer:
        for page in pages:
            rows = [_ROW[table.name](item) for item in page]
            columns = {name: [_cell(row.get(name), name) for row in rows] for name in table.columns}
            writer.write_table(pa.table(columns, schema=schema))
            written += len(rows)
    return written


def _cell(value: Any, name: str) -> Any:
    if value is None or name in INTEGER_COLUMNS:
        return value
    return str(value)
