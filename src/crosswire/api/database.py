"""The app's one long-lived store for reads, opened (and migrated) on first use.

Opening a store per request would run the migration check each time, and on SQLite
that check takes the write lock (``BEGIN IMMEDIATE``): under load, reads queued
behind ingests until SQLite gave up with "database is locked". One store per app
keeps a pool of connections; each read is its own transaction, so it sees every
row committed before it, by this process or any other.
"""

from __future__ import annotations

import threading

from fastapi import Request

from crosswire.store import Store


class Database:
    """The store at ``url``, opened once; a failed open is retried by the next request."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._store: Store | None = None

    def store(self) -> Store:
        """The open store (raises :class:`~crosswire.errors.StoreError` if it cannot open)."""
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    self._store = Store.open(self.url)
                store = self._store
        return store

    def close(self) -> None:
        """Close its connections (a later read opens it again)."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def store_of(request: Request) -> Store:
    """The app's store."""
    database: Database = request.app.state.database
    return database.store()
