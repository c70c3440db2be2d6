"""``crosswire watch`` and ``crosswire fetch``: parse arguments, call the library, print.

Registered on the main app by :func:`register` (called at the end of ``cli.py``).
"""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from crosswire.cli_render import shown_db
from crosswire.config import InputDefaults, Settings
from crosswire.errors import CrosswireError
from crosswire.ingest.fetch import Fetcher, FetchOptions
from crosswire.ingest.watch import Ingester, PollReport, Watcher, WatchOptions, fetch_item
from crosswire.models import Article, Failure, RawItem
from crosswire.store import Store

out = Console(highlight=False, emoji=False)
err = Console(stderr=True, highlight=False, emoji=False)

Db = Annotated[
    str | None,
    typer.Option("--db", help="Database URL [env CROSSWIRE_DB; default sqlite:///crosswire.db]."),
]
Outlet = Annotated[str | None, typer.Option(help="Outlet for pages that do not name one.")]
NoNlp = Annotated[bool, typer.Option("--no-nlp", help="Stop after cleaning and dedup.")]
AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch from private, loopback and link-local addresses (unsafe on servers).",
    ),
]


def _settings(db: str | None, outlet: str | None, published: str | None, no_nlp: bool) -> Settings:
    if published is not None:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise CrosswireError(f"--published {published!r} is not a date (YYYY-MM-DD)") from None
    defaults = InputDefaults(outlet=outlet, published=published)
    return Settings.from_env(db_url=db, nlp=not no_nlp, defaults=defaults)


def _print_failure(result: Article | Failure | RawItem) -> None:
    if isinstance(result, Failure):
        err.print(f"crosswire: {escape(str(result))}", soft_wrap=True)


def fetch(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Pages to fetch.")],
    db: Db = None,
    outlet: Outlet = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for pages that give none.")
    ] = None,
    no_nlp: NoNlp = False,
    allow_private: AllowPrivate = False,
) -> None:
    """Fetch web pages (politely: robots.txt, rate limit) and store them like ingest."""
    settings = _settings(db, outlet, published, no_nlp)
    options = FetchOptions(allow_private=allow_private)
    with Store.with_settings(settings) as store, Fetcher(options) as fetcher:
        ingester = Ingester(store, settings)
        items = (fetch_item(fetcher, url, settings) for url in urls)
        report = ingester.ingest(items, progress=_print_failure)
    out.print(f"{report.summary()} -> {shown_db(settings.db_url)}")
    if not report.ok:
        raise typer.Exit(1)


def _print_poll(report: PollReport) -> None:
    if report.error is not None:
        retry = f" (retrying in {report.retry_in:g} s)" if report.retry_in else ""
        err.print(
            f"crosswire: {escape(report.feed)}: {escape(report.error)}{retry}", soft_wrap=True
        )
        return
    out.print(
        f"{escape(report.feed)}: {report.entries} entries, {report.new} new: "
        f"{report.ingest.summary()}",
        soft_wrap=True,
    )


@contextmanager
def _sigterm_stops() -> Iterator[None]:
    """SIGTERM (a service manager stopping us) ends the loop like Ctrl-C does."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def watch(
    feeds: Annotated[list[str], typer.Argument(metavar="FEED...", help="RSS or Atom feed URLs.")],
    db: Db = None,
    outlet: Outlet = None,
    interval: Annotated[
        float, typer.Option(min=1, help="Seconds between two polls of a feed.")
    ] = 900,
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once, then exit.")] = False,
    no_nlp: NoNlp = False,
    allow_private: AllowPrivate = False,
) -> None:
    """Poll feeds, fetch and store new articles; keep going through errors (Ctrl-C stops)."""
    settings = _settings(db, outlet, None, no_nlp)
    options = WatchOptions(interval=interval, retry_base=min(60.0, interval))
    with (
        Store.with_settings(settings) as store,
        Fetcher(FetchOptions(allow_private=allow_private)) as fetcher,
    ):
        watcher = Watcher(
            feeds,
            fetcher=fetcher,
            ingester=Ingester(store, settings),
            options=options,
            on_result=_print_failure,
        )
        try:
            with _sigterm_stops():
                reports = watcher.run(once=once, on_poll=_print_poll)
        except KeyboardInterrupt:
            err.print("crosswire: stopped (every stored article is complete)")
            return
    failed = any(r.error or not r.ingest.ok for r in reports)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``watch`` and ``fetch`` to the ``crosswire`` command."""
    app.command("watch")(watch)
    app.command("fetch")(fetch)
