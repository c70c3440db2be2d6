"""``crosswire stories`` (list, merge, split) and ``crosswire story ID``: parse, call, print."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from crosswire import service
from crosswire.cli_render import Db, Limit, out
from crosswire.config import Settings
from crosswire.models import Story
from crosswire.store import StoryDetail, StoryFilter

stories_app = typer.Typer(
    help="Stories: reports of one development grouped across outlets.",
    no_args_is_help=False,
    rich_markup_mode=None,
)

StoryId = Annotated[str, typer.Argument(metavar="ID", help="Story id or unique prefix.")]
Json = Annotated[bool, typer.Option("--json", help="JSON instead of a table.")]


def register(app: typer.Typer) -> None:
    """Add ``stories`` and ``story`` to the ``crosswire`` command."""
    app.add_typer(stories_app, name="stories")
    app.command("story")(show_story)


def _dates(story: Story) -> str:
    if story.first and story.last and story.first != story.last:
        return f"{story.first} to {story.last}"
    return story.first or ""


@stories_app.callback(invoke_without_command=True)
def list_stories(
    ctx: typer.Context,
    db: Db = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories this outlet reported.")] = None,
    since: Annotated[str | None, typer.Option(help="Ongoing on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Begun on or before (YYYY-MM-DD).")] = None,
    search: Annotated[
        str | None, typer.Option(help="Text in the story's or an article's title.")
    ] = None,
    limit: Limit = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSONL instead of a table.")] = False,
) -> None:
    """List stories, latest first, with their outlets, dates and size."""
    if ctx.invoked_subcommand is not None:
        return
    where = StoryFilter(outlet=outlet, since=since, until=until, text=search)
    url = Settings.from_env(db_url=db).db_url
    rows = service.stories(where, db=url, limit=limit)
    if as_json:
        for story in rows:
            sys.stdout.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
        return
    total = service.count_stories(where, db=url)
    table = Table(title=f"{total} stories", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("outlets", max_width=40)
    table.add_column("title", min_width=24, ratio=1)
    for story in rows:
        table.add_row(
            story.id[:10],
            _dates(story),
            str(story.size),
            escape(", ".join(story.outlets)),
            escape(story.title),
        )
    out.print(table)


@stories_app.command("merge")
def merge(
    target: Annotated[str, typer.Argument(metavar="A", help="The story that remains.")],
    other: Annotated[str, typer.Argument(metavar="B", help="The story folded into A.")],
    db: Db = None,
) -> None:
    """Merge story B into story A; later articles like either join A."""
    detail = service.merge_stories(target, other, db=Settings.from_env(db_url=db).db_url)
    out.print(f"merged into {detail.story.id} ({detail.story.size} articles)")


@stories_app.command("split")
def split(
    story_id: Annotated[str, typer.Argument(metavar="STORY", help="Story id or prefix.")],
    article_ids: Annotated[
        list[str], typer.Argument(metavar="ARTICLE...", help="Articles to move (ids or prefixes).")
    ],
    db: Db = None,
) -> None:
    """Move articles of STORY to a new story (same thread); later ingests keep them apart."""
    url = Settings.from_env(db_url=db).db_url
    detail = service.split_story(story_id, article_ids, db=url)
    out.print(f"new story {detail.story.id} ({detail.story.size} articles)")


def show_story(story_id: StoryId, db: Db = None, as_json: Json = False) -> None:
    """One story: its articles with outlet, date and title, oldest first."""
    detail = service.story(story_id, db=Settings.from_env(db_url=db).db_url)
    if as_json:
        sys.stdout.write(json.dumps(story_json(detail), ensure_ascii=False, indent=2) + "\n")
        return
    story = detail.story
    meta = Table.grid(padding=(0, 2))
    for label, value in (
        ("id", story.id),
        ("thread", story.thread_id if story.thread_id != story.id else None),
        ("dates", _dates(story)),
        ("outlets", ", ".join(story.outlets)),
    ):
        if value:
            meta.add_row(label, escape(value))
    out.print(Panel(meta, title=escape(story.title or "(no title)"), title_align="left"))
    table = Table(title=f"{story.size} articles", title_justify="left")
    for column in ("id", "published", "outlet", "how"):
        table.add_column(column, no_wrap=True)
    table.add_column("title", min_width=24, ratio=1)
    for article in detail.articles:
        table.add_row(
            article.id[:10],
            article.published or "",
            escape(article.outlet or ""),
            detail.how.get(article.id, ""),
            escape(article.title or article.body[:80]),
        )
    out.print(table)


def story_json(detail: StoryDetail) -> dict[str, object]:
    """A story and its articles' metadata as plain JSON data."""
    fields = ("id", "outlet", "published", "title", "url", "duplicate_of", "reposted_from")
    return {
        **detail.story.to_dict(),
        "articles": [
            {**{name: getattr(a, name) for name in fields}, "how": detail.how.get(a.id)}
            for a in detail.articles
        ],
    }
