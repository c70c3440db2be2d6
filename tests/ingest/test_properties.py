"""Property tests: no bytes make read_inputs raise, and valid JSONL round-trips."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.ingest import read_inputs
from crosswire.models import Failure, RawItem

NAMES = [
    "a.txt",
    "a.html",
    "a.jsonl",
    "a.json",
    "a.warc",
    "a.warc.gz",
    "a.txt.gz",
    "a",
    "a.jsonl.gz",
]
PREFIXES = [b"", b"WARC/1.0\r\n", b"{", b"[", b"<html>", b"\x1f\x8b", b"\xff\xfe", b"\xef\xbb\xbf"]

raw_bytes = st.one_of(
    st.binary(max_size=2000),
    st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=2000)).map(b"".join),
    st.binary(max_size=2000).map(gzip.compress),
    st.binary(max_size=2000).map(lambda b: gzip.compress(b)[: len(b) // 2]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=raw_bytes, name=st.sampled_from(NAMES))
def test_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        results = list(read_inputs([str(path)]))
    assert all(isinstance(r, RawItem | Failure) for r in results)
    assert all(r.source.startswith(str(path)) for r in results)


@settings(max_examples=100, deadline=None)
@given(data=raw_bytes)
def test_arbitrary_stdin_never_raises(data: bytes) -> None:
    results = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert all(isinstance(r, RawItem | Failure) for r in results)


text = st.text(min_size=1).filter(str.strip)
optional = st.none() | st.text(min_size=1)
record = st.fixed_dictionaries(
    {"id": st.integers() | st.text(min_size=1), "text": text},
    optional={"url": optional, "outlet": optional, "title": optional, "language": optional},
)


@settings(max_examples=100, deadline=None)
@given(records=st.lists(record, min_size=1, max_size=20), ensure_ascii=st.booleans())
def test_jsonl_round_trip(records: list[dict[str, object]], ensure_ascii: bool) -> None:
    lines = "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in records)
    stream = io.BytesIO(lines.encode("utf-8", "surrogatepass"))
    results = list(read_inputs(["-"], stdin=stream))
    assert len(results) == len(records)
    for number, (item, given_record) in enumerate(zip(results, records, strict=True), start=1):
        assert isinstance(item, RawItem), item
        assert item.source == f"-:{number}"
        assert item.input_id == str(given_record["id"])
        assert item.content == given_record["text"]
        assert item.title == (given_record.get("title") or None)
