"""Events from parsed sentences: triggers, arguments, modality, dates, framing.

Unit tests use a hand-made actors object (spaCy's own entities) and a toy
classifier that types by trigger word, so they test this module's mechanics
alone; the PLOVER coder and the actors step are exercised by the example test.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.models import Entity, Event, Mention
from crosswire.nlp.events import extract_events, sentences
from crosswire.nlp.framing import loaded_terms
from crosswire.nlp.model import load_model
from crosswire.nlp.plover import EventType

KINDS = {"PERSON": "PERSON", "GPE": "STATE", "ORG": "ORG", "NORP": "GROUP", "LOC": "PLACE"}
TOY_TYPES = {
    "attack": "ASSAULT", "shell": "ASSAULT", "meet": "CONSULT", "talk": "CONSULT",
    "sell": "AID", "sold": "AID", "provide": "AID", "send": "AID", "accus": "ACCUSE",
    "exercise": "COOPERATE", "patrol": "COOPERATE", "visit": "CONSULT", "sanction": "SANCTION",
    "suppl": "AID", "fuel": "AID", "drill": "MOBILIZE", "conference": "CONSULT",
    "target": "ASSAULT", "host": "CONSULT", "exchang": "CONSULT", "cooperat": "COOPERATE",
    "kill": "ASSAULT",
}  # fmt: skip


class HandActors:
    """Entities straight from spaCy's NER, one per surface text."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        found: dict[str, Entity] = {}
        mentions = []
        for ent in doc.ents:
            if ent.label_ in KINDS:
                name = ent.text.removeprefix("the ").removeprefix("The ")
                entity = found.setdefault(
                    name, Entity(id=name.lower(), name=name, kind=KINDS[ent.label_])
                )
                mentions.append(
                    Mention(ent.text, ent.label_, ent.start_char, ent.end_char, entity.id)
                )
        self.entities = tuple(found.values())
        self.mentions = tuple(mentions)

    def entity_at(self, start: int, end: int) -> Entity | None:
        for mention in self.mentions:
            if mention.start < end and start < mention.end:
                return next(e for e in self.entities if e.id == mention.entity)
        return None


def toy_classify(text: str, *, source=None, target=None, syntax=None) -> EventType | None:  # type: ignore[no-untyped-def]
    """Types by the first known trigger word in the text it is given."""
    words = text.lower().replace(",", " ").split()
    for word in words:
        for stem, kind in TOY_TYPES.items():
            if word.startswith(stem):
                return EventType(kind, None, None, 1.0)
    return None


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


def events(nlp: Language, text: str, published: str | None = None) -> tuple[Event, ...]:
    doc = nlp(text)
    return extract_events(
        doc, HandActors(doc), published=published, outlet=None, classify=toy_classify
    )


def pairs(found: tuple[Event, ...]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source, e.target) for e in found}


def test_subject_object_and_evidence(nlp: Language) -> None:
    text = "Quiet day. Russia attacked Ukraine on Friday."
    (event,) = events(nlp, text, published="2023-06-11")
    assert (event.type, event.source, event.target) == ("ASSAULT", "russia", "ukraine")
    assert text[event.start : event.end] == event.sentence == "Russia attacked Ukraine on Friday."
    assert (event.date, event.date_text, event.trigger) == ("2023-06-09", "on Friday", "attacked")
    assert event.modality == "asserted"


def test_coordinated_verbs_are_separate_events(nlp: Language) -> None:
    found = events(nlp, "The United States sold weapons to Taiwan and accused China of aggression.")
    assert {("AID", "united states", "taiwan"), ("ACCUSE", "united states", "china")} <= pairs(
        found
    )


def test_event_noun_under_light_verb(nlp: Language) -> None:
    found = events(nlp, "Germany held talks with France in Berlin.")
    assert pairs(found) == {("CONSULT", "germany", "france")}
    assert found[0].trigger == "talks" and found[0].place == "Berlin"


