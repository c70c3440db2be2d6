"""Engines for any SQLAlchemy URL, with SQLite set up the way crosswire needs it.

For SQLite: write-ahead logging (readers never block the writer), enforced
foreign keys, and real transactions. Python's ``sqlite3`` driver does not BEGIN
before DDL or SELECT, so a failed migration would leave half a schema and a
read-then-write could race; here SQLAlchemy emits BEGIN itself, and writers use
BEGIN IMMEDIATE to take the write lock up front instead of failing half-way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, make_url, select
from sqlalchemy.engine import URL

#: Execution option that marks a connection as a writer (SQLite: BEGIN IMMEDIATE).
WRITE = "crosswire_write"


#: The driver a PostgreSQL URL without one gets (SQLAlchemy would pick psycopg2, not installed).
PG_DRIVER = "postgresql+psycopg"

#: Key of the PostgreSQL advisory lock that writers hold for their transaction.
WRITE_LOCK = 0x63777772  # "cwwr"


def to_url(url_or_path: str) -> URL:
    """A SQLAlchemy URL; a bare path (no ``://``) means a SQLite file.

    ``postgresql://`` and ``postgres://`` mean PostgreSQL through psycopg 3.
    """
    if "://" not in url_or_path:
        return URL.create("sqlite", database=url_or_path)
    url = make_url(url_or_path)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername=PG_DRIVER)
    return url


def display_name(url: URL) -> str:
    """How to name the database in messages: the file for SQLite, else the URL without password."""
    if url.get_backend_name() == "sqlite" and url.database:
        return url.database
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and real BEGINs."""
    engine = create_engine(url)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def lock_for_write(connection: Connection) -> None:
    """Make a writer wait for the others, as SQLite's BEGIN IMMEDIATE does (PostgreSQL only).

    Writers read before they write (is the article stored? which terms are known? the
    next ingest number), so concurrent ones could race: one transaction-scoped advisory
    lock serialises them. Readers never wait, and the lock dies with the transaction,
    or with the connection of a killed process. Adding an article takes milliseconds;
    the analysis before it runs in parallel.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(WRITE_LOCK)))


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings (each must run outside a transaction)."""
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # With WAL, NORMAL stays consistent after a crash of the process or the
        # machine; only the last commits before a power loss may be lost.
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Open the transaction; writers take the write lock at once."""
    writer = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")
