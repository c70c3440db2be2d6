"""Hostile inputs for the readers and cleaners, and the check each one must pass.

Shared by the CI run (``test_fuzz.py``, a few hundred examples) and the full campaign
(``bench/fuzz_inputs.py``, 10,000+). An input is ``(name, bytes)``: the name's suffix
steers format sniffing as a real file name would. The property (:func:`check`) is that
reading, cleaning and the no-NLP pipeline raise nothing, finish within a time limit
and stay within a memory limit; bad input may only become :class:`Failure` results.
"""

from __future__ import annotations

import contextlib
import cProfile
import gzip
import io
import json
import pstats
import signal
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType

from hypothesis import strategies as st

from crosswire.clean.html import clean_html
from crosswire.clean.lines import clean_text
from crosswire.config import InputDefaults, Settings
from crosswire.errors import CrosswireError
from crosswire.ingest import Origin, read_stream
from crosswire.ingest.feeds import parse_feed
from crosswire.ingester import runner
from crosswire.models import Article, Failure, RawItem

#: Small limits, so that the size limits themselves are crossed often and cheaply.
SETTINGS = Settings(nlp=False, max_article_bytes=400_000, max_decompressed_bytes=3_000_000)
#: CPU seconds one input may take (reading, cleaning, pipeline), plus PER_RESULT for each
#: result it yields: a 7 KB gzip can hold 200,000 JSONL records, each a real article. CPU
#: time, not wall time: on a busy shared 2-core machine wall time says more about the
#: neighbours (a 2 s input took 30 s of wall time at load 14) than about the input.
TIME_LIMIT = 15.0
PER_RESULT = 0.002
#: tracemalloc (the campaign's heap figures) slows allocation-heavy code 2.6-4x.
TRACED_SLOWDOWN = 4.0
#: Python heap bytes one input may allocate at its peak (inputs are under ~3 MB).
MEMORY_LIMIT = 200_000_000
#: CPU seconds after which an input counts as hung and is interrupted ...
HANG_LIMIT = 300
#: ... and wall seconds, for a hang that burns no CPU (waiting forever).
WALL_HANG_LIMIT = 3600

# -- the pieces ---------------------------------------------------------------

_TAGS = [
    "p",
    "div",
    "span",
    "article",
    "main",
    "script",
    "style",
    "table",
    "td",
    "b",
    "h1",
    "title",
    "noscript",
    "svg",
    "math",
    "template",
    "iframe",
    "li",
    "ul",
    "br",
    "meta",
]
_ODD = [
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "&#x110000;",
    "&#99999999999;",
    "&amp",
    "&nbsp;",
    "\x00",
    "\ufeff",
    "\ud7ff",
    "<?xml version='1.0'?>",
    "<",
    ">",
    "</",
    '<meta charset="utf-16">',
    '<meta http-equiv="content-type" content="text/html; charset=x-bogus">',
    "<html",
    '"',
    "'",
    "=",
    "\r",
    "\u2028",
    "\u202e",
]
_ENCODINGS = [
    "utf-8",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "latin-1",
    "cp1252",
    "shift_jis",
    "koi8-r",
    "gb18030",
]
_WORDS = st.sampled_from(
    [
        "The",
        "minister",
        "said",
        "on",
        "Monday",
        "talks",
        "in",
        "Kyiv",
        "Москва",
        "北京",
        "é",
        "naïve",
        "—",
        "“quoted”",
        "2025",
        ".",
        ",",
    ]
)

prose = st.lists(_WORDS, min_size=0, max_size=80).map(" ".join)


