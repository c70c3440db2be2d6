"""``crosswire export``: articles, events, stories and the actor network (cli.py registers)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from crosswire import cli_options as opts
from crosswire.cli_render import Db, out
from crosswire.config import Settings
from crosswire.export import KINDS, export, export_filter

Opt = typer.Option
HELP = (
    f"Export stored data ({', '.join(KINDS)}). --actor, --country, --sector, --type and"
    " --modality select events and the network; --search selects articles and stories."
)


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
    outlet: opts.Outlet = None,
    since: opts.Since = None,
    until: opts.Until = None,
    search: Annotated[str | None, Opt(help="Articles/stories: text in title or body.")] = None,
    actor: opts.Actor = None,
    country: opts.Country = None,
    sector: opts.Sector = None,
    event_type: opts.EventType = None,
    modality: opts.Modality = None,
) -> None:
    """Export stored data: CSV, JSONL or Parquet tables, GDELT-like CSV, GraphML network."""
    settings = Settings.from_env(db_url=db)
    events = opts.event_filter(
        actor=actor,
        country=country,
        sector=sector,
        event_type=event_type,
        modality=modality,
        since=since,
        until=until,
        outlet=outlet,
    )
    where = export_filter(kind, events, search)
    count = export(kind, db=settings.db_url, output=output, stdout=sys.stdout, fmt=fmt, where=where)
    if output is not None:
        unit = "actors" if kind == "network" else kind
        out.print(f"{count} {unit} -> {output}")


def register(app: typer.Typer) -> None:
    """Add ``export`` to the ``crosswire`` command."""
    app.command("export", help=HELP)(export_command)
