"""compare_articles on small hand-built stories: columns, reposts, sources, framing."""

from __future__ import annotations

import json

from tests.factory import make_article

from crosswire.models import Entity, Event, Mention
from crosswire.stories.compare import compare_articles
from crosswire.stories.compare_sources import (
    ANONYMOUS,
    EXPERT,
    GOVERNMENT,
    OUTLET,
    UNNAMED_REPORTS,
    sources_of,
)
from crosswire.stories.framing_compare import (
    blame,
    blame_by_country,
    distinguishing_words,
    loaded_terms,
    tone,
)
from crosswire.stories.outlets import load_profiles

PROFILES = load_profiles(env={})
RUSSIA = Entity("e-rus", "Russia", "STATE", country="RUS")
UKRAINE = Entity("e-ukr", "Ukraine", "STATE", country="UKR")


def mention(body: str, entity: Entity, text: str) -> Mention:
    start = body.index(text)
    return Mention(text, "GPE", start, start + len(text), entity.id)


def test_each_outlet_is_one_column_and_a_duplicate_is_shown_once_under_its_original() -> None:
    original = make_article("Floods hit the coast on Monday.", outlet="Reuters", source="a.txt")
    copy = make_article(
        "Floods hit the coast on Monday!", outlet="Yahoo News", duplicate_of=original.id
    )
    second = make_article("The floods killed three.", outlet="Reuters", source="b.txt")
    comparison = compare_articles([original, copy, second, original], profiles=PROFILES)
    assert [c.key for c in comparison.outlets] == ["Reuters"]
    column = comparison.column("Reuters")
    assert column.article_ids == (original.id, second.id)
    assert [(r.outlet, r.of_article, r.exact) for r in column.reposts] == [
        ("Yahoo News", original.id, True)
    ]
    assert column.profile is not None and column.profile.country == "GBR"
    json.dumps(comparison.to_dict())  # plain data all the way down


def test_republished_material_from_outside_the_story_is_flagged() -> None:
    blog = make_article(
        "The drill will be held in China, an expert told the Global Times.",
        source="/tmp/blog.txt",
        original_outlet="Global Times",
        repost_evidence="credit line",
    )
    other = make_article("A drill is planned.", outlet="Kyiv Independent")
    comparison = compare_articles([blog, other], profiles=PROFILES)
    column = comparison.column("blog.txt")
    assert column.republished and column.original_outlet == "Global Times"
    assert column.original_profile is not None and column.original_profile.state_media
    assert not comparison.column("Kyiv Independent").republished


def test_sources_from_body_patterns_and_event_attribution() -> None:
    body = (
        "Troops crossed the border, according to the Interior Ministry. "
        "A senior official who spoke on condition of anonymity told Reuters the move was planned. "
        "The strike was deliberate, a military analyst said. "
        "It was reported that talks had failed."
    )
    event = Event(
        id="e1", type="ASSAULT", sentence="The strike was deliberate, a military analyst said.",
        start=body.index("The strike"), end=body.index(" It was"), attributed_to="unnamed reports",
    )  # fmt: skip
    found = {s.name: s for s in sources_of([make_article(body, events=(event,))])}
    assert GOVERNMENT in found["Interior Ministry"].kinds
    official = next(s for name, s in found.items() if "senior official" in name)
    assert ANONYMOUS in official.kinds and official.spoke_to == ("Reuters",)
    assert EXPERT in found["a military analyst"].kinds
    assert found["unnamed reports"].kinds == (UNNAMED_REPORTS,)
    cite = found["Interior Ministry"].citations[0]
    assert body[cite.start : cite.end] == cite.sentence


def test_a_source_named_as_an_entity_is_classed_by_it() -> None:
    body = "Prices rose, the state news agency TASS reported on Monday."
    tass = Entity("e-tass", "TASS", "OUTLET", country="RUS", sector="MED")
    article = make_article(body, mentions=(mention(body, tass, "TASS"),), entities=(tass,))
    (source,) = sources_of([article])
    assert OUTLET in source.kinds


