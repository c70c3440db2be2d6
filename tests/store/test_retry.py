"""Which errors are retried (lost or refused connections only) and for how long."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from crosswire.config import Settings
from crosswire.errors import StoreError
from crosswire.store import Store
from crosswire.store.engine import Retry, is_disconnect, retrying


def _psycopg(error_class: type[psycopg.Error], sqlstate: str | None) -> psycopg.Error:
    error = error_class("server message")
    error.sqlstate = sqlstate  # type: ignore[misc]  # set by the server in real life
    return error


def _wrapped(orig: Exception, *, invalidated: bool = False) -> StoreError:
    """A StoreError raised from SQLAlchemy's error, as the store raises them."""
    kind = IntegrityError if isinstance(orig, psycopg.IntegrityError) else OperationalError
    error = kind("SELECT 1", {}, orig, connection_invalidated=invalidated)
    store_error = StoreError("cannot store article x")
    store_error.__cause__ = error
    return store_error


@pytest.mark.parametrize(
    ("orig", "invalidated", "expected"),
    [
        (_psycopg(psycopg.OperationalError, None), False, True),  # connection refused
        (_psycopg(psycopg.OperationalError, "57P01"), False, True),  # admin shutdown
        (_psycopg(psycopg.OperationalError, "57P03"), False, True),  # starting up
        (_psycopg(psycopg.OperationalError, "08006"), False, True),  # connection failure
        (_psycopg(psycopg.OperationalError, "57014"), False, False),  # statement timeout
        (_psycopg(psycopg.OperationalError, "40P01"), False, False),  # deadlock
        (_psycopg(psycopg.IntegrityError, "23505"), False, False),  # unique violation
        (_psycopg(psycopg.IntegrityError, "23505"), True, True),  # broken mid-statement
        (sqlite3.OperationalError("database or disk is full"), False, False),
        (sqlite3.OperationalError("database is locked"), False, False),
    ],
)
def test_only_lost_connections_are_disconnects(
    orig: Exception, invalidated: bool, expected: bool
) -> None:
    assert is_disconnect(_wrapped(orig, invalidated=invalidated)) is expected


def test_plain_errors_are_not_disconnects() -> None:
    assert not is_disconnect(StoreError("no such article"))
    assert not is_disconnect(ValueError("x"))


def test_retrying_backs_off_then_succeeds() -> None:
    pauses: list[float] = []
    outcomes: list[Exception | str] = [_wrapped(_psycopg(psycopg.OperationalError, None))] * 4
    outcomes.append("stored")

    def attempt() -> str:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    retry = Retry(seconds=10, first_pause=0.5, longest_pause=2)
    assert retrying(attempt, retry, sleep=pauses.append, clock=lambda: sum(pauses)) == "stored"
    assert pauses == [0.5, 1.0, 2.0, 2.0]


def test_retrying_gives_up_after_its_budget() -> None:
    pauses: list[float] = []
    down = _wrapped(_psycopg(psycopg.OperationalError, None))

    def attempt() -> str:
        raise down

    retry = Retry(seconds=5, first_pause=1, longest_pause=1)
    with pytest.raises(StoreError) as caught:
        retrying(attempt, retry, sleep=pauses.append, clock=lambda: sum(pauses))
    assert caught.value is down
    assert sum(pauses) <= 5 and len(pauses) == 5


def test_data_errors_are_raised_at_once() -> None:
    pauses: list[float] = []
    calls: list[int] = []
    duplicate = _wrapped(_psycopg(psycopg.IntegrityError, "23505"))

    def attempt() -> str:
        calls.append(1)
        raise duplicate

    with pytest.raises(StoreError):
        retrying(attempt, Retry(), sleep=pauses.append)
    assert (len(calls), pauses) == (1, [])


@pytest.mark.parametrize(("raw", "seconds"), [("", 30.0), (" ", 30.0), ("0", 0.0), ("2.5", 2.5)])
def test_retry_budget_from_the_environment(raw: str, seconds: float) -> None:
    settings = Settings.from_env({"CROSSWIRE_DB_RETRY_SECONDS": raw})
    assert settings.db_retry_seconds == seconds
    assert Settings.from_env({}).db_retry_seconds == Retry().seconds == 30.0


@pytest.mark.parametrize("raw", ["soon", "-1", "inf", "nan"])
def test_a_bad_retry_budget_is_one_clear_error(raw: str) -> None:
    with pytest.raises(StoreError, match="CROSSWIRE_DB_RETRY_SECONDS"):
        Settings.from_env({"CROSSWIRE_DB_RETRY_SECONDS": raw})


def test_store_open_takes_its_retry_budget_from_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("CROSSWIRE_DB_RETRY_SECONDS", "2.5")
    with Store.open(url) as store:
        assert store._retry.seconds == 2.5
    with Store.open(url, retry=Retry(seconds=1)) as store:  # an explicit policy wins
        assert store._retry.seconds == 1
    monkeypatch.setenv("CROSSWIRE_DB_RETRY_SECONDS", "soon")
    with pytest.raises(StoreError, match="CROSSWIRE_DB_RETRY_SECONDS"):
        Store.open(url)


def test_a_store_opened_with_settings_takes_their_retry_budget(tmp_path: Path) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'x.db'}", db_retry_seconds=4.0)
    with Store.with_settings(settings) as store:
        assert store._retry.seconds == 4.0 and store.name.endswith("x.db")
    other = tmp_path / "y.db"
    with Store.with_settings(settings, f"sqlite:///{other}") as store:
        assert store._retry.seconds == 4.0
    assert other.is_file()
