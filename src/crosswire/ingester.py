"""Storing articles: the pipeline and a store, with the cross-article stages seeded from it.

One :class:`Ingester` serves any number of calls: `crosswire ingest` makes one per
run, `crosswire watch` one per watch, the REST API one per application. Its dedup
index and story index start from what the store holds and grow as articles are
added, so later articles are compared with everything stored, without reloading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields

from crosswire.clean.dedup import DedupIndex, DedupStage
from crosswire.config import Settings
from crosswire.models import Article, Failure, RawItem
from crosswire.pipeline import Pipeline, Stage, load_stage
from crosswire.scale.workers import ParallelPipeline, default_workers, pooled_stages
from crosswire.store import Store
from crosswire.stories.index import StoryIndex
from crosswire.stories.stage import StoryStage

Progress = Callable[[Article | Failure | RawItem], None]

#: Every field of an article: what an article loaded from a Spark output already has.
ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


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

    def summary(self) -> str:
        """One line for people: "3 added (1 duplicates or reposts), 0 already stored, 0 failed"."""
        return (
            f"{self.added} added ({self.duplicates} duplicates or reposts), "
            f"{self.unchanged} already stored, {len(self.failures)} failed"
        )


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


class Ingester:
    """Articles into ``store``: each in one transaction, stored ones skipped."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self.index = DedupIndex(
            threshold=settings.near_duplicate_threshold, permutations=settings.minhash_permutations
        )
        self.index.seed(store.fingerprints())
        self.dedup = DedupStage(settings, self.index)
        self.stories = StoryStage(settings, seeded_story_index(store, settings))
        overrides = {self.dedup.name: self.dedup, self.stories.name: self.stories}
        self.pipeline = runner(settings, overrides=overrides)
        # For articles that already went through the per-article stages (crosswire load).
        self.cross_article = Pipeline([self.dedup, self.stories], given=ARTICLE_FIELDS)

    def ingest(
        self, items: Iterable[RawItem | Failure], *, progress: Progress | None = None
    ) -> IngestReport:
        """Clean, analyse and store ``items`` (read lazily, in order)."""
        report = IngestReport()
        fresh = self._not_stored(items, report, progress)
        for result in self.pipeline.pipe(fresh, batch_size=self.settings.batch_size):
            self._keep(result, report, progress)
        return report

    def load(
        self, found: Iterable[Article | Failure], *, progress: Progress | None = None
    ) -> IngestReport:
        """Store articles whose per-article stages already ran (a Spark output), running
        dedup and stories on them in order."""
        report = IngestReport()
        batch: list[Article] = []
        for item in found:
            if isinstance(item, Failure):
                self._keep(item, report, progress)
            elif self.store.has(item.id):
                report.unchanged += 1
            else:
                batch.append(item)
            if len(batch) >= self.settings.batch_size:
                self._load_batch(batch, report, progress)
                batch = []
        self._load_batch(batch, report, progress)
        return report

    def _load_batch(
        self, batch: list[Article], report: IngestReport, progress: Progress | None
    ) -> None:
        for result in self.cross_article.run_batch(batch):
            self._keep(result, report, progress)

    def _not_stored(
        self, items: Iterable[RawItem | Failure], report: IngestReport, progress: Progress | None
    ) -> Iterator[RawItem | Failure]:
        for item in items:
            if isinstance(item, RawItem) and self.store.has(item.id):
                report.unchanged += 1
                if progress:
                    progress(item)
                continue
            yield item

    def _keep(
        self, result: Article | Failure, report: IngestReport, progress: Progress | None
    ) -> None:
        if isinstance(result, Failure):
            report.failures.append(result)
        elif self.store.add(
            result,
            fingerprint=self.index.signature_bytes(result.id),
            story=self.stories.index.change(result.id),
        ):
            report.added += 1
            report.duplicates += bool(result.duplicate_of or result.reposted_from)
        else:
            report.unchanged += 1
        if progress:
            progress(result)


def seeded_story_index(store: Store, settings: Settings) -> StoryIndex:
    """A story index holding what ``store`` persisted, so new articles join stored stories."""
    index = StoryIndex(settings.stories, record=True)
    state = store.story_index()
    index.seed(stories=state.stories, keys=state.keys, articles=state.articles, terms=state.terms)
    return index
