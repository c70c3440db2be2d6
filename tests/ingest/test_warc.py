"""WARC and WARC.gz: article responses only, sources and ids, damage reported once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from crosswire.models import Failure, RawItem

from .builders import collect, failures, items, page, response, warc_bytes

PAGES = [(f"http://example.com/{n}", page(n)) for n in range(3)]


@pytest.mark.parametrize(("name", "compress"), [("c.warc", False), ("c.warc.gz", True)])
def test_only_html_responses_become_items(tmp_path: Path, name: str, compress: bool) -> None:
    path = tmp_path / name
    path.write_bytes(warc_bytes(PAGES, compress=compress))
    results = collect([path])
    assert all(isinstance(r, RawItem) for r in results)
    assert [(r.input_id, r.url, r.kind) for r in items(results)] == [
        (url, url, "html") for url, _ in PAGES
    ]
    assert all(r.source.startswith(f"{path}#urn:uuid:") for r in results)
    assert items(results)[0].content == page(0).decode()


def test_warc_recognised_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "crawl.dat"
    path.write_bytes(warc_bytes(PAGES, compress=True))
    assert len(items(collect([path]))) == 3


def _single(payload: bytes, content_type: str, status: str = "200 OK") -> bytes:
    out = io.BytesIO()
    response(
        WARCWriter(out, gzip=False), "http://x/", payload, content_type=content_type, status=status
    )
    return out.getvalue()


def test_payload_charset_from_content_type(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    html = "<html><body><p>Größe und Maß</p></body></html>".encode("iso-8859-1")
    path.write_bytes(_single(html, "text/html; charset=ISO-8859-1"))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and "Größe und Maß" in item.content


def test_payload_charset_detected_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    html = "<html><body><p>Der Präsident sagte, die Größe sei überwältigend.</p></body></html>"
    path.write_bytes(_single(html.encode("cp1252"), "text/html"))
    (item,) = collect([path])
    assert isinstance(item, RawItem) and "Präsident" in item.content


def test_redirects_errors_and_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.warc"
    path.write_bytes(
        _single(b"moved", "text/html", status="301 Moved Permanently")
        + _single(b"<html><body>missing</body></html>", "text/html", status="404 Not Found")
        + _single(b"A plain text article.", "text/plain")
    )
    (item,) = collect([path])
    assert isinstance(item, RawItem) and item.kind == "text"


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_archive_keeps_records_before_the_cut(
    tmp_path: Path, compress: bool, cut: float
) -> None:
    data = warc_bytes(PAGES * 5, compress=compress)
    path = tmp_path / ("t.warc.gz" if compress else "t.warc")
    path.write_bytes(data[: int(len(data) * cut)])
    results = collect([path])
    (failure,) = failures(results)
    assert results[-1] is failure and failure.source == str(path)
    expected = "truncated gzip stream" if compress else "truncated WARC record"
    assert failure.problem.startswith(f"{expected} after ")
    good = items(results)
    assert 0 < len(good) < 15
    assert [r.url for r in good] == [url for url, _ in (PAGES * 5)[: len(good)]]


def test_garbage_after_a_record_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "b.warc"
    path.write_bytes(warc_bytes(PAGES[:1], compress=False, extras=False) + b"garbage\r\n" * 10)
    first, second = collect([path])
    assert isinstance(first, RawItem)
    assert second == Failure(str(path), "broken WARC record (no WARC version line) after 2 records")


def test_warc_extension_without_warc_content(tmp_path: Path) -> None:
    path = tmp_path / "b.warc"
    path.write_text("just some text")
    (failure,) = collect([path])
    assert isinstance(failure, Failure) and failure.problem.startswith("not a WARC file")


def test_oversized_record_is_one_failure_and_the_rest_goes_on(tmp_path: Path) -> None:
    from crosswire.config import Settings

    big = ("http://example.com/big", b"<html><body>" + b"x" * 5000 + b"</body></html>")
    path = tmp_path / "c.warc.gz"
    path.write_bytes(warc_bytes([PAGES[0], big, PAGES[1]], compress=True))
    results = collect([path], settings=Settings(max_article_bytes=1000))
    assert [type(r).__name__ for r in results] == ["RawItem", "Failure", "RawItem"]
    assert "payload larger than" in results[1].problem  # type: ignore[union-attr]
