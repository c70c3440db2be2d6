"""Modality of an event from the words around its trigger (small parsed sentences)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.nlp.modality import modality_of
from crosswire.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Russia attacked the port.", "attacked", "asserted"),
        ("Russia did not attack the port.", "attack", "negated"),
        ("China has been reluctant to provide Moscow with weapons.", "provide", "negated"),
        ("Iran refused to meet the envoy.", "meet", "negated"),
        ("Beijing may be moving to provide hardware to Russia.", "provide", "hedged"),
        ("The army could attack the city.", "attack", "hedged"),
        ("The president appeared to increase aid to Kyiv.", "increase", "hedged"),
        ("It is unclear whether the tanks were sent by China.", "sent", "hedged"),
        ("Russia will participate in the drill.", "participate", "future"),
        ("Turkey plans to send troops to Libya.", "send", "future"),
        ("Russia annually holds exercises with Belarus.", "holds", "habitual"),
        ("The navies meet every year in the Baltic.", "meet", "habitual"),
        (
            "The Office, which coordinates the drought response, met donors.",
            "coordinates",
            "habitual",
        ),
        ("Iran, which supplies drones to Russia, denied it.", "supplies", "habitual"),
        ("Iran, which supplied drones to Russia, denied it.", "supplied", "asserted"),
        ("Iran, which has supplied drones to Russia, denied it.", "supplied", "asserted"),
        ("Iran supplies drones to Russia.", "supplies", "asserted"),
    ],
)
def test_modality(nlp: Language, sentence: str, trigger: str, expected: str) -> None:
    token = next(t for t in nlp(sentence) if t.text == trigger)
    assert modality_of(token) == expected


def test_reported_ranks_below_the_others(nlp: Language) -> None:
    doc = nlp("Russia attacked the port. Russia did not attack the port.")
    first, second = (t for t in doc if t.lemma_ == "attack")
    assert modality_of(first, reported=True) == "reported"
    assert modality_of(second, reported=True) == "negated"


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Russia attacked the port a day after the talks.", "attacked", "asserted"),
        ("Russia attacks the port once a year.", "attacks", "habitual"),
        ("Russia attacks the port three times a month.", "attacks", "habitual"),
    ],
)
def test_a_rate_is_habitual_but_a_span_is_not(
    nlp: Language, sentence: str, trigger: str, expected: str
) -> None:
    token = next(t for t in nlp(sentence) if t.text == trigger)
    assert modality_of(token) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        ("Germany did not sell arms to Kyiv but sold arms to Warsaw.", "sold", "asserted"),
        ("Russia will attack and occupy the city.", "occupy", "future"),
        ("Russia did not attack or occupy the city.", "occupy", "negated"),
    ],
)
def test_a_coordinated_verb_shares_modality_unless_contrasted(
    nlp: Language, sentence: str, trigger: str, expected: str
) -> None:
    token = next(t for t in nlp(sentence) if t.text == trigger)
    assert modality_of(token) == expected
