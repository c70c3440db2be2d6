"""Engines for any SQLAlchemy URL, with SQLite set up the way crosswire needs it.

For SQLite: write-ahead logging (readers never block the writer), enforced
foreign keys, and real transactions. Python's ``sqlite3`` driver does not BEGIN
before DDL or SELECT, so a failed migration would leave half a schema and a
read-then-write could race; here SQLAlchemy emits BEGIN itself, and writers use
BEGIN IMMEDIATE to take the write lock up front instead of failing half-way.

For a server (PostgreSQL): connections are checked with a ping when taken from the
pool, so a restarted server costs one reconnect instead of an error, and
:func:`retrying` runs a whole transaction again, with growing pauses, while the
server is unreachable (restarting, failing over), for a bounded time. Only lost or
refused connections are retried, never an error about the data.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, func, make_url, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Execution option that marks a connection as a writer (SQLite: BEGIN IMMEDIATE).
WRITE = "crosswire_write"


#: The driver a PostgreSQL URL without one gets (SQLAlchemy would pick psycopg2, not installed).
PG_DRIVER = "postgresql+psycopg"

#: Key of the PostgreSQL advisory lock that writers hold for their transaction.
WRITE_LOCK = 0x63777772  # "cwwr"

#: Seconds a new connection to a server may take (a dropped route must not hang an ingest).
CONNECT_TIMEOUT = 10

#: SQLSTATEs of a server shutting down or starting up (admin/crash shutdown, cannot
#: connect now); class 08 (connection exception) is retried as a whole.
_GOING_AWAY = frozenset({"57P01", "57P02", "57P03"})


@dataclass(frozen=True)
class Retry:
    """How long a transaction is retried while the database server is unreachable.

    Pauses start at ``first_pause`` and double up to ``longest_pause``; after
    ``seconds`` in all, the last error is raised. ``seconds=0`` never retries.
    """

    seconds: float = 30.0
    first_pause: float = 0.05
    longest_pause: float = 2.0


def is_disconnect(error: BaseException) -> bool:
    """Whether ``error`` (or the error it was raised from) is a lost or refused connection.

    Such a transaction did not commit (or, if the connection died during COMMIT,
    committed whole), so running it again is safe. Constraint, type, timeout and
    deadlock errors are not disconnects: retrying would hide them or repeat them.
    """
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, DBAPIError):
            if seen.connection_invalidated:  # the driver saw the connection break
                return True
            # psycopg gives a SQLSTATE (None when no server answered); SQLite's errors have none.
            sqlstate = getattr(seen.orig, "sqlstate", "")
            return isinstance(seen, OperationalError) and (
                sqlstate is None or sqlstate.startswith("08") or sqlstate in _GOING_AWAY
            )
        seen = seen.__cause__
    return False


def retrying(
    attempt: Callable[[], T],
    retry: Retry,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """``attempt()``, run again after a pause each time it fails with a disconnect, until
    ``retry.seconds`` have passed; any other error, or the last disconnect, is raised."""
    deadline = clock() + retry.seconds
    pause = retry.first_pause
    while True:
        try:
            return attempt()
        except Exception as error:
            if not is_disconnect(error) or clock() + pause > deadline:
                raise
            # info, not warning: the CLI prints one line per failure and nothing else.
            logger.info("database unreachable, retrying in %.2f s: %s", pause, error)
        sleep(pause)
        pause = min(pause * 2, retry.longest_pause)


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
    """An engine for ``url``; SQLite connections get WAL, foreign keys and real BEGINs.

    A server's pooled connections are pinged before use: after a restart of the
    server, the dead ones are replaced instead of failing the next transaction.
    """
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


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
