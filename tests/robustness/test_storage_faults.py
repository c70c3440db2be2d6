"""A read-only database file and a full disk: one clear line, nothing corrupted.

A full disk is simulated with ``RLIMIT_FSIZE`` (Python ignores SIGXFSZ, so a write past
the limit fails with EFBIG, as on a full file system). The language model unpacks 65 MB
through a temporary file first, so a small limit trips there; filling the database
itself would need a much larger ingest (see docs/reliability.md).
"""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.robustness.killing import ROOT, write_feed


def _ingest(feed: Path, db: Path, **popen: object) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-m", "crosswire", "ingest", str(feed), "--db", f"sqlite:///{db}"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [*args, "--no-nlp", "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=db.parent,
        **popen,  # type: ignore[call-overload]
    )


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    db = tmp_path / "x.db"
    first = _ingest(write_feed(tmp_path / "first.jsonl", 5), db)
    assert first.returncode == 0, first.stderr
    return db


def _state(db: Path) -> tuple[str, int]:
    with sqlite3.connect(db) as connection:
        check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        return check, connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def _one_line_errors(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip(), "a failure must say so"
    for line in stderr.strip().splitlines():
        assert line.startswith("crosswire: "), line


def test_read_only_database_file(stored: Path, tmp_path: Path) -> None:
    # Root ignores file modes, so the file is made immutable where chattr works.
    locked = subprocess.run(["chattr", "+i", str(stored)], capture_output=True, check=False)
    if locked.returncode != 0:
        if os.geteuid() == 0:
            pytest.skip("cannot make the file read-only for root (no chattr +i here)")
        stored.chmod(0o444)
    try:
        result = _ingest(write_feed(tmp_path / "more.jsonl", 50), stored)
    finally:
        subprocess.run(["chattr", "-i", str(stored)], capture_output=True, check=False)
    assert result.returncode != 0
    _one_line_errors(result.stderr)
    assert "readonly database" in result.stderr
    assert _state(stored) == ("ok", 5)


def test_full_disk(stored: Path, tmp_path: Path) -> None:
    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))

    feed = write_feed(tmp_path / "more.jsonl", 20)
    backup = tmp_path / "backup.db"
    shutil.copy(stored, backup)
    result = _ingest(feed, stored, preexec_fn=limit_file_size)
    assert result.returncode != 0
    _one_line_errors(result.stderr)
    assert "File too large" in result.stderr
    assert _state(stored) == ("ok", 5)
    # Space back: the same ingest completes.
    again = _ingest(feed, stored)
    assert again.returncode == 0, again.stderr
    assert _state(stored) == ("ok", 20)  # the first 5 were already stored
