"""Cursor pagination: an opaque cursor over a stable order, tied to one query.

A cursor is URL-safe base64 of the position and a digest of the query (path and
filters), so a cursor cannot be replayed against other filters. The store's
orders are total (they end in ingest order and id), so pages never overlap.
Positions are offsets: rows inserted ahead of the position while a client pages
shift later pages.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from crosswire.api.errors import ApiError

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results and the cursor of the next one (None on the last page)."""

    items: Sequence[T]
    next_cursor: str | None


def query_digest(path: str, filters: Mapping[str, object]) -> str:
    """A short digest naming one query: the path and its non-empty filters."""
    shown = {key: value for key, value in sorted(filters.items()) if value is not None}
    text = json.dumps([path, shown], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def encode_cursor(offset: int, digest: str) -> str:
    """The cursor for position ``offset`` of the query ``digest``."""
    raw = json.dumps({"o": offset, "q": digest}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, digest: str) -> int:
    """The position a cursor points at (0 for none); 400 for a bad or foreign cursor."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        offset, owner = data["o"], data["q"]
    except (binascii.Error, ValueError, TypeError, KeyError) as e:
        raise ApiError(400, "invalid cursor: pass back a next_cursor exactly as given") from e
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise ApiError(400, "invalid cursor: pass back a next_cursor exactly as given")
    if owner != digest:
        raise ApiError(400, "this cursor belongs to a query with other filters")
    return offset


def paginate(
    fetch: Callable[[int, int], list[T]], *, limit: int, cursor: str | None, digest: str
) -> Page[T]:
    """One page from ``fetch(limit, offset)``: one row more is asked for to know if more follow."""
    offset = decode_cursor(cursor, digest)
    rows = fetch(limit + 1, offset)
    more = len(rows) > limit
    next_cursor = encode_cursor(offset + limit, digest) if more else None
    return Page(rows[:limit], next_cursor)
