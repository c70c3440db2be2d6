"""Storage: SQLite by default, any SQLAlchemy URL (PostgreSQL) behind one interface."""

from crosswire.store.database import Store

__all__ = ["Store"]
