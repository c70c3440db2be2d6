"""`--workers 2` gives byte-identical results to one process, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from crosswire.config import Settings
from crosswire.pipeline import Pipeline
from crosswire.scale.workers import ParallelPipeline
from crosswire.service import runner
from tests.conftest import SAMPLES, run_cli


def test_extract_with_two_workers_matches_one(tmp_path: Path) -> None:
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.jsonl"
        done = run_cli("extract", str(SAMPLES), "-o", str(out), "--workers", workers, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        outputs[workers] = out.read_text()
    assert outputs["1"] == outputs["2"]
    articles = [json.loads(line) for line in outputs["2"].splitlines()]
    assert any(a["events"] for a in articles)  # the NLP stage ran in the workers
    assert any(a["duplicate_of"] for a in articles)  # dedup saw every article, in order


def test_ingest_with_two_workers_stores_what_one_stores(tmp_path: Path) -> None:
    dumps = {}
    for workers in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        done = run_cli("ingest", str(SAMPLES), "--db", db, "--workers", workers, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        dumps[workers] = run_cli("export", "articles", "--db", db, cwd=tmp_path).stdout
        stories = run_cli("export", "stories", "--format", "csv", "--db", db, cwd=tmp_path)
        dumps[workers] += stories.stdout
    assert dumps["1"] == dumps["2"]
    assert dumps["1"].count("\n") > 5


def test_the_runner_uses_a_pool_only_when_asked() -> None:
    assert isinstance(runner(Settings(nlp=False, workers=1)), Pipeline)
    assert isinstance(runner(Settings(nlp=False, workers=2)), ParallelPipeline)
