"""Small inputs built by hand for the ingest tests: WARC archives, gzip, JSONL."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire.ingest import read_inputs
from crosswire.models import Failure, RawItem

PAGE = "<html><head><title>{title}</title></head><body><p>{body}</p></body></html>"


def collect(paths: list[str] | list[Path], **options: Any) -> list[RawItem | Failure]:
    """Everything read_inputs yields for ``paths``."""
    return list(read_inputs([str(p) for p in paths], **options))


def items(results: list[RawItem | Failure]) -> list[RawItem]:
    """Only the articles."""
    return [r for r in results if isinstance(r, RawItem)]


def failures(results: list[RawItem | Failure]) -> list[Failure]:
    """Only the failures."""
    return [r for r in results if isinstance(r, Failure)]


def jsonl(records: list[Any]) -> bytes:
    """JSONL bytes, one JSON value a line."""
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


def gz(data: bytes) -> bytes:
    """``data`` gzip-compressed."""
    return gzip.compress(data)


def response(
    writer: WARCWriter,
    url: str,
    payload: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
) -> None:
    """Write one HTTP response record."""
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(payload), http_headers=headers
    )
    write(writer, record)


def write(writer: WARCWriter, record: Any) -> None:
    """Write ``record``, then close the temporary file warcio may have spooled it to."""
    writer.write_record(record)
    record.raw_stream.close()


def warc_bytes(pages: list[tuple[str, bytes]], *, compress: bool, extras: bool = True) -> bytes:
    """A WARC with a warcinfo record, and a request plus a response per page (and an image)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    write(writer, writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for url, payload in pages:
        if extras:
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True
            )
            write(writer, writer.create_warc_record(url, "request", http_headers=request))
        response(writer, url, payload)
    if extras:
        response(
            writer,
            "http://example.com/logo.png",
            b"\x89PNG\r\n\x1a\n....",
            content_type="image/png",
        )
        metadata = writer.create_warc_record(
            "http://example.com/",
            "metadata",
            payload=io.BytesIO(b"outlinks: none\n"),
            warc_content_type="application/warc-fields",
        )
        write(writer, metadata)
    return out.getvalue()


def page(n: int) -> bytes:
    """A small HTML article."""
    return PAGE.format(title=f"Title {n}", body=f"Body of article {n}, caf\u00e9.").encode("utf-8")
