"""The operations crosswire offers, as plain functions (the CLI and API call these)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, BinaryIO

from crosswire.clean.dedup import DedupIndex, DedupStage
from crosswire.config import Settings
from crosswire.ingest import read_inputs
from crosswire.models import Article, ArticleFilter, Failure, RawItem, Story
from crosswire.pipeline import Pipeline, Stage, load_stage
from crosswire.scale.workers import ParallelPipeline, default_workers, pooled_stages
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
from crosswire.stories.index import StoryIndex
from crosswire.stories.stage import StoryStage

if TYPE_CHECKING:
    from crosswire.stories.compare import Comparison

Progress = Callable[[Article | Failure | RawItem], None]


@dataclass
class IngestReport:
    """What an ingest did: counts, and every failure with where and why."""

    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was read and every article processed."""
        return not self.failures


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
    report = IngestReport()
    with Store.open(settings.db_url) as store:
        keeper = _Keeper(store, settings, report, progress)
        pipeline = runner(settings, overrides=keeper.overrides)
        for result in pipeline.pipe(
            _new_items(paths, settings, stdin, store, report, progress),
            batch_size=settings.batch_size,
        ):
            keeper.keep(result)
    return report


def load(
    folder: str, *, settings: Settings | None = None, progress: Progress | None = None
) -> IngestReport:
    """Store the output of ``crosswire spark-extract`` (its ``articles`` and ``failures``
    tables under ``folder``), running the cross-article stages (dedup, stories) in input
    order; articles already stored are skipped, so loading twice changes nothing."""
    from crosswire.scale.spark import read_extracted  # needs pyarrow only, not Spark

    settings = settings or Settings.from_env()
    report = IngestReport()
    with Store.open(settings.db_url) as store:
        keeper = _Keeper(store, settings, report, progress)
        stages = Pipeline(list(keeper.overrides.values()), given=ARTICLE_FIELDS)
        batch: list[Article] = []
        for found in read_extracted(folder):
            if isinstance(found, Failure):
                keeper.keep(found)
            elif store.has(found.id):
                report.unchanged += 1
            else:
                batch.append(found)
            if len(batch) >= settings.batch_size:
                for result in stages.run_batch(batch):
                    keeper.keep(result)
                batch = []
        for result in stages.run_batch(batch):
            keeper.keep(result)
    return report


#: Every field of an article: what a loaded article already has.
ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


class _Keeper:
    """The cross-article stages seeded from a store, and the storing of their results."""

    def __init__(
        self, store: Store, settings: Settings, report: IngestReport, progress: Progress | None
    ) -> None:
        self.store, self.report, self.progress = store, report, progress
        self.index = DedupIndex(
            threshold=settings.near_duplicate_threshold, permutations=settings.minhash_permutations
        )
        self.index.seed(store.fingerprints())
        self.dedup = DedupStage(settings, self.index)
        self.stories = StoryStage(settings, _seeded_story_index(store, settings))
        self.overrides: dict[str, Stage] = {
            self.dedup.name: self.dedup,
            self.stories.name: self.stories,
        }

    def keep(self, result: Article | Failure) -> None:
        """Store one article (one transaction) or record one failure."""
        if isinstance(result, Failure):
            self.report.failures.append(result)
        elif self.store.add(
            result,
            fingerprint=self.index.signature_bytes(result.id),
            story=self.stories.index.change(result.id),
        ):
            self.report.added += 1
            self.report.duplicates += bool(result.duplicate_of or result.reposted_from)
        else:
            self.report.unchanged += 1
        if self.progress:
            self.progress(result)


def runner(
    settings: Settings, *, overrides: Mapping[str, Stage] | None = None
) -> Pipeline | ParallelPipeline:
    """The configured stages, on ``settings.workers`` processes (0: every core).

    Per-article stages run in worker processes, the model loaded once in each; the
    stages that compare articles with earlier ones run here, in input order, so the
    results are the same as with one process. With one worker, or a stage order that
    would change by moving the per-article stages first, everything runs here.
    """
    workers = settings.workers or default_workers()
    pooled = pooled_stages(settings.stages)
    if workers <= 1 or settings.stages[: len(pooled)] != pooled:
        return Pipeline.from_settings(settings, overrides=overrides)
    overrides = overrides or {}
    local = [overrides.get(n) or load_stage(n, settings) for n in settings.stages[len(pooled) :]]
    return ParallelPipeline(settings, pooled=pooled, local=local, workers=workers)


def _seeded_story_index(store: Store, settings: Settings) -> StoryIndex:
    """A story index holding what ``store`` persisted, so new articles join stored stories."""
    index = StoryIndex(settings.stories, record=True)
    state = store.story_index()
    index.seed(stories=state.stories, keys=state.keys, articles=state.articles, terms=state.terms)
    return index


def _new_items(
    paths: Sequence[str],
    settings: Settings,
    stdin: BinaryIO | None,
    store: Store,
    report: IngestReport,
    progress: Progress | None,
) -> Iterator[RawItem | Failure]:
    """Inputs not yet stored; the stored ones are counted as unchanged and skipped."""
    for item in read_inputs(paths, settings=settings, stdin=stdin):
        if isinstance(item, RawItem) and store.has(item.id):
            report.unchanged += 1
            if progress:
                progress(item)
            continue
        yield item


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
    with Store.open(db or settings.db_url) as store:
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
    with Store.open(db or settings.db_url) as store:
        return store.split_story(story_id, article_ids, rebuild=manual.rebuild(settings.stories))


def compare(story_id: str, *, db: str | None = None) -> Comparison:
    """How the outlets of one story (id or unique prefix) report it: the claim matrix,
    whom each cites, framing, blame and tone, reposts, outlet profiles."""
    from crosswire.stories.compare import compare_articles

    return compare_articles(story(story_id, db=db).articles)
