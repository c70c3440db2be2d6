"""Parsing RSS and Atom feeds into entries: links, titles, dates in the feed's own zone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.errors import FetchError
from crosswire.ingest.feeds import FeedEntry, parse_feed
from tests.ingest.feedserver import DATA

BASE = "https://harbor.example"


def fixture(name: str) -> bytes:
    return (DATA / name).read_text(encoding="utf-8").replace("{base}", BASE).encode("utf-8")


def test_rss_entries_with_links_titles_and_dates() -> None:
    feed = parse_feed(fixture("rss.xml"), url=f"{BASE}/rss.xml")
    assert feed.title == "Harbor Ledger Wire"
    assert feed.entries[0] == FeedEntry(
        link=f"{BASE}/articles/ferry-strike.html",
        id="harbor-ledger-ferry-strike",
        title="Ferry crews in Saltmarsh Bay end two-day strike",
        # 23:30 at +02:00 is already the 5th in UTC: the outlet's own date is kept.
        published="2025-03-04",
    )
    assert [e.link.removeprefix(BASE) for e in feed.entries] == [
        "/articles/ferry-strike.html",
        "/articles/tide-gauge.html",
        "/private/memo.html",
    ]
    assert feed.entries[1].published == "2025-03-03"


def test_atom_relative_links_are_resolved_and_linkless_entries_skipped() -> None:
    feed = parse_feed(fixture("atom.xml"), url=f"{BASE}/feeds/atom.xml")
    assert feed.title == "Lantern Valley Courier"
    assert len(feed.entries) == 1
    (entry,) = feed.entries
    assert entry.link == f"{BASE}/feeds/articles/orchard-cooperative.html"
    assert entry.id == "urn:lantern-valley:orchard-cooperative"
    assert entry.published == "2025-04-09"  # published (local), not updated, not UTC


def test_an_entry_without_an_http_link_is_left_out() -> None:
    rss = (
        b"<rss version='2.0'><channel><title>T</title>"
        b"<item><title>a</title><link>javascript:alert(1)</link></item>"
        b"<item><title>b</title><link>mailto:desk@harbor.example</link></item>"
        b"<item><title>c</title><link>/ok.html</link></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(rss, url=f"{BASE}/rss")
    assert [e.link for e in feed.entries] == [f"{BASE}/ok.html"]
    assert feed.entries[0].id == f"{BASE}/ok.html"  # no guid: the link identifies it


@pytest.mark.parametrize(
    ("date", "published"),
    [
        ("2025-06-11 22:00:00 -0700", "2025-06-11"),
        ("Wednesday, June 11, 2025 22:00 -0700", "2025-06-11"),
        ("no date at all", None),
    ],
)
def test_dates_in_other_shapes(date: str, published: str | None) -> None:
    rss = (
        "<rss version='2.0'><channel><title>T</title><item><link>/a</link>"
        f"<pubDate>{date}</pubDate></item></channel></rss>"
    )
    (entry,) = parse_feed(rss.encode(), url=BASE).entries
    assert entry.published == published


@pytest.mark.parametrize(
    "data", [b"<html><body><p>Not a feed</p></body></html>", b"", b"\x00\x01\x02 binary"]
)
def test_what_is_not_a_feed_is_one_error(data: bytes) -> None:
    with pytest.raises(FetchError, match=r"^https://harbor\.example/x: not an RSS or Atom feed"):
        parse_feed(data, url=f"{BASE}/x")


@given(st.binary(max_size=300))
def test_any_bytes_parse_or_fail_cleanly(data: bytes) -> None:
    try:
        feed = parse_feed(data, url=BASE)
    except FetchError:
        return
    assert all(e.link.startswith(("http://", "https://")) for e in feed.entries)
