"""``with`` closes a :class:`~crosswire.closing.Closing` object, however the block ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.closing import Closing
from crosswire.ingest.fetch import Fetcher, FetchOptions
from crosswire.store import Store


class _Counted(Closing):
    def __init__(self) -> None:
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


def test_with_gives_the_object_and_closes_it_once() -> None:
    thing = _Counted()
    with thing as entered:
        assert entered is thing and thing.closed == 0
    assert thing.closed == 1


def test_an_error_in_the_block_closes_it_and_still_raises() -> None:
    thing = _Counted()
    with pytest.raises(ValueError, match="inside"), thing:
        raise ValueError("inside")
    assert thing.closed == 1


def test_the_store_and_the_fetcher_close_on_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[Store] = []
    close = Store.close
    monkeypatch.setattr(Store, "close", lambda self: (closed.append(self), close(self))[-1])
    with Store.open(f"sqlite:///{tmp_path}/x.db") as store:
        assert store.count() == 0 and closed == []
    assert closed == [store]
    with Fetcher(FetchOptions()) as fetcher:
        assert not fetcher.client.is_closed
    assert fetcher.client.is_closed
