"""JSONL (one article a line) and JSON (one object, or a list of them) inputs.

A record holds ``text`` or ``html`` and optionally ``id``, ``url``, ``outlet``,
``title``, ``published`` and ``language``. JSONL is read a line at a time, so a
file of any size streams in constant memory; each bad line is one
:class:`Failure` naming ``path:LINE``, and the lines around it still count.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from crosswire.ingest.decode import Decoded, decode_bytes
from crosswire.ingest.items import Metadata, Origin, make_item, size_text
from crosswire.ingest.streams import GzipGuard, read_up_to
from crosswire.models import Failure, RawItem, RawKind

_META_FIELDS = ("url", "outlet", "title", "published", "language")
#: Chunk size for skipping the rest of an over-long line.
_SKIP_BYTES = 1 << 20
_BLANK = Decoded("", "utf-8")


class RecordError(ValueError):
    """A JSON value that is not a valid article record (the message is the one-line problem)."""


def record_item(
    record: Any, origin: Origin, *, source: str, fallback_id: str, line: Decoded | None = None
) -> RawItem:
    """The article in one decoded JSON record; raises :class:`RecordError` if it is not one.

    ``line`` is the decoded text the record was parsed from, for its encoding.
    """
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, got {_json_type(record)}")
    kind, content = _content(record)
    record_id = record.get("id")
    if record_id is not None and (
        isinstance(record_id, bool) or not isinstance(record_id, str | int)
    ):
        raise RecordError(f"field 'id' must be a string or integer, got {_json_type(record_id)}")
    meta = {name: _optional_str(record, name) for name in _META_FIELDS}
    return make_item(
        origin,
        source=source,
        input_id=fallback_id if record_id is None else str(record_id),
        decoded=Decoded(content, line.encoding, line.lossy) if line else Decoded(content, "utf-8"),
        kind=kind,
        meta=Metadata(**meta),
    )


def _content(record: dict[str, Any]) -> tuple[RawKind, str]:
    """``("html", html)`` or ``("text", text)``; HTML wins, as it is the fuller original."""
    kinds: tuple[RawKind, ...] = ("html", "text")
    for kind in kinds:
        value = record.get(kind)
        if value is None:
            continue
        if not isinstance(value, str):
            raise RecordError(f"field '{kind}' must be a string, got {_json_type(value)}")
        if value.strip():
            return kind, value
    if "html" in record or "text" in record:
        raise RecordError("empty 'text'/'html' field, no article text")
    raise RecordError("no 'text' or 'html' field")


def _optional_str(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise RecordError(f"field '{name}' must be a string, got {_json_type(value)}")


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def read_jsonl(
    stream: BinaryIO,
    origin: Origin,
    *,
    encoding: str | None = None,
    guard: GzipGuard | None = None,
) -> Iterator[RawItem | Failure]:
    """Every article in a JSONL stream, one :class:`Failure` per bad line, in order.

    ``encoding`` is given for wide encodings (UTF-16/32); ``guard`` is the gzip layer
    under ``stream``, if any, whose damage is reported once after the last whole line.
    """
    if encoding:
        lines = _text_lines(stream, origin, encoding)
    else:
        lines = _byte_lines(stream, origin, guard)
    number = 0
    for number, line in lines:
        source = f"{origin.source}:{number}"
        if isinstance(line, Failure):
            yield line
            continue
        if not line.text.strip():
            continue  # blank lines (a trailing newline, a separator) hold no record
        try:
            record = json.loads(line.text)
            fallback_id = f"{origin.name}:{number}"
            yield record_item(record, origin, source=source, fallback_id=fallback_id, line=line)
        except json.JSONDecodeError as error:
            yield Failure(source, f"malformed JSON: {error.msg} at column {error.colno}")
        except RecordError as error:
            yield Failure(source, str(error))
        except RecursionError:
            yield Failure(source, "malformed JSON: nested too deeply")
    if guard and guard.problem:
        yield Failure(origin.source, f"{guard.problem} after {number} lines")


def _byte_lines(
    stream: BinaryIO, origin: Origin, guard: GzipGuard | None
) -> Iterator[tuple[int, Decoded | Failure]]:
    """Numbered decoded lines of an ASCII-compatible stream; over-long lines become failures."""
    limit = origin.settings.max_article_bytes
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if line.isspace():
            yield number, _BLANK  # a flood of blank lines (a bomb-like input) costs no decoding
            continue
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_line(stream)
            problem = f"line longer than the {size_text(limit)} article limit (max_article_bytes)"
            yield number, Failure(f"{origin.source}:{number}", problem)
            continue
        if guard and guard.problem and not line.endswith(b"\n"):
            return  # the last line was cut by the truncation: reported once, at the end
        yield number, _decode_line(line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line)


def _decode_line(line: bytes) -> Decoded:
    try:
        return Decoded(line.decode("utf-8"), "utf-8")  # JSON text is UTF-8 (RFC 8259)
    except UnicodeDecodeError:
        return decode_bytes(line)


def _skip_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_SKIP_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return


def _text_lines(
    stream: BinaryIO, origin: Origin, encoding: str
) -> Iterator[tuple[int, Decoded | Failure]]:
    """Numbered lines of a stream in a wide encoding (UTF-16/32 JSONL), decoded leniently."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
    limit = origin.settings.max_article_bytes
    for number, line in enumerate(iter(lambda: text.readline(limit + 1), ""), start=1):
        if len(line) > limit and not line.endswith("\n"):
            problem = f"line longer than the {size_text(limit)} article limit (max_article_bytes)"
            yield number, Failure(f"{origin.source}:{number}", problem)
            continue
        yield number, Decoded(line.lstrip("\ufeff"), encoding)
    text.detach()


def read_json(
    stream: BinaryIO, origin: Origin, *, guard: GzipGuard | None = None
) -> Iterator[RawItem | Failure]:
    """The article(s) in a JSON document: one object, or a list of objects."""
    limit = origin.settings.max_article_bytes
    data = read_up_to(stream, limit + 1)
    if guard and guard.problem:
        yield Failure(origin.source, guard.problem)
        return
    if len(data) > limit:
        yield Failure(origin.source, f"JSON document larger than {size_text(limit)}; use JSONL")
        return
    try:
        document = json.loads(decode_bytes(data).text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        yield Failure(origin.source, f"malformed JSON: {error.msg} at {where}")
        return
    except RecursionError:
        yield Failure(origin.source, "malformed JSON: nested too deeply")
        return
    if not isinstance(document, list):
        yield _one_record(document, origin, origin.source, origin.name)
        return
    if not document:
        yield Failure(origin.source, "empty JSON list, no articles")
    for index, record in enumerate(document):
        source = f"{origin.source}[{index}]"
        yield _one_record(record, origin, source, f"{origin.name}[{index}]")


def _one_record(record: Any, origin: Origin, source: str, fallback_id: str) -> RawItem | Failure:
    try:
        return record_item(record, origin, source=source, fallback_id=fallback_id)
    except RecordError as error:
        return Failure(source, str(error))
