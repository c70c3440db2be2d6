"""A read-only database file and a full disk: one clear line, nothing corrupted.

A full disk is simulated with ``RLIMIT_FSIZE`` (Python ignores SIGXFSZ, so a write past
the limit fails with EFBIG, as on a full file system). The language model unpacks 65 MB
through a temporary file first, so a small limit set before the process starts trips
there (:func:`test_full_disk`). To fill the disk *during* the database's writes, the
ingest runs in a process that loads the language model first and only then lowers its
limit to just above the database's size, as in a long run whose disk fills up: the
write-ahead log then crosses it after some articles are stored.
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

from tests.robustness.killing import ROOT, differences, dump, write_feed


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


#: The ingest, in a process that loads the language model before its disk "fills":
#: ``python -c PREWARMED <file size limit> <crosswire arguments...>``.
PREWARMED = """
import resource, sys
from crosswire.clean.language import detect_language
detect_language("The language model is loaded before the disk fills up. " * 3)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["crosswire", *sys.argv[2:]]
from crosswire.cli import main
main()
"""


def _ingest_here(
    work: Path, *paths: str, file_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``crosswire ingest`` of ``paths`` (relative to ``work``, as the stored sources are)
    into ``work/x.db``; with ``file_limit``, no file may grow past it once the model is loaded."""
    args = ["ingest", *paths, "--db", "sqlite:///x.db", "--no-nlp", "--workers", "1"]
    if file_limit is None:
        command = [sys.executable, "-m", "crosswire", *args]
    else:
        command = [sys.executable, "-c", PREWARMED, str(file_limit), *args]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=work)


def _feeds(work: Path, more: int) -> None:
    work.mkdir()
    write_feed(work / "first.jsonl", 5)
    write_feed(work / "more.jsonl", more)


def test_disk_fills_during_writes(tmp_path: Path) -> None:
    work = tmp_path / "filled"
    _feeds(work, 40)
    assert _ingest_here(work, "first.jsonl").returncode == 0
    db = work / "x.db"
    # Room for a few more articles only (each commit appends its pages to x.db-wal).
    result = _ingest_here(work, "more.jsonl", file_limit=db.stat().st_size + 128 * 1024)
    assert result.returncode == 2, result.stderr
    _one_line_errors(result.stderr)
    (line,) = result.stderr.strip().splitlines()  # the first failed write stops the ingest
    assert line.startswith("crosswire: x.db: cannot store article "), line
    assert "disk I/O error (SQLITE_IOERR_WRITE)" in line or "disk is full" in line, line
    check, stored = _state(db)
    assert check == "ok"
    assert 5 < stored < 40, "the disk must fill after some articles and before the last"

    # Exactly the articles committed before the failure: a clean run of that many.
    prefix = tmp_path / "prefix"
    _feeds(prefix, 40)
    lines = (prefix / "more.jsonl").read_text().splitlines(keepends=True)
    (prefix / "more.jsonl").write_text("".join(lines[:stored]))
    assert _ingest_here(prefix, "first.jsonl", "more.jsonl").returncode == 0
    assert differences(dump(prefix / "x.db"), dump(db)) == []

    # Space back: the same ingest completes, to the database of one clean run.
    again = _ingest_here(work, "more.jsonl")
    assert again.returncode == 0, again.stderr
    assert f"{40 - stored} added" in again.stdout
    clean = tmp_path / "clean"
    _feeds(clean, 40)
    assert _ingest_here(clean, "first.jsonl", "more.jsonl").returncode == 0
    assert differences(dump(clean / "x.db"), dump(db)) == []
    assert dump(clean / "x.db") == dump(db)
