"""The claim matrix on small hand-built articles: merging, contradiction, key statements."""

from __future__ import annotations

from typing import Any

from tests.factory import make_article

from crosswire.models import Article, Entity, Event, Mention
from crosswire.stories.claims import (
    CONTRADICTED,
    NOT_REPORTED,
    REPORTED,
    claim_matrix,
    is_key_statement,
)

ENTITIES = {
    "Gerasimov": Entity("e-ger", "Valery Gerasimov", "PERSON", country="RUS", sector="MIL"),
    "Liu": Entity("e-liu", "Liu Zhenli", "PERSON", country="CHN", sector="MIL"),
    "Russia": Entity("e-rus", "Russia", "STATE", country="RUS"),
    "China": Entity("e-chn", "China", "STATE", country="CHN"),
    "Beijing": Entity("e-chn-gov", "Government of China", "STATE", country="CHN", sector="GOV"),
    "Vostok-2022": Entity("e-vostok", "Vostok", "EXERCISE", country="RUS", sector="MIL"),
}


def article(body: str, events: list[dict[str, Any]], **fields: Any) -> Article:
    """An article whose named actors (keys of ENTITIES) are mentioned wherever they occur."""
    mentions, used = [], {}
    for name, entity in ENTITIES.items():
        start = body.find(name)
        while start >= 0:
            mentions.append(Mention(name, "X", start, start + len(name), entity.id))
            used[entity.id] = entity
            start = body.find(name, start + 1)
    built = []
    for n, spec in enumerate(events):
        sentence = spec.pop("sentence")
        start = body.index(sentence)
        built.append(
            Event(id=f"ev{n}", sentence=sentence, start=start, end=start + len(sentence), **spec)
        )
    return make_article(
        body,
        mentions=tuple(sorted(mentions, key=lambda m: m.start)),
        entities=tuple(used.values()),
        events=tuple(built),
        **fields,
    )


CALL_A = "Gerasimov held a video call with Liu on Friday."
CALL_B = "Liu and Gerasimov had a video conference, officials said."


def test_the_same_event_in_two_outlets_is_one_claim_reported_by_both() -> None:
    a = article(
        CALL_A,
        [dict(type="CONSULT", sentence=CALL_A, source="e-ger", target="e-liu", trigger="call")],
    )
    b = article(
        CALL_B,
        [
            dict(
                type="CONSULT",
                sentence=CALL_B,
                source="e-liu",
                target="e-ger",
                trigger="conference",
            )
        ],
    )
    claims = claim_matrix({"A": [a], "B": [b]})
    assert len(claims) == 1
    assert [c.status for c in claims[0].cells] == [REPORTED, REPORTED]
    evidence = claims[0].cells[1].evidence[0]
    assert b.body[evidence.start : evidence.end] == evidence.sentence == CALL_B
    assert evidence.article_id == b.id


def test_different_types_or_clashing_parties_stay_apart() -> None:
    a = article(
        CALL_A,
        [dict(type="CONSULT", sentence=CALL_A, source="e-ger", target="e-liu", trigger="call")],
    )
    body = "Gerasimov threatened Russia with a video call."
    b = article(
        body,
        [
            dict(
                type="THREATEN", sentence=body, source="e-ger", target="e-rus", trigger="threatened"
            )
        ],
    )
    claims = claim_matrix({"A": [a], "B": [b]})
    assert len(claims) == 2
    assert {c.reported_by for c in claims} == {("A",), ("B",)}


def test_a_state_and_its_government_are_compatible_parties() -> None:
    one = "China will continue military cooperation with Russia."
    two = "Beijing pledged to continue military cooperation with Russia next year."
    a = article(
        one,
        [
            dict(
                type="COOPERATE",
                sentence=one,
                source="e-chn",
                target="e-rus",
                trigger="cooperation",
            )
        ],
    )
    b = article(
        two,
        [
            dict(
                type="COOPERATE",
                sentence=two,
                source="e-chn-gov",
                target="e-rus",
                trigger="cooperation",
            )
        ],
    )
    claims = claim_matrix({"A": [a], "B": [b]})
    assert [c.reported_by for c in claims] == [("A", "B")]


def test_a_negated_event_contradicts_an_asserted_one() -> None:
    one = "China supplied weapons to Russia, officials said."
    two = "China did not supply weapons to Russia, officials said."
    a = article(
        one, [dict(type="AID", sentence=one, source="e-chn", target="e-rus", trigger="supplied")]
    )
    b = article(
        two,
        [
            dict(
                type="AID",
                sentence=two,
                source="e-chn",
                target="e-rus",
                trigger="supply",
                modality="negated",
            )
        ],
    )
    claims = claim_matrix({"A": [a], "B": [b]})
    assert len(claims) == 1
    assert [c.status for c in claims[0].cells] == [REPORTED, CONTRADICTED]
    assert claims[0].cells[1].evidence[0].modality == "negated"


def test_a_specific_exercise_the_other_article_never_names_is_another_claim() -> None:
    one = "China and Russia held joint exercises in the Vostok-2022 drills."
    two = "China and Russia held joint exercises, the ministry said."
    spec = dict(type="COOPERATE", source="e-chn", target="e-rus", trigger="exercises")
    a = article(one, [dict(spec, sentence=one)])
    b = article(two, [dict(spec, sentence=two)])
    claims = claim_matrix({"A": [a], "B": [b]})
    assert len(claims) == 2
    vostok = next(c for c in claims if "Vostok" in c.label)
    assert vostok.reported_by == ("A",)


def test_two_units_of_one_article_never_merge_into_one_claim() -> None:
    body = f"{CALL_A} Later, {CALL_B}"
    first = CALL_A
    second = CALL_B
    a = article(
        body,
        [
            dict(type="CONSULT", sentence=first, source="e-ger", target="e-liu", trigger="call"),
            dict(
                type="CONSULT",
                sentence=second,
                source="e-liu",
                target="e-ger",
                trigger="conference",
            ),
        ],
    )
    claims = claim_matrix({"A": [a]})
    assert len(claims) == 2


def test_key_statements_are_sentences_with_content_and_merge_when_nearly_identical() -> None:
    quote = (
        "Gerasimov said the talks were “a significant step for both armed forces and their staff”."
    )
    a = article(f"Short line. {quote}", [])
    b = article(f"{quote} Nothing else here at all.", [])
    claims = claim_matrix({"A": [a], "B": [b]})
    shared = [c for c in claims if c.reported_by == ("A", "B")]
    assert len(shared) == 1 and shared[0].kind == "statement"
    assert all(c.status("A") == NOT_REPORTED or "Short" not in c.label for c in claims)


def test_is_key_statement() -> None:
    plain = make_article("the cat sat on the mat and then the dog came home again")
    assert not is_key_statement("Too short to count.", plain, 0, 19)
    assert not is_key_statement(plain.body, plain, 0, len(plain.body))
    assessment = (
        "These talks between army chiefs could be a significant development for regional security."
    )
    assert is_key_statement(assessment, make_article(assessment), 0, len(assessment))
    number = "Agents made more than 178,000 arrests along the southern border in June."
    assert is_key_statement(number, make_article(number), 0, len(number))
