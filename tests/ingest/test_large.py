"""Large inputs: JSONL and WARC stream in small memory; a huge single article is refused."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from crosswire.ingest import read_inputs
from crosswire.models import Failure, RawItem

from .builders import page, warc_bytes

MB = 1_000_000


def _write_jsonl(path: Path, size: int) -> int:
    """About ``size`` bytes of JSONL, written in large blocks; returns the line count."""
    line = (json.dumps({"text": "Officials met and agreed to talk again. " * 250}) + "\n").encode()
    block = line * 100
    count = 0
    with path.open("wb") as out:
        while count * len(line) < size:
            out.write(block)
            count += 100
    return count


def test_100_mb_jsonl_streams_in_small_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = _write_jsonl(path, 100 * MB)
    tracemalloc.start()
    try:
        count = sum(isinstance(r, RawItem) for r in read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == lines
    assert peak < 10 * MB, f"peak {peak / MB:.1f} MB reading a 100 MB JSONL"


def test_large_warc_streams_in_small_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    chunk = warc_bytes([(f"http://e/{n}", page(n) * 50) for n in range(200)], compress=True)
    with path.open("wb") as out:
        for _ in range(10):
            out.write(chunk)  # concatenated gzip members: still one valid WARC.gz
    tracemalloc.start()
    try:
        count = sum(isinstance(r, RawItem) for r in read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < 10 * MB


def test_100_mb_text_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    block = b"A scraped article that never ends.\n" * 30_000
    with path.open("wb") as out:
        for _ in range(100 * MB // len(block) + 1):
            out.write(block)
    tracemalloc.start()
    try:
        (failure,) = read_inputs([str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(failure, Failure) and "too large for one article" in failure.problem
    assert peak < 5 * MB
