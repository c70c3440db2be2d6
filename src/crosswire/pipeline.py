"""Ordered, named stages that turn articles into richer articles.

Like spaCy's ``Language``: each stage is ``Article -> Article`` with an optional
batched ``pipe``; it declares the fields it ``requires`` and ``assigns``, and
:class:`Pipeline` checks at build time that every requirement is met by an
earlier stage (or by the input itself). At run time the runner checks that each
stage returned an ``Article`` and records the stage name in ``Article.stages``.
A stage that cannot handle one article raises a :class:`CrosswireError`; that
article becomes a :class:`Failure` and the rest of the batch goes on.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import ClassVar

from crosswire.config import Settings
from crosswire.errors import CrosswireError, PipelineError
from crosswire.models import Article, Failure, RawItem

#: Fields an article has before any stage runs (copied from the input).
INPUT_FIELDS = frozenset(
    {
        "id",
        "input_id",
        "source",
        "raw_kind",
        "raw",
        "url",
        "outlet",
        "title",
        "published",
        "language",
    }
)

#: Stage name -> "module:factory". Imported lazily so that ``--no-nlp`` never loads spaCy.
REGISTRY: dict[str, str] = {
    "crosswire.clean.v1": "crosswire.clean.stage:CleanStage",
    "crosswire.language.v1": "crosswire.clean.language:LanguageStage",
    "crosswire.dedup.v1": "crosswire.clean.dedup:DedupStage",
    "crosswire.entities.v1": "crosswire.nlp.entities:EntitiesStage",
    "crosswire.nlp.v1": "crosswire.nlp.stage:NlpStage",
    "crosswire.stories.v1": "crosswire.stories.stage:StoryStage",
}


class Stage:
    """Base class of pipeline stages. Subclasses set the class attributes and ``__call__``."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __call__(self, article: Article) -> Article:
        raise NotImplementedError

    def pipe(self, articles: Sequence[Article]) -> list[Article | Failure]:
        """Process a batch; the default calls the stage on each article in turn."""
        return [self._guarded(article) for article in articles]

    def _guarded(self, article: Article) -> Article | Failure:
        try:
            return self(article)
        except CrosswireError as error:
            return Failure(article.source, error.message)


StageFactory = Callable[[Settings], Stage]


def load_stage(name: str, settings: Settings) -> Stage:
    """Build the registered stage ``name`` with ``settings``."""
    try:
        target = REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise PipelineError(f"unknown stage {name!r} (known: {known})") from None
    module_name, _, factory_name = target.partition(":")
    factory: StageFactory = getattr(importlib.import_module(module_name), factory_name)
    return factory(settings)


class Pipeline:
    """An ordered list of stages, checked to fit together when built."""

    def __init__(self, stages: Sequence[Stage], *, given: Iterable[str] = INPUT_FIELDS) -> None:
        """``given``: the fields articles already have when they reach the first stage."""
        available = set(given)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name} requires {', '.join(sorted(missing))}, "
                    "which no earlier stage assigns"
                )
            available |= stage.assigns
        self.stages: tuple[Stage, ...] = tuple(stages)

    @classmethod
    def from_settings(
        cls, settings: Settings, *, overrides: Mapping[str, Stage] | None = None
    ) -> Pipeline:
        """The configured stages (``settings.stages``); ``overrides`` supplies ready-built
        stages by name (e.g. a dedup stage seeded from a database)."""
        overrides = overrides or {}
        return cls([overrides.get(n) or load_stage(n, settings) for n in settings.stages])

    @property
    def names(self) -> tuple[str, ...]:
        """Stage names in run order."""
        return tuple(stage.name for stage in self.stages)

    def __call__(self, item: RawItem | Article) -> Article:
        """Run one item through every stage; raise the failure as an error."""
        (result,) = self.run_batch([item])
        if isinstance(result, Failure):
            raise CrosswireError(result.problem, where=result.source)
        return result

    def run_batch(self, items: Sequence[RawItem | Article]) -> list[Article | Failure]:
        """Run a batch through every stage; failures stay in place, in input order."""
        results: list[Article | Failure] = [
            Article.from_raw(i) if isinstance(i, RawItem) else i for i in items
        ]
        for stage in self.stages:
            live = [n for n, r in enumerate(results) if isinstance(r, Article)]
            if not live:
                break
            out = stage.pipe([results[n] for n in live])  # type: ignore[misc]
            if len(out) != len(live):
                raise PipelineError(
                    f"stage {stage.name} returned {len(out)} of {len(live)} articles"
                )
            for n, result in zip(live, out, strict=True):
                results[n] = self._checked(stage, result)
        return results

    def pipe(
        self, items: Iterable[RawItem | Failure], *, batch_size: int = 32
    ) -> Iterator[Article | Failure]:
        """Stream items through in batches; input failures pass straight through, in order."""
        batch: list[RawItem | Failure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._run_mixed(batch)
                batch = []
        if batch:
            yield from self._run_mixed(batch)

    def _run_mixed(self, batch: list[RawItem | Failure]) -> list[Article | Failure]:
        raws = [i for i in batch if isinstance(i, RawItem)]
        done = iter(self.run_batch(raws))
        return [next(done) if isinstance(i, RawItem) else i for i in batch]

    @staticmethod
    def _checked(stage: Stage, result: object) -> Article | Failure:
        if isinstance(result, Failure):
            return result
        if not isinstance(result, Article):
            raise PipelineError(f"stage {stage.name} returned {type(result).__name__}, not Article")
        return result.evolve(stages=(*result.stages, stage.name))
