"""Story clustering on small hand-built articles: what joins, what stays apart, at what cost."""

from __future__ import annotations

from tests.factory import make_article

from crosswire.config import Settings, StoryOptions
from crosswire.models import Article
from crosswire.stories import cluster
from crosswire.stories.change import StoryState
from crosswire.stories.features import features, fold, words
from crosswire.stories.index import StoryIndex, story_id
from crosswire.stories.stage import StoryStage, title_of

QUAKE = (
    "A magnitude 7.1 earthquake struck {place} on Tuesday, collapsing buildings and "
    "killing at least {dead} people, rescue officials said. Aftershocks shook {place} "
    "through the night as rescuers searched the rubble of the {building}."
)
SUMMIT_A = (
    "Leaders of Brazil and Argentina met in Montevideo for a summit on river trade, "
    "agreeing to dredge the Parana waterway and cut port fees for grain barges."
)
SUMMIT_B = (
    "Argentina and Brazil signed a river trade accord at the Montevideo summit: the Parana "
    "waterway will be dredged and grain barges will pay lower port fees, officials said."
)
ELECTION = (
    "Voters in Iceland elected a new parliament in a snap election called after the "
    "coalition collapsed over fishing quotas, with turnout above eighty percent."
)


def article(body: str, published: str | None = "2023-06-09", **fields: object) -> Article:
    return make_article(body, published=published, **fields)


def stage() -> StoryStage:
    return StoryStage(Settings(nlp=False), StoryIndex(record=True))


def test_words_fold_plurals_and_possessives_and_drop_stop_words() -> None:
    assert fold("talks") == "talk" and fold("Russia's".lower()) == "russia"
    assert fold("countries") == "country" and fold("press") == "press"
    assert words("The talks of Russia's generals") == ["talk", "russia", "general"]


def test_two_reports_of_one_event_form_one_story() -> None:
    run = stage()
    a = run(article(SUMMIT_A, outlet="A"))
    b = run(article(SUMMIT_B, outlet="B"))
    c = run(article(ELECTION, outlet="C"))
    assert a.story_id == b.story_id == story_id(a.id)
    assert c.story_id not in {a.story_id, None}


def test_similar_events_a_year_apart_are_different_stories() -> None:
    run = stage()
    fields = {"place": "Ankara", "dead": "40", "building": "hospital"}
    first = run(article(QUAKE.format(**fields), published="2022-03-01"))
    again = run(article(QUAKE.format(**fields) + " Schools closed.", published="2023-03-01"))
    assert first.story_id != again.story_id


def test_an_article_starts_a_story_in_the_thread_of_an_earlier_related_one() -> None:
    run = stage()
    fields = {"place": "Ankara", "dead": "40", "building": "hospital"}
    first = run(article(QUAKE.format(**fields), published="2023-03-01"))
    later = run(article(QUAKE.format(**fields) + " Rebuilding began.", published="2023-03-20"))
    assert later.story_id != first.story_id
    states = run.index.stories
    assert states[later.story_id or ""].thread_id == first.story_id


def test_a_duplicate_joins_its_originals_story_however_different() -> None:
    run = stage()
    original = run(article(SUMMIT_A))
    run(article(ELECTION))
    copy = run(article(ELECTION + " More.", duplicate_of=original.id))
    assert copy.story_id == original.story_id
    assert run.index.change(copy.id) is not None


def test_undated_articles_still_cluster_by_text() -> None:
    run = stage()
    a = run(article(SUMMIT_A, published=None))
    b = run(article(SUMMIT_B, published=None))
    assert a.story_id == b.story_id


def test_a_story_is_named_by_the_first_real_title() -> None:
    run = stage()
    a = run(article(SUMMIT_A, published=None))
    assert run.index.stories[a.story_id or ""].title == title_of(a)
    run(article(SUMMIT_B, published=None, title="Summit accord"))
    assert run.index.stories[a.story_id or ""].title == "Summit accord"


def test_changes_carry_the_new_postings_and_terms_once() -> None:
    run = stage()
    a = run(article(SUMMIT_A))
    change = run.index.change(a.id)
    assert change is not None and change.how == "new" and change.story.size == 1
    assert change.keys and set(change.terms) == set(features(a).weights)
    assert run.index.change(a.id) is None
    unrecorded = StoryIndex()  # extract: nobody writes changes, so none are kept
    unrecorded.assign(a.id, features(a), title="t")
    assert unrecorded.change(a.id) is None


def test_entities_and_events_are_features() -> None:
    from crosswire.models import Entity, Event

    entity = Entity(id="e-x", name="X", kind="PERSON")
    event = Event(id="v", type="CONSULT", sentence="s", start=0, end=1, source="e-x")
    weights = features(article("Body text here.", entities=(entity,), events=(event,))).weights
    assert "@e-x" in weights and "!CONSULT:e-x:" in weights


def test_lookups_read_only_stories_near_the_articles_date() -> None:
    index = StoryIndex(StoryOptions())
    for n in range(300):  # many similar stories, all long before the new article
        body = f"{SUMMIT_A} Session {n}."
        index.assign(f"old{n}", features(article(body, published="2020-01-01")), title="t")
    new = features(article(SUMMIT_B, published="2023-06-09"))
    vector = cluster.vectorize(new.weights, index.df, index.docs)
    keys = cluster.keys(vector, index.options.keys)
    assert index._candidates(keys, new.day, index.options.window_days) == []
    assert (
        len(index._candidates(keys, features(article(SUMMIT_B, published="2020-01-01")).day, 7))
        <= index.options.candidates
    )


def test_a_seeded_index_continues_stored_stories_and_follows_merges() -> None:
    first = StoryIndex(record=True)
    first.assign("a1", features(article(SUMMIT_A)), title="Summit")
    change = first.change("a1")
    assert change is not None
    merged = StoryState(
        id="gone", title="", size=0, thread_id="gone", centroid={}, merged_into=change.story.id
    )
    index = StoryIndex()
    index.seed(
        stories=[change.story, merged],
        keys=[(k, b, change.story.id) for k, b in change.keys],
        articles=[("a1", change.story.id), ("a0", "gone")],
        terms=[(t, 1) for t in change.terms],
    )
    assert index.assign("b1", features(article(SUMMIT_B)), title="x") == change.story.id
    assert index.story_of("a0") == change.story.id