def test_between_gives_both_parties(nlp: Language) -> None:
    found = events(nlp, "The talks between Germany and France ended without a deal.")
    assert ("CONSULT", "germany", "france") in pairs(found)


def test_negated_and_hedged(nlp: Language) -> None:
    (negated,) = events(nlp, "China has been reluctant to provide Russia with weapons.")
    assert (negated.type, negated.mode, negated.modality) == ("AID", "military", "negated")
    (hedged,) = events(
        nlp, "There was a suggestion that Iran may be moving to provide drones to Russia."
    )
    assert (hedged.source, hedged.target, hedged.modality) == ("iran", "russia", "hedged")


def test_habitual_events_have_no_date(nlp: Language) -> None:
    (event,) = events(nlp, "In 2020, Russia annually held exercises with Belarus.", "2023-06-11")
    assert event.modality == "habitual" and event.date is None


def test_listed_events_carry_the_umbrella_framing(nlp: Language) -> None:
    found = events(
        nlp,
        "Russia stepped up provocations against Ukraine, including shelling Kharkiv and "
        "sending troops to the border.",
    )
    framed = [e for e in found if e.framing]
    assert framed and all(e.framing == "provocations" for e in framed)
    assert {e.source for e in framed} == {"russia"}


def test_no_actors_no_event(nlp: Language) -> None:
    assert events(nlp, "The team attacked the goal in the second half.") == ()


def test_reported_attribution(nlp: Language) -> None:
    (event,) = events(nlp, "Russia attacked Ukraine, according to the ministry.")
    assert (event.modality, event.attributed_to) == ("reported", "the ministry")


def test_sentences_split_at_paragraph_breaks(nlp: Language) -> None:
    doc = nlp("He said: \u201cWe agree.\u201d\n\nThe talks ended.")
    assert [s.text for s in sentences(doc)][-1] == "The talks ended."


def test_ids_are_stable_and_distinct(nlp: Language) -> None:
    text = "Russia attacked Ukraine and Georgia."
    first, second = events(nlp, text), events(nlp, text)
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first) == 2


def test_the_two_countries_wrap_up_a_patrol(nlp: Language) -> None:
    text = (
        "Germany and France signed a pact. The two countries just wrapped up the two-day "
        "joint patrol in the Baltic Sea on Wednesday."
    )
    (event,) = [e for e in events(nlp, text, "2023-06-11") if e.trigger == "patrol"]
    assert (event.type, event.source, event.target) == ("COOPERATE", "germany", "france")
    assert (event.date, event.place) == ("2023-06-07", "Baltic Sea")


def test_place_to_a_place_but_not_to_a_recipient(nlp: Language) -> None:
    found = events(nlp, "Russia sends warships to the Black Sea and sells weapons to Iran.")
    places = {e.trigger: e.place for e in found}
    assert places == {"sends": "Black Sea", "sells": None}


def test_loaded_terms_frame_the_sentence_events(nlp: Language) -> None:
    (event,) = events(nlp, "Russia attacked Ukraine at the start of the full-scale invasion.")
    assert event.framing == "full-scale invasion"


def test_instrument_noun_is_the_event_and_keeps_the_subject(nlp: Language) -> None:
    found = events(nlp, "Britain continued to fuel the conflict with arms supplies to Ukraine.")
    assert pairs(found) == {("AID", "britain", "ukraine")}
    assert found[0].trigger == "supplies"


def test_leading_to_is_no_accusation_by_the_main_subject(nlp: Language) -> None:
    found = events(
        nlp, "China helped Iran, leading to the United States accusing Beijing of lying."
    )
    assert ("ACCUSE", "united states", "beijing") in pairs(found)
    assert not [e for e in found if e.source == "china" and e.type == "ACCUSE"]


