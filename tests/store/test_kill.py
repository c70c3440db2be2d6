"""A writer process killed with SIGKILL mid-transaction leaves a consistent database."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from crosswire.store import Store

WRITER = Path(__file__).with_name("writer.py")
COUNT = 40
PAUSE_AT = 25

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")


def run_writer(url: str, *args: str) -> subprocess.Popen[str]:
    """Start writer.py; a watchdog kills it if the test would otherwise hang."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), url, str(COUNT), *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(60, process.kill)
    watchdog.daemon = True
    watchdog.start()
    return process


def check_consistent(path: Path) -> set[str]:
    """Assert every stored article has all its child rows; returns the stored ids."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = conn.execute("SELECT id, title FROM articles").fetchall()
        for article_id, title in stored:
            n_mentions, n_dropped = map(int, title.split())
            for table, expected in (
                ("mentions", n_mentions),
                ("dropped", n_dropped),
                ("raw_inputs", 1),
                ("fingerprints", 1),
            ):
                query = f"SELECT count(*) FROM {table} WHERE article_id = ?"
                assert conn.execute(query, (article_id,)).fetchone() == (expected,), table
    return {article_id for article_id, _ in stored}


def test_killed_writer_leaves_whole_articles_and_a_rerun_completes(db_path: Path) -> None:
    url = f"sqlite:///{db_path}"
    writer = run_writer(url, str(PAUSE_AT))
    assert writer.stdout is not None
    lines = []
    for line in writer.stdout:
        lines.append(line.split())
        if lines[-1][0] == "inside":
            break
    writer.send_signal(signal.SIGKILL)
    assert writer.wait(timeout=30) == -signal.SIGKILL
    writer.stdout.close()
    killed_in = f"{PAUSE_AT:016x}"
    assert lines[-1] == ["inside", killed_in]
    assert sum(1 for word, _ in lines if word == "added") == PAUSE_AT

    stored = check_consistent(db_path)
    assert len(stored) == PAUSE_AT and killed_in not in stored

    rerun = run_writer(url)
    out, _ = rerun.communicate(timeout=60)
    assert rerun.returncode == 0
    words = [line.split()[0] for line in out.splitlines()]
    assert words == ["skipped"] * PAUSE_AT + ["added"] * (COUNT - PAUSE_AT)
    assert len(check_consistent(db_path)) == COUNT
    with Store.open(url) as store:
        assert store.count() == COUNT
        assert len(store.get(killed_in).mentions) == 100 + PAUSE_AT % 11
