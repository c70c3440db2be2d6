"""Cursors: round trips, and any string a client sends is a position or a clear 400."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.api.errors import ApiError
from crosswire.api.paging import decode_cursor, encode_cursor, paginate, query_digest


@given(st.integers(min_value=0, max_value=10**12))
def test_a_cursor_round_trips(offset: int) -> None:
    digest = query_digest("/api/articles", {"q": "x"})
    assert decode_cursor(encode_cursor(offset, digest), digest) == offset


@given(st.text(max_size=200))
def test_any_other_string_is_a_400_not_a_crash(text: str) -> None:
    digest = query_digest("/api/articles", {})
    try:
        offset = decode_cursor(text, digest)
    except ApiError as error:
        assert error.status == 400
    else:
        assert offset == 0 and not text  # only the empty cursor means the start


def test_digest_ignores_order_and_empty_filters() -> None:
    assert query_digest("/p", {"a": "1", "b": None}) == query_digest("/p", {"a": "1"})
    assert query_digest("/p", {"a": "1"}) != query_digest("/p", {"a": "2"})
    assert query_digest("/p", {"a": "1"}) != query_digest("/q", {"a": "1"})


def test_pages_do_not_overlap_and_the_last_has_no_cursor() -> None:
    rows = list(range(7))
    digest = query_digest("/p", {})
    seen, cursor = [], None
    while True:
        page = paginate(lambda n, at: rows[at : at + n], limit=3, cursor=cursor, digest=digest)
        seen += list(page.items)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == rows
    with pytest.raises(ApiError):
        paginate(lambda n, at: rows, limit=3, cursor=cursor or "bogus", digest=digest)
