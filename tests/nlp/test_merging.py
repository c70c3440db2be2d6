"""Repeats across sentences (crosswire.nlp.merging.merge_repeats) on hand-made events."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosswire.models import Event
from crosswire.nlp.merging import Told, merge_repeats

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
