"""Bring a database to the latest schema with Alembic, run from code.

The migration scripts ship inside the package (``store/migrations``), so no
``alembic.ini`` is needed where crosswire runs. A database whose revision this
crosswire does not know was written by a newer crosswire: it is refused rather
than guessed at.

Alembic takes a third of a second to import, and almost every open finds the
schema current; so the recorded revision is read with plain SQLAlchemy and
Alembic is imported only when there is something to migrate.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, MetaData, String, Table, inspect, select

from crosswire.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"

#: The newest revision in ``migrations/versions`` (a test keeps the two in step).
HEAD = "0005"

#: Alembic's bookkeeping table, as Alembic creates it.
_VERSION = Table("alembic_version", MetaData(), Column("version_num", String(32)))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the shipped migrations, optionally bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolation would read a "%" in the install path as a variable.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database (``None`` for a database without one)."""
    if not inspect(connection).has_table(_VERSION.name):
        return None
    revisions = list(connection.scalars(select(_VERSION.c.version_num)))
    if len(revisions) > 1:  # crosswire's history is linear: several heads are not ours
        raise StoreError(f"database has several schema revisions: {', '.join(revisions)}")
    return revisions[0] if revisions else None


def upgrade(connection: Connection) -> str:
    """Upgrade the database behind ``connection`` to :data:`HEAD`; returns it.

    Runs inside the caller's transaction, so a failure leaves the database as it was.
    Raises :class:`StoreError` for a revision this crosswire does not know.
    """
    current = current_revision(connection)
    if current == HEAD:
        return HEAD
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"database schema revision {current!r} is unknown to this crosswire "
            "(written by a newer version? upgrade crosswire)"
        )
    command.upgrade(alembic_config(connection), "head")
    return HEAD
