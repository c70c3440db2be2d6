"""Store: round trip, idempotent and transactional adds, lookups and listing filters."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import event

from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Article, ArticleFilter, Mention
from crosswire.store import Store
from tests.store.conftest import is_postgresql, raw
from tests.store.factory import TABLES, full_article, make_article


def table_dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every crosswire table, read with plain SQLAlchemy (not the code under test)."""
    with raw(url) as conn:
        return {
            t: sorted((tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {t}")), key=repr)
            for t in TABLES
        }


def test_round_trip_keeps_every_field(store: Store) -> None:
    article = full_article()
    assert store.add(article, fingerprint=b"\x00\xffminhash")
    assert store.get(article.id) == article
    assert store.has(article.id)
    assert list(store.fingerprints()) == [
        (article.id, "Example Times", article.published, article.content_hash, b"\x00\xffminhash")
    ]


def test_listing_leaves_raw_empty_but_keeps_children(store: Store) -> None:
    article = full_article()
    store.add(article)
    (listed,) = store.articles()
    assert listed == article.evolve(raw="")


def test_adding_the_same_article_again_changes_nothing(store: Store, db_url: str) -> None:
    article = full_article()
    assert store.add(article, fingerprint=b"one") is True
    before = table_dump(db_url)
    changed = article.evolve(title="Another title", mentions=())
    assert store.add(changed, fingerprint=b"two") is False
    assert table_dump(db_url) == before


def test_a_constraint_violation_writes_nothing_of_the_article(store: Store, db_url: str) -> None:
    store.add(make_article("First article."))
    before = table_dump(db_url)
    bad = full_article().evolve(mentions=(Mention("Liu", "PERSON", 22, 19),))  # end < start
    with pytest.raises(StoreError, match=rf"{re.escape(store.name)}: cannot store article"):
        store.add(bad, fingerprint=b"x")
    assert table_dump(db_url) == before
    assert not store.has(bad.id)


def test_a_failure_in_the_last_insert_rolls_back_the_earlier_ones(
    store: Store, db_url: str
) -> None:
    before = table_dump(db_url)

    def fail_on_fingerprint(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO fingerprints"):
            raise RuntimeError("disk on fire")

    event.listen(store.engine, "before_cursor_execute", fail_on_fingerprint)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(full_article(), fingerprint=b"x")
    event.remove(store.engine, "before_cursor_execute", fail_on_fingerprint)
    assert table_dump(db_url) == before
    assert store.add(full_article(), fingerprint=b"x")  # and the store is still usable


def test_get_by_unique_prefix(store: Store) -> None:
    one = make_article("one", id="abcd1111aaaaaaaa")
    two = make_article("two", id="abcd2222bbbbbbbb")
    store.add(one)
    store.add(two)
    assert store.get("abcd1").id == one.id
    assert store.get("abcd2222bbbbbbbb").raw == two.raw
    with pytest.raises(StoreError, match="ambiguous") as ambiguous:
        store.get("abcd")
    assert not isinstance(ambiguous.value, NotFoundError)
    with pytest.raises(NotFoundError):
        store.get("abc")  # too short to be a prefix
    with pytest.raises(NotFoundError, match="ffff"):
        store.get("ffff")
    with pytest.raises(NotFoundError):
        store.get("ABCD1")  # ids are compared exactly


def test_prefix_wildcards_are_literal(store: Store) -> None:
    store.add(make_article("one", id="abcd1111aaaaaaaa"))
    for pattern in ("ab%", "abc_", "%%%%", "____"):
        with pytest.raises(NotFoundError):
            store.get(pattern)


def listed(store: Store, **filters: Any) -> list[str]:
    """Titles of the articles listed with ``filters`` (and check count agrees)."""
    paging = {k: v for k, v in filters.items() if k in ("limit", "offset")}
    where = ArticleFilter(**{k: v for k, v in filters.items() if k not in paging})
    articles = store.articles(where, **paging)
    assert store.count(where) == len(store.articles(where, limit=10_000))
    return [a.title or "" for a in articles]


@pytest.fixture
def sample(store: Store) -> Store:
    """Five articles: two outlets, two languages, dated and undated, one repost."""
    rows: list[dict[str, Any]] = [
        {"title": "old", "outlet": "Kyiv Post", "published": "2023-05-31", "language": "en"},
        {"title": "june", "outlet": "kyiv post", "published": "2023-06-15T08:00:00"},
        {"title": "late june", "outlet": "Global Times", "published": "2023-06-30T23:59:00"},
        {"title": "undated", "outlet": "Global Times", "language": "zh"},
        {"title": "july", "outlet": "Blog", "published": "2023-07-01", "reposted_from": "x" * 16},
    ]
    for row in rows:
        store.add(make_article(f"Body of {row['title']}.", **row))
    return store


def test_listing_order_is_newest_first_undated_last(sample: Store) -> None:
    assert listed(sample) == ["july", "late june", "june", "old", "undated"]
    assert listed(sample, limit=2, offset=1) == ["late june", "june"]


def test_undated_articles_keep_ingest_order(store: Store) -> None:
    for title in ("first", "second", "third"):
        store.add(make_article(f"Body {title}", title=title))
    assert listed(store) == ["first", "second", "third"]


def test_outlet_filter_ignores_case(sample: Store) -> None:
    assert listed(sample, outlet="KYIV POST") == ["june", "old"]
    assert listed(sample, outlet="Kyiv") == []


def test_language_filter(sample: Store) -> None:
    assert listed(sample, language="zh") == ["undated"]


def test_date_range_is_inclusive(sample: Store) -> None:
    assert listed(sample, since="2023-06-01") == ["july", "late june", "june"]
    assert listed(sample, until="2023-06-30") == ["late june", "june", "old"]
    assert listed(sample, since="2023-06", until="2023-06") == ["late june", "june"]
    with pytest.raises(StoreError, match="ISO date"):
        sample.articles(ArticleFilter(since="June 2023"))


def test_text_filter_searches_title_and_body(sample: Store, db_url: str) -> None:
    assert listed(sample, text="LATE") == ["late june"]
    if is_postgresql(db_url):  # full-text search: whole words, stemmed (see test_search.py)
        assert listed(sample, text="body of undated") == ["undated"]
        assert listed(sample, text="body of und") == []
    else:  # a substring
        assert listed(sample, text="body of und") == ["undated"]


def test_duplicates_filter(sample: Store) -> None:
    assert listed(sample, duplicates=True) == ["july"]
    assert listed(sample, duplicates=False) == ["late june", "june", "old", "undated"]


def test_negative_limit_is_refused(sample: Store) -> None:
    with pytest.raises(StoreError, match="limit"):
        sample.articles(limit=-1)


INJECTIONS = (
    "%'; DROP TABLE articles;--",
    "_",
    "%",
    "a_c",
    "50%",
    "\\",
    "a/c",
    "x' OR '1'='1",
)


@pytest.mark.parametrize("needle", INJECTIONS)
def test_sql_looking_text_is_stored_and_matched_literally(store: Store, needle: str) -> None:
    with_it = make_article(f"Before {needle} after.", title=needle, outlet=needle)
    without = make_article("abc, ab/c, 50 percent: nothing special.", title="plain")
    store.add(with_it)
    store.add(without)
    assert store.get(with_it.id) == with_it
    found = [a.id for a in store.articles(ArticleFilter(text=needle))]
    if not is_postgresql(store.engine.url.drivername):
        assert found == [with_it.id]
    elif re.search(r"[^\W_]", needle):  # full-text search finds the article by its words
        assert with_it.id in found
    else:  # and punctuation alone is no word to find
        assert found == []
    assert [a.id for a in store.articles(ArticleFilter(outlet=needle))] == [with_it.id]
    assert store.count() == 2  # the table is still there


def test_fingerprints_come_in_ingest_order_across_batches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("crosswire.store.database._BATCH", 3)
    ids = []
    for i in range(10):
        # Published dates run backwards: the order must be ingest order, not date order.
        article: Article = make_article(f"body {i}", published=f"2023-01-{28 - i:02d}")
        store.add(article, fingerprint=bytes([i]) if i % 2 else None)
        ids.append(article.id)
    seen = list(store.fingerprints())
    assert [row[0] for row in seen] == ids
    assert seen[1][4] == b"\x01" and seen[2][4] is None


def test_lone_surrogates_are_stored_as_replacement_characters(store: Store) -> None:
    body = "Caf\udce9 owner Liu spoke."  # e.g. from a JSON "\udce9" escape
    article = make_article(body, mentions=(Mention("Liu", "PERSON", 11, 14),))
    assert store.add(article)
    stored = store.get(article.id)
    assert stored.body == "Caf\ufffd owner Liu spoke."
    assert stored.body[11:14] == "Liu"
    assert stored.raw == article.raw.replace("\udce9", "\ufffd")


def test_a_nul_in_the_search_matches_what_it_says_not_everything(store: Store) -> None:
    store.add(make_article("Ferry fares rise on the northern routes."))
    store.add(make_article("The harbour opened a new pier."))
    # SQLite looks for "pier\ufffd" (none); PostgreSQL's word search for "pier" (one).
    found = store.articles(ArticleFilter(text="pier\x00"))
    assert all("pier" in a.body for a in found)
    assert len(store.articles(ArticleFilter(text="pier"))) == 1
