"""A real HTTP server on loopback (127.0.0.1 by default) for the fetch, feed and watch tests.

It serves the files under ``data/feeds`` (``{base}`` in them becomes the server's
own URL) and a few routes that misbehave on purpose:

- ``/redirect/N``: a chain of N redirects ending at an article;
- ``/to?url=U``: one redirect to any URL (an open redirect);
- ``/big`` and ``/big-unsized``: 2 MB, with and without Content-Length;
- ``/slow``: answers only after two seconds;
- ``/drip``: answers at once, then a byte every 0.1 s;
- ``/flaky/...``: HTTP 500 the first ``fail_times`` times, then the file;
- ``/down/...``: always HTTP 503 (``robots_status`` overrides ``/robots.txt``).

Every request path is logged in ``requests``, so a test can check that a refused
fetch never reached the server.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).parent / "data" / "feeds"

_TYPES = {
    ".xml": "application/rss+xml",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class FeedServer(ThreadingHTTPServer):
    """The server; ``base`` is its URL, ``requests`` every path asked for, in order."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), _Handler)
        self.base = f"http://{host}:{self.server_address[1]}"
        self.requests: list[str] = []
        self.fail_times = 1
        #: Serve /robots.txt with this status instead of the file (404: none, 503: down).
        self.robots_status: int | None = None
        #: Serve this as /robots.txt instead of the file.
        self.robots_text: str | None = None
        self._failures: dict[str, int] = {}

    def should_fail(self, path: str) -> bool:
        """For ``/flaky/``: whether this request is one of the first ``fail_times``."""
        done = self._failures.get(path, 0)
        self._failures[path] = done + 1
        return done < self.fail_times


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: tests read ``server.requests`` instead."""

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/robots.txt" and self.server.robots_status:
            self._send(self.server.robots_status, b"robots.txt status test", "text/plain")
        elif path == "/robots.txt" and self.server.robots_text is not None:
            self._send(200, self.server.robots_text.encode(), "text/plain")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            target = f"/redirect/{left - 1}" if left > 1 else "/articles/tide-gauge.html"
            self._redirect(target)
        elif path == "/to":
            self._redirect(parse_qs(parts.query)["url"][0])
        elif path in ("/big", "/big-unsized"):
            self._big(sized=path == "/big")
        elif path == "/drip":
            self._drip()
        elif path == "/slow":
            time.sleep(2)
            self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
        elif path.startswith("/down/"):
            self._send(503, b"maintenance", "text/plain")
        elif path.startswith("/flaky/") and self.server.should_fail(path):
            self._send(500, b"temporary failure", "text/plain")
        else:
            self._file(path.removeprefix("/flaky"))

    def _file(self, path: str) -> None:
        file = (DATA / path.lstrip("/")).resolve()
        if DATA.resolve() not in file.parents or not file.is_file():
            self._send(404, b"not found", "text/plain")
            return
        body = file.read_text(encoding="utf-8").replace("{base}", self.server.base)
        self._send(200, body.encode("utf-8"), _TYPES.get(file.suffix, "text/plain"))

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _big(self, *, sized: bool) -> None:
        chunk = b"<p>" + b"x" * 1020 + b"</p>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if sized:
            self.send_header("Content-Length", str(len(chunk) * 2048))
        self.end_headers()
        try:
            for _ in range(2048):
                self.wfile.write(chunk)
        except OSError:
            pass  # the client stopped reading, as it should

    def _drip(self) -> None:
        """A byte every 0.1 s for five seconds: each read is quick, the whole is not."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(50):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving(host: str = "127.0.0.1") -> Iterator[FeedServer]:
    """Run a :class:`FeedServer` on ``host`` in a thread for the duration of the block."""
    server = FeedServer(host)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
