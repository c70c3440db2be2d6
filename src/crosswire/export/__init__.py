"""Exports: stored articles, events and stories as CSV, JSONL or Parquet
(:mod:`.tables`); the actor network as GraphML (:mod:`.network`); events as
GDELT-like CSV (:mod:`.gdelt`). Files are written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from crosswire.errors import CrosswireError
from crosswire.export.gdelt import COLUMNS, defuse, event_cells, sql_date, write_events_csv
from crosswire.export.tables import FORMATS, PAGE, TABLES, Filter, write_table
from crosswire.models import ArticleFilter
from crosswire.store import EventFilter, Store, StoredEvent, StoryFilter

#: What can be exported, and the formats each kind can be written in.
KINDS: dict[str, tuple[str, ...]] = {
    "articles": FORMATS,
    "events": (*FORMATS, "gdelt"),
    "stories": FORMATS,
    "network": ("graphml",),
}

#: File suffix -> format, when no format is given.
SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet", ".graphml": "graphml"}


def export_format(kind: str, fmt: str | None, output: Path | None) -> str:
    """The format to write: ``fmt``, else the output's suffix, else the kind's first."""
    if kind not in KINDS:
        raise CrosswireError(f"unknown export {kind!r} (one of {', '.join(KINDS)})")
    chosen = fmt or (SUFFIXES.get(output.suffix.lower()) if output else None)
    chosen = chosen or ("graphml" if kind == "network" else "jsonl")
    if chosen not in KINDS[kind]:
        raise CrosswireError(f"{kind} cannot be written as {chosen} (use {', '.join(KINDS[kind])})")
    if chosen in ("parquet", "graphml") and output is None:
        raise CrosswireError(f"{chosen} is written to a file: give -o FILE")
    return chosen


def export_filter(kind: str, events: EventFilter, text: str | None = None) -> Filter:
    """What to export of ``kind``: ``events`` itself for events and the network; for
    articles and stories, its outlet and dates, and ``text`` to search for."""
    if kind in ("events", "network"):
        return events
    if kind == "stories":
        return StoryFilter(outlet=events.outlet, since=events.since, until=events.until, text=text)
    return ArticleFilter(outlet=events.outlet, since=events.since, until=events.until, text=text)


def export(
    kind: str,
    *,
    db: str,
    output: Path | None,
    stdout: TextIO,
    fmt: str | None = None,
    where: Filter = None,
) -> int:
    """Write ``kind`` (articles, events, stories, network) from the database at ``db``.

    Returns the number of rows (actors for a network). ``output`` None writes to ``stdout``.
    """
    chosen = export_format(kind, fmt, output)
    with Store.open(db) as store:
        return export_from(store, kind, output=output, stdout=stdout, fmt=chosen, where=where)


def export_from(
    store: Store,
    kind: str,
    *,
    output: Path | None,
    stdout: TextIO,
    fmt: str | None = None,
    where: Filter = None,
) -> int:
    """:func:`export` from a store already open (left open), such as the API's long-lived one."""
    chosen = export_format(kind, fmt, output)
    with _target(output) as path:
        if kind == "network":
            from crosswire.export.network import write_graphml

            assert path is not None  # export_format insists on a file
            return write_graphml(_all_events(store, where), path)[0]
        if chosen == "gdelt":
            with _handle(path, stdout) as handle:
                return write_events_csv(_all_events(store, where), handle)
        if chosen == "parquet":
            assert path is not None
            return write_table(store, kind, chosen, path, where)
        with _handle(path, stdout) as handle:
            return write_table(store, kind, chosen, handle, where)


def _all_events(store: Store, where: Filter) -> Iterator[StoredEvent]:
    events_where = where if isinstance(where, EventFilter) else None
    offset = 0
    while page := store.events(events_where, limit=PAGE, offset=offset):
        yield from page
        offset += len(page)


@contextmanager
def _target(output: Path | None) -> Iterator[Path | None]:
    """A temporary path beside ``output``, renamed onto it only when the export succeeds."""
    if output is None:
        yield None
        return
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, output)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@contextmanager
def _handle(path: Path | None, stdout: TextIO) -> Iterator[TextIO]:
    if path is None:
        yield stdout
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


__all__ = [
    "COLUMNS",
    "FORMATS",
    "KINDS",
    "TABLES",
    "defuse",
    "event_cells",
    "export",
    "export_filter",
    "export_format",
    "export_from",
    "sql_date",
    "write_events_csv",
    "write_table",
]
