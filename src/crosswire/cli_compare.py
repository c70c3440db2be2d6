"""``crosswire compare STORY``: one story's outlets side by side (cli.py registers)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from crosswire import service
from crosswire.cli_render import Db, out
from crosswire.config import Settings
from crosswire.errors import CrosswireError

#: Report formats: the terminal's, and two files.
FORMATS = ("text", "markdown", "html")


def compare(
    story_id: Annotated[str, typer.Argument(metavar="STORY", help="Story id or unique prefix.")],
    fmt: Annotated[
        str | None, typer.Option("--format", help="text (terminal), markdown or html.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the report to this file.")
    ] = None,
    db: Db = None,
) -> None:
    """Compare how the outlets of a story report it: claims, sources, framing, reposts."""
    chosen = fmt or _format_of(output)
    if chosen not in FORMATS:
        raise CrosswireError(f"--format {chosen!r}: use text, markdown or html")
    comparison = service.compare(story_id, db=Settings.from_env(db_url=db).db_url)
    from crosswire.stories.report import to_html, to_markdown, to_rich

    if chosen == "text":
        if output is not None:
            raise CrosswireError("the text report is for the terminal: use markdown or html")
        out.print(to_rich(comparison))
        return
    report = to_html(comparison) if chosen == "html" else to_markdown(comparison)
    if output is None:
        out.file.write(report)
        return
    _write_whole(output, report)
    out.print(f"{chosen} report -> {output}")


def _format_of(output: Path | None) -> str:
    suffix = output.suffix.lower() if output else ""
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(
        suffix, "text" if output is None else "markdown"
    )


def _write_whole(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def register(app: typer.Typer) -> None:
    """Add ``compare`` to the ``crosswire`` command."""
    app.command("compare")(compare)
