"""A bounded load test of the REST API: many clients mixing reads and ingests, then checks.

    .venv/bin/python bench/load_api.py [--seconds 60] [--clients 100] [--db URL] [--nlp]

Starts ``crosswire serve`` on a free loopback port over a fresh database (a temporary
SQLite file by default; ``--db postgresql://...`` uses that database, best an empty one:
``eval "$(tests/pg.sh start)"`` then ``--db "$CROSSWIRE_TEST_PG_URL"``), seeds it with
``samples/`` and the two example articles (full pipeline, so there are actors, events and
stories to read), then runs ``--clients`` concurrent clients for ``--seconds``: about one
request in ten posts a new fictional article (generated here, each unique), the rest read
(article lists with filters, search, events, actors, stories, story comparisons, article
and story pages). Then it stops the server and checks: no 5xx or 4xx answer and no
transport error, and every posted article stored exactly once (each has a unique input
id: its rows in the database are counted). Prints requests/s and p50/p99 latency, overall
and per kind. Exit status 1 if a check fails. Loopback only; stops by itself.

The server ingests without the NLP stage (``CROSSWIRE_API_NLP=0``) unless ``--nlp``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from crosswire.store import Store
from crosswire.store.schema import articles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path("/work/shared/examples/articles")
CROSSWIRE = ROOT / ".venv" / "bin" / "crosswire"
#: Share of requests that post an article.
INGEST_SHARE = 0.1
#: Every posted article's input id starts with this (to count them in the database); new
#: each run, so a database that already holds a run's articles does not confuse the count.
PREFIX = f"load-{secrets.token_hex(4)}-"

PLACES = ["Valdora", "Lenmark", "Orsk Bay", "Tarnhold", "Mirevale", "Quessa", "Brannock"]
GROUPS = ["port authority", "fishing cooperative", "rail union", "water board", "grain exchange"]
VERBS = ["signed", "postponed", "renewed", "cancelled", "announced", "disputed", "approved"]
THINGS = ["a lease", "a tariff", "a ferry contract", "a pipeline survey", "a joint patrol"]
OUTLETS = ["Valdora Post", "Lenmark Herald", "Tarnhold Ledger", "Quessa Courier"]


@dataclass
class Results:
    """Every request's kind, latency and outcome; the ids the server gave posted articles."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    posted: dict[str, list[str]] = field(default_factory=dict)  # input id -> ids returned
    client_errors: int = 0
    numbers: Iterator[int] = field(default_factory=itertools.count)


@dataclass
class Corpus:
    """What the seeded database holds, for building read requests."""

    article_ids: list[str]
    story_ids: list[str]
    actors: list[str]
    outlets: list[str]
    words: list[str]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fictional_article(number: int, rng: random.Random) -> dict[str, Any]:
    """A unique made-up news article (names, numbers and the order of its sentences vary)."""
    place, other = rng.sample(PLACES, 2)
    sentences = [
        f"The {rng.choice(GROUPS)} of {place} {rng.choice(VERBS)} {rng.choice(THINGS)} "
        f"with partners from {other} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}.",
        f"Officials said the agreement, number {number}-{rng.randrange(10**6)}, covers "
        f"{rng.randrange(2, 90)} berths and {rng.randrange(3, 400)} workers.",
        f"A spokesperson for {other} said talks would resume in {rng.randrange(2, 12)} weeks.",
        f"Critics in {place} called the {rng.choice(THINGS).split()[-1]} "
        f"{rng.choice(['premature', 'overdue', 'costly', 'vague'])}.",
        f"Reference {secrets.token_hex(6)}: figures were confirmed by {rng.choice(GROUPS)}.",
    ]
    rng.shuffle(sentences)
    return {
        "id": f"{PREFIX}{number}",
        "text": " ".join(sentences),
        "outlet": rng.choice(OUTLETS),
        "published": f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
    }


