"""What every ``crosswire`` command shares: the consoles and the common options."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

out = Console(highlight=False, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False)

Db = Annotated[
    str | None,
    typer.Option("--db", help="Database URL [env CROSSWIRE_DB; default sqlite:///crosswire.db]."),
]
Limit = Annotated[int, typer.Option(help="At most this many rows.")]


def shown_db(url: str) -> str:
    """The database as messages name it: never with its password."""
    from sqlalchemy.engine.url import make_url

    try:
        return make_url(url).render_as_string(hide_password=True) if "://" in url else url
    except Exception:  # a URL SQLAlchemy cannot parse was refused before any summary
        return url.split("@")[-1]
