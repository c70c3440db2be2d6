"""Watch feeds and fetch pages into a store: ``crosswire watch`` and ``crosswire fetch``.

:class:`Ingester` runs fetched :class:`RawItem` through the pipeline into a store,
as :func:`crosswire.service.ingest` does for paths (one transaction per article
with its fingerprint and story, the dedup and story indexes seeded from the store,
the pipeline built once). :class:`Watcher` polls feeds on an interval; a feed that
fails is retried with exponential backoff (capped), each failure reported once, and
the loop goes on.

An entry is new if no stored article has its link as ``source`` or ``url``
(derived from the store, so a restart does not fetch again what is stored),
and it was not already handled in this run.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import lxml.etree
import lxml.html
from sqlalchemy import or_, select

from crosswire.clean.html_meta import extract_metadata
from crosswire.config import Settings
from crosswire.errors import FetchError
from crosswire.ingest.feeds import Feed, FeedEntry, parse_feed
from crosswire.ingest.fetch import Fetcher, page_item
from crosswire.ingest.items import Metadata
from crosswire.ingester import Ingester as BaseIngester
from crosswire.ingester import IngestReport
from crosswire.models import Article, Failure, RawItem
from crosswire.store.schema import articles

#: Called with each result as it is stored, skipped or fails.
OnResult = Callable[[Article | Failure | RawItem], None]

#: What the metadata reader returns when it names an outlet after an address (og:url, canonical).
_HOST_NAME = re.compile(r"^(?:[\w-]+\.)+[\w-]+(?::\d+)?$|^[\w.-]+:\d+$")

#: Links per store query (SQLite allows 999 parameters in older builds; two per link).
_QUERY_CHUNK = 400


class Ingester(BaseIngester):
    """Fetched items into ``store`` (:class:`crosswire.ingester.Ingester`), and which feed
    links are stored already."""

    def stored_links(self, links: Sequence[str]) -> set[str]:
        """Those of ``links`` that a stored article has as its source or URL."""
        found: set[str] = set()
        with self.store.engine.connect() as conn:
            for start in range(0, len(links), _QUERY_CHUNK):
                chunk = list(links[start : start + _QUERY_CHUNK])
                query = select(articles.c.source, articles.c.url).where(
                    or_(articles.c.source.in_(chunk), articles.c.url.in_(chunk))
                )
                for source, url in conn.execute(query):
                    found.update({source, url})
        return found & set(links)


def fetch_item(
    fetcher: Fetcher, url: str, settings: Settings, meta: Metadata | None = None
) -> RawItem | Failure:
    """``url`` fetched and decoded into a :class:`RawItem`, or the :class:`Failure` saying why."""
    try:
        return page_item(fetcher.fetch(url), settings=settings, meta=meta)
    except FetchError as error:
        return Failure(url, error.message)


def _page_names_outlet(item: RawItem) -> bool:
    """Whether an HTML page states its outlet's name (a site name, not just its address)."""
    if item.kind != "html":
        return False
    try:
        tree = lxml.html.fromstring(item.content)
    except (ValueError, lxml.etree.ParserError):
        return False
    # No URL given: the metadata reader would otherwise name the outlet after the host.
    outlet = extract_metadata(tree).outlet
    return bool(outlet) and not _HOST_NAME.match(outlet or "")


@dataclass(frozen=True)
class WatchOptions:
    """How often feeds are polled and how failures are retried."""

    #: Seconds between two polls of a feed that worked.
    interval: float = 900.0
    #: Seconds before the first retry of a feed that failed; doubled on each failure in a row.
    retry_base: float = 60.0
    #: The longest wait between retries.
    retry_cap: float = 3600.0
    #: An entry whose page failed this many times in one run is not tried again in it.
    entry_attempts: int = 3


@dataclass
class PollReport:
    """One poll of one feed: its entries, what was stored, and what went wrong."""

    feed: str
    title: str | None = None
    entries: int = 0
    new: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)
    #: The feed itself could not be fetched or parsed; ``retry_in`` seconds until the next try.
    error: str | None = None
    retry_in: float | None = None


@dataclass
class _FeedState:
    """One watched feed: when to poll it next, and what this run did with its entries."""

    url: str
    due: float = 0.0
    failures: int = 0
    #: Links not to fetch again: stored, or failed ``entry_attempts`` times.
    handled: set[str] = field(default_factory=set)
    attempts: dict[str, int] = field(default_factory=dict)

    def forget_all_but(self, links: set[str]) -> None:
        """Keep memory flat: entries that left the feed need no remembering."""
        self.handled &= links
        self.attempts = {k: n for k, n in self.attempts.items() if k in links}


