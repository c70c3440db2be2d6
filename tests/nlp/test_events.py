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
from crosswire.nlp.model import load_model
from crosswire.nlp.plover import EventType

KINDS = {"PERSON": "PERSON", "GPE": "STATE", "ORG": "ORG", "NORP": "GROUP", "LOC": "PLACE"}
TOY_TYPES = {
    "attack": "ASSAULT", "shell": "ASSAULT", "meet": "CONSULT", "talk": "CONSULT",
    "sell": "AID", "sold": "AID", "provide": "AID", "send": "AID", "accuse": "ACCUSE",
    "exercise": "COOPERATE", "patrol": "COOPERATE", "visit": "CONSULT", "sanction": "SANCTION",
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


def toy_classify(text: str, *, source=None, target=None) -> EventType | None:  # type: ignore[no-untyped-def]
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
    assert (negated.type, negated.modality) == ("AID", "negated")
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
