"""`crosswire compare STORY` on the example story, through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _example_story(examples: Path, tmp_path: Path) -> tuple[str, str]:
    db = f"sqlite:///{tmp_path / 'ex.db'}"
    first, second = sorted(examples.iterdir())
    assert run_cli("ingest", str(first), "--db", db, cwd=tmp_path).returncode == 0
    done = run_cli("ingest", str(second), "--published", "2023-06-11", "--db", db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    listed = run_cli("stories", "--json", "--db", db, cwd=tmp_path).stdout.splitlines()
    assert len(listed) == 1  # both reports are one story
    return db, json.loads(listed[0])["id"]


def test_compare_prints_markdown_and_writes_html(examples: Path, tmp_path: Path) -> None:
    db, story = _example_story(examples, tmp_path)
    text = run_cli("compare", story[:6], "--db", db, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "Global Times" in text.stdout and "Claims" in text.stdout
    markdown = run_cli("compare", story, "--format", "markdown", "--db", db, cwd=tmp_path)
    assert markdown.stdout.startswith("#")
    assert "|" in markdown.stdout  # the claim matrix is a table
    page = tmp_path / "story.html"
    done = run_cli("compare", story, "-o", str(page), "--db", db, cwd=tmp_path)
    assert done.returncode == 0 and "html report ->" in done.stdout
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "<script" not in html


def test_compare_errors_are_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    missing = run_cli("compare", "abcdef", "--db", db, cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and missing.stderr.startswith("crosswire: ")
    bad = run_cli("compare", "abcdef", "--format", "pdf", "--db", db, cwd=tmp_path)
    assert bad.returncode == 2 and "use text, markdown or html" in bad.stderr
