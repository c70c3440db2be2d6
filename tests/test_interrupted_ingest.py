"""An ingest killed mid-run leaves whole articles only, and a re-run completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_cli

TOTAL = 400


def _write_feed(path: Path) -> None:
    with path.open("w") as feed:
        for n in range(TOTAL):
            text = (
                f"Report {n}: the harbour board of town number {n} approved {n % 7 + 2} new "
                f"berths on day {n % 28 + 1}, officials said, after {n * 3 % 97} objections "
                f"were heard at a public meeting that lasted {n % 5 + 1} hours."
            )
            feed.write(json.dumps({"id": f"r{n}", "text": text, "outlet": "Test Gazette"}) + "\n")


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_killed_ingest_is_consistent_and_rerun_completes(tmp_path: Path) -> None:
    feed, db = tmp_path / "feed.jsonl", tmp_path / "x.db"
    _write_feed(feed)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    args = [
        sys.executable,
        "-m",
        "crosswire",
        "ingest",
        str(feed),
        "--db",
        f"sqlite:///{db}",
        "--no-nlp",
    ]
    child = subprocess.Popen(
        args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if db.exists() and _safe_count(db) >= 50:
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
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
