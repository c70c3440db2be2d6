"""Run the per-article stages on every core, keeping results identical to one process.

Stages that look at one article at a time (cleaning, language, the spaCy-based NLP)
run in worker processes, each building its stages (and loading the spaCy model)
once. Stages that keep state across articles (dedup, stories) must see the articles
in input order, so they run in the calling process on each batch as it comes back,
in order. Batches in flight are bounded, so memory stays flat on any input size.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from crosswire.config import Settings
from crosswire.errors import PipelineError
from crosswire.models import Article, Failure, RawItem
from crosswire.pipeline import INPUT_FIELDS, REGISTRY, Pipeline, Stage, load_stage

#: The worker-side pipeline, built once per worker process by :func:`_start_worker`.
_worker_pipeline: Pipeline | None = None


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_worker(settings: Settings, names: tuple[str, ...]) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline([load_stage(name, settings) for name in names])


def _run_in_worker(items: list[RawItem]) -> list[Article | Failure]:
    if _worker_pipeline is None:  # pragma: no cover - the initializer always runs first
        raise PipelineError("worker started without its pipeline")
    return _worker_pipeline.run_batch(items)


class ParallelPipeline:
    """A :class:`Pipeline` whose per-article stages run in a pool of ``workers`` processes.

    ``local`` holds the stages that run in this process, in order, after the pooled
    ones (stateful stages; a dedup index seeded from a database, for instance).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        pooled: Sequence[str],
        local: Sequence[Stage],
        workers: int,
    ) -> None:
        if workers < 1:
            raise PipelineError(f"workers must be at least 1, not {workers}")
        self.settings = settings
        self.pooled = tuple(pooled)
        self.workers = workers
        _check_fit(self.pooled, local)
        after_pooled = set(INPUT_FIELDS).union(*(stage_class(n).assigns for n in self.pooled))
        self._local_only = Pipeline(list(local), given=after_pooled) if local else None

    def pipe(
        self, items: Iterable[RawItem | Failure], *, batch_size: int = 32
    ) -> Iterator[Article | Failure]:
        """Stream items through, in input order; failures pass straight through."""
        context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
        with ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self.settings, self.pooled),
        ) as pool:
            pending: deque[tuple[list[RawItem | Failure], Future[list[Article | Failure]]]] = (
                deque()
            )
            for batch in _batches(items, batch_size):
                raws = [i for i in batch if isinstance(i, RawItem)]
                pending.append((batch, pool.submit(_run_in_worker, raws)))
                if len(pending) >= 2 * self.workers:  # bounded: flat memory
                    yield from self._finish(*pending.popleft())
            while pending:
                yield from self._finish(*pending.popleft())

    def _finish(
        self, batch: list[RawItem | Failure], future: Future[list[Article | Failure]]
    ) -> list[Article | Failure]:
        done = future.result()
        if self._local_only is not None:
            live = [r for r in done if isinstance(r, Article)]
            finished = iter(self._local_only.run_batch(live))
            done = [next(finished) if isinstance(r, Article) else r for r in done]
        results = iter(done)
        return [next(results) if isinstance(i, RawItem) else i for i in batch]


def stage_class(name: str) -> type[Stage]:
    """The class registered as stage ``name``, without building it (no model loaded)."""
    try:
        module_name, _, attribute = REGISTRY[name].partition(":")
    except KeyError:
        raise PipelineError(f"unknown stage {name!r}") from None
    found = getattr(importlib.import_module(module_name), attribute)
    if not (isinstance(found, type) and issubclass(found, Stage)):
        raise PipelineError(f"stage {name!r} is not a Stage class")
    return found


def is_stateful(name: str) -> bool:
    """Whether stage ``name`` keeps state across articles (it must see them in order)."""
    return bool(getattr(stage_class(name), "stateful", False))


def pooled_stages(names: Sequence[str]) -> tuple[str, ...]:
    """The stages of ``names`` that can run on any worker: those that keep no state."""
    return tuple(name for name in names if not is_stateful(name))


def _check_fit(pooled: Sequence[str], local: Sequence[Stage]) -> None:
    """Every stage's requirements met by the input or an earlier stage, as Pipeline checks."""
    available = set(INPUT_FIELDS)
    declared: list[tuple[str, frozenset[str], frozenset[str]]] = [
        (name, cls.requires, cls.assigns) for name, cls in ((n, stage_class(n)) for n in pooled)
    ]
    declared += [(stage.name, stage.requires, stage.assigns) for stage in local]
    for name, requires, assigns in declared:
        missing = requires - available
        if missing:
            raise PipelineError(
                f"stage {name} requires {', '.join(sorted(missing))}, "
                "which no earlier stage assigns"
            )
        available |= assigns


def _batches(items: Iterable[RawItem | Failure], size: int) -> Iterator[list[RawItem | Failure]]:
    batch: list[RawItem | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