def read_request(corpus: Corpus, rng: random.Random) -> tuple[str, str, dict[str, Any]]:
    """(kind, path, query) of one random read."""
    kind = rng.choice(
        ["articles", "search", "events", "actors", "stories", "compare", "article", "page"]
    )
    if kind == "articles":
        filters: list[dict[str, Any]] = [
            {"outlet": rng.choice(corpus.outlets)},
            {"since": "2023-01", "until": "2026-12"},
            {"duplicates": rng.choice(["true", "false"])},
            {"language": "en", "limit": rng.choice([5, 50, 200])},
        ]
        return kind, "/api/articles", rng.choice(filters)
    if kind == "search":
        return kind, "/api/articles", {"q": rng.choice(corpus.words)}
    if kind == "events":
        return kind, "/api/events", rng.choice([{}, {"country": "RUS"}, {"type": "CONSULT"}])
    if kind == "actors":
        return kind, "/api/actors", rng.choice([{}, {"text": rng.choice(corpus.actors)}])
    if kind == "stories":
        return kind, "/api/stories", {"limit": 20}
    if kind == "compare":
        return kind, f"/api/stories/{rng.choice(corpus.story_ids)}/compare", {}
    if kind == "article":
        return kind, f"/api/articles/{rng.choice(corpus.article_ids)}", {}
    page = rng.choice(
        [f"/articles/{rng.choice(corpus.article_ids)}", f"/stories/{rng.choice(corpus.story_ids)}"]
    )
    return kind, page, {}


async def one_request(
    client: httpx.AsyncClient, corpus: Corpus, results: Results, rng: random.Random, token: str
) -> None:
    """Send one request and record it."""
    started = time.perf_counter()
    record: dict[str, Any] | None = None
    kind = "?"
    try:
        if rng.random() < INGEST_SHARE:
            kind = "ingest"
            record = fictional_article(next(results.numbers), rng)
            results.posted.setdefault(record["id"], [])
            headers = {"Authorization": f"Bearer {token}"}
            response = await client.post("/api/articles", json=record, headers=headers)
        else:
            kind, path, query = read_request(corpus, rng)
            response = await client.get(path, params=query)
    except httpx.HTTPError as error:
        waited = time.perf_counter() - started
        results.errors.append(f"{kind}: {type(error).__name__} after {waited:.1f} s: {error!r}")
        return
    results.latencies[kind].append(time.perf_counter() - started)
    if response.status_code >= 500:
        results.errors.append(f"{kind} {response.status_code}: {response.text[:200]}")
    elif response.status_code >= 400:
        results.client_errors += 1
        results.errors.append(f"{kind} {response.status_code}: {response.text[:200]}")
    elif record is not None:
        results.posted[record["id"]] = response.json()["ids"]


async def run_clients(
    base: str, corpus: Corpus, *, clients: int, seconds: float, token: str
) -> tuple[Results, float]:
    """``clients`` loops sending requests until ``seconds`` have passed; (results, elapsed)."""
    results = Results()
    # Idle connections are dropped here after 2 s, before uvicorn drops them (after 5 s,
    # httpx's own default too): a request sent on a connection the server is closing
    # at that moment fails with ReadError, a race of the client's, not the server's.
    limits = httpx.Limits(
        max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2.0
    )
    deadline = time.perf_counter() + seconds

    async def client_loop(client: httpx.AsyncClient, seed: int) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < deadline:
            await one_request(client, corpus, results, rng, token)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        await asyncio.gather(*(client_loop(client, n) for n in range(clients)))
    return results, time.perf_counter() - started


def discover(base: str) -> Corpus:
    """Ids, names and words of the seeded database, read over the API."""
    with httpx.Client(base_url=base, timeout=60) as client:
        listed = client.get("/api/articles", params={"limit": 200}).json()["items"]
        stories = client.get("/api/stories", params={"limit": 200}).json()["items"]
        actors = client.get("/api/actors", params={"limit": 50}).json()["items"]
    words = sorted(
        {w.strip(".,") for a in listed for w in (a["title"] or "").split() if len(w) > 4}
    )
    return Corpus(
        article_ids=[a["id"] for a in listed],
        story_ids=[s["id"] for s in stories],
        actors=[a["entity"]["name"].split()[-1] for a in actors] or ["nobody"],
        outlets=sorted({a["outlet"] for a in listed if a["outlet"]}) or ["none"],
        words=[*words[:40], "zzz-no-match", "' OR 1=1 --", "%", "_"],
    )


def seed(db: str) -> None:
    """Ingest the samples and the two examples with the full pipeline."""
    inputs = [str(ROOT / "samples")] + ([str(EXAMPLES)] if EXAMPLES.is_dir() else [])
    env = {**os.environ, "CROSSWIRE_DB": db}
    subprocess.run([str(CROSSWIRE), "ingest", *inputs], env=env, check=True, capture_output=True)


