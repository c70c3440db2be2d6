"""Pronoun and role-noun subjects resolved to the person named before (crosswire.nlp.pronouns).

Real parse and real actors step (names, titles, roles), so the test sees what the
events step sees; the classifier is the shipped one.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from crosswire.config import Settings
from crosswire.models import Event
from crosswire.nlp.actors import resolve_actors
from crosswire.nlp.events import extract_events
from crosswire.nlp.kb import load_kb
from crosswire.nlp.pronouns import resolve_references
from crosswire.nlp.ruler import build_nlp

Run = Callable[[str], tuple[dict[str, str], tuple[Event, ...], dict[str, str]]]


@pytest.fixture(scope="module")
def run() -> Run:
    """``text`` -> (resolved reference text -> name, events, entity id -> name)."""
    nlp, kb = build_nlp(Settings()), load_kb(extra="")

    def go(text: str) -> tuple[dict[str, str], tuple[Event, ...], dict[str, str]]:
        doc = nlp(text)
        actors = resolve_actors(doc, published="2023-06-11", kb=kb)
        names = {e.id: e.name for e in actors.entities}
        lookup = resolve_references(doc, actors)
        for mention in lookup.references:
            assert text[mention.start : mention.end] == mention.text
        refs = {f"{m.text}@{m.start}": names[m.entity or ""] for m in lookup.references}
        events = extract_events(doc, actors, published="2023-06-11", outlet=None)
        return refs, events, names

    return go


def test_reported_clause_pronoun_is_the_reporter(run: Run) -> None:
    refs, events, _ = run(
        "President Joe Biden defended his decision. He told reporters that the "
        "United States would sanction Iran."
    )
    assert list(refs.values()) == ["Joe Biden"]
    later = [e for e in events if e.start > 0]  # whatever the classifier types them
    assert later and {e.attributed_to for e in later} == {"Joe Biden"}


def test_pronoun_opening_a_paragraph_looks_at_the_one_before(run: Run) -> None:
    refs, events, _ = run(
        "Russian Defense Minister Sergei Shoigu met Chinese officials in Moscow on Monday.\n\n"
        "He said Russia would supply weapons to Syria."
    )
    assert refs == {"He@83": "Sergei Shoigu"}
    assert any(e.start > 0 and e.attributed_to == "Sergei Shoigu" for e in events)


def test_pronoun_does_not_reach_past_the_paragraph_before(run: Run) -> None:
    refs, _, _ = run(
        "Sergei Shoigu met Chinese officials in Moscow on Monday.\n\n"
        "Russia held drills near the border.\n\nHe said Russia would supply weapons to Syria."
    )
    assert refs == {}


def test_pronoun_as_event_source(run: Run) -> None:
    _, events, names = run(
        "Sergei Shoigu arrived in Beijing on Sunday. He met Chinese Defense Minister "
        "Li Shangfu on Monday."
    )
    later = [e for e in events if e.start > 0]
    assert later and names[later[0].source or ""] == "Sergei Shoigu"


def test_two_candidates_leave_the_pronoun_open(run: Run) -> None:
    refs, events, _ = run(
        "Sergei Lavrov met Antony Blinken in Geneva. He said Russia would attack Ukraine. "
        "He added that Russia would attack Poland."
    )
    assert refs == {}  # the second "he" is as open as the first
    assert {e.attributed_to for e in events if e.start > 0} == {"He"}


def test_gender_cue_picks_between_two(run: Run) -> None:
    refs, _, _ = run(
        "Mrs. Jane Smith met Mr. John Brown on Monday. She said the United States "
        "would impose sanctions on Russia."
    )
    assert list(refs.values()) == ["Jane Smith"]


def test_the_minister_is_the_minister_named_before(run: Run) -> None:
    refs, events, _ = run(
        "Russian Foreign Minister Sergei Lavrov spoke on Tuesday. The minister said "
        "Russia would expel American diplomats."
    )
    assert list(refs.values()) == ["Sergey Lavrov"]
    assert all(e.attributed_to == "Sergey Lavrov" for e in events if e.start > 0)


def test_role_noun_with_no_holder_stays_open(run: Run) -> None:
    refs, _, _ = run("Sergei Lavrov spoke on Tuesday. The general said Russia would win.")
    assert refs == {}


def test_the_two_sides_as_speakers_are_both(run: Run) -> None:
    _, events, _ = run(
        "Liu Zhenli and Valery Gerasimov held a video conference on Friday. The two sides "
        "confirmed that Russia will take part in an exercise organized by China."
    )
    later = [e for e in events if e.start > 0]
    assert later and all(e.attributed_to == "Liu Zhenli and Valery Gerasimov" for e in later)


def test_group_noun_inside_the_subject_names_both_parties(run: Run) -> None:
    _, events, names = run(
        "Russia and China signed a defence pact in Moscow. The armed forces of the two "
        "countries will hold joint exercises next year."
    )
    later = [e for e in events if e.start > 0]
    assert later
    assert {names[later[0].source or ""], names[later[0].target or ""]} == {"Russia", "China"}


def test_pronouns_inside_a_quotation_are_left_alone(run: Run) -> None:
    refs, _, _ = run(
        "Brittany Commisso spoke on Monday. \u201cHe knows the truth,\u201d Commisso told CBS."
    )
    assert refs == {}