def test_late_participle_belongs_to_the_event_noun(nlp: Language) -> None:
    found = events(
        nlp,
        "The United States held joint exercises with allies including Japan and Australia "
        "targeting China.",
    )
    assert {e.source for e in found} == {"united states"}
    assert not [e for e in found if e.trigger == "targeting"]


def test_standard_of_a_comparison_is_no_event(nlp: Language) -> None:
    found = events(nlp, "The talks will be held on a basis similar to Russia's own drills.")
    assert not [e for e in found if e.trigger == "drills"]


def test_coordinated_subjects_past_their_appositions(nlp: Language) -> None:
    text = (
        "Liu Zhenli, a member of the commission, and Valery Gerasimov, the chief of the "
        "general staff, had a video conference on Friday."
    )
    assert pairs(events(nlp, text)) == {("CONSULT", "liu zhenli", "valery gerasimov")}


def test_reciprocal_and_shared_subjects(nlp: Language) -> None:
    assert pairs(events(nlp, "Germany and France held talks.")) == {
        ("CONSULT", "germany", "france")
    }
    assert pairs(events(nlp, "Russia and Belarus attacked Ukraine.")) == {
        ("ASSAULT", "russia", "ukraine"),
        ("ASSAULT", "belarus", "ukraine"),
    }


def test_loaded_terms_as_the_outlet_wrote_them(nlp: Language) -> None:
    doc = nlp(
        "Moscow calls the war with Ukraine a special military operation, while the regime "
        "claims a stabilizing effect on the region."
    )
    assert loaded_terms(doc[:]) == (
        "war with Ukraine",
        "special military operation",
        "regime",
        "stabilizing effect",
    )
    assert loaded_terms(nlp("The ministers met in Paris on Monday.")[:]) == ()


def test_arms_moved_to_a_recipient_are_military_aid(nlp: Language) -> None:
    found = events(nlp, "Germany is selling weapons and missiles to Ukraine.")
    assert [(e.type, e.mode, e.target) for e in found] == [("AID", "military", "ukraine")]


def test_forces_sent_to_an_area_are_mobilization(nlp: Language) -> None:
    found = events(
        nlp, "The United States is sending warships to the South China Sea near Vietnam."
    )
    assert {(e.type, e.mode) for e in found} == {("MOBILIZE", "troops")}


def test_goods_other_than_arms_keep_the_classifier_type(nlp: Language) -> None:
    found = events(nlp, "Germany is selling cars to Ukraine.")
    assert {(e.type, e.mode) for e in found} == {("AID", None)}


def test_taking_part_in_a_drill_is_military_cooperation(nlp: Language) -> None:
    found = events(nlp, "Poland will participate in a naval exercise organized by Germany.")
    assert {(e.type, e.mode, e.source) for e in found} == {("COOPERATE", "military", "poland")}


def assault_classify(score: float):  # type: ignore[no-untyped-def]
    """A classifier that calls every clause an ASSAULT with ``score``."""

    def classify(text: str, *, source=None, target=None, syntax=None) -> EventType:  # type: ignore[no-untyped-def]
        return EventType("ASSAULT", None, None, score)

    return classify


def test_taking_part_with_no_target_needs_a_confident_type(nlp: Language) -> None:
    doc = nlp("Soldiers from Chechnya have participated in the fighting since 2022.")
    actors = HandActors(doc)
    guess = extract_events(doc, actors, published=None, outlet=None, classify=assault_classify(0.4))
    sure = extract_events(doc, actors, published=None, outlet=None, classify=assault_classify(0.9))
    assert [e.trigger for e in guess] == []
    assert [(e.trigger, e.target) for e in sure] == [("participated", None)]


def test_the_party_a_joined_war_is_against_is_the_target(nlp: Language) -> None:
    doc = nlp("Fighters from Chechnya have participated in the war against Georgia.")
    found = extract_events(
        doc, HandActors(doc), published=None, outlet=None, classify=assault_classify(0.4)
    )
    assert [(e.trigger, e.target) for e in found] == [("participated", "georgia")]


