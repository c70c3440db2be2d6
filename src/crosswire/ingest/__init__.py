"""Ingest: turn files, folders, globs, stdin, JSONL, WARC and gzip into :class:`RawItem`."""

from crosswire.ingest.decode import Decoded, decode_bytes
from crosswire.ingest.files import read_file, read_inputs, read_stream
from crosswire.ingest.items import Origin
from crosswire.ingest.sniff import Format, binary_kind, sniff_format

__all__ = [
    "Decoded",
    "Format",
    "Origin",
    "binary_kind",
    "decode_bytes",
    "read_file",
    "read_inputs",
    "read_stream",
    "sniff_format",
]
