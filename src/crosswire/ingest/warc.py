"""WARC archives (plain or gzip): one article per HTML or text response, streamed.

Only ``response`` and ``resource`` records with a successful HTML or plain-text
payload are articles; requests, metadata, redirects, error pages, images and
scripts are skipped silently, as a crawl is full of them. warcio tolerates
truncation quietly, so this module checks each record's length itself and
reports a cut-off archive once, after the records that survived.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.recordloader import ArcWarcRecordLoader

from crosswire.ingest.decode import charset_from_content_type, decode_bytes
from crosswire.ingest.items import Metadata, Origin, make_item, size_text
from crosswire.ingest.sniff import binary_kind, sniff_format
from crosswire.ingest.streams import BUFFER_BYTES, GzipGuard
from crosswire.models import Failure, RawItem, RawKind

logger = logging.getLogger(__name__)

_ARTICLE_RECORDS = frozenset({"response", "resource"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_MAX_HEADER_LINE = 64 * 1024


class _Truncated(Exception):
    """The archive ends inside a record."""


class _Tellable:
    """The reader warcio's record parser needs: ``read``, ``readline`` and ``tell``."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._offset = 0

    def read(self, size: int | None = -1) -> bytes:
        data = self._stream.read(-1 if size is None else size)
        self._offset += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        line = self._stream.readline(-1 if size is None else size)
        self._offset += len(line)
        return line

    def tell(self) -> int:
        return self._offset


def read_warc(
    stream: BinaryIO, origin: Origin, *, guard: GzipGuard | None = None
) -> Iterator[RawItem | Failure]:
    """Every article in a WARC stream, in order; damage ends the stream with one Failure.

    ``stream`` is uncompressed (``guard`` is the gzip layer under it, if any). Records
    are walked here rather than by warcio's ArchiveIterator, which stops silently at a
    record cut off inside its headers.
    """
    loader = ArcWarcRecordLoader(verify_http=False, arc2warc=False)
    reader = _Tellable(stream)
    count = 0
    while line := _next_header_line(reader):
        if not line.startswith(b"WARC/"):
            yield _broken(origin, guard, count, "broken WARC record (no WARC version line)")
            return
        try:
            record = loader.parse_record_stream(reader, statusline=line, known_format="warc")
            result = _article(record, origin)
        except (_Truncated, EOFError):
            yield _broken(origin, guard, count, "truncated WARC record")
            return
        # warcio raises anything from ValueError to AttributeError on garbage headers; all
        # of them mean the same to a user: the archive is broken from here on.
        except Exception as error:
            at_end = not reader.read(1)  # nothing after the bad record: it was cut off
            problem = (
                "truncated WARC record" if at_end else f"broken WARC record ({_one_line(error)})"
            )
            yield _broken(origin, guard, count, problem)
            return
        count += 1
        if result is not None:
            yield result
    if guard and guard.problem:
        yield Failure(origin.source, f"{guard.problem} after {count} records")


def _next_header_line(reader: _Tellable) -> bytes:
    """The first non-blank line (the next record's version line), or b"" at the end."""
    while line := reader.readline(_MAX_HEADER_LINE):
        if line.strip():
            return line
    return b""


def _broken(origin: Origin, guard: GzipGuard | None, count: int, problem: str) -> Failure:
    """The one failure that ends an archive; gzip damage, if any, is its real cause."""
    if guard and guard.problem:
        problem = guard.problem
    return Failure(origin.source, f"{problem} after {count} records")


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


def _article(record: Any, origin: Origin) -> RawItem | Failure | None:
    """The article in one record, a Failure for a bad payload, or None for a non-article."""
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    url = headers.get_header("WARC-Target-URI")
    source = f"{origin.source}#{record_id or record.length}"
    if headers.get_header("Content-Length") is None:
        raise _Truncated  # every WARC record has one; headers cut short lose it
    if record.rec_type not in _ARTICLE_RECORDS or not _successful(record):
        _drain(record)
        return None
    content_type = _content_type(record)
    payload = _payload(record, origin, source)
    if isinstance(payload, Failure):
        return payload
    kind = _kind(content_type, payload, url or "")
    if kind is None:
        return None
    if not payload.strip():
        return Failure(source, f"empty {kind} payload, no article text")
    if described := binary_kind(payload[:8192]):
        return Failure(source, f"binary payload ({described}) labelled {content_type!r}")
    decoded = decode_bytes(
        payload, declared=charset_from_content_type(content_type), html=kind == "html"
    )
    input_id = url or record_id or origin.name
    return make_item(
        origin, source=source, input_id=input_id, decoded=decoded, kind=kind, meta=Metadata(url=url)
    )


def _successful(record: Any) -> bool:
    """A resource, or a response with a 2xx HTTP status (redirects and errors hold no article)."""
    if record.rec_type != "response":
        return True
    if record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    return str(status).startswith("2")


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return str(value or "")


def _kind(content_type: str, payload: bytes, url: str) -> RawKind | None:
    """``html`` or ``text`` for an article payload; None for anything else (images, CSS, ...)."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in _HTML_TYPES:
        return "html"
    if mime in _TEXT_TYPES:
        return "text"
    if mime:
        return None
    # No declared type: look at the payload, as a browser would.
    fmt = sniff_format(payload[:8192], url)
    return "html" if fmt == "html" else None


def _payload(record: Any, origin: Origin, source: str) -> bytes | Failure:
    """The decoded HTTP payload, or a Failure if it is too large or cannot be decoded."""
    limit = origin.settings.max_article_bytes
    try:
        payload = record.content_stream().read(limit + 1)
    # Content-Encoding and chunked decoding happen inside warcio, which raises freely.
    except Exception as error:
        _drain(record)
        return Failure(source, f"unreadable payload ({_one_line(error)})")
    if len(payload) > limit:
        _drain(record)
        return Failure(source, f"payload larger than the {size_text(limit)} article limit")
    _drain(record)
    return payload


def _drain(record: Any) -> None:
    """Read the rest of the record; raise :class:`_Truncated` if the archive ends inside it."""
    raw = record.raw_stream
    while raw.read(BUFFER_BYTES):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise _Truncated
