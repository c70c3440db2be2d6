"""The ``crosswire`` command: parse arguments, call the library, print. Nothing else."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from crosswire import cli_options as opts
from crosswire import cli_stories, service
from crosswire.cli_render import Db, Limit, err, out, shown_db
from crosswire.config import InputDefaults, Settings
from crosswire.errors import CrosswireError
from crosswire.export import write_events_csv
from crosswire.models import Article, ArticleFilter, Event, Failure, Role

app = typer.Typer(
    help="crosswire: clean, deduplicated news articles from whatever you have.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
cli_stories.register(app)
Paths = Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")]
Outlet = Annotated[str | None, typer.Option(help="Outlet for inputs that do not name one.")]
Url = Annotated[str | None, typer.Option(help="URL for inputs that do not give one.")]
Published = Annotated[
    str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that do not give one.")
]
NoNlp = Annotated[bool, typer.Option("--no-nlp", help="Stop after cleaning and dedup.")]
Workers = Annotated[
    int | None,
    typer.Option(min=0, help="Worker processes (default: every core; 1: no worker processes)."),
]


def _settings(
    db: str | None,
    outlet: str | None,
    url: str | None,
    published: str | None,
    no_nlp: bool,
    workers: int | None = None,
) -> Settings:
    if published is not None:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError:
            raise CrosswireError(f"--published {published!r} is not a date (YYYY-MM-DD)") from None
    defaults = InputDefaults(outlet=outlet, url=url, published=published)
    if workers is None and not os.environ.get("CROSSWIRE_WORKERS"):
        workers = 0  # the command line uses every core unless told otherwise
    return Settings.from_env(db_url=db, nlp=not no_nlp, defaults=defaults, workers=workers)


def _report_failure(failure: Failure) -> None:
    err.print(f"crosswire: {escape(str(failure))}", soft_wrap=True)


@contextmanager
def _progress(label: str) -> Iterator[Progress]:
    columns = (
        SpinnerColumn(),
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        yield progress


@app.command()
def ingest(
    paths: Paths,
    db: Db = None,
    outlet: Outlet = None,
    url: Url = None,
    published: Published = None,
    no_nlp: NoNlp = False,
    workers: Workers = None,
) -> None:
    """Read, clean and store articles in the database (re-ingesting changes nothing)."""
    settings = _settings(db, outlet, url, published, no_nlp, workers)
    with _progress("ingesting") as progress:
        task = progress.add_task("", total=None)

        def tick(result: object) -> None:
            if isinstance(result, Failure):
                _report_failure(result)
            source = getattr(result, "source", "")
            progress.update(task, advance=1, description=escape(source[-50:]))

        report = service.ingest(paths, settings=settings, stdin=sys.stdin.buffer, progress=tick)
    out.print(f"{report.summary()} -> {shown_db(settings.db_url)}")
    if not report.ok:
        raise typer.Exit(1)


@contextmanager
def _output(path: str | None, *, newline: str | None = None) -> Iterator[TextIO]:
    """stdout, or a file written whole or not at all (temp file, then rename)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@app.command()
def extract(
    paths: Paths,
    output: Annotated[str | None, typer.Option("-o", "--output", help="Write JSONL here.")] = None,
    outlet: Outlet = None,
    url: Url = None,
    published: Published = None,
    no_nlp: NoNlp = False,
    raw: Annotated[
        bool, typer.Option("--raw", help="Include the raw input in each object.")
    ] = False,
    workers: Workers = None,
) -> None:
    """Run the pipeline with no database: one JSON object per article (JSONL)."""
    settings = _settings(None, outlet, url, published, no_nlp, workers)
    failed = 0
    with _output(output) as handle:
        for result in service.extract(paths, settings=settings, stdin=sys.stdin.buffer):
            if isinstance(result, Failure):
                failed += 1
                _report_failure(result)
                continue
            handle.write(json.dumps(result.to_dict(include_raw=raw), ensure_ascii=False) + "\n")
            handle.flush()
    if failed:
        raise typer.Exit(1)


