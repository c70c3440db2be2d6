"""Pooled stages on several processes give exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.clean.dedup import DedupStage
from crosswire.config import Settings
from crosswire.errors import PipelineError
from crosswire.ingest import read_inputs
from crosswire.models import Article, Failure
from crosswire.pipeline import Pipeline, load_stage
from crosswire.scale.workers import ParallelPipeline, default_workers, stage_class

SAMPLES = Path(__file__).parents[2] / "samples"
POOLED = ("crosswire.clean.v1", "crosswire.language.v1")


def _dicts(results: list[Article | Failure]) -> list[object]:
    return [r.to_dict() if isinstance(r, Article) else r for r in results]


def test_two_workers_match_one_process_in_order() -> None:
    settings = Settings(nlp=False)
    items = list(read_inputs([str(SAMPLES)], settings=settings))
    assert len(items) > 5
    serial = Pipeline([*(load_stage(n, settings) for n in POOLED), DedupStage(settings)])
    expected = list(serial.pipe(items, batch_size=3))
    parallel = ParallelPipeline(settings, pooled=POOLED, local=[DedupStage(settings)], workers=2)
    got = list(parallel.pipe(items, batch_size=3))
    assert _dicts(got) == _dicts(expected)
    assert any(isinstance(r, Article) and r.duplicate_of for r in got)  # dedup saw every batch


def test_failures_keep_their_place() -> None:
    settings = Settings(nlp=False)
    items = [Failure("bad.txt", "empty file"), *read_inputs([str(SAMPLES / "text")])]
    parallel = ParallelPipeline(settings, pooled=POOLED, local=[], workers=2)
    got = list(parallel.pipe(items, batch_size=2))
    assert got[0] == Failure("bad.txt", "empty file")
    assert len(got) == len(items)
    assert all(isinstance(r, Article) for r in got[1:])


def test_stages_that_do_not_fit_are_refused_before_any_work() -> None:
    with pytest.raises(PipelineError, match="requires"):
        ParallelPipeline(Settings(), pooled=("crosswire.language.v1",), local=[], workers=2)
    with pytest.raises(PipelineError, match="at least 1"):
        ParallelPipeline(Settings(), pooled=POOLED, local=[], workers=0)


def test_stage_class_loads_no_model() -> None:
    assert stage_class("crosswire.nlp.v1").name == "crosswire.nlp.v1"
    assert default_workers() >= 1
