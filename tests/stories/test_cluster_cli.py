"""End to end through the CLI: the example articles form one story; merge and split."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLES, run_cli


def _stories(db: str, cwd: Path) -> list[dict[str, object]]:
    done = run_cli("stories", "--json", "--db", db, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_the_example_articles_form_one_story(examples: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert run_cli("ingest", str(examples), "--db", db, cwd=tmp_path).returncode == 0
    (story,) = _stories(db, tmp_path)
    assert len(story["article_ids"]) == 2  # type: ignore[arg-type]
    table = run_cli("stories", "--db", db, cwd=tmp_path)
    assert "1 stories" in table.stdout and str(story["id"])[:10] in table.stdout
    shown = run_cli("story", str(story["id"])[:6], "--json", "--db", db, cwd=tmp_path)
    assert {a["id"] for a in json.loads(shown.stdout)["articles"]} == set(story["article_ids"])  # type: ignore[arg-type]


def test_extract_output_carries_the_story(examples: Path, tmp_path: Path) -> None:
    done = run_cli("extract", str(examples), "--no-nlp", cwd=tmp_path)
    ids = {json.loads(line)["story_id"] for line in done.stdout.splitlines()}
    assert len(ids) == 1 and None not in ids


def test_merge_and_split_through_the_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run_cli("ingest", str(SAMPLES), "--no-nlp", "--db", db, cwd=tmp_path).returncode == 0
    before = _stories(db, tmp_path)
    a, b = before[0], before[1]
    merged = run_cli("stories", "merge", str(a["id"]), str(b["id"]), "--db", db, cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    after = _stories(db, tmp_path)
    assert len(after) == len(before) - 1
    moved = str(b["article_ids"][0])  # type: ignore[index]
    split = run_cli("stories", "split", str(a["id"])[:8], moved, "--db", db, cwd=tmp_path)
    assert split.returncode == 0, split.stderr
    assert len(_stories(db, tmp_path)) == len(before)
    missing = run_cli("story", "zzzzzzzz", "--db", db, cwd=tmp_path)
    assert missing.returncode == 2 and "no story" in missing.stderr
