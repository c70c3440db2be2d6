"""The operations crosswire offers, as plain functions (the CLI and API call these)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO

from crosswire.config import Settings
from crosswire.ingest import read_inputs
from crosswire.ingester import Ingester, IngestReport, Progress, runner
from crosswire.models import Article, ArticleFilter, Failure, Story
from crosswire.store import (
    ActorProfile,
    ActorSummary,
    EventFilter,
    Store,
    StoredEvent,
    StoryDetail,
    StoryFilter,
)
from crosswire.stories import manual

if TYPE_CHECKING:
    from crosswire.stories.compare import Comparison


def extract(
    paths: Sequence[str], *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article | Failure]:
    """Run the pipeline over ``paths`` with no database: one result per article, in order."""
    settings = settings or Settings.from_env()
    pipeline = runner(settings)
    items = read_inputs(paths, settings=settings, stdin=stdin)
    yield from pipeline.pipe(items, batch_size=settings.batch_size)


def ingest(
    paths: Sequence[str],
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, clean and store every article under ``paths``; each article is one transaction.

    An article already in the database (same content-derived id) is not processed
    again, so re-ingesting the same input changes nothing, and re-running an
    interrupted ingest completes it.
    """
    settings = settings or Settings.from_env()
    with Store.with_settings(settings) as store:
        items = read_inputs(paths, settings=settings, stdin=stdin)
        return Ingester(store, settings).ingest(items, progress=progress)


def load(
    folder: str, *, settings: Settings | None = None, progress: Progress | None = None
) -> IngestReport:
    """Store the output of ``crosswire spark-extract`` (its ``articles`` and ``failures``
    tables under ``folder``), running the cross-article stages (dedup, stories) in input
    order; articles already stored are skipped, so loading twice changes nothing."""
    from crosswire.scale.spark import read_extracted  # needs pyarrow only, not Spark

    settings = settings or Settings.from_env()
    with Store.with_settings(settings) as store:
        return Ingester(store, settings).load(read_extracted(folder), progress=progress)


def articles(
    where: ArticleFilter = ArticleFilter(),
    *,
    db: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Article]:
    """Stored articles matching ``where``, newest first."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.articles(where, limit=limit, offset=offset)


def count(where: ArticleFilter = ArticleFilter(), *, db: str | None = None) -> int:
    """How many stored articles match ``where``."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.count(where)


def show(article_id: str, *, db: str | None = None) -> Article:
    """One stored article by id or unique id prefix, with its raw input and dropped text."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.get(article_id)


def events(
    where: EventFilter | None = None, *, db: str | None = None, limit: int = 50, offset: int = 0
) -> list[StoredEvent]:
    """Stored events matching ``where``, newest first (by event date, else article date)."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.events(where, limit=limit, offset=offset)


def count_events(where: EventFilter | None = None, *, db: str | None = None) -> int:
    """How many stored events match ``where``."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.count_events(where)


def actors(
    *,
    db: str | None = None,
    text: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    limit: int = 50,
) -> list[ActorSummary]:
    """Stored actors, most often named first, with counts and first/last seen dates."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.actors(text=text, country=country, sector=sector, kind=kind, limit=limit)


def actor(name_or_id: str, *, db: str | None = None) -> ActorProfile:
    """Everything stored about one actor, over time."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.actor(name_or_id)


def stories(
    where: StoryFilter | None = None, *, db: str | None = None, limit: int = 50, offset: int = 0
) -> list[Story]:
    """Stored stories matching ``where``, latest first, with their articles' ids and outlets."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.stories(where, limit=limit, offset=offset)


def count_stories(where: StoryFilter | None = None, *, db: str | None = None) -> int:
    """How many stored stories match ``where``."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.count_stories(where)


def story(story_id: str, *, db: str | None = None) -> StoryDetail:
    """One story (id or unique prefix) with its articles, oldest first."""
    with Store.open(db or Settings.from_env().db_url) as store:
        return store.story(story_id)


def merge_stories(
    target: str, other: str, *, db: str | None = None, settings: Settings | None = None
) -> StoryDetail:
    """Fold story ``other`` into ``target``; later articles like either join ``target``."""
    settings = settings or Settings.from_env(db_url=db)
    with Store.with_settings(settings, db) as store:
        return store.merge_stories(target, other, combine=manual.combine(settings.stories))


def split_story(
    story_id: str,
    article_ids: Sequence[str],
    *,
    db: str | None = None,
    settings: Settings | None = None,
) -> StoryDetail:
    """Move ``article_ids`` out of a story into a new one (same thread); returns the new story.
    Later ingests never move them back."""
    settings = settings or Settings.from_env(db_url=db)
    with Store.with_settings(settings, db) as store:
        return store.split_story(story_id, article_ids, rebuild=manual.rebuild(settings.stories))


def compare(story_id: str, *, db: str | None = None) -> Comparison:
    """How the outlets of one story (id or unique prefix) report it: the claim matrix,
    whom each cites, framing, blame and tone, reposts, outlet profiles."""
    from crosswire.stories.compare import compare_articles

    return compare_articles(story(story_id, db=db).articles)
