"""The parse's features of an actor pair (crosswire.nlp.plover_syntax)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from crosswire.config import Settings
from crosswire.nlp.model import load_model
from crosswire.nlp.plover import features, find_triggers, tokenize, weigh_hits
from crosswire.nlp.plover_syntax import head_token, syntax_features


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


def pair(nlp: Language, sentence: str, source: str, target: str) -> dict[str, float]:
    doc = nlp(sentence)
    heads: list[Token | None] = []
    for name in (source, target):
        start = sentence.index(name)
        heads.append(head_token(doc, start, start + len(name)))
    return syntax_features(*heads)


def test_the_predicate_between_the_actors_and_how_each_hangs_from_it(nlp: Language) -> None:
    found = pair(
        nlp,
        "Iran's foreign minister condemned the court decision to reinstate the travel ban.",
        "Iran's foreign minister",
        "the court decision",
    )
    assert found["p:condemn"] == 1.0
    assert found["sp:nsubj"] == found["tp:dobj"] == found["pt:condemn:dobj"] == 1.0
    assert found["path:ACCUSE"] > 0  # "condemned" is on the path; "ban" is not
    assert "path:SANCTION" not in found


def test_a_preposition_keeps_its_word(nlp: Language) -> None:
    found = pair(nlp, "Germany called for sanctions against Moscow.", "Germany", "Moscow")
    assert found["tg:against"] == 1.0
    assert found["tg2:sanction_against"] == 1.0
    # the two steps nearest the predicate: "for" + "sanctions" under "called"
    assert found["tp:pobj>prep:for"] == found["p:call"] == 1.0


def test_the_head_of_a_multiword_actor(nlp: Language) -> None:
    doc = nlp("The US Department of Justice sued Google.")
    head = head_token(doc, 0, len("The US Department of Justice"))
    assert head is not None and head.text == "Department"


def test_no_features_without_both_actors(nlp: Language) -> None:
    doc = nlp("Russia fired missiles at Kyiv.")
    russia = head_token(doc, 0, 6)
    assert syntax_features(russia, None) == {} == syntax_features(None, russia)


def test_actors_in_two_sentences_have_no_path(nlp: Language) -> None:
    doc = nlp("Russia fired missiles. Ukraine shot them down.")
    russia, ukraine = head_token(doc, 0, 6), head_token(doc, 23, 30)
    assert syntax_features(russia, ukraine) == {}


def test_future_triggers_count_apart() -> None:
    sentence = "The opposition parties said they would boycott the elections."
    tokens = tokenize(sentence)
    weighed = weigh_hits(find_triggers(tokens), None, None)
    assert any(name.startswith("fut:") for name in features(tokens, weighed, None, None))
    past = tokenize("The opposition parties boycotted the elections.")
    weighed = weigh_hits(find_triggers(past), None, None)
    assert not any(name.startswith("fut:") for name in features(past, weighed, None, None))
