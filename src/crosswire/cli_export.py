"""``crosswire export``: articles, events, stories and the actor network (cli.py registers)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from crosswire.cli_render import Db, out
from crosswire.config import Settings
from crosswire.export import KINDS, export
from crosswire.export.tables import Filter
from crosswire.models import ArticleFilter
from crosswire.store import EventFilter
from crosswire.store.story_queries import StoryFilter

Opt = typer.Option


def export_command(
    kind: Annotated[str, typer.Argument(help="articles, events, stories or network.")],
    output: Annotated[
        Path | None, Opt("-o", "--output", help="File to write (whole or not at all).")
    ] = None,
    fmt: Annotated[
        str | None,
        Opt("--format", help="csv, jsonl, parquet; gdelt (events); graphml (network)."),
    ] = None,
    db: Db = None,
    outlet: Annotated[str | None, Opt(help="Only this outlet.")] = None,
    since: Annotated[str | None, Opt(help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Opt(help="Up to this date, inclusive.")] = None,
    search: Annotated[str | None, Opt(help="Articles/stories: text in title or body.")] = None,
    actor: Annotated[str | None, Opt(help="Events/network: an actor, source or target.")] = None,
    country: Annotated[str | None, Opt(help="Events/network: ISO alpha-3 of an actor.")] = None,
    sector: Annotated[str | None, Opt(help="Events/network: sector of an actor.")] = None,
    event_type: Annotated[str | None, Opt("--type", help="Events/network: PLOVER type.")] = None,
    modality: Annotated[str | None, Opt(help="Events/network: asserted, hedged, ...")] = None,
) -> None:
    """Export stored data: CSV, JSONL or Parquet tables, GDELT-like CSV, GraphML network."""
    settings = Settings.from_env(db_url=db)
    where: Filter
    if kind in ("events", "network"):
        where = EventFilter(
            actor=actor,
            country=country,
            type=event_type,
            modality=modality,
            since=since,
            until=until,
            outlet=outlet,
            sector=sector,
        )
    elif kind == "stories":
        where = StoryFilter(outlet=outlet, since=since, until=until, text=search)
    else:
        where = ArticleFilter(outlet=outlet, since=since, until=until, text=search)
    count = export(kind, db=settings.db_url, output=output, stdout=sys.stdout, fmt=fmt, where=where)
    if output is not None:
        unit = "actors" if kind == "network" else kind
        out.print(f"{count} {unit} -> {output}")


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``crosswire`` command."""
    app.command("export", help=f"Export stored data ({', '.join(KINDS)}).")(export_command)