@st.composite
def mixed_text(draw: st.DrawFn) -> bytes:
    """Text whose parts are in different encodings (a page pasted together badly)."""
    parts = draw(
        st.lists(
            st.tuples(st.text(max_size=200) | prose, st.sampled_from(_ENCODINGS)),
            min_size=1,
            max_size=5,
        )
    )
    return b"\n".join(text.encode(enc, errors="replace") for text, enc in parts)


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    """Broken HTML: unbalanced tags, odd constructs, attributes, text."""
    pieces = []
    for _ in range(draw(st.integers(0, 60))):
        choice = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(_TAGS))
        if choice == 0:
            attrs = draw(
                st.sampled_from(
                    [
                        "",
                        ' class="article-body"',
                        " id=x",
                        ' lang="en',
                        ' itemprop="articleBody"',
                        " hidden",
                        " =<>",
                    ]
                )
            )
            pieces.append(f"<{tag}{attrs}>")
        elif choice == 1:
            pieces.append(f"</{tag}>")
        elif choice == 2:
            pieces.append(draw(st.sampled_from(_ODD)))
        else:
            pieces.append(draw(prose | st.text(max_size=40)))
    return "".join(pieces)


@st.composite
def deep_html(draw: st.DrawFn) -> str:
    """Deeply nested tags around text, closed or not."""
    depth = draw(st.integers(100, 20_000))
    tag = draw(st.sampled_from(["div", "b", "span", "table", "p"]))
    body = draw(prose)
    closed = draw(st.booleans())
    return f"<{tag}>" * depth + body + (f"</{tag}>" * depth if closed else "")


@st.composite
def huge_line(draw: st.DrawFn) -> bytes:
    """One very long line (no newline), of words or of a single character."""
    size = draw(st.integers(10_000, 1_200_000))
    unit = draw(st.sampled_from([b"a", b"word ", b"<b>", b"\xff", b"\xd0\x96", b"{", b"["]))
    return (unit * (size // len(unit) + 1))[:size]


def _record(draw: st.DrawFn) -> object:
    values = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50) | prose
    field = st.sampled_from(
        ["text", "html", "id", "url", "outlet", "title", "published", "language", "x"]
    )
    record = draw(st.dictionaries(field, values | st.lists(values, max_size=3), max_size=7))
    if draw(st.booleans()):
        record["text"] = draw(prose)
    return record if draw(st.integers(0, 9)) else draw(st.lists(values, max_size=3))


@st.composite
def jsonl(draw: st.DrawFn) -> bytes:
    """JSONL with good, truncated, junk, deeply nested and blank lines."""
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 5))
        if kind <= 2:
            line = json.dumps(_record(draw), ensure_ascii=draw(st.booleans())).encode()
        elif kind == 3:
            line = json.dumps(_record(draw)).encode()
            line = line[: draw(st.integers(0, len(line)))]
        elif kind == 4:
            depth = draw(st.integers(10, 200_000))
            line = b"[" * depth + b"]" * draw(st.sampled_from([0, depth]))
        else:
            line = draw(st.binary(max_size=100))
        lines.append(line)
    sep = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n"]))
    return sep.join(lines) + draw(st.sampled_from([b"", b"\n"]))


