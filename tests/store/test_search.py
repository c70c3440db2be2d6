"""Searching articles: PostgreSQL's own full-text search, served by its GIN index."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crosswire.models import ArticleFilter
from crosswire.store import Store
from crosswire.store.schema import articles
from crosswire.store.search import matches
from tests.store.factory import make_article

pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)

TEXTS = {
    "talks": ("Ministers held talks in Paris on Monday about grain exports.", "Grain talks"),
    "berlin": ("The chancellor spoke in Berlin about the budget.", "Budget speech"),
    "ports": ("Dock workers at two ports went on strike.", "Harbour strike in Rotterdam"),
}


@pytest.fixture
def sample(store: Store) -> Store:
    """Three articles with distinct words in their bodies and titles."""
    for body, title in TEXTS.values():
        store.add(make_article(body, title=title))
    return store


def found(store: Store, text: str) -> list[str]:
    """Which of TEXTS the search ``text`` finds (and the count agrees)."""
    where = ArticleFilter(text=text)
    titles = {title: key for key, (_, title) in TEXTS.items()}
    keys = sorted(titles[a.title or ""] for a in store.articles(where))
    assert store.count(where) == len(keys)
    return keys


def test_words_match_whole_stemmed_and_in_any_case(sample: Store) -> None:
    assert found(sample, "talk") == ["talks"]  # "talks" stems to "talk"
    assert found(sample, "MINISTER") == ["talks"]
    assert found(sample, "striking") == ["ports"]
    assert found(sample, "Par") == []  # no prefix or substring matching
    assert found(sample, "the") == []  # a stop word alone finds nothing


def test_titles_are_searched_too(sample: Store) -> None:
    assert found(sample, "rotterdam") == ["ports"]
    assert found(sample, "harbour strike") == ["ports"]


def test_web_search_syntax(sample: Store) -> None:
    assert found(sample, "grain ministers") == ["talks"]  # every word
    assert found(sample, '"held talks"') == ["talks"]  # a phrase, in order
    assert found(sample, '"talks held"') == []
    assert found(sample, "berlin or rotterdam") == ["berlin", "ports"]
    assert found(sample, "grain -paris") == []
    assert found(sample, "budget -paris") == ["berlin"]


def test_malformed_queries_are_no_error(sample: Store) -> None:
    for text in ('"unclosed', "or or", "-", "a & | ! b", "(paris", "'); DROP TABLE articles;--"):
        found(sample, text)
    assert sample.count() == 3


def test_the_search_uses_the_gin_index(sample: Store) -> None:
    query = select(articles.c.id).where(matches("grain", "postgresql"))
    with sample.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # three rows: else a scan is cheaper
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        plan = "\n".join(conn.exec_driver_sql(f"EXPLAIN {compiled}").scalars())
    assert "ix_articles_search" in plan