def test_a_conference_referred_back_to_is_no_new_event(nlp: Language) -> None:
    text = (
        "Putin held a conference with Erdogan on Monday. "
        "The conference between Putin and Erdogan came amid tensions over Syria. "
        "Erdogan said at the conference that Turkey wants peace."
    )
    found = events(nlp, text)
    assert [e.sentence[:12] for e in found if e.trigger == "conference"] == ["Putin held a"]


def test_a_first_conference_told_as_a_setting_is_kept(nlp: Language) -> None:
    # no determiner: not a reference to an event told before
    found = events(nlp, "A conference between Putin and Erdogan came amid tensions over Syria.")
    assert "conference" in {e.trigger for e in found}


def test_an_event_noun_qualifying_a_noun_takes_its_parties(nlp: Language) -> None:
    found = events(
        nlp, "Turkey and Greece's exercise programme in the Aegean has calmed the region."
    )
    assert ("COOPERATE", "turkey", "greece") in pairs(found)


@pytest.mark.parametrize(
    "text",
    [
        "Russia annually holds exercises with Belarus in September.",
        "Every year in September, Russia holds exercises with Belarus.",
    ],
)
def test_habitual_events_get_no_date(nlp: Language, text: str) -> None:
    found = events(nlp, text, published="2023-06-11")
    assert [(e.type, e.modality, e.date, e.date_text) for e in found] == [
        ("COOPERATE", "habitual", None, None)
    ]


def test_a_one_off_event_in_a_month_is_dated(nlp: Language) -> None:
    found = events(nlp, "Russia held exercises with Belarus in September 2022.")
    assert [(e.modality, e.date) for e in found] == [("asserted", "2022-09")]


def test_hosting_another_state_in_an_exercise_is_military_cooperation(nlp: Language) -> None:
    found = events(nlp, "In May 2019, India hosted France in a naval exercise off Goa.")
    assert [(e.type, e.mode, e.source, e.target, e.date) for e in found] == [
        ("COOPERATE", "military", "india", "france", "2019-05")
    ]


def moded_classify(text: str, *, source=None, target=None, syntax=None) -> EventType | None:  # type: ignore[no-untyped-def]
    """The toy classifier, with a mode for exercises and video conferences."""
    kind = toy_classify(text, source=source, target=target)
    if kind is None:
        return None
    lowered = text.lower()
    mode = "military" if "exercise" in lowered else "phone" if "video" in lowered else None
    return EventType(kind.type, mode, kind.cameo, kind.score)


def moded_events(nlp: Language, text: str, published: str | None = None) -> tuple[Event, ...]:
    doc = nlp(text)
    return extract_events(
        doc, HandActors(doc), published=published, outlet=None, classify=moded_classify
    )


def test_one_event_told_twice_in_a_sentence_is_one_event(nlp: Language) -> None:
    found = moded_events(
        nlp,
        "Germany and France had a video conference on Friday, in which they exchanged views.",
        published="2023-06-11",
    )
    assert [(e.type, e.mode, e.trigger, e.date) for e in found] == [
        ("CONSULT", "phone", "conference", "2023-06-09")
    ]


def test_coordinated_event_nouns_of_one_event_keep_the_specific_one(nlp: Language) -> None:
    found = moded_events(
        nlp, "Germany and France pledged to continue joint exercises and cooperation."
    )
    assert [(e.type, e.mode, e.trigger) for e in found] == [("COOPERATE", "military", "exercises")]


def test_distinct_events_of_one_type_in_a_sentence_stay_apart(nlp: Language) -> None:
    listed = events(nlp, "The United States held joint exercises with Japan and the Philippines.")
    assert {e.target for e in listed} == {"japan", "philippines"}
    found = events(
        nlp,
        "It will mark another cooperation between Germany and France after the two countries "
        "wrapped up a joint patrol on Wednesday.",
        published="2023-06-11",
    )
    assert {(e.trigger, e.modality, e.date) for e in found} == {
        ("cooperation", "future", None),
        ("patrol", "asserted", "2023-06-07"),
    }


