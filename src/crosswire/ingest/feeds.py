"""Read RSS and Atom feeds (feedparser) into :class:`Feed` and :class:`FeedEntry`.

Only bytes already fetched are parsed: feedparser is never given a URL, since it
would then fetch it itself, past the fetcher's robots, rate and address checks.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from crosswire.errors import FetchError

#: What feedparser needs before it can report a feed: a feed or entry element (any
#: prefix, any case) or a feed namespace. Without one it parses the document twice,
#: strictly then loosely, resolving URLs at every tag: seconds for a deep HTML page.
_FEED_MARK = re.compile(
    rb"<(?:[\w.-]+:)?(?:rss|feed|item|entry)(?![\w.:-])"
    rb"|purl\.org/rss/1\.0|my\.netscape\.com/rdf/simple/0\.9|www\.w3\.org/2005/atom",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the article's link and what the feed says about it."""

    link: str
    id: str
    title: str | None = None
    #: Publication date (YYYY-MM-DD) in the feed's own time zone.
    published: str | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its URL, its title (the outlet, often) and its entries in feed order."""

    url: str
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(data: bytes, *, url: str, content_type: str = "") -> Feed:
    """Parse RSS 0.9x/1.0/2.0 or Atom ``data`` fetched from ``url``.

    Relative entry links are resolved against the feed. Entries without an http(s)
    link are left out. Raises :class:`FetchError` if ``data`` is no feed at all.
    """
    # Without NUL bytes, UTF-16 and UTF-32 markup reads as ASCII too.
    if not _FEED_MARK.search(data.replace(b"\x00", b"")):
        raise FetchError("not an RSS or Atom feed (no RSS or Atom elements)", where=url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    # feedparser's SGML fallback raises on character references past U+10FFFF (&#99999999;).
    except (ValueError, OverflowError) as error:
        raise FetchError(f"not an RSS or Atom feed ({error})", where=url) from error
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise FetchError(f"not an RSS or Atom feed ({reason})", where=url)
    entries = []
    for raw in parsed.entries:
        entry = _entry(raw, url)
        if entry is not None:
            entries.append(entry)
    title = _clean(parsed.feed.get("title"))
    return Feed(url=url, title=title, entries=tuple(entries))


def _entry(raw: Any, feed_url: str) -> FeedEntry | None:
    link = _clean(raw.get("link"))
    if not link:
        return None
    link = urljoin(feed_url, link)
    if not link.startswith(("http://", "https://")):
        return None
    return FeedEntry(
        link=link,
        id=_clean(raw.get("id")) or link,
        title=_clean(raw.get("title")),
        published=_entry_date(raw),
    )


def _entry_date(raw: Any) -> str | None:
    """The entry's date as the feed wrote it (its own zone), else feedparser's UTC reading."""
    # dict.get: FeedParserDict.get maps a missing "updated" to "published", with a warning.
    for key in ("published", "updated", "created"):
        text = _clean(dict.get(raw, key))
        when = _parse_date(text) if text else None
        if when is not None:
            return when.date().isoformat()
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(raw, key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _parse_date(text: str) -> dt.datetime | None:
    """RFC 822 (RSS) or ISO 8601 / RFC 3339 (Atom); None for anything else."""
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
