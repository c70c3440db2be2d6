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