def test_a_statement_made_in_an_earlier_event_adds_its_source(nlp: Language) -> None:
    text = (
        "Putin held a conference with Erdogan on Monday. Turkey wants peace, Erdogan said in "
        "the conference, according to a statement from NATO."
    )
    (conference,) = [e for e in events(nlp, text) if e.trigger == "conference"]
    assert conference.attributed_to == "NATO (a statement)"


def test_a_statement_by_an_outsider_adds_no_source(nlp: Language) -> None:
    text = (
        "Putin held a conference with Erdogan on Monday. Turkey wants peace, Biden said in "
        "the conference, according to a statement from NATO."
    )
    (conference,) = [e for e in events(nlp, text) if e.trigger == "conference"]
    assert conference.attributed_to is None


def test_loaded_terms_frame_only_the_events_of_their_clause(nlp: Language) -> None:
    found = events(
        nlp,
        "President Biden has increased cooperation with Japan since the war with Ukraine began, "
        "leading to Russia accusing Washington of backing the Kyiv regime.",
    )
    framing = {e.type: e.framing for e in found}
    assert framing["COOPERATE"] == "war with Ukraine"
    assert framing["ACCUSE"] == "Kyiv regime"


def test_a_term_said_of_an_event_noun_frames_it(nlp: Language) -> None:
    (event,) = events(nlp, "Germany and France's cooperation has a stabilizing effect on Europe.")
    assert (event.type, event.framing) == ("COOPERATE", "stabilizing effect")


def test_coordinated_doers_of_a_one_sided_act_are_not_each_others_target(nlp: Language) -> None:
    assert pairs(events(nlp, "Russia and Belarus attacked on Sunday.")) == {
        ("ASSAULT", "russia", None),
        ("ASSAULT", "belarus", None),
    }
    assert pairs(events(nlp, "Russia and Belarus held talks on Sunday.")) == {
        ("CONSULT", "russia", "belarus")
    }


def test_an_event_with_one_party_needs_a_confident_type(nlp: Language) -> None:
    doc = nlp("The Kremlin released a statement on Friday.")
    actors = HandActors(doc)
    unsure = extract_events(
        doc, actors, published=None, outlet=None, classify=assault_classify(0.3)
    )
    sure = extract_events(doc, actors, published=None, outlet=None, classify=assault_classify(0.5))
    assert unsure == () and [e.trigger for e in sure] == ["released"]


def test_an_event_with_one_party_using_arms_needs_no_confident_type(nlp: Language) -> None:
    doc = nlp("North Korea fired a ballistic missile on Friday.")
    found = extract_events(
        doc, HandActors(doc), published=None, outlet=None, classify=assault_classify(0.2)
    )
    assert [(e.trigger, e.source) for e in found] == [("fired", "north korea")]


@pytest.mark.parametrize(
    "text",
    [
        "Biden said in a session with Germany following a speech by Putin.",
        "The statement from Germany reads that talks with France went well.",
    ],
)
def test_timing_and_quoting_verbs_are_no_events(nlp: Language, text: str) -> None:
    doc = nlp(text)
    found = extract_events(
        doc, HandActors(doc), published=None, outlet=None, classify=assault_classify(0.9)
    )
    assert not {"following", "reads"} & {e.trigger for e in found}


def test_counted_forces_sent_are_mobilization(nlp: Language) -> None:
    found = events(nlp, "China is sending a record number of military jets into Taiwan's air zone.")
    assert [(e.type, e.mode, e.source, e.target) for e in found] == [
        ("MOBILIZE", "troops", "china", "taiwan")
    ]


