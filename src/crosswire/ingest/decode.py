"""Turn article bytes into text: BOM, then declared charset, then UTF-8, then detection.

Decoding never fails: bytes that fit no encoding are replaced (U+FFFD) or, in text
that is mostly UTF-8 with stray single-byte characters (a page stitched from two
sources), read as Windows-1252. Either way :attr:`Decoded.lossy` says so, and the
caller notes it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from crosswire.ingest.sniff import bom_encoding, utf16_without_bom

_CP1252_FALLBACK = "crosswire-cp1252-fallback"

#: Declared charsets that browsers read as Windows-1252 (WHATWG encoding standard).
_WESTERN = frozenset({"ascii", "iso8859-1", "cp1252"})

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
#: A well-formed non-ASCII UTF-8 sequence: evidence that (part of) the bytes are UTF-8.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


#: Three high bytes in a row that are not UTF-8: a legacy multi-byte encoding, not stray letters.
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3}")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as Windows-1252 (else Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    text = "".join(_single_byte(bytes([b])) for b in bad)
    return text, error.end


def _single_byte(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:
        # Five bytes are undefined in Windows-1252; Latin-1 maps every byte.
        return byte.decode("latin-1")


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and whether some bytes had to be replaced or guessed."""

    text: str
    encoding: str
    lossy: bool = False


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP ``Content-Type`` value, if any."""
    match = _CONTENT_TYPE_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def declared_html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag or XML declaration (first 4 KB)."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for an encoding label, or None if unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode ``data``: BOM, then ``declared`` (or the page's own meta charset), then detection."""
    bom = bom_encoding(data)
    if bom:
        return _decode_with(data, bom)
    label = declared or (declared_html_charset(data) if html else None)
    codec = _usable_declared(codec_name(label), data)
    if codec:
        return _decode_with(data, codec)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = utf16_without_bom(data)
    if utf16:
        return _decode_with(data, utf16)
    if _mostly_utf8(data):
        # Mostly UTF-8 with stray single-byte characters: keep both readable.
        return Decoded(data.decode("utf-8", errors=_CP1252_FALLBACK), "utf-8", lossy=True)
    return _detected(data)


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with a few stray single-byte characters (say Windows-1252).

    Legacy multi-byte text (Shift_JIS, EUC) also contains byte pairs that happen to
    be valid UTF-8, but leaves long runs of other high bytes between them.
    """
    high = sum(1 for byte in data if byte > 0x7F)
    utf8 = sum(len(match.group()) for match in _UTF8_MULTIBYTE.finditer(data))
    rest = _UTF8_MULTIBYTE.sub(b" ", data)
    return utf8 >= high / 2 and not _HIGH_RUN.search(rest)


def _usable_declared(codec: str | None, data: bytes) -> str | None:
    """The declared codec, unless the declaration is evidently wrong for these bytes."""
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        # A page that declares UTF-16 but has no BOM is ASCII-compatible (WHATWG).
        return None
    if codec in _WESTERN:
        if _UTF8_MULTIBYTE.search(data) and _is_utf8(data):
            return "utf-8"  # a stale latin-1 declaration on a UTF-8 page
        return "cp1252"
    return codec


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_with(data: bytes, label: str) -> Decoded:
    codec = codec_name(label) or "utf-8"
    try:
        return Decoded(data.decode(codec).lstrip("\ufeff"), codec)
    except UnicodeDecodeError:
        if codec == "cp1252":
            # Only the five bytes Windows-1252 leaves undefined fail; read them as Latin-1.
            return Decoded(data.decode(codec, errors=_CP1252_FALLBACK), codec, lossy=True)
        return Decoded(data.decode(codec, errors="replace").lstrip("\ufeff"), codec, lossy=True)


def _detected(data: bytes) -> Decoded:
    """Decode bytes that are not UTF-8 with charset-normalizer's best guess, else Windows-1252."""
    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else None
    if (
        encoding
        and encoding.startswith(("utf_16", "utf_32", "utf-16", "utf-32"))
        and b"\x00" not in data
    ):
        # Short single-byte text can pass for UTF-16 of CJK; without zero bytes it is not.
        encoding = None
    if encoding is None:
        return _decode_with(data, "cp1252")
    return _decode_with(data, encoding)
