"""Browser tests: a real ``crosswire serve`` on a free loopback port, driven by Chromium.

Chromium is Debian's package (``playwright install`` cannot download browsers
here). Without it the tests are skipped on a developer's machine and fail in CI,
where .ci/run installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

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


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of ``crosswire serve`` over a copy of the corpus, writes allowed by token."""
    db = copy_of_corpus(tmp_path_factory, "web")
    port = _free_port()
    # Ingests through this server skip NLP: the corpus already has actors and events.
    env = {**os.environ, "CROSSWIRE_API_TOKEN": WRITE_TOKEN, "CROSSWIRE_API_NLP": "0"}
    env.pop("CROSSWIRE_API_READ_TOKEN", None)
    command = [sys.executable, "-m", "crosswire", "serve", "--port", str(port), "--db", db]
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
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
def screenshots() -> Path:
    """Where the tests save the screenshots linked from the README."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
