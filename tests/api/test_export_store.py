"""Exports over the API read through the app's long-lived store, on SQLite and PostgreSQL.

An export larger than one page of the store (``crosswire.export.tables.PAGE``) comes back
whole; no export opens a store of its own (each open runs the migration check, which on
SQLite takes the write lock); on PostgreSQL every read it runs is a REPEATABLE READ
snapshot, as every other read of the store is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event

from crosswire.export.tables import PAGE
from crosswire.models import Entity, Event
from crosswire.store import Store
from tests.api.conftest import make_client
from tests.factory import make_article
from tests.store.conftest import db_url, is_postgresql, pg_admin  # noqa: F401 (fixtures)

#: More than a page, not a whole number of pages: the last page is a short one.
ARTICLES = PAGE + 7


def _fill(url: str) -> None:
    """``ARTICLES`` articles of one outlet, each with one event between two actors."""
    norway = Entity("e-nor", "Norway", "STATE", country="NOR")
    poland = Entity("e-pol", "Poland", "STATE", country="POL")
    with Store.open(url) as store:
        for n in range(ARTICLES):
            body = f"Norway met Poland for talks, round {n}."
            met = Event(f"ev{n}", "CONSULT", body, 0, len(body), source="e-nor", target="e-pol")
            article = make_article(
                body,
                outlet="Baltic Courier",
                published=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
                entities=(norway, poland),
                events=(met,),
            )
            assert store.add(article)


@pytest.fixture
def filled(db_url: str) -> str:  # noqa: F811
    """The URL of a database holding ``ARTICLES`` articles and events."""
    _fill(db_url)
    return db_url


@pytest.fixture
def opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs :meth:`Store.open` is called with from now on."""
    calls: list[str] = []
    real = Store.open

    def counted(url: str, **options: Any) -> Store:
        calls.append(url)
        return real(url, **options)

    monkeypatch.setattr(Store, "open", counted)
    return calls


@pytest.fixture
def reads() -> Iterator[list[tuple[str, object]]]:
    """``(dialect, isolation level asked for)`` of every SELECT any engine runs meanwhile."""
    seen: list[tuple[str, object]] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            level = conn.get_execution_options().get("isolation_level")
            seen.append((conn.dialect.name, level))

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def test_large_exports_come_whole_from_the_long_lived_store(
    filled: str, opens: list[str], reads: list[tuple[str, object]]
) -> None:
    with make_client(filled) as client:
        assert client.get("/api/health").json()["articles"] == ARTICLES
        assert len(opens) == 1  # the app's store, opened by the first read
        reads.clear()
        events = client.get("/api/export/events", params={"format": "jsonl"})
        assert events.status_code == 200, events.text
        assert len({json.loads(line)["id"] for line in events.text.splitlines()}) == ARTICLES
        articles = client.get("/api/export/articles", params={"format": "csv"})
        assert len(list(csv.DictReader(io.StringIO(articles.text)))) == ARTICLES
        gdelt = client.get("/api/export/events", params={"format": "gdelt", "country": "POL"})
        assert len(list(csv.DictReader(io.StringIO(gdelt.text)))) == ARTICLES
        parquet = client.get("/api/export/events", params={"format": "parquet"})
        assert parquet.content[:4] == b"PAR1" == parquet.content[-4:]
        assert client.get("/api/export/network").status_code == 200
        assert len(opens) == 1, opens
    assert reads, "the exports read nothing"
    if is_postgresql(filled):
        assert {level for _, level in reads} == {"REPEATABLE READ"}


def test_an_export_sees_rows_stored_after_the_store_opened(filled: str) -> None:
    with make_client(filled) as client:
        before = client.get("/api/export/events", params={"format": "jsonl"}).text
        with Store.open(filled) as other:
            body = "Poland hosted Norway for more talks."
            late = Event("late", "CONSULT", body, 0, len(body), source="e-pol", target="e-nor")
            assert other.add(make_article(body, outlet="Late Post", events=(late,)))
        after = client.get("/api/export/events", params={"outlet": "late post"})
        assert [json.loads(line)["id"] for line in after.text.splitlines()] == ["late"]
        assert len(before.splitlines()) == ARTICLES
