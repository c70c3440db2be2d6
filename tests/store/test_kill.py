"""A writer process killed with SIGKILL mid-transaction leaves a consistent database."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from crosswire.store import Store
from tests.store.conftest import is_postgresql, raw

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


def check_consistent(url: str) -> set[str]:
    """Assert every stored article has all its child rows; returns the stored ids."""
    with raw(url) as conn:
        if not is_postgresql(url):  # PostgreSQL checks its pages and keys itself
            assert conn.exec_driver_sql("PRAGMA integrity_check").one() == ("ok",)
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        stored = conn.exec_driver_sql("SELECT id, title FROM articles").all()
        for article_id, title in stored:
            n_mentions, n_dropped = map(int, title.split())
            for table, expected in (
                ("mentions", n_mentions),
                ("dropped", n_dropped),
                ("raw_inputs", 1),
                ("fingerprints", 1),
            ):
                query = text(f"SELECT count(*) FROM {table} WHERE article_id = :id")
                assert conn.execute(query, {"id": article_id}).scalar() == expected, table
    return {article_id for article_id, _ in stored}


def test_killed_writer_leaves_whole_articles_and_a_rerun_completes(db_url: str) -> None:
    url = db_url
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

    stored = check_consistent(url)
    assert len(stored) == PAUSE_AT and killed_in not in stored

    rerun = run_writer(url)
    out, _ = rerun.communicate(timeout=60)
    assert rerun.returncode == 0
    words = [line.split()[0] for line in out.splitlines()]
    assert words == ["skipped"] * PAUSE_AT + ["added"] * (COUNT - PAUSE_AT)
    assert len(check_consistent(url)) == COUNT
    with Store.open(url) as store:
        assert store.count() == COUNT
        assert len(store.get(killed_in).mentions) == 100 + PAUSE_AT % 11
