"""Byte streams for ingest: look at the head without losing it, and gzip that cannot raise.

Stdin cannot seek, so the bytes read to recognise a format are put back in front
of the stream (:class:`Rewound`). Gzip damage is remembered instead of raised
(:class:`GzipGuard`), so that every record before a truncation point is still read
and the reader reports the damage once, at the end.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from crosswire.ingest.items import size_text
from crosswire.ingest.sniff import HEAD_BYTES

#: Buffer size for line and record reading.
BUFFER_BYTES = 256 * 1024


class Rewound(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: a peeked stream, put back together."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` from the head first, then from the stream."""
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class GzipGuard(io.RawIOBase):
    """A gzip-decompressing stream that ends early, instead of raising, on damaged input.

    After the end, :attr:`problem` says what was wrong ("truncated gzip stream", ...)
    or is None for a stream that ended cleanly. A stream that decompresses to more than
    ``limit`` bytes (a gzip bomb) ends there too, with the limit as its problem.
    """

    def __init__(self, stream: BinaryIO, *, limit: int | None = None) -> None:
        super().__init__()
        self._gzip = gzip.GzipFile(fileobj=stream, mode="rb")
        self._limit = limit
        self._total = 0
        self.problem: str | None = None

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        """Decompress into ``buffer``; on damage, remember the problem and report end of stream."""
        if self.problem:
            return 0
        wanted = len(buffer)
        if self._limit is not None:
            if self._total >= self._limit:
                self._over_limit()
                return 0
            # One byte past the limit tells a stream that is exactly at it from one beyond.
            wanted = min(wanted, self._limit + 1 - self._total)
        try:
            # read1: one decompression step, so data before a truncation point is never
            # discarded along with the error (read(n) loops and loses what it gathered).
            data = self._gzip.read1(wanted)
        except EOFError:
            self.problem = "truncated gzip stream"
            return 0
        except (gzip.BadGzipFile, zlib.error) as error:
            self.problem = f"corrupt gzip stream ({error})"
            return 0
        if self._limit is not None and self._total + len(data) > self._limit:
            self._over_limit()
            return 0
        self._total += len(data)
        buffer[: len(data)] = data
        return len(data)

    def _over_limit(self) -> None:
        limit = size_text(self._limit or 0)
        self.problem = f"gzip stream decompresses to over {limit} (max_decompressed_bytes)"


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    """A buffered reader (``readline``, ``read(n)``) over a raw stream."""
    return io.BufferedReader(raw, buffer_size=BUFFER_BYTES)


def peek(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, io.BufferedReader]:
    """The first ``size`` bytes of ``stream``, and a stream that still starts with them."""
    head = read_up_to(stream, size)
    return head, buffered(Rewound(head, stream))


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Read ``size`` bytes, or fewer at end of stream (``read`` may return short on pipes)."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, BUFFER_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
