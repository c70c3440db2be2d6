"""The event filter options ``crosswire events`` and ``crosswire export`` share.

Each option is declared once here, and :func:`event_filter` turns their values into
the :class:`~crosswire.store.EventFilter` both commands pass to the library.
"""

from __future__ import annotations

from typing import Annotated

import typer

from crosswire.store import EventFilter

Actor = Annotated[str | None, typer.Option(help="Source or target: entity id, name part or alias.")]
Country = Annotated[str | None, typer.Option(help="Source or target country (ISO alpha-3).")]
Sector = Annotated[str | None, typer.Option(help="Source or target sector (GOV, MIL, ...).")]
EventType = Annotated[str | None, typer.Option("--type", help="PLOVER type.")]
Modality = Annotated[str | None, typer.Option(help="asserted, reported, hedged, ...")]
Since = Annotated[str | None, typer.Option(help="On or after (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, typer.Option(help="On or before, inclusive (YYYY[-MM[-DD]]).")]
Outlet = Annotated[str | None, typer.Option(help="Only this outlet.")]


def event_filter(
    *,
    actor: str | None,
    country: str | None,
    sector: str | None,
    event_type: str | None,
    modality: str | None,
    since: str | None,
    until: str | None,
    outlet: str | None,
) -> EventFilter:
    """The events these options select (``None`` options select all)."""
    return EventFilter(
        actor=actor,
        country=country,
        type=event_type,
        modality=modality,
        since=since,
        until=until,
        outlet=outlet,
        sector=sector,
    )
