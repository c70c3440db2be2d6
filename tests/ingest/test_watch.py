"""Watching feeds on a real local server: new entries stored once, failures retried with backoff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.config import InputDefaults, Settings
from crosswire.ingest.fetch import Fetcher, FetchOptions
from crosswire.ingest.watch import Ingester, PollReport, Watcher, WatchOptions
from crosswire.models import Article, ArticleFilter, Failure, RawItem
from crosswire.store import Store
from tests.ingest.feedserver import FeedServer, serving

LOCAL = FetchOptions(allow_private=True, min_interval=0.0, timeout=5.0)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serving() as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_url=f"sqlite:///{tmp_path / 'watch.db'}", nlp=False)


class FakeClock:
    """Time that passes only when the watcher sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def watch_once(feeds: list[str], settings: Settings, **options: float) -> list[PollReport]:
    with Store.open(settings.db_url) as store, Fetcher(LOCAL) as fetcher:
        watcher = Watcher(
            feeds,
            fetcher=fetcher,
            ingester=Ingester(store, settings),
            options=WatchOptions(**options),
        )
        return watcher.run(once=True)


def stored(settings: Settings) -> dict[str, Article]:
    with Store.open(settings.db_url) as store:
        return {a.title or "": a for a in store.articles(ArticleFilter(), limit=100)}


def test_new_entries_are_fetched_and_stored_with_the_feed_metadata(
    server: FeedServer, settings: Settings
) -> None:
    rss, atom = f"{server.base}/rss.xml", f"{server.base}/atom.xml"
    reports = watch_once([rss, atom], settings)
    assert [(r.feed, r.entries, r.new, r.error) for r in reports] == [
        (rss, 3, 3, None),
        (atom, 1, 1, None),
    ]
    assert (reports[0].ingest.added, reports[1].ingest.added) == (2, 1)
    (memo,) = reports[0].ingest.failures
    assert memo.source == f"{server.base}/private/memo.html"
    assert memo.problem.startswith("disallowed by http://127.0.0.1:")

    articles = stored(settings)
    ferry = articles["Ferry crews in Saltmarsh Bay end two-day strike"]
    assert ferry.outlet == "Harbor Ledger"  # the page names its outlet: that wins
    assert ferry.published == "2025-03-04"  # from the feed
    assert ferry.url == ferry.source == f"{server.base}/articles/ferry-strike.html"
    tide = articles["Tide gauge at Quillon Point records highest water in forty years"]
    assert tide.outlet == "Harbor Ledger Wire"  # the page names none: the feed's title
    assert "3.42 metres" in tide.body
    orchard = articles["Orchard cooperative in Lantern Valley votes to build a cider press"]
    assert orchard.outlet == "Lantern Valley Courier"
    assert orchard.published == "2025-04-09"
    assert len(articles) == 3
    with Store.open(settings.db_url) as store:  # each stored with its story, as by ingest
        in_stories = {a.id for s in store.stories() for a in store.story(s.id).articles}
    assert in_stories == {a.id for a in articles.values()}


def test_the_users_outlet_comes_first(server: FeedServer, settings: Settings) -> None:
    settings = Settings(
        db_url=settings.db_url, nlp=False, defaults=InputDefaults(outlet="Given Outlet")
    )
    watch_once([f"{server.base}/rss.xml"], settings)
    # As with `ingest`: what the user gives is the input's own metadata.
    outlets = {a.outlet for a in stored(settings).values()}
    assert outlets == {"Given Outlet"}


def test_a_restart_does_not_fetch_stored_articles_again(
    server: FeedServer, settings: Settings
) -> None:
    watch_once([f"{server.base}/rss.xml"], settings)
    fetched = [p for p in server.requests if p.startswith("/articles/")]
    assert len(fetched) == 2
    (report,) = watch_once([f"{server.base}/rss.xml"], settings)
    # Only the page that could not be stored is tried again; robots.txt still forbids it.
    assert (report.new, report.ingest.added, len(report.ingest.failures)) == (1, 0, 1)
    assert [p for p in server.requests if p.startswith("/articles/")] == fetched


