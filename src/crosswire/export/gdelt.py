"""Stored events as GDELT-like CSV, for tools built around GDELT event data.

One row per event; the column names follow GDELT 1.0/2.0 where a column means
the same thing (``SQLDATE``, ``Actor1Code``, ``EventCode``, ``SOURCEURL``, ...)
and are crosswire's own otherwise (``PLOVERType``, ``Modality``, ``Sentence``;
``MentionCount`` and ``MentionOffsets``, ``start-end;start-end``, are the later
sentences of the article that tell the event again, as in :mod:`.tables`).
``Actor1`` is the source actor, ``Actor2`` the target. Cells a spreadsheet would
run as a formula are defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TextIO

from crosswire.models import Entity, Event
from crosswire.store.queries import StoredEvent

#: The header row, in order.
COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "PLOVERType",
    "PLOVERMode",
    "Modality",
    "AttributedTo",
    "Place",
    "PublishedDate",
    "SourceOutlet",
    "SOURCEURL",
    "ArticleID",
    "Sentence",
    "MentionCount",
    "MentionOffsets",
)

#: First characters that make Excel, LibreOffice or Sheets read a cell as a formula
#: (OWASP "CSV injection"): such cells get a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def write_events_csv(rows: Iterable[StoredEvent], handle: TextIO) -> int:
    """Write a header and one CSV row per event to ``handle``; returns the number of events.

    Open a file for it with ``newline=""`` (the csv module writes ``\\r\\n`` itself).
    """
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    written = 0
    for row in rows:
        writer.writerow([defuse(cell) for cell in event_cells(row)])
        written += 1
    return written


def event_cells(row: StoredEvent) -> list[str]:
    """The cells of one event, in :data:`COLUMNS` order (not yet defused)."""
    event = row.event
    cameo = event.cameo or ""
    return [
        event.id,
        sql_date(event.date),
        *_actor_cells(row.source, event.source),
        *_actor_cells(row.target, event.target),
        cameo,
        cameo[:3] if len(cameo) >= 3 else "",
        cameo[:2],
        event.type,
        event.mode or "",
        event.modality,
        event.attributed_to or "",
        event.place or "",
        sql_date(row.published),
        row.outlet or "",
        row.url or "",
        row.article_id,
        event.sentence,
        str(len(event.mentions)),
        mention_offsets(event),
    ]


def mention_offsets(event: Event) -> str:
    """``"start-end;start-end"``: where the later mentions of ``event`` are in its body."""
    return ";".join(f"{m.start}-{m.end}" for m in event.mentions)


def _actor_cells(entity: Entity | None, entity_id: str | None) -> list[str]:
    """Code, name, country and sector of an actor (the bare id if its entity is unknown)."""
    if entity is None:
        return ["", entity_id or "", "", ""]
    country, sector = entity.country or "", entity.sector or ""
    # A CAMEO actor code is the country followed by the role: "RUS" + "MIL".
    return [country + sector, entity.name, country, sector]


def sql_date(value: str | None) -> str:
    """``YYYYMMDD`` of an ISO date or timestamp; empty when not known to the day."""
    match = _FULL_DATE.match(value or "")
    return "".join(match.groups()) if match else ""


def defuse(cell: str) -> str:
    """``cell`` with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
