"""Fetch web pages politely and safely, and turn them into :class:`RawItem`.

Polite: robots.txt is obeyed (read once per site, with Protego, including its
Crawl-delay), requests to one host are spaced by a minimum interval, and the
user agent says who is asking. Safe: only ``http``/``https``; every connection
goes through :mod:`.guard`, which refuses private, loopback, link-local and other
non-public addresses at connect time (unless allowed); redirects are followed by
hand, a limited number of times, each hop checked like the first; a body is
streamed and abandoned past a size cap; every request has timeouts and an overall
deadline. Every problem is one :class:`FetchError` naming the URL.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from crosswire.closing import Closing
from crosswire.config import Settings
from crosswire.errors import FetchError
from crosswire.ingest.decode import charset_from_content_type, decode_bytes
from crosswire.ingest.guard import (
    AddressPolicy,
    AddressRefused,
    GuardedTransport,
    Resolver,
    system_resolver,
)
from crosswire.ingest.items import Metadata, Origin, make_item, size_text
from crosswire.ingest.sniff import binary_kind, sniff_format
from crosswire.models import RawItem, RawKind

USER_AGENT = "crosswire/0.1 (news research; obeys robots.txt)"
#: The token robots.txt rules are matched against.
ROBOTS_AGENT = "crosswire"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: A Crawl-delay above this is capped: a site cannot stall a whole watch loop.
_MAX_CRAWL_DELAY = 60.0
_ROBOTS_MAX_BYTES = 512_000
#: robots.txt is read again after a day (RFC 9309: a cached copy is good for 24 hours).
_ROBOTS_TTL = 24 * 3600.0


@dataclass(frozen=True)
class FetchOptions:
    """How a :class:`Fetcher` behaves; the defaults are polite and safe."""

    #: Connect to private, loopback and link-local addresses too (tests, trusted intranets).
    allow_private: bool = False
    #: Networks (CIDR) allowed even though not public, e.g. ``("10.1.0.0/16",)``.
    allowed_networks: tuple[str, ...] = ()
    #: Seconds for each network operation (connect, each read).
    timeout: float = 10.0
    #: Seconds for a whole response, however slowly it trickles in.
    deadline: float = 60.0
    #: A body larger than this is abandoned.
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    #: Seconds between two requests to the same host (robots.txt Crawl-delay can raise it).
    min_interval: float = 1.0
    obey_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    """A fetched response: ``url`` as asked, ``final_url`` after redirects."""

    url: str
    final_url: str
    status: int
    reason: str
    headers: httpx.Headers = field(repr=False)
    body: bytes = field(repr=False)

    @property
    def content_type(self) -> str:
        """The Content-Type header ("" if none)."""
        return self.headers.get("content-type", "")


class Fetcher(Closing):
    """Fetches URLs one at a time under :class:`FetchOptions`; use as a context manager.

    ``resolver`` (host, port -> addresses) and ``clock``/``sleep`` are injectable
    for tests; the address check itself is always the real one.
    """

    def __init__(
        self,
        options: FetchOptions = FetchOptions(),
        *,
        resolver: Resolver = system_resolver,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options
        policy = AddressPolicy(options.allow_private, options.allowed_networks)
        self.transport = GuardedTransport(policy, resolver=resolver)
        self.client = httpx.Client(
            transport=self.transport,
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": options.user_agent},
        )
        self.clock = clock
        self.sleep = sleep
        #: origin -> (rules, when read); host name -> when last asked.
        self._robots: dict[str, tuple[Protego, float]] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        """Close every connection."""
        self.client.close()

    def fetch(self, url: str) -> Page:
        """GET ``url`` (following redirects, each checked); raise :class:`FetchError`."""
        try:
            page = self._follow(url, robots=self.options.obey_robots, limit=self.options.max_bytes)
        except FetchError as error:
            error.where = error.where or url
            raise
        if page.status >= 400:
            raise FetchError(f"HTTP {page.status} {page.reason}".strip(), where=url)
        return page

    def _follow(self, url: str, *, robots: bool, limit: int) -> Page:
        """The response at the end of at most ``max_redirects`` redirects, whatever its status."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            origin = _checked_origin(current)
            if robots:
                self._check_robots(origin, current)
            page = self._request(url, origin, current, limit)
            location = page.headers.get("location")
            if page.status not in _REDIRECTS or not location:
                return page
            current = urljoin(current, location.strip())
        raise FetchError(f"too many redirects (more than {self.options.max_redirects})")

    def _request(self, asked: str, origin: str, url: str, limit: int) -> Page:
        """One GET, rate-limited per host, its body read up to ``limit`` bytes."""
        host = urlsplit(url).hostname or ""
        self._wait_turn(host, origin)
        started = self.clock()
        try:
            with self.client.stream("GET", url) as response:
                body = self._read_capped(response, limit, started)
        except httpx.TimeoutException as e:
            raise FetchError(f"timed out ({type(e).__name__}, {self.options.timeout:g} s)") from e
        except (httpx.HTTPError, httpx.InvalidURL) as e:
            raise FetchError(f"cannot fetch: {e or type(e).__name__}") from e
        finally:
            self._last_request[host] = self.clock()
        return Page(
            url=asked,
            final_url=url,
            status=response.status_code,
            reason=response.reason_phrase,
            headers=response.headers,
            body=body,
        )

    def _read_capped(self, response: httpx.Response, limit: int, started: float) -> bytes:
        if response.status_code in _REDIRECTS or response.status_code >= 400:
            return b""  # the body of a redirect or an error is never used
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(
                f"too large (Content-Length {int(declared):,} over {size_text(limit)})"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"too large (over the {size_text(limit)} limit, max_bytes)")
            if self.clock() - started > self.options.deadline:
                raise FetchError(f"too slow (no complete response in {self.options.deadline:g} s)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, host: str, origin: str) -> None:
        """Sleep until the minimum interval since the last request to ``host`` has passed."""
        last = self._last_request.get(host)
        if last is None:
            return
        interval = self.options.min_interval
        cached = self._robots.get(origin)
        delay = cached[0].crawl_delay(ROBOTS_AGENT) if cached is not None else None
        if delay:
            interval = max(interval, min(float(delay), _MAX_CRAWL_DELAY))
        wait = last + interval - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _check_robots(self, origin: str, url: str) -> None:
        cached = self._robots.get(origin)
        if cached is None or self.clock() - cached[1] > _ROBOTS_TTL:
            cached = self._robots[origin] = (self._read_robots(origin), self.clock())
        if not cached[0].can_fetch(url, ROBOTS_AGENT):
            raise FetchError(f"disallowed by {origin}/robots.txt")

    def _read_robots(self, origin: str) -> Protego:
        """The site's rules; none if it has no robots.txt. Unreadable means: do not crawl."""
        try:
            page = self._follow(f"{origin}/robots.txt", robots=False, limit=_ROBOTS_MAX_BYTES)
        except FetchError as error:
            if isinstance(error, AddressRefused) or isinstance(
                error.__cause__, (httpx.HTTPError, httpx.InvalidURL)
            ):
                raise  # the site itself is refused or out of reach: say that
            raise FetchError(f"robots.txt unreadable ({error.message}), not fetching") from error
        if 400 <= page.status < 500 and page.status != 429:
            return Protego.parse("")  # no robots.txt: everything is allowed (RFC 9309)
        if page.status >= 300:
            # A server error (or "too many requests") may hide rules that forbid us:
            # assume it does (RFC 9309).
            raise FetchError(f"robots.txt unreadable (HTTP {page.status}), not fetching")
        return Protego.parse(decode_bytes(page.body).text)


def _checked_origin(url: str) -> str:
    """``scheme://host[:port]`` of an http(s) URL; anything else is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise FetchError(f"not a valid URL ({e})") from e
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'this'!r}")
    if not parts.hostname:
        raise FetchError("URL has no host")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "")


def page_item(
    page: Page, *, settings: Settings, meta: Metadata | None = None, source: str | None = None
) -> RawItem:
    """A fetched page as a :class:`RawItem` (``url`` = final URL, ``source`` = URL asked).

    HTML or text by Content-Type, else by content; anything else is refused.
    """
    source = source or page.url
    mime = page.content_type.split(";")[0].strip().lower()
    described = binary_kind(page.body[:8192])
    if described or not page.body.strip():
        raise FetchError(f"not an article page ({described or 'empty body'})", where=source)
    if mime in ("text/html", "application/xhtml+xml"):
        html = True
    elif mime == "text/plain":
        html = False
    else:
        fmt = sniff_format(page.body[:65536], urlsplit(page.final_url).path)
        if fmt not in ("html", "text"):
            raise FetchError(f"not an article page ({mime or fmt})", where=source)
        html = fmt == "html"
    decoded = decode_bytes(
        page.body, declared=charset_from_content_type(page.content_type), html=html
    )
    origin = Origin(source, page.final_url, settings.defaults, settings)
    meta = replace(meta or Metadata(), url=page.final_url)
    kind: RawKind = "html" if html else "text"
    return make_item(
        origin, source=source, input_id=page.final_url, decoded=decoded, kind=kind, meta=meta
    )
