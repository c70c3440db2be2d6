"""PostgreSQL restarted under a running ingest and a running server: nothing lost or doubled.

Each test module run starts its own PostgreSQL (``tests/pg.sh``), never the shared one
named by ``CROSSWIRE_TEST_PG_URL``, restarts or stops it with ``pg_ctl``, and deletes
it at the end. The database after a restart is compared, row for row and without the
columns that record when a row was written, with one written by an undisturbed run.
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import MetaData, create_engine, select, text

from tests.robustness.killing import ROOT, VOLATILE, write_feed

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
PG_BIN = PG_BINS[-1] if PG_BINS else None
pytestmark = pytest.mark.skipif(
    PG_BIN is None or not (PG_BIN / "initdb").exists(),
    reason="no PostgreSQL server binaries (apt-get install postgresql); CI has them",
)

TOKEN = "restart-test-token"
Dump = list[tuple[str, list[tuple[object, ...]]]]


@dataclass
class Server:
    """A private PostgreSQL cluster: restart it, stop it, start it, make databases."""

    dir: Path
    url: str  # of the crosswire_test database, as the role crosswire

    def pg_ctl(self, *args: str) -> None:
        """Run ``pg_ctl`` on this cluster as the postgres user, the server logging to a file
        (a server started on a pipe would hold it open, and waiting for its end would hang)."""
        data, log = str(self.dir / "data"), str(self.dir / "log")
        command = [str(PG_BIN / "pg_ctl"), "-D", data, "-l", log, "-w", *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=120)

    def restart(self) -> None:
        """Fast restart: sessions are cut off, in-flight transactions rolled back."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        """Fast shutdown; the server stays down until :meth:`start`."""
        self.pg_ctl("stop", "-m", "fast")

    def start(self) -> None:
        """Start it again on the same port and socket directory as ``pg.sh`` did."""
        port = self.url.rsplit(":", 1)[1].split("/")[0]
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {self.dir} -c fsync=off"
        self.pg_ctl("start", "-o", f"{options} -c max_connections=200")

    def at(self, name: str) -> str:
        """The URL of database ``name`` on this server."""
        return self.url.rsplit("/", 1)[0] + "/" + name

    def database(self, name: str) -> str:
        """A new empty database ``name`` (dropped first if it exists); its URL."""
        admin = create_engine(
            self.url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.at(name)

    def count(self, url: str) -> int:
        """Stored articles (0 before the schema exists)."""
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                exists = conn.scalar(text("SELECT to_regclass('articles') IS NOT NULL"))
                return int(conn.scalar(text("SELECT count(*) FROM articles")) or 0) if exists else 0
        finally:
            engine.dispose()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    started = subprocess.run(
        [str(ROOT / "tests" / "pg.sh"), "start"], capture_output=True, text=True, check=False
    )
    if started.returncode != 0:
        pytest.skip(f"cannot start a private PostgreSQL: {started.stderr.strip()[-300:]}")
    exports = dict(
        shlex.split(line.removeprefix("export "))[0].split("=", 1)
        for line in started.stdout.splitlines()
    )
    pg = Server(Path(exports["CROSSWIRE_TEST_PG_DIR"]), exports["CROSSWIRE_TEST_PG_URL"])
    try:
        yield pg
    finally:
        # Our own cluster only: pg.sh stop acts on the directory it is given.
        env = {**os.environ, "CROSSWIRE_TEST_PG_DIR": str(pg.dir)}
        subprocess.run([str(ROOT / "tests" / "pg.sh"), "stop"], env=env, check=False)


def dump(url: str) -> Dump:
    """Every table's rows, sorted, without the columns that record the write itself."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        result = []
        with engine.connect() as conn:
            for table in sorted(meta.tables.values(), key=lambda t: t.name):
                kept = [c for c in table.columns if c.name not in VOLATILE]
                rows = [
                    tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                    for row in conn.execute(select(*kept))
                ]
                result.append((table.name, sorted(rows, key=repr)))
        return result
    finally:
        engine.dispose()


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT / "src"), **extra}