def test_loaded_terms_with_the_alternatives_other_outlets_use() -> None:
    one = "Russia's full-scale invasion of Ukraine entered its second year."
    two = "The Russia-Ukraine conflict entered its second year."
    a = make_article(
        one,
        mentions=(mention(one, RUSSIA, "Russia"), mention(one, UKRAINE, "Ukraine")),
        entities=(RUSSIA, UKRAINE),
    )
    b = make_article(
        two,
        mentions=(mention(two, RUSSIA, "Russia"), mention(two, UKRAINE, "Ukraine")),
        entities=(RUSSIA, UKRAINE),
    )
    terms = loaded_terms({"A": [a], "B": [b]})
    (invasion,) = terms["A"]
    assert invasion.text.startswith("full-scale invasion")
    assert ("B", "Russia-Ukraine conflict") in invasion.alternatives
    assert [t.text for t in terms["B"]] == ["Russia-Ukraine conflict"]
    assert any(alt[1].startswith("full-scale invasion") for alt in terms["B"][0].alternatives)


def test_a_neutral_wording_is_an_alternative_but_not_a_loaded_term() -> None:
    one = "The war in Ukraine goes on."
    two = "The crisis in Ukraine goes on."
    a = make_article(one, mentions=(mention(one, UKRAINE, "Ukraine"),), entities=(UKRAINE,))
    b = make_article(two, mentions=(mention(two, UKRAINE, "Ukraine"),), entities=(UKRAINE,))
    terms = loaded_terms({"A": [a], "B": [b]})
    assert terms["B"] == []
    assert ("B", "crisis in Ukraine") in terms["A"][0].alternatives


def test_distinguishing_words_favour_what_one_outlet_repeats() -> None:
    a = make_article("Regime regime regime troops moved. The regime denied it. Troops moved.")
    b = make_article("Government troops moved. The government denied it. Government, government.")
    words = distinguishing_words({"A": [a], "B": [b]})
    assert words["A"][0].word == "regime"
    assert words["B"][0].word == "government"
    assert all(w.word != "troops" for w in words["A"] + words["B"])


def test_blame_counts_sources_of_conflict_events_but_not_negated_ones() -> None:
    body = "Russia attacked Ukraine. Ukraine did not attack Russia. Russia met Ukraine."
    events = (
        Event("1", "ASSAULT", "Russia attacked Ukraine.", 0, 24, source="e-rus", target="e-ukr"),
        Event("2", "ASSAULT", "Ukraine did not attack Russia.", 25, 55, modality="negated",
              source="e-ukr", target="e-rus"),
        Event("3", "CONSULT", "Russia met Ukraine.", 56, 75, source="e-rus", target="e-ukr"),
    )  # fmt: skip
    article = make_article(body, events=events, entities=(RUSSIA, UKRAINE))
    (only,) = blame({"A": [article]})["A"]
    assert only.actor == "Russia" and only.count == 1 and "ASSAULT" in only.events[0]
    assert blame_by_country([only, only]) == [("RUS", 2)]


def test_tone_toward_an_actor_follows_the_sentences_naming_it() -> None:
    good = "Ukraine won a great, happy victory."
    bad = "Ukraine suffered a terrible, tragic defeat."
    a = make_article(good, mentions=(mention(good, UKRAINE, "Ukraine"),), entities=(UKRAINE,))
    b = make_article(bad, mentions=(mention(bad, UKRAINE, "Ukraine"),), entities=(UKRAINE,))
    tones = tone({"A": [a], "B": [b]})
    assert tones["A"][0].actor == "Ukraine" and tones["A"][0].score > 0.3
    assert tones["B"][0].score < -0.3 and tones["B"][0].sentences == 1


def test_an_empty_story_compares_to_nothing() -> None:
    comparison = compare_articles([], profiles=PROFILES)
    assert comparison.outlets == () and comparison.claims == ()


def test_a_loaded_modifier_takes_only_the_word_it_qualifies() -> None:
    body = (
        'He called it "irresponsible" and a barbaric act. Officials said it was illegal, but rare.'
    )
    terms = loaded_terms({"A": [make_article(body)]})["A"]
    assert [t.text for t in terms] == ["barbaric act"]


def test_an_inverted_attribution_names_its_speaker_but_not_the_rest_of_the_clause() -> None:
    body = (
        '"We will rebuild," said John Smith, a professor at the university. '
        "The fire was contained, said on Monday that crews had left. "
        "Two buildings burned, they said."
    )
    names = [s.name for s in sources_of([make_article(body)])]
    assert names == ["John Smith"]
