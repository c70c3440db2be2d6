"""``crosswire fetch`` and ``watch`` end to end, in a fresh process, against a local server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.models import Article, ArticleFilter
from crosswire.store import Store
from tests.conftest import REPO, run_cli
from tests.ingest.feedserver import FeedServer, serving


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with serving() as running:
        yield running


def stored(db: str) -> list[Article]:
    with Store.open(db) as store:
        return store.articles(ArticleFilter(), limit=100)


def test_fetch_stores_pages_and_reports_each_failure_on_one_line(
    server: FeedServer, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'f.db'}"
    page = f"{server.base}/articles/tide-gauge.html"
    missing = f"{server.base}/articles/gone.html"
    done = run_cli(
        "fetch", page, missing, "--db", db, "--no-nlp", "--allow-private",
        "--outlet", "Harbor Ledger", "--published", "2025-03-03", cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == f"crosswire: {missing}: HTTP 404 Not Found\n"
    assert done.stdout.startswith("1 added (0 duplicates or reposts), 0 already stored, 1 failed")
    (article,) = stored(db)
    assert (article.url, article.source) == (page, page)
    assert (article.outlet, article.published) == ("Harbor Ledger", "2025-03-03")
    assert "3.42 metres" in article.body
    again = run_cli("fetch", page, "--db", db, "--no-nlp", "--allow-private", cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout.startswith("0 added (0 duplicates or reposts), 1 already stored")


def test_fetch_refuses_loopback_and_non_web_urls_in_one_line_each(
    server: FeedServer, tmp_path: Path
) -> None:
    url = f"{server.base}/articles/tide-gauge.html"
    db = f"sqlite:///{tmp_path / 'f.db'}"
    done = run_cli("fetch", url, "file:///etc/passwd", "--db", db, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"crosswire: {url}: refused: 127.0.0.1 a loopback address "
        "(use --allow-private to fetch from private networks)",
        "crosswire: file:///etc/passwd: only http and https URLs are fetched, not 'file'",
    ]
    assert server.requests == []


def test_watch_once_polls_each_feed_and_stores_new_articles(
    server: FeedServer, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    rss, atom = f"{server.base}/rss.xml", f"{server.base}/atom.xml"
    args = ("watch", rss, atom, "--once", "--no-nlp", "--allow-private", "--db", db)
    done = run_cli(*args, "--interval", "60", cwd=tmp_path)
    assert done.returncode == 1  # the robots-forbidden entry
    assert done.stderr.startswith(f"crosswire: {server.base}/private/memo.html: disallowed by")
    assert len(done.stderr.splitlines()) == 1
    assert done.stdout.splitlines() == [
        f"{rss}: 3 entries, 3 new: 2 added (0 duplicates or reposts), 0 already stored, 1 failed",
        f"{atom}: 1 entries, 1 new: 1 added (0 duplicates or reposts), 0 already stored, 0 failed",
    ]
    titles = {article.title: article.outlet for article in stored(db)}
    assert titles["Orchard cooperative in Lantern Valley votes to build a cider press"] == (
        "Lantern Valley Courier"
    )
    again = run_cli(
        "watch", atom, "--once", "--no-nlp", "--allow-private", "--db", db, cwd=tmp_path
    )
    assert again.returncode == 0
    assert again.stdout.startswith(f"{atom}: 1 entries, 0 new")


def test_watch_reports_a_feed_it_cannot_read_in_one_line(
    server: FeedServer, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    feeds = [f"{server.base}/down/rss.xml", f"{server.base}/articles/tide-gauge.html"]
    done = run_cli(
        "watch", *feeds, "--once", "--no-nlp", "--allow-private", "--db", db, cwd=tmp_path
    )
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == f"crosswire: {feeds[0]}: HTTP 503 Service Unavailable (retrying in 60 s)"
    assert lines[1].startswith(f"crosswire: {feeds[1]}: not an RSS or Atom feed")
    assert len(lines) == 2
    assert "Traceback" not in done.stderr


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_watch_stops_cleanly_on_ctrl_c(server: FeedServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    feed = f"{server.base}/atom.xml"
    # PYTHONFAULTHANDLER: SIGABRT makes a stuck child print every thread's stack.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200", "PYTHONFAULTHANDLER": "1"}
    env.pop("CROSSWIRE_DB", None)
    args = ["watch", feed, "--no-nlp", "--allow-private", "--db", db, "--interval", "3600"]
    process = subprocess.Popen(
        [sys.executable, "-m", "crosswire", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A shell running the tests in the background (`nohup ... &`) hands its children
        # SIGINT ignored, and Python keeps an ignored SIGINT: give the child Ctrl-C back.
        preexec_fn=_default_sigint,
    )
    try:
        stdout = process.stdout
        assert stdout is not None
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(stdout.readline()))
        reader.start()
        reader.join(timeout=300)
        assert first and first[0].startswith(f"{feed}: 1 entries, 1 new: 1 added")
        process.send_signal(signal.SIGINT)  # while it sleeps until the next poll
        try:
            _, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            _, stack = process.communicate()
            pytest.fail(f"watch ignored Ctrl-C for 60 s; where it was:\n{stack}")
        assert process.returncode == 0
        assert err == "crosswire: stopped (every stored article is complete)\n"
    finally:
        if process.poll() is None:  # a failed assertion must not leave it running
            process.kill()
            process.communicate()
    assert len(stored(db)) == 1
