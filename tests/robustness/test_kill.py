"""A few kill -9 trials: the re-run database equals a clean run's, row for row.

``tests/test_interrupted_ingest.py`` checks that a killed run leaves whole articles
and that the re-run counts add up; this compares every table (stories, indexes,
fingerprints too) with an uninterrupted run. The 50-trial version is
``bench/kill_ingest.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.robustness.killing import ROOT, dump, ingest_args, run, trial, write_feed


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list]:  # type: ignore[type-arg]
    work = tmp_path_factory.mktemp("kill")
    paths = [str(ROOT / "samples"), str(write_feed(work / "extra.jsonl", 150))]
    reference_db = work / "reference.db"
    run(ingest_args(paths, reference_db, workers=1, nlp=False), work)
    return work, paths, dump(reference_db)


@pytest.mark.parametrize(("workers", "seed"), [(1, 1), (1, 2), (2, 3), (1, 4)])
def test_rerun_after_kill_equals_a_clean_run(setup, workers: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    work, paths, reference = setup
    delay = random.Random(seed).uniform(1.5, 6.0)
    result = trial(paths, work, reference, workers=workers, delay=delay)
    assert result.identical, result.problems
