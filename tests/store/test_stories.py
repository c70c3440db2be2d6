"""Stories in the store: written with the article, listed, merged, split, and resumed."""

from __future__ import annotations

import pytest

from crosswire.config import Settings
from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Article
from crosswire.store import Store, StoryFilter
from crosswire.stories import manual
from crosswire.stories.change import StoryChange, StoryState
from crosswire.stories.index import StoryIndex
from crosswire.stories.stage import StoryStage
from tests.factory import make_article

SUMMIT = (
    "Leaders of Brazil and Argentina met in Montevideo for a summit on river trade, "
    "agreeing to dredge the Parana waterway and cut port fees for grain barges."
)
SUMMIT_2 = (
    "Argentina and Brazil signed a river trade accord at the Montevideo summit: the Parana "
    "waterway will be dredged and grain barges will pay lower port fees, officials said."
)
SUMMIT_3 = (
    "The Montevideo summit ended with Brazil and Argentina promising to dredge the Parana "
    "waterway; grain barges get lower port fees under the river trade accord."
)
ELECTION = (
    "Voters in Iceland elected a new parliament in a snap election called after the "
    "coalition collapsed over fishing quotas, with turnout above eighty percent."
)
OPTIONS = Settings().stories


def seeded(store: Store) -> StoryStage:
    """A stories stage resuming from what ``store`` persisted (as ``ingest`` does)."""
    index = StoryIndex(OPTIONS, record=True)
    state = store.story_index()
    index.seed(stories=state.stories, keys=state.keys, articles=state.articles, terms=state.terms)
    return StoryStage(Settings(nlp=False), index)


def put(store: Store, stage: StoryStage, body: str, **fields: object) -> Article:
    """Cluster and store one article, as ``ingest`` does."""
    fields.setdefault("published", "2023-06-09")
    article = stage(make_article(body, **fields))
    assert store.add(article, story=stage.index.change(article.id))
    return article


def test_an_article_is_stored_with_its_story_and_listed(store: Store) -> None:
    stage = seeded(store)
    a = put(store, stage, SUMMIT, outlet="Rio Times", title="Summit")
    b = put(store, stage, SUMMIT_2, outlet="Plata Post")
    c = put(store, stage, ELECTION, outlet="Reykjavik Daily", published="2023-06-10")
    assert a.story_id == b.story_id != c.story_id
    listed = store.stories()
    assert [s.id for s in listed] == [c.story_id, a.story_id]  # latest first
    assert listed[1].outlets == ("Rio Times", "Plata Post") and listed[1].size == 2
    assert listed[1].title == "Summit" and listed[1].first == "2023-06-09"
    assert [s.id for s in store.stories(StoryFilter(outlet="plata post"))] == [a.story_id]
    assert [s.id for s in store.stories(StoryFilter(since="2023-06-10"))] == [c.story_id]
    assert [s.id for s in store.stories(StoryFilter(until="2023-06-09"))] == [a.story_id]
    assert [s.id for s in store.stories(StoryFilter(text="summ"))] == [a.story_id]
    assert store.count_stories() == 2
    detail = store.story((a.story_id or "")[:6])
    assert [x.id for x in detail.articles] == [a.id, b.id]
    assert detail.how == {a.id: "new", b.id: "joined"}


def test_a_later_run_joins_stored_stories(store: Store) -> None:
    first = put(store, seeded(store), SUMMIT)
    second = put(store, seeded(store), SUMMIT_2)  # a new index, seeded from the database
    assert second.story_id == first.story_id
    assert store.story(first.story_id or "").story.size == 2


def test_story_and_article_are_written_together_or_not_at_all(store: Store) -> None:
    article = make_article(SUMMIT)
    state = StoryState(id="s1", title="t", size=1, thread_id="s1", centroid={"x": 1.0})
    broken = StoryChange(article_id="not-stored", story=state, how="new")  # foreign key fails
    with pytest.raises(StoreError):
        store.add(article, story=broken)
    assert not store.has(article.id) and store.count_stories() == 0


def test_merge_moves_articles_and_forwards_the_old_id(store: Store) -> None:
    stage = seeded(store)
    a = put(store, stage, SUMMIT)
    c = put(store, stage, ELECTION)
    merged = store.merge_stories(
        a.story_id or "", c.story_id or "", combine=manual.combine(OPTIONS)
    )
    assert merged.story.id == a.story_id and merged.story.size == 2
    assert merged.how[c.id] == "merge"
    assert [s.id for s in store.stories()] == [a.story_id]
    assert store.story(c.story_id or "").story.id == a.story_id  # the old id names the merged one
    later = put(store, seeded(store), ELECTION + " Results were certified.")
    assert later.story_id == a.story_id  # new articles like either part join the merged story
    with pytest.raises(StoreError):
        store.merge_stories(a.story_id or "", c.story_id or "", combine=manual.combine(OPTIONS))


def test_split_articles_stay_apart_in_later_runs(store: Store) -> None:
    stage = seeded(store)
    a = put(store, stage, SUMMIT)
    b = put(store, stage, SUMMIT_2)
    new = store.split_story(a.story_id or "", [b.id[:8]], rebuild=manual.rebuild(OPTIONS))
    assert new.story.id != a.story_id and [x.id for x in new.articles] == [b.id]
    assert new.how[b.id] == "split" and new.story.thread_id == a.story_id
    assert store.story(a.story_id or "").story.size == 1
    put(store, seeded(store), SUMMIT_3)  # similar to both: joins one, moves nobody
    assert store.story(new.story.id).articles[0].id == b.id
    assert b.id not in store.story(a.story_id or "").story.article_ids


def test_split_refuses_what_it_cannot_do(store: Store) -> None:
    stage = seeded(store)
    a = put(store, stage, SUMMIT)
    c = put(store, stage, ELECTION)
    rebuild = manual.rebuild(OPTIONS)
    with pytest.raises(NotFoundError):
        store.split_story(a.story_id or "", [c.id], rebuild=rebuild)
    with pytest.raises(StoreError):
        store.split_story(a.story_id or "", [a.id], rebuild=rebuild)
    with pytest.raises(NotFoundError):
        store.story("ffffffff")
