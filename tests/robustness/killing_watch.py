"""Kill ``crosswire watch`` with SIGKILL while it stores a feed, restart it, compare.

Shared by ``test_kill_watch.py`` (a few trials) and ``bench/kill_watch.py`` (20+).
:class:`FeedSite` serves one generated RSS feed whose entries live on several
loopback hosts (127.0.0.1, 127.0.0.2, ...): the fetcher waits a second between two
requests to one host, and spreading the pages lets a watch store many of them a
second, as it does on a real feed of many sites. Some entries are always missing
(HTTP 404) and some are reposts of the entry before, so failures and dedup are in play.

A trial kills one or more watch processes at random moments, restarts the watch and
lets it poll until it has caught up and polled once more. Then the database must
equal that of one uninterrupted watch (:func:`tests.robustness.killing.dump`), and the
second poll after the restart must report what an uninterrupted watch's second poll
reports: nothing new but the missing pages (the "seen" state a watch derives from
the store is the state it would have had).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.robustness.killing import differences, dump, env, kill_tree, start

#: Every ``MISSING``-th entry links to a page that does not exist.
MISSING = 29
#: Every ``REPOST``-th entry is a copy of the entry before it under another address.
REPOST = 17


class FeedSite:
    """A feed at ``feed_url`` with ``entries`` items whose pages are spread over ``hosts``."""

    def __init__(self, entries: int, hosts: int) -> None:
        self.entries = entries
        self.servers = [_Server(self, f"127.0.0.{n + 1}") for n in range(hosts)]
        self.feed_url = f"{self.servers[0].base}/feed.xml"

    def link(self, n: int) -> str:
        """Entry ``n``'s page address."""
        base = self.servers[n % len(self.servers)].base
        return f"{base}/gone/{n}.html" if n % MISSING == MISSING - 1 else f"{base}/news/{n}.html"

    @property
    def missing(self) -> int:
        """How many entries never fetch."""
        return sum(n % MISSING == MISSING - 1 for n in range(self.entries))

    def feed(self) -> bytes:
        """RSS, newest entry first, as feeds list them."""
        items = [
            f"<item><title>{_title(n)}</title><link>{self.link(n)}</link>"
            f"<pubDate>{_date(n)}</pubDate></item>"
            for n in reversed(range(self.entries))
        ]
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Test Harbour Wire</title><link>{self.servers[0].base}/</link>"
            f"{''.join(items)}</channel></rss>"
        ).encode()

    def page(self, n: int) -> bytes | None:
        """Entry ``n``'s HTML page (a repost carries the entry before's text), or None."""
        if not 0 <= n < self.entries or n % MISSING == MISSING - 1:
            return None
        text = _story(n - 1 if n % REPOST == REPOST - 1 else n)
        named = '<meta property="og:site_name" content="Harbour Ledger">' if n % 2 else ""
        return (
            f"<html><head><title>{_title(n)}</title>{named}</head><body>"
            f"<h1>{_title(n)}</h1>{''.join(f'<p>{p}</p>' for p in text)}"
            "</body></html>"
        ).encode()


def _date(n: int) -> str:
    """Entry ``n``'s RFC 822 date: an hour after entry ``n - 1``'s."""
    when = dt.datetime(2025, 4, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n)
    return email.utils.format_datetime(when, usegmt=True)


#: Reports on five subjects, each in its own words, so that stories form around each.
_SUBJECTS = (
    (
        "Harbour board of town {t} approves berths",
        "The harbour board of town {t} approved {a} new berths for container ships on "
        "Tuesday after a long dispute with fishermen over mooring fees.",
        "Dockers' unions welcomed the berths; crane operators expect {b} extra shifts.",
    ),
    (
        "Schools in district {t} hire teachers",
        "Education officials in district {t} announced that {a} teachers will be hired "
        "before the autumn term to reduce class sizes in primary schools.",
        "Parents' associations praised the decision; the budget grows by {b} thousand.",
    ),
    (
        "Flood gates on river {t} reopen",
        "Engineers reopened the flood gates on river {t} once the water level fell by "
        "{a} centimetres, allowing barges to pass the weir again.",
        "Farmers downstream reported {b} hectares of pasture still under water.",
    ),
    (
        "Night trains to valley {t} resume",
        "The rail operator resumed night trains to valley {t} with {a} sleeper carriages "
        "after track repairs near the mountain tunnel were completed.",
        "Commuters had used replacement buses for {b} days during the closure.",
    ),
    (
        "Hospital in county {t} opens clinic",
        "The county {t} hospital opened a new outpatient clinic with {a} examination rooms, "
        "its director told reporters at the opening ceremony.",
        "Nurses said waiting times should fall by {b} minutes on average.",
    ),
)


