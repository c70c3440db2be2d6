"""Alembic environment for crosswire's own migrations.

:class:`crosswire.store.Store` runs these programmatically and hands over an open
connection (``config.attributes["connection"]``) already inside a transaction, so a
migration either completes or leaves the database as it was. Developers can also
use the ``alembic`` command with ``store/alembic.ini`` to write a new revision, or
``alembic upgrade head --sql`` to get the SQL for a DBA (offline mode).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from crosswire.store.schema import metadata


def _migrate(connection: Connection) -> None:
    """Run the pending migrations on ``connection``."""
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    """Use the caller's connection if it passed one, else the URL from alembic.ini."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url in alembic.ini to run migrations by hand")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


_run()
