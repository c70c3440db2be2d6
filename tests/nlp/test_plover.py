"""Event typing: hand-built sentences, and a gate with pinned floors on the gold sets."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from crosswire.nlp.plover import (
    EventType,
    cameo_code,
    classify,
    features,
    pentaclass,
    tokenize,
)
from crosswire.nlp.plover_lexicon import inflections
from tests.conftest import REPO, SHARED


def _span(sentence: str, words: str) -> tuple[int, int]:
    start = sentence.index(words)
    return start, start + len(words)


@pytest.mark.parametrize(
    ("sentence", "source", "target", "expected"),
    [
        (
            "Artillery units shelled the town of Velmora overnight.",
            "Artillery units",
            "the town of Velmora",
            "ASSAULT",
        ),
        (
            "The foreign minister condemned the government's decision.",
            "The foreign minister",
            "the government",
            "ACCUSE",
        ),
        (
            "Police arrested dozens of opposition activists on Monday.",
            "Police",
            "opposition activists",
            "COERCE",
        ),
        (
            "The president met his Ruritanian counterpart in the capital.",
            "The president",
            "his Ruritanian counterpart",
            "CONSULT",
        ),
        (
            "The ministry threatened to expel the ambassador over the remarks.",
            "The ministry",
            "the ambassador",
            "THREATEN",
        ),
        (
            "The council urged the rebels to lay down their weapons.",
            "The council",
            "the rebels",
            "REQUEST",
        ),
        (
            "The government refused the union's demand for higher wages.",
            "The government",
            "the union",
            "REJECT",
        ),
    ],
)
def test_types_of_hand_built_sentences(
    sentence: str, source: str, target: str, expected: str
) -> None:
    found = classify(sentence, source=_span(sentence, source), target=_span(sentence, target))
    assert found is not None
    assert found.type == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The home side beat the visitors 2-0 to stay top of the league.",
        "Quarterly revenue grew by eight percent, the company said.",
        "Light rain will spread from the west during the afternoon.",
        "The cathedral is one of the oldest buildings in the region.",
    ],
)
def test_no_event_in_plain_sentences(sentence: str) -> None:
    assert classify(sentence) is None


def test_governing_verb_wins_over_the_event_it_governs() -> None:
    sentence = "The opposition called for the immediate release of the detained journalists."
    found = classify(sentence, source=_span(sentence, "The opposition"))
    assert found is not None
    assert found.type == "REQUEST"


def test_an_invitation_to_visit_is_agree_as_the_codebook_says() -> None:
    # PLOVER's AGREE covers "invite a delegation to visit"; only the visit is CONSULT.
    sentence = "The minister extended an invitation for his counterpart to visit the capital."
    found = classify(
        sentence,
        source=_span(sentence, "The minister"),
        target=_span(sentence, "his counterpart"),
    )
    assert found is not None
    assert found.type == "AGREE"


def test_a_marked_pair_needs_less_trigger_evidence() -> None:
    # A weak trigger far before the actors is not enough for one actor, but is for a pair.
    sentence = "Long after the battle, the army and the rebels sat in the same hall."
    army, rebels = _span(sentence, "the army"), _span(sentence, "the rebels")
    assert classify(sentence, source=army) is None
    assert classify(sentence, source=army, target=rebels) is not None


def test_mode_and_cameo_code() -> None:
    sentence = "The prime minister spoke by phone with the chancellor on Tuesday."
    found = classify(
        sentence,
        source=_span(sentence, "The prime minister"),
        target=_span(sentence, "the chancellor"),
    )
    assert found == EventType("CONSULT", "phone", "041", found.score)
    assert 0.0 < found.score <= 1.0
    assert cameo_code("AID", "military") == "072"
    assert cameo_code("ASSAULT", None) == "180"
    assert cameo_code("NOT_A_TYPE", None) is None


def test_pentaclass_follows_cameo_roots() -> None:
    assert [pentaclass(t) for t in ("CONSULT", "AID", "ACCUSE", "ASSAULT")] == [1, 2, 3, 4]
    assert pentaclass("REQUEST", cameo="020") == 0
    assert pentaclass("REQUEST", cameo="100") == 3


def test_an_appeal_is_cameo_020_and_a_demand_100() -> None:
    # CAMEO keeps appeals (root 02, statements) apart from demands (root 10, conflict).
    appeal = "The council urged the rebels to lay down their weapons."
    demand = "The council demanded that the rebels lay down their weapons."
    found = [
        classify(s, source=_span(s, "The council"), target=_span(s, "the rebels"))
        for s in (appeal, demand)
    ]
    assert [f.type if f else None for f in found] == ["REQUEST", "REQUEST"]
    assert [f.cameo if f else None for f in found] == ["020", "100"]


@pytest.mark.parametrize(
    ("sentence", "source", "target", "expected"),
    [
        # The codebook: SANCTION reduces cooperation, RETREAT eases a conflict measure.
        (
            "The donors suspended humanitarian aid to the government.",
            "The donors",
            "the government",
            "SANCTION",
        ),
        (
            "The government lifted the curfew on the northern province.",
            "The government",
            "the northern province",
            "RETREAT",
        ),
    ],
)
def test_an_undoing_verb_wins_over_the_event_it_undoes(
    sentence: str, source: str, target: str, expected: str
) -> None:
    # The lexicon alone (no classifier): the damping is what decides.
    found = classify(
        sentence,
        source=_span(sentence, source),
        target=_span(sentence, target),
        classifier_share=0.0,
    )
    assert found is not None
    assert found.type == expected


def test_inflected_appeals_and_denials_keep_their_cameo_code() -> None:
    urges = "The council urges the rebels to lay down their weapons."
    denied = "The ministry denied the accusations made by the opposition."
    found = [
        classify(urges, source=_span(urges, "The council"), target=_span(urges, "the rebels")),
        classify(
            denied,
            source=_span(denied, "The ministry"),
            target=_span(denied, "the opposition"),
        ),
    ]
    assert [(f.type, f.cameo) if f else None for f in found] == [
        ("REQUEST", "020"),
        ("REJECT", "016"),
    ]
    assert [pentaclass(f.type, cameo=f.cameo) if f else None for f in found] == [0, 0]


def test_word_pairs_and_character_grams_only_between_the_actors() -> None:
    sentence = "Investigators shared evidence with prosecutors in Geneva."
    found = features(
        tokenize(sentence),
        [],
        _span(sentence, "Investigators"),
        _span(sentence, "prosecutors"),
    )
    assert found["bg:shar_evidence"] == found["bg:evidence_with"] == 1.0
    assert {"c:<sha", "c:ared", "c:ence"} <= found.keys()
    # Nothing of the actors or of what follows them: "Geneva" says no event.
    assert not any(name.startswith(("c:<inv", "c:<gen", "c:<pro")) for name in found)
    assert "bg:with_prosecutor" in found  # the pair that reaches the target


def test_inflections_and_tokens() -> None:
    assert {"bans", "banned", "banning"} <= inflections("ban")
    assert {"accuses", "accused", "accusing"} <= inflections("accuse")
    assert {"denies", "denied"} <= inflections("deny")
    assert "withdrew" in inflections("withdraw")
    assert [t.text for t in tokenize("Sit-in at U.N.'s HQ")] == [
        "sit",
        "in",
        "at",
        "u",
        "n",
        "s",
        "hq",
    ]


def _bench() -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location("eval_events", REPO / "bench" / "eval_events.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report() -> dict[str, dict[str, object]]:
    if not (SHARED / "data" / "events-dev" / "plover_pairs_train.tsv").is_file():
        pytest.skip("../shared/data/events-dev is not here")
    result: dict[str, dict[str, object]] = _bench().evaluate("all", 5)
    return result


def test_gate_plover_cross_validated(report: dict[str, dict[str, object]]) -> None:
    combined = report["plover"]["combined"]
    assert isinstance(combined, dict)
    assert combined["macro_f1"] >= 0.79


def test_gate_pentaclass(report: dict[str, dict[str, object]]) -> None:
    assert report["pentaclass"]["accuracy"] >= 0.72  # type: ignore[operator]
    assert report["pentaclass"]["macro_f1"] >= 0.715  # type: ignore[operator]


def test_gate_no_event_sentences(report: dict[str, dict[str, object]]) -> None:
    assert report["negatives"]["false_positive_rate"] <= 0.05  # type: ignore[operator]
    assert report["negatives_heldout"]["false_positive_rate"] <= 0.075  # type: ignore[operator]


@pytest.mark.parametrize(
    "sentence",
    ["Britain is selling weapons to Saudi Arabia.", "France announced new arms sales to India."],
)
def test_selling_arms_is_military_aid(sentence: str) -> None:
    found = classify(sentence)
    assert found is not None and (found.type, found.mode) == ("AID", "military")


def test_a_business_word_inside_a_trigger_phrase_is_not_off_topic() -> None:
    assert classify("Apple reported record iPhone sales in China.") is None
    found = classify("France announced new arms sales to India.")
    assert found is not None and found.type == "AID"
