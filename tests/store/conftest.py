"""Fixtures for the store tests: a fresh SQLite database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database file goes (not created yet)."""
    return tmp_path / "crosswire.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A freshly migrated store in ``db_path``."""
    with Store.open(f"sqlite:///{db_path}") as opened:
        yield opened