class Watcher:
    """Polls feeds, fetches entries not seen before, and ingests them; see :meth:`run`."""

    def __init__(
        self,
        feeds: Sequence[str],
        *,
        fetcher: Fetcher,
        ingester: Ingester,
        options: WatchOptions = WatchOptions(),
        clock: Callable[[], float] = time.monotonic,
        on_result: OnResult | None = None,
    ) -> None:
        self.feeds = [_FeedState(url) for url in dict.fromkeys(feeds)]
        self.fetcher = fetcher
        self.ingester = ingester
        self.options = options
        self.clock = clock
        self.on_result = on_result

    def run(
        self,
        *,
        once: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        on_poll: Callable[[PollReport], None] | None = None,
    ) -> list[PollReport]:
        """Poll every feed when due, forever (until Ctrl-C), or each feed once with ``once``.

        Returns the reports of the polls made (the ``once`` case; forever never returns).
        """
        reports: list[PollReport] = []
        while True:
            for report in self.poll_due():
                reports.append(report)
                if on_poll:
                    on_poll(report)
            if once:
                return reports
            wait = min(state.due for state in self.feeds) - self.clock()
            if wait > 0:
                sleep(wait)

    def poll_due(self) -> list[PollReport]:
        """Poll each feed whose time has come, and schedule its next poll."""
        reports = []
        for state in self.feeds:
            if state.due <= self.clock():
                reports.append(self._poll_scheduled(state))
        return reports

    def _poll_scheduled(self, state: _FeedState) -> PollReport:
        report = self._poll(state)
        if report.error is None:
            state.failures = 0
            state.due = self.clock() + self.options.interval
        else:
            state.failures += 1
            backoff = self.options.retry_base * 2 ** (state.failures - 1)
            report.retry_in = min(backoff, self.options.retry_cap)
            state.due = self.clock() + report.retry_in
        return report

    def _poll(self, state: _FeedState) -> PollReport:
        """Fetch the feed once and ingest its new entries."""
        try:
            page = self.fetcher.fetch(state.url)
            feed = parse_feed(page.body, url=page.final_url, content_type=page.content_type)
        except FetchError as error:
            return PollReport(state.url, error=error.message)
        new = self._new_entries(feed, state)
        report = PollReport(state.url, title=feed.title, entries=len(feed.entries), new=len(new))
        items = (self._fetch_entry(entry, feed) for entry in new)

        def track(result: Article | Failure | RawItem) -> None:
            self._track(result, state)

        report.ingest = self.ingester.ingest(items, progress=track)
        state.forget_all_but({entry.link for entry in feed.entries})
        return report

    def _new_entries(self, feed: Feed, state: _FeedState) -> list[FeedEntry]:
        """Entries neither stored nor handled in this run, oldest first (feeds list newest
        first; the first stored of two near-duplicates counts as the original)."""
        candidates = [e for e in reversed(feed.entries) if e.link not in state.handled]
        stored = self.ingester.stored_links([e.link for e in candidates])
        state.handled.update(stored)
        unique = {e.link: e for e in candidates if e.link not in stored}
        return list(unique.values())

    def _fetch_entry(self, entry: FeedEntry, feed: Feed) -> RawItem | Failure:
        """The entry's page, with the feed's title, date and (as a fallback) outlet."""
        settings = self.ingester.settings
        meta = Metadata(title=entry.title, published=entry.published)
        item = fetch_item(self.fetcher, entry.link, settings, meta)
        named = isinstance(item, RawItem) and (item.outlet or _page_names_outlet(item))
        if isinstance(item, RawItem) and feed.title and not named:
            item = replace(item, outlet=feed.title)
        return item

    def _track(self, result: Article | Failure | RawItem, state: _FeedState) -> None:
        """Remember handled links; a link that keeps failing is given up for this run."""
        link = result.source
        if isinstance(result, Failure):
            state.attempts[link] = state.attempts.get(link, 0) + 1
            if state.attempts[link] >= self.options.entry_attempts:
                state.handled.add(link)
        else:
            state.handled.add(link)
        if self.on_result:
            self.on_result(result)
