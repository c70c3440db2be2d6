"""Two kill -9 trials of ``crosswire spark-extract`` and ``crosswire load``: each re-run
completes, the output holds every article once, and the loaded database equals the one
from an uninterrupted run. Slow (a JVM per command); the 10-trial version is
``bench/kill_spark.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow.parquet")

from tests.robustness.killing import ROOT, write_feed
from tests.robustness.killing_spark import (
    Reference,
    reference,
    repeated_articles,
    trial,
)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Reference]:
    work = tmp_path_factory.mktemp("kill-spark")
    inputs = [str(ROOT / "samples"), str(write_feed(work / "extra.jsonl", 40))]
    return work, inputs, reference(inputs, work)


def test_the_reference_output_holds_each_article_once(
    setup: tuple[Path, list[str], Reference],
) -> None:
    _, _, ref = setup
    assert len(ref.tables["articles"]) > 40
    assert not repeated_articles(ref.tables)
    assert len(dict(ref.rows)["articles"]) == len(ref.tables["articles"])


@pytest.mark.parametrize("seed", [1, 2])
def test_rerun_after_kill_completes_with_the_same_output_and_database(
    setup: tuple[Path, list[str], Reference], seed: int
) -> None:
    work, inputs, ref = setup
    rng = random.Random(seed)
    # Past the JVM's start, within the job.
    extract_delay = ref.extract_seconds * rng.uniform(0.3, 0.7)
    load_delay = ref.load_seconds * rng.uniform(0.4, 0.8)
    result = trial(inputs, work, ref, extract_delay=extract_delay, load_delay=load_delay)
    assert result.identical, result.problems