def test_a_redirected_entry_is_known_by_its_link_after_a_restart(
    server: FeedServer, settings: Settings
) -> None:
    feed = f"{server.base}/redirecting.xml"
    (first,) = watch_once([feed], settings)
    assert (first.new, first.ingest.added) == (1, 1)
    (article,) = stored(settings).values()
    assert article.source == f"{server.base}/redirect/2"  # the link as the feed gave it
    assert article.url == f"{server.base}/articles/tide-gauge.html"  # where it led
    (second,) = watch_once([feed], settings)
    assert (second.entries, second.new) == (1, 0)
    assert server.requests.count("/redirect/2") == 1


def test_in_one_run_a_handled_entry_is_not_fetched_twice(
    server: FeedServer, settings: Settings
) -> None:
    clock = FakeClock()
    with Store.open(settings.db_url) as store, Fetcher(LOCAL) as fetcher:
        watcher = Watcher(
            [f"{server.base}/rss.xml"],
            fetcher=fetcher,
            ingester=Ingester(store, settings),
            options=WatchOptions(interval=100, entry_attempts=2),
            clock=clock,
        )
        news = [r.new for r in watcher.poll_due()]
        clock.now += 100
        news += [r.new for r in watcher.poll_due()]
        clock.now += 100
        news += [r.new for r in watcher.poll_due()]
    # The robots-forbidden entry is tried twice (entry_attempts), then given up for this run.
    assert news == [3, 1, 0]
    assert server.requests.count("/articles/tide-gauge.html") == 1


def test_a_failing_feed_is_retried_with_capped_exponential_backoff(
    server: FeedServer, settings: Settings
) -> None:
    clock = FakeClock()
    polls: list[PollReport] = []
    feed = f"{server.base}/down/rss.xml"

    def stop_after_five(report: PollReport) -> None:
        polls.append(report)
        if len(polls) == 5:
            raise KeyboardInterrupt

    with Store.open(settings.db_url) as store, Fetcher(LOCAL) as fetcher:
        watcher = Watcher(
            [feed],
            fetcher=fetcher,
            ingester=Ingester(store, settings),
            options=WatchOptions(interval=900, retry_base=10, retry_cap=35),
            clock=clock,
        )
        with pytest.raises(KeyboardInterrupt):
            watcher.run(sleep=clock.sleep, on_poll=stop_after_five)
    assert [p.error for p in polls] == ["HTTP 503 Service Unavailable"] * 5
    assert [p.retry_in for p in polls] == [10, 20, 35, 35, 35]
    assert clock.slept == [10, 20, 35, 35]


def test_a_feed_that_fails_once_recovers_and_is_then_polled_on_the_interval(
    server: FeedServer, settings: Settings
) -> None:
    clock = FakeClock()
    polls: list[PollReport] = []
    results: list[Article | Failure | RawItem] = []

    def stop_after_three(report: PollReport) -> None:
        polls.append(report)
        if len(polls) == 3:
            raise KeyboardInterrupt

    with Store.open(settings.db_url) as store, Fetcher(LOCAL) as fetcher:
        watcher = Watcher(
            [f"{server.base}/flaky/rss.xml"],
            fetcher=fetcher,
            ingester=Ingester(store, settings),
            options=WatchOptions(interval=900, retry_base=10),
            clock=clock,
            on_result=results.append,
        )
        with pytest.raises(KeyboardInterrupt):
            watcher.run(sleep=clock.sleep, on_poll=stop_after_three)
    assert polls[0].error == "HTTP 500 Internal Server Error"
    assert polls[0].retry_in == 10
    assert (polls[1].error, polls[1].ingest.added) == (None, 2)
    assert (polls[2].error, polls[2].new, polls[2].ingest.added) == (None, 1, 0)  # robots
    assert clock.slept == [10, 900]
    assert [type(r).__name__ for r in results] == ["Failure", "Article", "Article", "Failure"]
