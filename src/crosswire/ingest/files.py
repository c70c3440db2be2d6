"""Read every input a user names: the entry point :func:`read_inputs`.

Each file is opened once and recognised by its first bytes (:mod:`.sniff`), then
handed to the reader for its format. Bad input never raises: each problem becomes
one :class:`Failure` naming the file (and line or record), and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from crosswire.config import InputDefaults, Settings
from crosswire.ingest.decode import decode_bytes
from crosswire.ingest.items import Origin, make_item, size_text
from crosswire.ingest.jsonl import read_json, read_jsonl
from crosswire.ingest.paths import STDIN, expand
from crosswire.ingest.sniff import (
    WARC_SUFFIXES,
    binary_kind,
    bom_encoding,
    is_gzip,
    sniff_format,
    suffix,
    utf16_without_bom,
)
from crosswire.ingest.streams import GzipGuard, buffered, peek, read_up_to
from crosswire.ingest.warc import read_warc
from crosswire.models import Failure, RawItem, RawKind

logger = logging.getLogger(__name__)


def read_inputs(
    paths: Sequence[str],
    *,
    defaults: InputDefaults = InputDefaults(),  # noqa: B008 (frozen, so safe to share)
    settings: Settings = Settings(),  # noqa: B008
    stdin: BinaryIO | None = None,
) -> Iterator[RawItem | Failure]:
    """Stream the articles in ``paths`` (files, folders, globs, ``-``), in input order.

    Yields a :class:`RawItem` per article and a :class:`Failure` per input (or line,
    or record) that cannot be read; never raises on bad input.
    """
    for path in expand(list(paths)):
        if isinstance(path, Failure):
            yield path
        elif path == STDIN:
            origin = Origin(STDIN, STDIN, defaults, settings)
            yield from read_stream(stdin or sys.stdin.buffer, origin)
        else:
            origin = Origin(path, os.path.basename(path), defaults, settings)
            yield from read_file(path, origin)


def read_file(path: str, origin: Origin) -> Iterator[RawItem | Failure]:
    """The articles in one file; a file that cannot be opened or read is one Failure."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the generator ends)
    except OSError as error:
        yield Failure(origin.source, f"cannot open: {error.strerror or error}")
        return
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            yield from read_stream(handle, origin, size=size)
        except OSError as error:
            yield Failure(origin.source, f"read error: {error.strerror or error}")


def read_stream(
    stream: BinaryIO, origin: Origin, *, size: int | None = None
) -> Iterator[RawItem | Failure]:
    """The articles in one byte stream (a file or stdin), whatever its format."""
    head, rewound = peek(stream)
    if not head:
        yield Failure(origin.source, "empty file")
        return
    if not is_gzip(head):
        yield from _read_plain(head, rewound, origin, size=size)
        return
    guard = GzipGuard(rewound, limit=origin.settings.max_decompressed_bytes)
    inner_head, inner = peek(buffered(guard))
    if not inner_head:
        yield Failure(origin.source, guard.problem or "empty gzip file")
        return
    yield from _read_plain(inner_head, inner, origin, size=None, guard=guard)


def _read_plain(
    head: bytes,
    stream: BinaryIO,
    origin: Origin,
    *,
    size: int | None,
    guard: GzipGuard | None = None,
) -> Iterator[RawItem | Failure]:
    """Dispatch an uncompressed stream (whose first bytes are ``head``) to its reader."""
    described = binary_kind(head)
    if described:
        yield Failure(origin.source, f"binary file ({described}), not an article")
        return
    fmt = sniff_format(head, origin.name)
    if fmt != "warc" and suffix(origin.name) in WARC_SUFFIXES:
        yield Failure(origin.source, "not a WARC file (no WARC version line at the start)")
    elif fmt == "warc":
        yield from read_warc(stream, origin, guard=guard)
    elif fmt == "jsonl":
        wide = bom_encoding(head) or utf16_without_bom(head)
        # UTF-8 (with or without BOM) is read as bytes a line at a time; wider ones as text.
        encoding = wide if wide and not wide.startswith("utf-8") else None
        yield from read_jsonl(stream, origin, encoding=encoding, guard=guard)
    elif fmt == "json":
        yield from read_json(stream, origin, guard=guard)
    else:
        yield _read_article(stream, origin, fmt == "html", size=size, guard=guard)


def _read_article(
    stream: BinaryIO, origin: Origin, html: bool, *, size: int | None, guard: GzipGuard | None
) -> RawItem | Failure:
    """One text or HTML article, read whole (up to ``settings.max_article_bytes``)."""
    limit = origin.settings.max_article_bytes
    too_large = f"too large for one article (over the {size_text(limit)} limit, max_article_bytes)"
    if size is not None and size > limit:
        return Failure(origin.source, f"{too_large}; use JSONL or WARC for many articles")
    data = read_up_to(stream, limit + 1)
    if guard and guard.problem:
        return Failure(origin.source, guard.problem)
    if len(data) > limit:
        return Failure(origin.source, f"{too_large}; use JSONL or WARC for many articles")
    decoded = decode_bytes(data, html=html)
    if not decoded.text.strip():
        return Failure(origin.source, "whitespace-only file, no article text")
    kind: RawKind = "html" if html else "text"
    return make_item(origin, source=origin.source, input_id=origin.name, decoded=decoded, kind=kind)