@st.composite
def warc(draw: st.DrawFn) -> bytes:
    """WARC records, some damaged: wrong lengths, missing or junk headers, odd payloads."""
    out = io.BytesIO()
    for n in range(draw(st.integers(1, 5))):
        html = draw(tag_soup() | prose).encode("utf-8", errors="replace")
        encoding = draw(st.sampled_from(["", "gzip", "deflate", "br", "chunked"]))
        body = html
        extra = ""
        if encoding == "gzip":
            body = gzip.compress(html)
            body = body[: draw(st.integers(0, len(body)))]
            extra = "Content-Encoding: gzip\r\n"
        elif encoding in ("deflate", "br"):
            body = draw(st.binary(max_size=50)) + html
            extra = f"Content-Encoding: {encoding}\r\n"
        elif encoding == "chunked":
            size = draw(st.sampled_from([f"{len(html):x}", "zz", "ffffffff", "0"]))
            body = size.encode() + b"\r\n" + html + b"\r\n0\r\n\r\n"
            extra = "Transfer-Encoding: chunked\r\n"
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "2", "abc"]))
        ctype = draw(
            st.sampled_from(
                [
                    "text/html; charset=utf-8",
                    "text/plain",
                    "image/png",
                    "",
                    "text/html; charset=bogus",
                    "application/xhtml+xml",
                ]
            )
        )
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}\r\n".encode() + body
        if draw(st.integers(0, 5)) == 0:
            http = draw(st.binary(max_size=200))
        length = len(http) + draw(st.sampled_from([0, 0, 0, -5, 7, 10**9, -len(http) - 1]))
        rtype = draw(st.sampled_from(["response", "resource", "request", "metadata", "bogus"]))
        headers = [
            draw(st.sampled_from(["WARC/1.0", "WARC/1.1", "WARC/9", "WARC", "warc/1.0"])),
            f"WARC-Type: {rtype}",
            f"WARC-Record-ID: <urn:uuid:{n}>",
            f"WARC-Target-URI: {draw(st.sampled_from(['http://x.test/a', '', 'ftp://', '%%']))}",
            f"Content-Length: {length}",
            "Content-Type: application/http; msgtype=response",
        ]
        for _ in range(draw(st.integers(0, 2))):
            del headers[draw(st.integers(1, len(headers) - 1))]
        if draw(st.integers(0, 6)) == 0:
            headers.append(draw(st.text(max_size=60)).replace("\n", " "))
        record = "\r\n".join(headers).encode("utf-8", "replace") + b"\r\n\r\n" + http + b"\r\n\r\n"
        out.write(record)
    data = out.getvalue()
    if draw(st.integers(0, 3)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def feed(draw: st.DrawFn) -> bytes:
    """RSS or Atom, often broken."""
    links = st.sampled_from(["http://x.test/", "/rel", "javascript:x", ""])
    dates = st.sampled_from(["Mon, 06 May 2025 10:00:00 GMT", "garbage", ""])
    items = "".join(
        f"<item><title>{draw(tag_soup())}</title><link>{draw(links)}</link>"
        f"<pubDate>{draw(dates)}</pubDate></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    text = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    )
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8", "replace")


def gzipped(inner: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Gzip of ``inner``: whole, truncated, nested, or followed by junk."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = gzip.compress(draw(inner), compresslevel=1)
        mode = draw(st.integers(0, 4))
        if mode == 1:
            data = data[: draw(st.integers(1, len(data)))]
        elif mode == 2:
            data = gzip.compress(data, compresslevel=1)
        elif mode == 3:
            data = data + draw(st.binary(min_size=1, max_size=30))
        elif mode == 4:
            data = data + gzip.compress(draw(inner), compresslevel=1)  # a multi-member gzip
        return data

    return build()


@st.composite
def bomb(draw: st.DrawFn) -> bytes:
    """A few KB of gzip that expand far past every limit (up to 12 MB here, 4x the run's limit)."""
    unit = draw(st.sampled_from([b" ", b"\n", b"a", b"<div>", b'{"text": "a"}\n', b"\x00"]))
    head = draw(st.sampled_from([b"", b'{"text": "start"}\n', b"<html><body><p>", b"WARC/1.0\r\n"]))
    size = draw(st.integers(1_000_000, 12_000_000))
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: the gzip format
    chunk = unit * (1_000_000 // len(unit))
    parts = [compressor.compress(head)]
    parts += [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + compressor.flush()


SUFFIXES = ["a.txt", "a.html", "a.jsonl", "a.json", "a.warc", "a.warc.gz", "a.gz", "a", "-"]

plain = st.one_of(
    st.binary(max_size=4096),
    mixed_text(),
    tag_soup().map(lambda s: s.encode("utf-8", "replace")),
    deep_html().map(str.encode),
    huge_line(),
    jsonl(),
    warc(),
    feed(),
)
#: Every kind of input the campaign generates, with the name it is read under.
inputs = st.tuples(
    st.sampled_from(SUFFIXES),
    st.one_of(plain, gzipped(plain), bomb()),
)

# -- the property -------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What one input did: results by kind, CPU and wall seconds and peak Python heap."""

    items: int
    failures: int
    articles: int
    seconds: float
    peak_bytes: int
    wall_seconds: float = 0.0


class Hang(Exception):
    """An input ran past :data:`HANG_LIMIT` (CPU) or :data:`WALL_HANG_LIMIT` (wall)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


_PIPELINE = None


def check(name: str, data: bytes, *, settings: Settings = SETTINGS) -> Outcome:
    """Read ``data`` as a file called ``name``, clean it and run the no-NLP pipeline.

    Raises whatever escapes (a bug), :class:`Hang`, or AssertionError if a limit broke.
    """
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = runner(settings)
    tracing = tracemalloc.is_tracing()
    if tracing:
        tracemalloc.reset_peak()
    started, cpu_started = time.monotonic(), time.process_time()
    with _hang_limits():
        counts = _run(name, data, settings)
    seconds = time.process_time() - cpu_started
    peak = tracemalloc.get_traced_memory()[1] if tracing else 0
    limit = (TIME_LIMIT + PER_RESULT * (counts[1] + counts[2])) * (
        TRACED_SLOWDOWN if tracing else 1.0
    )
    assert seconds < limit, f"{seconds:.1f} CPU s for one input (limit {limit:.1f} s)"
    assert peak < MEMORY_LIMIT, f"{peak / 1e6:.0f} MB peak for one input"
    return Outcome(*counts, seconds, peak, time.monotonic() - started)


@contextlib.contextmanager
def _hang_limits() -> Iterator[None]:
    """Raise :class:`Hang` in the body past HANG_LIMIT CPU or WALL_HANG_LIMIT wall seconds."""
    previous = {sig: signal.signal(sig, _alarm) for sig in (signal.SIGPROF, signal.SIGALRM)}
    signal.setitimer(signal.ITIMER_PROF, HANG_LIMIT)
    signal.alarm(WALL_HANG_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.alarm(0)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def python_calls(name: str, data: bytes) -> int:
    """Python function calls :func:`check` makes on one input: its work, whatever the load."""
    profile = cProfile.Profile()
    profile.runcall(check, name, data)
    return pstats.Stats(profile).total_calls  # type: ignore[attr-defined]


def _run(name: str, data: bytes, settings: Settings) -> tuple[int, int, int]:
    """Items read, failures and articles out, streamed as ``crosswire ingest`` streams them.

    Nothing is kept: a list of every result would make the heap limit measure this
    harness (a gzip bomb of short JSONL lines yields ~200,000 results), not crosswire.
    """
    origin = Origin(name, name, InputDefaults(), settings)
    read = 0
    items = 0

    def cleaned_as_read() -> Iterator[RawItem | Failure]:
        nonlocal read, items
        for result in read_stream(io.BytesIO(data), origin, size=len(data)):
            read += 1
            if isinstance(result, RawItem):
                items += 1
                kind = result.kind
                cleaned = (
                    clean_html(result.content) if kind == "html" else clean_text(result.content)
                )
                assert isinstance(cleaned.body, str)
            yield result

    assert _PIPELINE is not None
    failures = done = 0
    for result in _PIPELINE.pipe(cleaned_as_read(), batch_size=settings.batch_size):
        done += 1
        assert isinstance(result, Article | Failure)
        if isinstance(result, Failure):
            failures += 1
            assert result.problem and "\n" not in result.problem, result
    assert done == read, "the pipeline lost or added results"
    _parse_feed(data)
    return items, failures, done - failures


def _parse_feed(data: bytes) -> None:
    """Feeds are parsed from bytes by :func:`parse_feed`; not a feed is its only error."""
    if len(data) > SETTINGS.max_article_bytes or data[:2] == b"\x1f\x8b":
        return
    with contextlib.suppress(CrosswireError):
        parse_feed(data, url="http://feed.test/rss")


def examples() -> Iterator[tuple[str, bytes]]:
    """Hand-picked inputs every run includes (the regression cases)."""
    yield "a.jsonl.gz", gzip.compress(b'{"text": "x"}\n' + b"\n" * 5_000_000)
    yield "a.txt.gz", gzip.compress(b"word " * 2_000_000)
    yield "a.html", b"<div>" * 100_000
    yield "a.html", b"<b>" * 80_000 + b"The minister said on Monday."  # was ~4 s per 20,000
    yield "a.jsonl", b"[" * 1_000_000
