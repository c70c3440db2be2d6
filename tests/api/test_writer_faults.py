"""A write that fails half-way through a batch leaves the app's writer as if it never ran.

The writer's dedup and story indexes learn each article before its transaction; when
the store then fails (a database gone past the retry budget, a full disk), the writer
drops them, and the next write seeds them again from what was really stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.api.ingest import Writer, ingest_jsonl
from crosswire.config import Settings
from crosswire.errors import StoreError
from crosswire.store import Store
from tests.robustness.killing import dump, write_feed


def _writer(db: Path) -> Writer:
    return Writer(Settings.from_env({}, db_url=f"sqlite:///{db}", nlp=False))


def test_a_failed_write_is_sent_again_to_the_same_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = write_feed(tmp_path / "feed.jsonl", 30).read_bytes()
    reference = _writer(tmp_path / "reference.db")
    assert ingest_jsonl(body, writer=reference).added == 30
    reference.close()

    real_add, calls = Store.add, []

    def failing_add(store: Store, *args: object, **kwargs: object) -> bool:
        calls.append(1)
        if len(calls) == 12:  # as if the database went away before this transaction
            raise StoreError("injected failure")
        return real_add(store, *args, **kwargs)  # type: ignore[arg-type]

    writer = _writer(tmp_path / "x.db")
    monkeypatch.setattr(Store, "add", failing_add)
    with pytest.raises(StoreError, match="injected"):
        ingest_jsonl(body, writer=writer)
    monkeypatch.setattr(Store, "add", real_add)
    again = ingest_jsonl(body, writer=writer)
    writer.close()
    assert (again.added, again.unchanged) == (19, 11)
    assert dump(tmp_path / "x.db") == dump(tmp_path / "reference.db")
