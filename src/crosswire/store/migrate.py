"""Bring a database to the latest schema with Alembic, run from code.

The migration scripts ship inside the package (``store/migrations``), so no
``alembic.ini`` is needed where crosswire runs. A database whose revision this
crosswire does not know was written by a newer crosswire: it is refused rather
than guessed at.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from crosswire.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the shipped migrations, optionally bound to ``connection``."""
    config = Config()
    # ConfigParser interpolation would read a "%" in the install path as a variable.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The latest schema revision this crosswire knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the shipped migrations have one head"
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision recorded in the database (``None`` for a database without one)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> str:
    """Upgrade the database behind ``connection`` to the head revision; returns it.

    Runs inside the caller's transaction, so a failure leaves the database as it was.
    Raises :class:`StoreError` for a revision this crosswire does not know.
    """
    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    current = current_revision(connection)
    if current is not None and current not in known:
        raise StoreError(
            f"database schema revision {current!r} is unknown to this crosswire "
            "(written by a newer version? upgrade crosswire)"
        )
    head = script.get_current_head()
    assert head is not None, "the shipped migrations have one head"
    if current != head:
        command.upgrade(alembic_config(connection), "head")
    return head