def _ingest_args(paths: list[str], url: str) -> list[str]:
    return [sys.executable, "-m", "crosswire", "ingest", *paths, "--db", url, "--no-nlp"]


def _wait_for(condition: Any, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    work = tmp_path_factory.mktemp("pg-restart")
    return [str(ROOT / "samples"), str(write_feed(work / "feed.jsonl", 250))]


@pytest.fixture(scope="module")
def reference(server: Server, inputs: list[str]) -> Dump:
    """The database of one undisturbed ingest."""
    url = server.database("reference")
    done = subprocess.run(_ingest_args(inputs, url), env=_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return dump(url)


def test_ingest_survives_a_restart(server: Server, inputs: list[str], reference: Dump) -> None:
    url = server.database("restarted")
    total = sum(len(rows) for table, rows in reference if table == "articles")
    child = subprocess.Popen(
        _ingest_args(inputs, url), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        _wait_for(lambda: server.count(url) >= 20, timeout=120, what="the first articles")
        server.restart()
        during = server.count(url)
        out, err = child.communicate(timeout=600)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err.decode()
    assert during < total, "the ingest ended before the restart: make it longer"
    assert err.decode().strip() == ""
    assert f"{total} added" in out.decode() or "already stored" in out.decode()
    assert dump(url) == reference


def test_ingest_gives_up_on_a_server_that_stays_down(
    server: Server, inputs: list[str], reference: Dump
) -> None:
    url = server.database("down")
    child = subprocess.Popen(
        _ingest_args(inputs, url),
        env=_env(CROSSWIRE_DB_RETRY_SECONDS="2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: server.count(url) >= 20, timeout=120, what="the first articles")
        server.stop()
        started = time.monotonic()
        _out, err = child.communicate(timeout=120)
        waited = time.monotonic() - started
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        server.start()
    assert child.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("crosswire: postgresql+psycopg://crosswire:***@"), lines[0]
    assert "still unreachable after 2 s of retries" in lines[0]
    assert 1.5 < waited < 60
    # Whole articles only: re-running completes it to the same database.
    again = subprocess.run(_ingest_args(inputs, url), env=_env(), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert dump(url) == reference


@dataclass
class Traffic:
    """What clients saw while the server ran: statuses and any non-JSON error."""

    statuses: list[int] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def see(self, response: httpx.Response) -> None:
        self.statuses.append(response.status_code)
        if response.status_code >= 500:
            body = response.json()  # a traceback or HTML page would not parse
            if response.status_code != 503 or set(body) != {"error"} or "\n" in body["error"]:
                self.bad.append(f"{response.status_code} {response.text[:200]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def serve(server: Server, tmp_path: Path) -> Iterator[Any]:
    children: list[subprocess.Popen[bytes]] = []
    clients: list[httpx.Client] = []
    logs: list[Path] = []

    def start(url: str, **env: str) -> httpx.Client:
        port = _free_port()
        args = [sys.executable, "-m", "crosswire", "serve", "--db", url, "--port", str(port)]
        extra = {"CROSSWIRE_API_TOKEN": TOKEN, "CROSSWIRE_API_NLP": "0", **env}
        logs.append(tmp_path / f"serve-{port}.log")
        with logs[-1].open("wb") as log:
            children.append(subprocess.Popen(args, env=_env(**extra), stdout=log, stderr=log))
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120)
        clients.append(client)

        def up() -> bool:
            try:
                return client.get("/api/health").status_code == 200
            except httpx.TransportError:
                return False

        _wait_for(up, timeout=120, what="the server")
        return client

    yield start
    for client in clients:
        client.close()
    for child in children:
        child.terminate()
        child.wait(timeout=30)
    for log in logs:  # a 503 is logged as one line; a traceback would mean a bug
        assert "Traceback" not in log.read_text(errors="replace"), log.read_text()[-3000:]


def _chunks(feed: Path, size: int) -> list[bytes]:
    lines = feed.read_bytes().splitlines(keepends=True)
    return [b"".join(lines[i : i + size]) for i in range(0, len(lines), size)]


def _send_all(client: httpx.Client, chunks: list[bytes], traffic: Traffic, sent: list[int]) -> None:
    """Post each chunk in order; one that got a 503 is sent again, as a client would."""
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    for chunk in chunks:
        while True:
            response = client.post("/api/articles/batch", content=chunk, headers=headers)
            traffic.see(response)
            if response.status_code == 200:
                assert response.json()["failures"] == []
                sent.append(response.json()["added"])
                break
            assert response.status_code == 503, response.text
            time.sleep(0.2)


def _read_until_stopped(client: httpx.Client, traffic: Traffic) -> None:
    while not traffic.stop.is_set():
        for path in ("/api/health", "/api/articles?limit=5", "/api/events?limit=5"):
            traffic.see(client.get(path))


def test_server_survives_a_restart(server: Server, serve: Any, tmp_path: Path) -> None:
    chunks = _chunks(write_feed(tmp_path / "api.jsonl", 160), 8)
    reference_client = serve(server.database("api_reference"))
    _send_all(reference_client, chunks, Traffic(), [])
    url = server.database("api_restarted")
    client = serve(url)
    traffic, added = Traffic(), []
    busy = chunks[:-1]  # the last one is sent after a restart of an idle server
    writer = threading.Thread(target=_send_all, args=(client, busy, traffic, added))
    reader = threading.Thread(target=_read_until_stopped, args=(client, traffic))
    writer.start(), reader.start()
    try:
        _wait_for(lambda: len(added) >= 5, timeout=120, what="the first batches")
        server.restart()
        restarted_after = len(added)
        writer.join(timeout=300)
    finally:
        traffic.stop.set()
        reader.join(timeout=60)
    assert not writer.is_alive()
    assert restarted_after < len(busy), "every batch was sent before the restart"
    assert traffic.bad == []
    # Restarted while idle, nothing was in flight: no request may fail, though every
    # pooled connection (the reads' and the writer's) died with the old server.
    server.restart()
    after = Traffic()
    for path in ("/api/health", "/api/articles?limit=5", "/api/events?limit=5"):
        after.see(client.get(path))
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    last = client.post("/api/articles/batch", content=chunks[-1], headers=headers)
    after.see(last)
    assert after.statuses == [200, 200, 200, 200], last.text
    assert sum(added) + last.json()["added"] == 160
    assert client.get("/api/health").json() == {"ok": True, "articles": 160}
    assert dump(url) == dump(server.at("api_reference"))


def test_server_recovers_from_a_failed_write(server: Server, serve: Any, tmp_path: Path) -> None:
    """A write that fails (server down past the retry budget) leaves nothing behind: sent
    again once the server is back, the database equals an undisturbed one."""
    chunks = _chunks(write_feed(tmp_path / "api.jsonl", 40), 10)
    reference_client = serve(server.database("fail_reference"))
    _send_all(reference_client, chunks, Traffic(), [])
    url = server.database("fail_restarted")
    client = serve(url, CROSSWIRE_DB_RETRY_SECONDS="1")
    traffic: Traffic = Traffic()
    _send_all(client, chunks[:2], traffic, [])
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    server.stop()
    try:
        failed = client.post("/api/articles/batch", content=chunks[2], headers=headers)
        read = client.get("/api/articles")
    finally:
        server.start()
    traffic.see(failed), traffic.see(read)
    assert (failed.status_code, read.status_code) == (503, 503)
    assert failed.json() == {"error": "the database is unavailable"}
    assert traffic.bad == []
    _send_all(client, chunks[2:], traffic, [])
    assert client.get("/api/health").json() == {"ok": True, "articles": 40}
    assert dump(url) == dump(server.at("fail_reference"))
    assert json.loads(read.text) == {"error": "the database is unavailable"}
