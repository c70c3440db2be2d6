"""Fixtures for the store tests: a fresh database per test, on SQLite and on PostgreSQL.

``db_url`` is parametrized over both backends. PostgreSQL needs a server named by
``CROSSWIRE_TEST_PG_URL`` (``eval "$(tests/pg.sh start)"`` starts a throwaway one);
without it those tests skip, except in CI (``CI=true``), where that is a failure.
Each PostgreSQL test gets its own schema (through ``search_path`` in the URL),
dropped afterwards: much faster than a database per test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, make_url

from crosswire.store import Store

PG_ENV = "CROSSWIRE_TEST_PG_URL"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An engine on the test server's database, for creating and dropping schemas."""
    url = os.environ.get(PG_ENV)
    if not url:
        reason = f'no PostgreSQL server: set {PG_ENV} (eval "$(tests/pg.sh start)")'
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must test PostgreSQL")
        pytest.skip(reason)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty database on each backend (nothing created yet)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crosswire.db'}"
        return
    admin: Engine = request.getfixturevalue("pg_admin")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = make_url(os.environ[PG_ENV]).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a SQLite-only test's database file goes (not created yet)."""
    return tmp_path / "crosswire.db"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A freshly migrated store, on each backend."""
    with Store.open(db_url) as opened:
        yield opened


def is_postgresql(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL database."""
    return url.startswith("postgresql")


@contextmanager
def raw(url: str) -> Iterator[Connection]:
    """A plain SQLAlchemy connection to ``url`` (not through the code under test), committed."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()
