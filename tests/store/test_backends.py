"""What must not differ between SQLite and PostgreSQL: what is kept, and how URLs are read."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from crosswire.models import Dropped, Mention
from crosswire.store import Store
from crosswire.store.engine import to_url
from tests.store.conftest import raw
from tests.store.factory import make_article


def test_text_longer_than_a_column_length_is_kept(store: Store) -> None:
    # SQLite never enforces VARCHAR lengths; PostgreSQL must not refuse what SQLite keeps.
    article = make_article(
        "A body.",
        published="sometime in the long summer of 2023, or so they say, give or take a week",
        language="english-as-spoken-in-the-united-kingdom",
        mentions=(Mention("A", "A-LABEL-" + "X" * 80, 0, 1, entity="e" * 100),),
    )
    assert store.add(article)
    assert store.get(article.id) == article


def test_nul_characters_are_stored_as_replacement_characters(store: Store) -> None:
    # PostgreSQL refuses NUL in text; both backends store U+FFFD, one for one.
    article = make_article(
        "Before\x00after.", title="a\x00b", mentions=(Mention("after", "X", 7, 12),)
    )
    assert store.add(article)
    stored = store.get(article.id)
    assert (stored.body, stored.title) == ("Before\ufffdafter.", "a\ufffdb")
    assert stored.body[7:12] == "after"


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://u:pw@db.example/news", "postgresql+psycopg"),
        ("postgres://u:pw@db.example/news", "postgresql+psycopg"),
        ("postgresql+psycopg://u:pw@db.example/news", "postgresql+psycopg"),
        ("postgresql+psycopg2://u:pw@db.example/news", "postgresql+psycopg2"),  # as asked
        ("sqlite:///x.db", "sqlite"),
    ],
)
def test_postgresql_urls_without_a_driver_use_psycopg(given: str, driver: str) -> None:
    url = to_url(given)
    assert url.drivername == driver and url.password == (None if "sqlite" in given else "pw")


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_plain_postgresql_url_opens_the_store(db_url: str) -> None:
    plain = "postgresql://" + db_url.split("://", 1)[1]
    with Store.open(plain) as store:
        assert store.engine.url.drivername == "postgresql+psycopg"
        assert store.count() == 0


def test_a_read_sees_one_snapshot(store: Store, db_url: str) -> None:
    # Another process deletes an article's dropped lines between the listing's queries:
    # the listing still agrees with itself (SQLite WAL readers and PostgreSQL alike).
    article = make_article("Body.", dropped=(Dropped("Advertisement", "boilerplate"),))
    store.add(article)
    struck: list[bool] = []

    def strike(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM dropped" in statement and not struck:
            struck.append(True)
            with raw(db_url) as other:
                other.exec_driver_sql("DELETE FROM dropped")

    event.listen(store.engine, "before_cursor_execute", strike)
    try:
        (listed,) = store.articles()
    finally:
        event.remove(store.engine, "before_cursor_execute", strike)
    assert struck and listed.dropped == article.dropped
    assert store.get(article.id).dropped == ()  # the next read sees the deletion
