"""JSONL and JSON inputs: records, ids, sources, and one Failure per bad line."""

from __future__ import annotations

import json
from pathlib import Path

from crosswire.config import Settings
from crosswire.models import Failure, RawItem

from .builders import collect, failures, gz, items, jsonl

TEXT = "Officials met on Friday and agreed to continue talks."


def test_records_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {
        "id": 12,
        "html": "<p>x</p>",
        "url": "http://e/1",
        "outlet": "E",
        "title": "T",
        "published": "2023-06-11",
        "language": "en",
    }
    path.write_bytes(jsonl([record, {"id": "b", "text": TEXT}]))
    first, second = collect([path])
    assert first == RawItem(
        source=f"{path}:1",
        input_id="12",
        content="<p>x</p>",
        kind="html",
        url="http://e/1",
        outlet="E",
        title="T",
        published="2023-06-11",
        language="en",
        encoding="utf-8",
    )
    assert isinstance(second, RawItem) and (second.input_id, second.kind) == ("b", "text")


def test_malformed_lines_each_one_failure_rest_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    lines = [
        json.dumps({"text": TEXT}),
        '{"text": "a" "b"}',
        "[1, 2]",
        json.dumps({"title": "no body"}),
        json.dumps({"text": 5}),
        json.dumps({"text": TEXT, "id": [1]}),
        json.dumps({"text": TEXT, "title": 3}),
        "",
        json.dumps({"text": "   "}),
        json.dumps({"text": TEXT}),
    ]
    path.write_text("\n".join(lines) + "\n")
    results = collect([path])
    assert [r.source for r in items(results)] == [f"{path}:1", f"{path}:10"]
    assert failures(results) == [
        Failure(f"{path}:2", "malformed JSON: Expecting ',' delimiter at column 14"),
        Failure(f"{path}:3", "expected a JSON object, got array"),
        Failure(f"{path}:4", "no 'text' or 'html' field"),
        Failure(f"{path}:5", "field 'text' must be a string, got number"),
        Failure(f"{path}:6", "field 'id' must be a string or integer, got array"),
        Failure(f"{path}:7", "field 'title' must be a string, got number"),
        Failure(f"{path}:9", "empty 'text'/'html' field, no article text"),
    ]


def test_jsonl_saved_as_txt_is_read_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(jsonl([{"text": TEXT}, {"text": TEXT}]))
    assert len(items(collect([path]))) == 2


def test_over_long_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(jsonl([{"text": "a" * 5000}, {"text": TEXT}]))
    results = collect([path], settings=Settings(max_article_bytes=1000))
    assert isinstance(results[0], Failure) and results[0].source == f"{path}:1"
    assert "longer than the 1 KB article limit" in results[0].problem
    assert isinstance(results[1], RawItem) and results[1].content == TEXT


def test_truncated_gzip_jsonl_keeps_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    data = gz(jsonl([{"id": n, "text": f"{TEXT} {n}" * 20} for n in range(200)]))
    path.write_bytes(data[: len(data) // 2])
    results = collect([path])
    good = items(results)
    assert [r.input_id for r in good] == [str(n) for n in range(len(good))]
    assert 0 < len(good) < 200
    assert results[-1] == Failure(str(path), f"truncated gzip stream after {len(good)} lines")


def test_utf16_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(jsonl([{"text": "Zürich, 東京"}]).decode().encode("utf-16"))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and item.content == "Zürich, 東京"


def test_cp1252_line_in_utf8_jsonl_is_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = '{"text": "déjà vu"}\n'.encode()
    bad = '{"text": "Le président a déclaré que l\u2019économie était forte"}\n'.encode("cp1252")
    path.write_bytes(good + bad)
    first, second = collect([path])
    assert isinstance(first, RawItem) and first.content == "déjà vu"
    assert isinstance(second, RawItem) and "président" in second.content


def test_json_object_and_list(tmp_path: Path) -> None:
    one, many = tmp_path / "one.json", tmp_path / "many.json"
    one.write_text(json.dumps({"text": TEXT, "title": "T"}, indent=2))
    many.write_text(json.dumps([{"text": TEXT}, {"nope": 1}, {"id": "z", "html": "<p>y</p>"}]))
    results = collect([one, many])
    assert [(r.source, r.input_id) for r in items(results)] == [
        (str(one), "one.json"),
        (f"{many}[0]", "many.json[0]"),
        (f"{many}[2]", "z"),
    ]
    assert failures(results) == [Failure(f"{many}[1]", "no 'text' or 'html' field")]


def test_pretty_printed_json_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "record"
    path.write_text(json.dumps({"text": TEXT}, indent=2))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and item.content == TEXT


def test_malformed_json_document(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"text": "a",\n "b" }')
    (failure,) = collect([path])
    assert isinstance(failure, Failure)
    assert failure.problem == "malformed JSON: Expecting ':' delimiter at line 2 column 6"
