"""Repeats across sentences (crosswire.nlp.merging.merge_repeats) on hand-made events."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosswire.config import Settings
from crosswire.models import Event, EventMention
from crosswire.nlp.merging import Told, merge_mentions, merge_repeats
from crosswire.nlp.stage import NlpStage
from tests.factory import make_article

FIRST = Event(
    id="a", type="COOPERATE", sentence="one", start=0, end=3, source="rus", target="chn",
    modality="future", attributed_to="officials",
)  # fmt: skip
LATER = replace(
    FIRST, id="b", sentence="two", start=10, end=13, source="chn", target="rus",
    mode="military", cameo="0312", date="2023-07", date_text="in July",
    attributed_to="Ministry (a press release)",
)  # fmt: skip
TOLD = {"a": Told("participate"), "b": Told("participate")}


def test_later_mention_completes_the_first() -> None:
    (merged,) = merge_repeats([FIRST, LATER], TOLD)
    assert (merged.id, merged.sentence, merged.start, merged.end) == ("a", "one", 0, 3)
    assert (merged.mode, merged.cameo, merged.date, merged.date_text) == (
        "military", "0312", "2023-07", "in July"
    )  # fmt: skip
    assert merged.attributed_to == "officials; Ministry (a press release)"


def test_verb_and_noun_of_one_event_are_one_word() -> None:
    told = {"a": Told("invite"), "b": Told("invitation")}
    assert len(merge_repeats([FIRST, LATER], told)) == 1


@pytest.mark.parametrize(
    ("change", "told"),
    [
        ({"target": None}, TOLD),  # a party left open: too little to tell
        ({"type": "AGREE"}, TOLD),
        ({"modality": "asserted"}, TOLD),  # happened vs still to come
        ({"mode": "economic"}, TOLD),
        ({}, {"a": Told("participate"), "b": Told("participate", further=True)}),  # "another"
        ({}, {"a": Told("participate"), "b": Told("host")}),  # other words: perhaps other events
        ({}, {"a": Told("exercise", things=frozenset({"zapad"})),
              "b": Told("exercise", things=frozenset({"vostok"}))}),  # two named exercises
        ({"start": 0}, TOLD),  # one sentence: merge_mentions' business
    ],
)  # fmt: skip
def test_other_occurrences_stay_apart(change: dict[str, object], told: dict[str, Told]) -> None:
    first = replace(FIRST, mode="military") if "mode" in change else FIRST
    assert len(merge_repeats([first, replace(LATER, **change)], told)) == 2


def test_different_dates_and_places_stay_apart() -> None:
    dated = replace(FIRST, date="2023-06", date_text="in June")
    assert len(merge_repeats([dated, LATER], TOLD)) == 2
    placed = [replace(FIRST, place="Ningxia"), replace(LATER, place="Vladivostok")]
    assert len(merge_repeats(placed, TOLD)) == 2
    phrases = [
        replace(e, date=None, date_text=t) for e, t in ((FIRST, "on Friday"), (LATER, "on Monday"))
    ]
    assert len(merge_repeats(phrases, TOLD)) == 2


def test_a_month_holds_its_days() -> None:
    dated = replace(FIRST, date="2023-07-14", date_text="on July 14")
    (merged,) = merge_repeats([dated, LATER], TOLD)
    assert (merged.date, merged.date_text) == ("2023-07-14", "on July 14")
    later = replace(LATER, date="2023-07-14", date_text="on July 14")
    (finer,) = merge_repeats([replace(FIRST, date="2023-07", date_text="in July"), later], TOLD)
    assert (finer.date, finer.date_text) == ("2023-07-14", "on July 14")
    other_month = replace(FIRST, date="2023-08-14", date_text="on August 14")
    assert len(merge_repeats([other_month, LATER], TOLD)) == 2


def test_habits_are_not_merged() -> None:
    habits = [replace(e, modality="habitual") for e in (FIRST, LATER)]
    assert len(merge_repeats(habits, TOLD)) == 2


def test_the_later_mention_is_kept_as_evidence() -> None:
    (merged,) = merge_repeats([FIRST, LATER], TOLD)
    assert (merged.sentence, merged.start, merged.end) == ("one", 0, 3)
    assert merged.mentions == (EventMention("two", 10, 13, None),)
    assert merge_repeats([FIRST], TOLD)[0].mentions == ()


def test_mentions_are_in_text_order_once_per_sentence() -> None:
    third = replace(LATER, id="c", sentence="three", start=20, end=25, trigger="took part")
    again = replace(third, id="d", trigger="joined")  # the same sentence once more
    told = TOLD | {"c": Told("participate"), "d": Told("participate")}
    (merged,) = merge_repeats([FIRST, LATER, third, again], told)
    assert [(m.start, m.end) for m in merged.mentions] == [(10, 13), (20, 25)]
    assert merged.mentions[1].trigger == "took part"  # the first of the sentence
    assert merged.id == "a"  # the id does not depend on how often it was told


def test_one_sentence_merged_keeps_the_mentions_of_both() -> None:
    told_again = replace(FIRST, mentions=(EventMention("two", 10, 13),))
    specific = replace(FIRST, id="z", mode="military")  # kept: more specific
    (merged,) = merge_mentions([told_again, specific])
    assert (merged.id, merged.mentions) == ("z", (EventMention("two", 10, 13),))


def test_mentions_of_a_parsed_article_slice_the_body() -> None:
    body = (
        "Poland will participate in a military drill hosted by Norway, the ministry said. "
        "The drill will be held in the north. "
        "Poland will participate in the drill hosted by Norway next month, "
        "according to a statement."
    )
    article = NlpStage(Settings())(make_article(body, id="0" * 16, raw=body, language="en"))
    retold = [e for e in article.events if e.mentions]
    assert len(retold) == 1, article.events
    (event,) = retold
    assert body[event.start : event.end].startswith("Poland will participate in a military")
    (mention,) = event.mentions
    assert body[mention.start : mention.end] == mention.sentence
    assert mention.sentence.startswith("Poland will participate in the drill hosted by Norway")
    assert mention.sentence.endswith("according to a statement.")
