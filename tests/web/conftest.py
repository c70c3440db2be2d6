"""Browser tests: a real ``crosswire serve`` on a free loopback port, driven by Chromium.

Chromium is Debian's package (``playwright install`` cannot download browsers
here). Without it the tests are skipped on a developer's machine and fail in CI,
where .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Dialog, Page, expect

from tests.api.conftest import WRITE_TOKEN
from tests.api.corpus import copy_of_corpus
from tests.conftest import REPO

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOTS = REPO / "docs" / "screenshots"

# Assertions wait up to 15 s (default 5 s): the machines are small and often busy.
expect.set_options(timeout=15_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip browser tests without Chromium, except in CI, where that is a failure."""
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "page" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium, headless, without the sandbox root cannot use."""
    return {**browser_type_launch_args, "args": ARGS, "executable_path": CHROMIUM}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"crosswire serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise RuntimeError(f"crosswire serve did not answer at {url}")


@contextmanager
def serve_process(db: str, env: Mapping[str, str], tmp: Path) -> Iterator[str]:
    """Base URL of ``crosswire serve`` over ``db`` on a free loopback port, for the block.

    Writes are allowed by :data:`WRITE_TOKEN`, reads are open; ``env`` adds to (or
    overrides) that environment. Its output goes to ``tmp/serve.log``, shown if it fails
    to answer.
    """
    port = _free_port()
    environ = {**os.environ, "CROSSWIRE_API_TOKEN": WRITE_TOKEN, **env}
    environ.pop("CROSSWIRE_API_READ_TOKEN", None)
    command = [sys.executable, "-m", "crosswire", "serve", "--port", str(port), "--db", db]
    log_path = tmp / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=environ, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_for(f"{base}/api/health", process, time.monotonic() + 60)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{log_path.read_text()}") from None
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``crosswire serve`` over a copy of the corpus, writes allowed by token."""
    db = copy_of_corpus(tmp_path_factory, "web")
    # Ingests through this server skip NLP: the corpus already has actors and events.
    with serve_process(db, {"CROSSWIRE_API_NLP": "0"}, tmp_path_factory.mktemp("serve")) as base:
        yield base


def send_json(
    url: str, body: object, *, method: str = "POST", timeout: float = 120
) -> tuple[int, Any]:
    """Send ``body`` as JSON with the write token; the status and the answer's JSON
    (an HTTP error raises)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {WRITE_TOKEN}", "Content-Type": "application/json"},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.load(response)


class Watch:
    """What a page did that it must not: dialogs opened, page errors, CSP violations
    reported on the console, in ``problems`` as they happen."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _dialog(self, dialog: Dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP: {message.text}")

    def assert_clean(self) -> None:
        """Fail, naming each, if anything happened."""
        assert self.problems == []


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the tests save the screenshots linked from the README."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
