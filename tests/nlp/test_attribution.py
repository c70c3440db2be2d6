"""Who an event is attributed to, from small parsed sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from crosswire.config import Settings
from crosswire.nlp.attribution import UNNAMED, attribution_of
from crosswire.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


def trigger(nlp: Language, sentence: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(sentence) if t.text == word)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The army shelled the town, according to local officials.", "shelled", "local officials"),
        ("The ministry said that troops shelled the town.", "shelled", "The ministry"),
        ("Troops shelled the town, the ministry said.", "shelled", "the ministry"),
        ("It was reported that troops shelled the town.", "shelled", UNNAMED),
        ("A spokesman told reporters that troops shelled the town.", "shelled", "A spokesman"),
        ("Troops shelled the town.", "shelled", None),
    ],
)
def test_attribution(nlp: Language, sentence: str, word: str, expected: str | None) -> None:
    assert attribution_of(trigger(nlp, sentence, word)) == expected


def test_document_and_according_to_are_kept(nlp: Language) -> None:
    found = attribution_of(
        trigger(nlp, "The ministry said in a statement that troops shelled the town.", "shelled")
    )
    assert found == "The ministry (a statement)"
    both = attribution_of(
        trigger(
            nlp, "Troops shelled the town, Smith said, according to a press release.", "shelled"
        )
    )
    assert both is not None and "Smith" in both and "a press release" in both


def test_entity_names_replace_phrases(nlp: Language) -> None:
    doc = nlp("Troops shelled the town, Smith said.")
    smith = next(t for t in doc if t.text == "Smith")

    def name_at(start: int, end: int) -> str | None:
        return "John Smith" if start <= smith.idx < end else None

    shelled = next(t for t in doc if t.text == "shelled")
    assert attribution_of(shelled, name_at=name_at) == "John Smith"


def test_document_leaves_out_its_time(nlp: Language) -> None:
    found = attribution_of(
        trigger(
            nlp, "The ministry said in a statement on Friday that troops shelled it.", "shelled"
        )
    )
    assert found == "The ministry (a statement)"


def test_a_document_from_a_named_body_is_given_as_that_body(nlp: Language) -> None:
    doc = nlp("Troops shelled the town, according to a press release from the Defense Ministry.")
    ministry = next(t for t in doc if t.text == "Ministry")

    def name_at(start: int, end: int) -> str | None:
        return "Ministry of Defense" if start <= ministry.idx < end else None

    shelled = next(t for t in doc if t.text == "shelled")
    assert attribution_of(shelled, name_at=name_at) == "Ministry of Defense (a press release)"
    assert attribution_of(shelled) == "a press release from the Defense Ministry"


def test_a_resolved_pronoun_speaker_is_its_referent(nlp: Language) -> None:
    doc = nlp("Troops shelled the town, she said.")
    she = next(t for t in doc if t.text == "she")

    def name_at(start: int, end: int) -> str | None:
        return "Jane Smith" if start <= she.idx < end else None

    shelled = next(t for t in doc if t.text == "shelled")
    assert attribution_of(shelled, name_at=name_at) == "Jane Smith"
    assert attribution_of(shelled) == "she"
