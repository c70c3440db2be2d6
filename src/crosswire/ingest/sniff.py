"""Tell input formats apart by their first bytes, with the file name only as a hint.

Scrapers and archives mislabel files (JSONL saved as ``.txt``, HTML saved without
an extension), so content decides first; the extension settles what content
cannot (a one-line JSON object is both JSONL and JSON, and reads the same either way).
"""

from __future__ import annotations

import json
import re
from typing import Literal

Format = Literal["warc", "jsonl", "json", "html", "text"]

#: How many leading bytes are enough to recognise a format.
HEAD_BYTES = 64 * 1024

GZIP_MAGIC = b"\x1f\x8b"

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jl"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
WARC_SUFFIXES = frozenset({".warc"})

#: (offset, signature, description) of common binary formats.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "icon image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "zip archive"),
    (0, b"PK\x05\x06", "zip archive"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (0, b"\xca\xfe\xba\xbe", "Mach-O or Java class file"),
    (0, b"\x00asm", "WebAssembly module"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"OggS", "Ogg media"),
    (0, b"ID3", "MP3 audio"),
    (0, b"wOFF", "WOFF font"),
    (0, b"wOF2", "WOFF2 font"),
    (4, b"ftyp", "MP4/QuickTime media"),
    (8, b"WEBP", "WebP image"),
    (8, b"WAVE", "WAV audio"),
    (257, b"ustar", "tar archive"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

#: C0 controls other than tab, newline, vertical tab, form feed, carriage return, escape.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
#: More control characters than this (as a share of the head) means binary data.
_MAX_CONTROL_SHARE = 0.05

_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(!doctype\s+)?html", re.I)
_HTML_TAGS = re.compile(r"<(head|body|title|meta|article|div|p|h1|script)[\s>/]", re.I)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def is_gzip(head: bytes) -> bool:
    """Whether ``head`` starts a gzip stream (by its magic bytes, whatever the name says)."""
    return head.startswith(GZIP_MAGIC)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` if ``data`` looks like BOM-less UTF-16 of mostly Latin text.

    Such text has a zero byte in every other position and almost none in the others.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_zeros >= 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    if even_zeros >= 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    return None


def binary_kind(head: bytes) -> str | None:
    """A description of the binary format of ``head`` ("PNG image", ...), or None for text."""
    for offset, signature, description in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return description
    if _BZIP2.match(head):
        return "bzip2 archive"
    if bom_encoding(head) or utf16_without_bom(head):
        return None
    sample = head[:8192]
    if b"\x00" in sample:
        return "binary data"
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        return "binary data"
    return None


def head_text(head: bytes) -> str:
    """``head`` as text, good enough to look for ASCII markers (``<html``, ``{``, ``WARC/``)."""
    encoding = bom_encoding(head) or utf16_without_bom(head)
    if encoding:
        return head.decode(encoding, errors="replace").lstrip("\ufeff")
    # Every byte maps to one character, and ASCII markers survive any ASCII-compatible encoding.
    return head.decode("latin-1")


def suffix(name: str) -> str:
    """The lower-case extension of ``name``, through a ``.gz``: ``x.JSONL.gz`` -> ``.jsonl``."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    dot = lowered.rfind(".")
    slash = max(lowered.rfind("/"), lowered.rfind("\\"))
    return lowered[dot:] if dot > slash + 1 else ""


def sniff_format(head: bytes, name: str) -> Format:
    """The format of a (decompressed, non-binary) input whose first bytes are ``head``."""
    text = head_text(head).lstrip()
    ext = suffix(name)
    if text.startswith("WARC/"):
        return "warc"
    if text[:1] in ("{", "[") and (json_format := _json_format(text, ext)):
        return json_format
    if ext in JSONL_SUFFIXES:
        return "jsonl"
    if ext == ".json":
        return "json"
    if _HTML_START.match(text) or _HTML_TAGS.search(text[:4096]):
        return "html"
    if ext in HTML_SUFFIXES and "<" in text:
        return "html"
    return "text"


def _json_format(text: str, ext: str) -> Format | None:
    """JSONL or JSON for text starting with ``{`` or ``[``; None if it is not JSON at all."""
    if ext in JSONL_SUFFIXES:
        return "jsonl"
    if ext == ".json" or text.startswith("["):
        return "json"
    first_line, newline, _ = text.partition("\n")
    if not newline:
        # One long line (or the head cut it): a one-record JSONL reads like a JSON object.
        return "jsonl"
    try:
        first = json.loads(first_line)
    except ValueError:
        # A pretty-printed object spans lines; a text file may merely start with a brace.
        return None if ext in TEXT_SUFFIXES | HTML_SUFFIXES else "json"
    return "jsonl" if isinstance(first, dict) else None