@app.command("articles")
def list_articles(
    db: Db = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    search: Annotated[str | None, typer.Option(help="Text in the title or body.")] = None,
    duplicates: Annotated[
        bool | None,
        typer.Option(
            "--duplicates/--originals", help="Only duplicates and reposts / only originals."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSONL instead of a table.")] = False,
) -> None:
    """List stored articles, newest first, with filters."""
    where = ArticleFilter(
        outlet=outlet,
        language=language,
        since=since,
        until=until,
        text=search,
        duplicates=duplicates,
    )
    url = Settings.from_env(db_url=db).db_url
    rows = service.articles(where, db=url, limit=limit)
    if as_json:
        for article in rows:  # plain writes: Rich would read ":x:" in text as emoji codes
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{service.count(where, db=url)} articles", title_justify="left")
    for column in ("id", "published", "outlet", "lang"):
        table.add_column(column, no_wrap=True, max_width=16)
    table.add_column("title", min_width=24, ratio=1)
    table.add_column("copy of", no_wrap=True)
    for article in rows:
        table.add_row(
            article.id[:10],
            article.published or "",
            escape(article.outlet or ""),
            article.language or "",
            escape(article.title or article.body[:80]),
            (article.reposted_from or article.duplicate_of or "")[:10],
        )
    out.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or unique prefix.")],
    db: Db = None,
    raw: Annotated[bool, typer.Option("--raw", help="Also print the raw input.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Show one article: metadata, body, and what was dropped and why."""
    article = service.show(article_id, db=Settings.from_env(db_url=db).db_url)
    if as_json:
        sys.stdout.write(
            json.dumps(article.to_dict(include_raw=raw), ensure_ascii=False, indent=2) + "\n"
        )
        return
    _print_article(article, raw=raw)


def _print_article(article: Article, *, raw: bool) -> None:
    meta = Table.grid(padding=(0, 2))
    for name in (
        "id",
        "input_id",
        "source",
        "url",
        "outlet",
        "author",
        "published",
        "language",
        "duplicate_of",
        "reposted_from",
        "original_outlet",
        "repost_evidence",
    ):
        value = getattr(article, name)
        if value:
            meta.add_row(name, escape(str(value)))
    out.print(Panel(meta, title=escape(article.title or "(no title)"), title_align="left"))
    out.print(escape(article.body), soft_wrap=True)
    if article.dropped:
        dropped = Table(title=f"dropped ({len(article.dropped)})", title_justify="left")
        dropped.add_column("reason", style="yellow", no_wrap=True)
        dropped.add_column("text", overflow="fold")
        for item in article.dropped:
            dropped.add_row(escape(item.reason), escape(item.text))
        out.print(dropped)
    _print_actors_and_events(article)
    if raw:
        out.print(Panel(escape(article.raw), title="raw input", title_align="left"))


def _role_text(role: Role) -> str:
    title = ("former " if role.former else "") + role.title
    return f"{title}, {role.organisation}" if role.organisation else title


def _print_actors_and_events(article: Article) -> None:
    names = {entity.id: entity.name for entity in article.entities}
    if article.entities:
        actors = Table(title=f"actors ({len(article.entities)})", title_justify="left")
        for column in ("name", "kind", "country", "sector", "roles"):
            actors.add_column(column, overflow="fold")
        for entity in article.entities:
            roles = "; ".join(_role_text(role) for role in entity.roles)
            actors.add_row(
                escape(entity.name),
                entity.kind,
                entity.country or "",
                entity.sector or "",
                escape(roles),
            )
        out.print(actors)
    if article.events:
        events = Table(title=f"events ({len(article.events)})", title_justify="left")
        for column in ("type", "source", "target", "when", "modality", "according to"):
            events.add_column(column, overflow="fold")
        for event in article.events:
            events.add_row(
                f"{event.type} {event.cameo or ''}",
                escape(names.get(event.source or "", "")),
                escape(names.get(event.target or "", "")),
                event.date or event.date_text or "",
                event.modality,
                escape(event.attributed_to or ""),
            )
        out.print(events)
    for note in article.notes:
        out.print(f"note: {escape(note)}")


@app.command("events")
def list_events(
    db: Db = None,
    actor: opts.Actor = None,
    country: opts.Country = None,
    sector: opts.Sector = None,
    event_type: opts.EventType = None,
    modality: opts.Modality = None,
    since: opts.Since = None,
    until: opts.Until = None,
    outlet: opts.Outlet = None,
    limit: Limit = 50,
    csv_path: Annotated[
        str | None,
        typer.Option("--csv", help="Write GDELT-like CSV here (- for stdout) instead of a table."),
    ] = None,
) -> None:
    """List stored events (who did what to whom), newest first, with filters."""
    where = opts.event_filter(
        actor=actor,
        country=country,
        sector=sector,
        event_type=event_type,
        modality=modality,
        since=since,
        until=until,
        outlet=outlet,
    )
    url = Settings.from_env(db_url=db).db_url
    rows = service.events(where, db=url, limit=limit)
    if csv_path is not None:
        with _output(csv_path, newline="") as handle:
            write_events_csv(rows, handle)
        return
    table = Table(title=f"{service.count_events(where, db=url)} events", title_justify="left")
    for column in ("when", "type", "source", "target", "modality", "outlet"):
        table.add_column(column, no_wrap=True, max_width=22)
    table.add_column("evidence", min_width=30, ratio=1)
    for row in rows:
        event = row.event
        table.add_row(
            row.when or event.date_text or "",
            f"{event.type} {event.cameo or ''}",
            escape(row.source.name if row.source else ""),
            escape(row.target.name if row.target else ""),
            event.modality,
            escape(row.outlet or ""),
            escape(_evidence(event)),
        )
    out.print(table)


def _evidence(event: Event) -> str:
    # An event told again later in the article: say so, and where.
    told = "".join(f"\n(also told at {m.start}-{m.end}: {m.sentence})" for m in event.mentions)
    return event.sentence + told


@app.command("actors")
def list_actors(
    db: Db = None,
    text: Annotated[str | None, typer.Option(help="Part of a name or alias.")] = None,
    country: Annotated[str | None, typer.Option(help="Country (ISO3).")] = None,
    sector: Annotated[str | None, typer.Option(help="Sector code: GOV, MIL, ...")] = None,
    kind: Annotated[str | None, typer.Option(help="PERSON, STATE, ORG, ...")] = None,
    limit: Limit = 50,
) -> None:
    """List stored actors, most often named first."""
    rows = service.actors(
        db=Settings.from_env(db_url=db).db_url,
        text=text,
        country=country,
        sector=sector,
        kind=kind,
        limit=limit,
    )
    table = Table(title=f"{len(rows)} actors", title_justify="left")
    for column in (
        "name",
        "kind",
        "country",
        "sector",
        "articles",
        "mentions",
        "as source",
        "as target",
        "first seen",
        "last seen",
    ):
        table.add_column(column, overflow="fold")
    for row in rows:
        entity = row.entity
        table.add_row(
            escape(entity.name),
            entity.kind,
            entity.country or "",
            entity.sector or "",
            str(row.articles),
            str(row.mentions),
            str(row.as_source),
            str(row.as_target),
            row.first_seen or "",
            row.last_seen or "",
        )
    out.print(table)


@app.command("actor")
def show_actor(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Entity id, name or alias.")],
    db: Db = None,
) -> None:
    """One actor over time: coding, roles, aliases, articles, events as source and target."""
    profile = service.actor(name, db=Settings.from_env(db_url=db).db_url)
    entity = profile.entity
    meta = Table.grid(padding=(0, 2))
    for label, value in (
        ("id", entity.id),
        ("kind", entity.kind),
        ("country", entity.country),
        ("sector", entity.sector),
        ("aliases", ", ".join(entity.aliases)),
    ):
        if value:
            meta.add_row(label, escape(value))
    out.print(Panel(meta, title=escape(entity.name), title_align="left"))
    roles = Table(title="roles", title_justify="left")
    for column in ("as of", "role", "outlet"):
        roles.add_column(column, overflow="fold")
    for seen in profile.roles:
        roles.add_row(
            seen.role.as_of or seen.published or "",
            escape(_role_text(seen.role)),
            escape(seen.outlet or ""),
        )
    out.print(roles)
    timeline = Table(title="events over time", title_justify="left")
    for column in ("when", "role", "type", "other side", "modality", "evidence"):
        timeline.add_column(column, overflow="fold")
    both = [("source", r, r.target) for r in profile.as_source]
    both += [("target", r, r.source) for r in profile.as_target]
    for side, row, other in sorted(both, key=lambda x: x[1].when or ""):
        timeline.add_row(
            row.when or "",
            side,
            row.event.type,
            escape(other.name if other else ""),
            row.event.modality,
            escape(row.event.sentence),
        )
    out.print(timeline)


def main() -> None:
    """Entry point: one clear line for every expected error, never a traceback."""
    try:
        app()
    except CrosswireError as error:
        err.print(f"crosswire: {escape(str(error))}", soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("crosswire: interrupted (stored articles are complete; re-run to finish)")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`): not an error
        sys.exit(0)


from crosswire.cli_serve import register as _register_serve  # noqa: E402 (needs `app`)

_register_serve(app)

from crosswire.cli_feeds import register as _register_feeds  # noqa: E402 (needs `app`)

_register_feeds(app)

from crosswire.cli_export import register as _register_export  # noqa: E402 (needs `app`)

_register_export(app)

from crosswire.cli_scale import register as _register_scale  # noqa: E402 (needs `app`)

_register_scale(app)

from crosswire.cli_compare import register as _register_compare  # noqa: E402 (needs `app`)

_register_compare(app)
