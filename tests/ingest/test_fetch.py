"""The fetcher against a real local server: robots.txt, redirects, size cap, timeouts, rate."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from crosswire.config import InputDefaults, Settings
from crosswire.errors import FetchError
from crosswire.ingest.fetch import Fetcher, FetchOptions, Page, page_item
from crosswire.ingest.items import Metadata
from tests.ingest.feedserver import FeedServer, serving

#: Loopback is allowed here, explicitly: the test server is on 127.0.0.1.
LOCAL = FetchOptions(allow_private=True, min_interval=0.0, timeout=5.0)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serving() as running:
        yield running


def fetch(url: str, options: FetchOptions = LOCAL) -> Page:
    with Fetcher(options) as fetcher:
        return fetcher.fetch(url)


def test_fetches_a_page_into_a_raw_item(server: FeedServer) -> None:
    url = f"{server.base}/articles/tide-gauge.html"
    page = fetch(url)
    assert page.status == 200
    assert page.final_url == url
    assert page.content_type.startswith("text/html")
    settings = Settings(defaults=InputDefaults(outlet="Harbor Ledger"))
    item = page_item(page, settings=settings, meta=Metadata(title="From the feed"))
    assert item.kind == "html"
    assert item.url == url
    assert item.source == url
    assert item.title == "From the feed"
    assert item.outlet == "Harbor Ledger"
    assert "Quillon Point" in item.content


def test_robots_txt_disallows_a_path_and_is_read_once_per_site(server: FeedServer) -> None:
    with Fetcher(LOCAL) as fetcher:
        fetcher.fetch(f"{server.base}/articles/tide-gauge.html")
        with pytest.raises(FetchError, match=r"disallowed by http://127\.0\.0\.1:\d+/robots\.txt"):
            fetcher.fetch(f"{server.base}/private/memo.html")
        fetcher.fetch(f"{server.base}/articles/ferry-strike.html")
    assert server.requests.count("/robots.txt") == 1
    assert "/private/memo.html" not in server.requests


def test_robots_txt_can_be_ignored_only_by_option(server: FeedServer) -> None:
    page = fetch(
        f"{server.base}/private/memo.html", FetchOptions(allow_private=True, obey_robots=False)
    )
    assert b"disallowed by robots.txt" in page.body
    assert "/robots.txt" not in server.requests


def test_a_robots_txt_server_error_means_do_not_crawl(server: FeedServer) -> None:
    server.robots_status = 503
    with pytest.raises(FetchError, match=r"robots\.txt unreadable \(HTTP 503\)"):
        fetch(f"{server.base}/articles/tide-gauge.html")
    assert "/articles/tide-gauge.html" not in server.requests


def test_a_missing_robots_txt_allows_everything(server: FeedServer) -> None:
    server.robots_status = 404
    page = fetch(f"{server.base}/private/memo.html")
    assert page.status == 200
    assert server.requests == ["/robots.txt", "/private/memo.html"]


def test_redirects_are_followed_up_to_the_limit(server: FeedServer) -> None:
    page = fetch(f"{server.base}/redirect/5")
    assert page.final_url == f"{server.base}/articles/tide-gauge.html"
    assert page.url == f"{server.base}/redirect/5"
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)") as caught:
        fetch(f"{server.base}/redirect/6")
    assert caught.value.where == f"{server.base}/redirect/6"
    assert "/articles/tide-gauge.html" in server.requests  # from the first fetch only
    assert server.requests.count("/articles/tide-gauge.html") == 1


def test_a_redirect_is_checked_like_the_first_url(server: FeedServer) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(f"{server.base}/to?url=file:///etc/passwd")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/a.html", "gopher://x", "no-scheme"]
)
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_a_body_over_the_size_cap_is_abandoned(server: FeedServer, path: str) -> None:
    options = FetchOptions(allow_private=True, min_interval=0.0, max_bytes=100_000)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"too large .*100 KB"):
        fetch(f"{server.base}{path}", options)
    assert time.monotonic() - started < 5


def test_a_slow_response_times_out(server: FeedServer) -> None:
    options = FetchOptions(allow_private=True, min_interval=0.0, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out \(ReadTimeout, 0\.3 s\)"):
        fetch(f"{server.base}/slow", options)
    assert time.monotonic() - started < 1.5


def test_a_trickling_response_is_cut_at_the_deadline(server: FeedServer) -> None:
    options = FetchOptions(allow_private=True, min_interval=0.0, timeout=2.0, deadline=0.5)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"too slow \(no complete response in 0\.5 s\)"):
        fetch(f"{server.base}/drip", options)
    assert time.monotonic() - started < 2.0


def test_robots_txt_crawl_delay_spaces_requests_more(server: FeedServer) -> None:
    server.robots_text = "User-agent: *\nCrawl-delay: 2\nDisallow: /private/\n"
    waits: list[float] = []
    options = FetchOptions(allow_private=True, min_interval=0.1)
    with Fetcher(options, sleep=waits.append) as fetcher:
        fetcher.fetch(f"{server.base}/articles/tide-gauge.html")
        fetcher.fetch(f"{server.base}/articles/ferry-strike.html")
    assert len(waits) == 2
    assert all(1.5 < wait <= 2.0 for wait in waits)


def test_robots_txt_is_read_again_after_a_day(server: FeedServer) -> None:
    now = [0.0]
    with Fetcher(LOCAL, clock=lambda: now[0]) as fetcher:
        fetcher.fetch(f"{server.base}/articles/tide-gauge.html")
        now[0] += 3600
        fetcher.fetch(f"{server.base}/articles/tide-gauge.html")
        assert server.requests.count("/robots.txt") == 1
        server.robots_text = "User-agent: *\nDisallow: /articles/\n"
        now[0] += 24 * 3600
        with pytest.raises(FetchError, match="disallowed"):
            fetcher.fetch(f"{server.base}/articles/tide-gauge.html")
    assert server.requests.count("/robots.txt") == 2


def test_too_many_requests_for_robots_txt_means_do_not_crawl(server: FeedServer) -> None:
    server.robots_status = 429
    with pytest.raises(FetchError, match=r"robots\.txt unreadable \(HTTP 429\)"):
        fetch(f"{server.base}/articles/tide-gauge.html")


def test_a_host_that_cannot_be_resolved_is_one_error() -> None:
    url = "http://exa mple.org/a b"  # no name with a space resolves
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert str(caught.value).startswith(f"{url}: cannot fetch: cannot resolve exa%20mple.org")


def test_http_errors_are_one_line(server: FeedServer) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"{server.base}/no/such/page.html")
    assert str(caught.value) == f"{server.base}/no/such/page.html: HTTP 404 Not Found"


def test_requests_to_one_host_are_spaced(server: FeedServer) -> None:
    waits: list[float] = []
    options = FetchOptions(allow_private=True, min_interval=0.5)
    with Fetcher(options, sleep=waits.append) as fetcher:
        fetcher.fetch(f"{server.base}/articles/tide-gauge.html")
        fetcher.fetch(f"{server.base}/articles/ferry-strike.html")
    # robots.txt, then the first page (one wait), then the second (another).
    assert len(waits) == 2
    assert all(0.3 < wait <= 0.5 for wait in waits)


def test_a_connection_refused_is_a_fetch_error() -> None:
    with serving() as gone:
        base = gone.base
    with pytest.raises(FetchError, match="cannot fetch"):
        fetch(f"{base}/articles/tide-gauge.html")


def _page(body: bytes, content_type: str, url: str = "https://news.example/a") -> Page:
    return Page(url, url, 200, "OK", httpx.Headers({"content-type": content_type}), body)


def test_page_item_reads_html_and_text_by_type_and_by_content() -> None:
    settings = Settings()
    html = _page(
        "<html><body><p>Caf\xe9</p></body></html>".encode("cp1252"),
        "text/html; charset=windows-1252",
    )
    assert page_item(html, settings=settings).content == "<html><body><p>Café</p></body></html>"
    text = page_item(_page(b"Just words.\n", "text/plain"), settings=settings)
    assert (text.kind, text.content) == ("text", "Just words.\n")
    untyped = page_item(_page(b"<!DOCTYPE html><p>x</p>", ""), settings=settings)
    assert untyped.kind == "html"


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png", "PNG image"),
        (b"", "text/html", "empty body"),
        (b'{"a": 1}\n', "application/json", "application/json"),
    ],
)
def test_page_item_refuses_what_is_not_an_article(
    body: bytes, content_type: str, problem: str
) -> None:
    with pytest.raises(FetchError, match=f"not an article page \\({problem}\\)"):
        page_item(_page(body, content_type), settings=Settings())