def start_server(
    db: str, port: int, token: str, *, nlp: bool, log: Path
) -> subprocess.Popen[bytes]:
    """``crosswire serve`` on 127.0.0.1:``port``, its output in ``log``; waits until it answers."""
    env = {
        **os.environ,
        "CROSSWIRE_API_TOKEN": token,
        "CROSSWIRE_API_NLP": "1" if nlp else "0",
    }
    env.pop("CROSSWIRE_API_READ_TOKEN", None)
    command = [str(CROSSWIRE), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer within 120 s")


def stored_counts(db: str) -> dict[str, int]:
    """How many rows each posted input id has in the database."""
    with Store.open(db) as store, store.engine.connect() as conn:
        query = (
            select(articles.c.input_id, func.count())
            .where(articles.c.input_id.startswith(PREFIX))
            .group_by(articles.c.input_id)
        )
        return {str(row[0]): int(row[1]) for row in conn.execute(query)}


def verify(results: Results, db: str) -> list[str]:
    """Problems found: errors, and posted articles lost or stored more than once."""
    problems = (
        [f"{len(results.errors)} errors, e.g. {results.errors[:3]}"] if results.errors else []
    )
    counts = stored_counts(db)
    answered = {k: ids for k, ids in results.posted.items() if ids}
    lost = [k for k in answered if counts.get(k, 0) == 0]
    doubled = {k: n for k, n in counts.items() if n > 1}
    unknown = set(counts) - set(results.posted)
    if lost:
        problems.append(f"{len(lost)} posted articles not stored, e.g. {lost[:3]}")
    if doubled:
        problems.append(f"{len(doubled)} articles stored more than once: {list(doubled)[:3]}")
    if unknown:
        problems.append(f"{len(unknown)} stored articles nobody posted: {sorted(unknown)[:3]}")
    returned = [i for ids in answered.values() for i in ids]
    if len(set(returned)) != len(returned):
        problems.append("two posted articles were given the same id")
    stored = sum(counts.values())
    print(
        f"posted {len(results.posted)} articles, {len(answered)} answered 2xx, {stored} rows "
        f"stored for them ({len(doubled)} duplicated, {len(lost)} lost)"
    )
    return problems


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank), in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(results: Results, elapsed: float) -> None:
    """Requests/s and p50/p99 latency, overall and per kind."""
    every = [v for values in results.latencies.values() for v in values]
    print(
        f"{len(every)} requests in {elapsed:.1f} s: {len(every) / elapsed:.1f} requests/s; "
        f"{len(results.errors)} errors ({results.client_errors} of them 4xx)"
    )
    print(f"{'kind':<10}{'n':>7}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}")
    rows = [*sorted(results.latencies.items()), ("all", every)]
    for kind, values in rows:
        print(
            f"{kind:<10}{len(values):>7}{len(values) / elapsed:>8.1f}"
            f"{percentile(values, 0.5):>9.1f}{percentile(values, 0.99):>9.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the load test; 0 when every check passes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--db", help="database URL (default: a fresh temporary SQLite file)")
    parser.add_argument("--nlp", action="store_true", help="ingest with the NLP stage")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="crosswire-load-") as tmp:
        db = args.db or f"sqlite:///{Path(tmp) / 'load.db'}"
        seed(db)
        port, token = free_port(), secrets.token_hex(16)
        server = start_server(db, port, token, nlp=args.nlp, log=Path(tmp) / "server.log")
        try:
            corpus = discover(f"http://127.0.0.1:{port}")
            print(
                f"seeded {len(corpus.article_ids)} articles, {len(corpus.story_ids)} stories; "
                f"{args.clients} clients for {args.seconds:.0f} s "
                f"({'with' if args.nlp else 'without'} NLP on ingest)"
            )
            results, elapsed = asyncio.run(
                run_clients(
                    f"http://127.0.0.1:{port}",
                    corpus,
                    clients=args.clients,
                    seconds=args.seconds,
                    token=token,
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=60)
        report(results, elapsed)
        problems = verify(results, db)
        if problems:
            log = (Path(tmp) / "server.log").read_text(errors="replace").splitlines()
            errors = [line for line in log if not line.startswith("INFO:")]
            print("server errors:\n" + "\n".join(errors[:20]), file=sys.stderr)
            Path("/tmp/crosswire-load-server.log").write_text("\n".join(log))
    for problem in problems:
        print("FAIL:", problem)
    print("OK" if not problems else "FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