def test_exercises_held_with_another_party_are_military_cooperation(nlp: Language) -> None:
    found = events(nlp, "Russia holds exercises with Belarus once a year.", "2023-06-11")
    assert [(e.type, e.mode, e.modality, e.date) for e in found] == [
        ("COOPERATE", "military", "habitual", None)
    ]


def test_place_named_after_a_geographic_noun(nlp: Language) -> None:
    (event,) = events(nlp, "Russia attacked Ukraine in the state of Texas.")
    assert event.place == "Texas"


def test_a_seat_standing_for_a_government_is_given_as_the_place(nlp: Language) -> None:
    doc = nlp("Putin visited Xi in Beijing.")
    actors = HandActors(doc)
    beijing = next(e for e in actors.entities if e.name == "Beijing")
    government = Entity(id=beijing.id, name="Government of China", kind="STATE", sector="GOV")
    actors.entities = tuple(government if e is beijing else e for e in actors.entities)
    (event,) = extract_events(doc, actors, published=None, outlet=None, classify=toy_classify)
    assert event.place == "Beijing"


def test_the_place_is_no_target_when_there_is_another(nlp: Language) -> None:
    found = events(nlp, "Biden hosted Macron at the Elysee.")
    assert {e.target for e in found} == {"macron"}
    (alone,) = events(nlp, "Russia attacked in Ukraine.")
    assert alone.place == "Ukraine"


def test_the_first_object_of_a_giving_verb_is_its_target(nlp: Language) -> None:
    doc = nlp("The United States gave Israel the weapons.")
    found = extract_events(
        doc, HandActors(doc), published=None, outlet=None, classify=assault_classify(0.9)
    )
    assert {(e.source, e.target) for e in found} == {("united states", "israel")}


def test_a_participial_adjunct_shares_its_heads_time_and_place(nlp: Language) -> None:
    found = events(
        nlp, "Russia shelled Kharkiv in Ukraine on Friday, killing Ivan Petrenko.", "2023-06-11"
    )
    assert {(e.trigger, e.date, e.place) for e in found} == {
        ("shelled", "2023-06-09", "Ukraine"),
        ("killing", "2023-06-09", "Ukraine"),
    }


def test_the_document_cited_again_is_the_one_named_before(nlp: Language) -> None:
    text = (
        "Germany said in a statement that Russia attacked Ukraine. "
        "Russia also shelled Poland, according to the statement."
    )
    found = {e.trigger: e.attributed_to for e in events(nlp, text)}
    assert found == {"attacked": "Germany (a statement)", "shelled": "Germany (a statement)"}


def test_going_to_is_a_future_not_an_event(nlp: Language) -> None:
    found = events(nlp, "Russia is going to attack Ukraine.")
    assert [(e.trigger, e.modality) for e in found] == [("attack", "future")]


def test_coordinated_holders_of_a_drill_cooperate(nlp: Language) -> None:
    found = moded_events(nlp, "India and France held naval drills in the Arabian Sea.")
    assert [(e.type, e.source, e.target) for e in found] == [("COOPERATE", "india", "france")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("The United States is sending warships through the Taiwan Strait.", "Taiwan Strait"),
        ("Russia and China held a joint patrol over the Sea of Japan.", "Sea of Japan"),
    ],
)
def test_places_through_and_named_seas(nlp: Language, text: str, where: str) -> None:
    assert {e.place for e in events(nlp, text)} == {where}


def test_merged_event_takes_the_date_with_its_phrase() -> None:
    from crosswire.nlp.merging import merge_mentions

    base = Event(id="a", type="CONSULT", sentence="s", start=0, end=1, source="x", target="y")
    dated = Event(
        id="b", type="CONSULT", sentence="s", start=0, end=1, source="y", target="x",
        date="2023-06-09", date_text="on Friday", place="Paris",
    )  # fmt: skip
    (merged,) = merge_mentions([base, dated])
    assert (merged.id, merged.date, merged.date_text, merged.place) == (
        "b",
        "2023-06-09",
        "on Friday",
        "Paris",
    )
    undated = Event(
        id="c", type="CONSULT", sentence="s", start=0, end=1, source="x", target="y",
        mode="phone", date_text="on Friday",
    )  # fmt: skip
    (kept,) = merge_mentions([undated, dated])
    assert (kept.id, kept.date, kept.date_text) == ("c", None, "on Friday")


