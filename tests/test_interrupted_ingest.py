"""An ingest killed mid-run leaves whole articles only, and a re-run completes it."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.conftest import run_cli
from tests.robustness.killing import ingest_args, kill_tree, start, write_feed

TOTAL = 400


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_killed_ingest_is_consistent_and_rerun_completes(tmp_path: Path) -> None:
    feed, db = write_feed(tmp_path / "feed.jsonl", TOTAL), tmp_path / "x.db"
    # Workers 0: one per core, the command line's default; all are killed with it.
    child = start(ingest_args([str(feed)], db, workers=0, nlp=False), tmp_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if db.exists() and _safe_count(db) >= 50:
            break
        time.sleep(0.05)
    kill_tree(child)
    stored = _count(db, "articles")
    assert 0 < stored < TOTAL, "the kill should land mid-ingest"
    assert _count(db, "raw_inputs") == stored  # no article without its raw input
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = run_cli("ingest", str(feed), "--db", f"sqlite:///{db}", "--no-nlp", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert f"{TOTAL - stored} added" in again.stdout
    assert f"{stored} already stored" in again.stdout
    assert _count(db, "articles") == _count(db, "raw_inputs") == TOTAL


def _safe_count(db: Path) -> int:
    try:
        return _count(db, "articles")
    except sqlite3.Error:  # schema not created yet, or locked for a moment
        return 0