def _title(n: int) -> str:
    return _SUBJECTS[n % len(_SUBJECTS)][0].format(t=n // 10)


def _story(n: int) -> list[str]:
    """Two paragraphs on one of the subjects; reports on a subject share wording."""
    _, first, second = _SUBJECTS[n % len(_SUBJECTS)]
    return [first.format(t=n // 10, a=n % 7 + 2), second.format(b=n * 11 % 300 + 20)]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, site: FeedSite, address: str) -> None:
        super().__init__((address, 0), _Handler)
        self.site = site
        self.base = f"http://{address}:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        site = self.server.site
        body: bytes | None = None
        kind = "text/html; charset=utf-8"
        if self.path == "/feed.xml":
            body, kind = site.feed(), "application/rss+xml"
        elif self.path.startswith("/news/") and self.path.endswith(".html"):
            number = self.path.removeprefix("/news/").removesuffix(".html")
            body = site.page(int(number)) if number.isdigit() else None
        status = 200 if body is not None else 404  # robots.txt too: every page is allowed
        body = body if body is not None else b"not found"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(entries: int, hosts: int) -> Iterator[FeedSite]:
    """Run a :class:`FeedSite` in threads for the duration of the block."""
    site = FeedSite(entries, hosts)
    threads = [
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        for server in site.servers
    ]
    for thread in threads:
        thread.start()
    try:
        yield site
    finally:
        for server in site.servers:
            server.shutdown()
            server.server_close()


def watch_args(feed: str, db: Path) -> list[str]:
    """The ``crosswire watch`` command line: poll every second, as a service would run it."""
    args = [sys.executable, "-m", "crosswire", "watch", feed, "--db", f"sqlite:///{db}"]
    return [*args, "--no-nlp", "--allow-private", "--interval", "1"]


class Watch:
    """A running ``crosswire watch``: its poll lines as they are printed."""

    def __init__(self, feed: str, db: Path, cwd: Path) -> None:
        self.feed = feed
        environ = {**env(), "PYTHONUNBUFFERED": "1"}
        self.process = start(watch_args(feed, db), cwd, environ=environ, stdout=subprocess.PIPE)
        self.polls: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:  # closed at the end of output: when the process is gone
            for line in self.process.stdout:
                if line.startswith(f"{self.feed}:"):
                    self.printed.append(line.strip())
                    self.polls.put(line.strip())

    def next_poll(self, timeout: float) -> str:
        """The next poll line; raise if none comes within ``timeout`` seconds."""
        try:
            return self.polls.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no poll reported within {timeout:g} s") from None

    def kill(self) -> None:
        """SIGKILL it and everything it started."""
        kill_tree(self.process)
        self.reader.join(timeout=10)

    def stop(self) -> int:
        """SIGTERM (a service manager's stop): it finishes cleanly; its exit code."""
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        self.reader.join(timeout=10)
        return code


@dataclass(frozen=True)
class Reference:
    """One uninterrupted watch: its database dump, its two polls, its first poll's time."""

    rows: list[tuple[str, list[tuple[object, ...]]]]
    first: str
    steady: str
    seconds: float


def reference(site: FeedSite, work: Path, *, timeout: float = 600) -> Reference:
    """Watch ``site`` from a fresh database for two polls, uninterrupted."""
    db = work / "reference.db"
    started = time.monotonic()
    watch = Watch(site.feed_url, db, work)
    try:
        first = watch.next_poll(timeout)
        seconds = time.monotonic() - started
        steady = watch.next_poll(timeout)
    finally:
        code = watch.stop()
    if code != 0:
        raise RuntimeError(f"the reference watch exited with {code}")
    return Reference(dump(db), first, steady, seconds)


@dataclass(frozen=True)
class Trial:
    """Kills of one trial (delays, how many hit a watch mid-poll) and the outcome."""

    delays: tuple[float, ...]
    mid_poll: int
    identical: bool
    problems: tuple[str, ...]
    seconds: float


def trial(
    site: FeedSite, work: Path, ref: Reference, delays: list[float], *, timeout: float = 600
) -> Trial:
    """Kill a watch after each of ``delays`` (a restart each time), then let one catch up."""
    started = time.monotonic()
    db = work / f"trial-{random.randrange(1 << 30)}.db"
    mid_poll = 0
    for delay in delays:
        watch = Watch(site.feed_url, db, work)
        time.sleep(delay)
        mid_poll += not watch.printed  # no poll had finished: it was fetching and storing
        watch.kill()
    watch = Watch(site.feed_url, db, work)
    try:
        watch.next_poll(timeout)  # caught up
        steady = watch.next_poll(timeout)
    finally:
        code = watch.stop()
    problems = differences(ref.rows, dump(db))
    if steady != ref.steady:
        problems.append(f"second poll after the restart: {steady!r}, not {ref.steady!r}")
    if code != 0:
        problems.append(f"the restarted watch exited with {code}")
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    seconds = time.monotonic() - started
    return Trial(tuple(delays), mid_poll, not problems, tuple(problems), seconds)