def test_an_unnamed_counterpart_is_a_party_all_the_same(nlp: Language) -> None:
    doc = nlp("Poland's defence minister met his Norwegian counterpart in Oslo on Tuesday.")
    found = extract_events(
        doc, HandActors(doc), published=None, outlet=None, classify=assault_classify(0.3)
    )
    assert [(e.trigger, e.source, e.target) for e in found] == [("met", "poland", None)]


def test_an_event_told_again_later_is_one_event(nlp: Language) -> None:
    text = (
        "Germany held talks with France in Berlin. Trade was slow.\n\n"
        "Germany held talks with France on Monday, officials said."
    )
    (event,) = events(nlp, text, published="2023-06-11")
    assert (event.type, event.source, event.target) == ("CONSULT", "germany", "france")
    assert (
        text[event.start : event.end]
        == event.sentence
        == "Germany held talks with France in Berlin."
    )
    # the later mention adds its date and its cited source; the place stays
    assert (event.date_text, event.place, event.attributed_to) == (
        "on Monday",
        "Berlin",
        "officials",
    )


@pytest.mark.parametrize(
    "second",
    [
        "Germany held talks with France on Friday.",  # another date
        "Germany held talks with Italy on Monday.",  # another party
        "Germany held new talks with France on Monday.",  # marked as a further occurrence
        "Germany held talks with France in Paris on Monday.",  # another place
        "Germany may hold talks with France on Monday.",  # not said to have happened
    ],
)
def test_different_occurrences_stay_apart(nlp: Language, second: str) -> None:
    found = events(
        nlp, f"Germany held talks with France in Berlin on Monday. {second}", "2023-06-11"
    )
    assert len({e.start for e in found}) == 2


def test_a_passive_infinitive_takes_no_agent_from_above(nlp: Language) -> None:
    # "Russia ought to be attacked": Russia would be attacked, it attacks nobody
    found = events(nlp, "Some analysts think Russia ought to be attacked.")
    assert not [e for e in found if e.source == "russia"]


def test_the_classifier_is_given_the_parse_of_the_pair(nlp: Language) -> None:
    seen: list[dict[str, float]] = []

    def recording(text: str, *, source=None, target=None, syntax=None) -> EventType | None:  # type: ignore[no-untyped-def]
        seen.append(dict(syntax or {}))
        return toy_classify(text, source=source, target=target)

    doc = nlp("Germany condemned Russia on Monday.")
    extract_events(doc, HandActors(doc), published=None, outlet=None, classify=recording)
    assert seen and seen[0]["p:condemn"] == 1.0
    assert seen[0]["sp:nsubj"] == seen[0]["tp:dobj"] == 1.0


def test_what_a_relative_clause_says_someone_does_is_background(nlp: Language) -> None:
    text = "Iran, which supplies drones to Russia, denied the report on Friday."
    doc = nlp(text)
    found = extract_events(doc, HandActors(doc), published="2025-04-19", outlet=None)
    (supply,) = [e for e in found if e.trigger == "supplies"]
    assert (supply.type, supply.modality, supply.date) == ("AID", "habitual", None)
    doc = nlp("Iran, which supplied drones to Russia on Friday, denied the report.")
    found = extract_events(doc, HandActors(doc), published="2025-04-19", outlet=None)
    (supply,) = [e for e in found if e.trigger == "supplied"]
    assert (supply.modality, supply.date) == ("asserted", "2025-04-18")
