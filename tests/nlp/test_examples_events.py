"""Acceptance: EXPECTED.md section 3 (events) on the two example articles, full pipeline.

Parts not yet achieved are strict xfails, so the report stays honest (none now).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.clean.lines import clean_text
from crosswire.config import Settings
from crosswire.models import Event
from crosswire.nlp.actors import resolve_actors
from crosswire.nlp.events import extract_events
from crosswire.nlp.kb import load_kb
from crosswire.nlp.ruler import build_nlp

PUBLISHED = {"000": None, "001": "2023-06-11"}


@pytest.fixture(scope="module")
def found(examples: Path) -> dict[str, tuple[tuple[Event, ...], dict[str, str]]]:
    nlp, kb = build_nlp(Settings()), load_kb(extra="")
    out = {}
    for path in sorted(examples.glob("*.txt")):
        key = path.name[:3]
        body = clean_text(path.read_text(encoding="utf-8")).body
        doc = nlp(body)
        actors = resolve_actors(doc, published=PUBLISHED[key], kb=kb)
        events = extract_events(doc, actors, published=PUBLISHED[key], outlet=None)
        for event in events:
            assert body[event.start : event.end] == event.sentence
        out[key] = (events, {e.id: e.name for e in actors.entities})
    return out


def named(found, key: str, kind: str, source: str, target: str | None = None) -> list[Event]:  # type: ignore[no-untyped-def]
    events, names = found[key]
    return [
        e
        for e in events
        if e.type == kind
        and source in names.get(e.source or "", "")
        and (target is None or target in names.get(e.target or "", ""))
    ]


def test_video_conference_000(found) -> None:  # type: ignore[no-untyped-def]
    (event, *_) = named(found, "000", "CONSULT", "Gerasimov", "Liu")
    assert event.attributed_to == "Russian news agencies"


def test_video_conference_001_on_friday(found) -> None:  # type: ignore[no-untyped-def]
    events = named(found, "001", "CONSULT", "Liu")
    assert any(e.date == "2023-06-09" and e.date_text == "on Friday" for e in events)
    assert any("Ministry of National Defense" in (e.attributed_to or "") for e in events)


def test_pledge_and_invitation_000(found) -> None:  # type: ignore[no-untyped-def]
    events, _ = found["000"]
    pledge = [e for e in events if e.type in {"AGREE", "COOPERATE"} and e.modality == "future"]
    assert pledge and all(e.attributed_to == "Russian news agencies" for e in pledge)
    assert any(e.trigger == "invitation" for e in named(found, "000", "AGREE", "Gerasimov", "Liu"))


def test_russia_will_take_part_001(found) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in named(found, "001", "AGREE", "Russia", "China") if e.modality == "future"]
    assert any("press release" in (e.attributed_to or "") for e in events)


def test_accusation_000(found) -> None:  # type: ignore[no-untyped-def]
    assert named(found, "000", "ACCUSE", "United States", "China")


def test_aid_is_negated_and_separately_hedged_never_asserted(found) -> None:  # type: ignore[no-untyped-def]
    aid = named(found, "000", "AID", "China")
    assert {e.modality for e in aid} == {"negated", "hedged"}


def test_us_actions_framed_as_provocations_001(found) -> None:  # type: ignore[no-untyped-def]
    framed = [e for e in found["001"][0] if e.framing == "military provocations"]
    targets = {found["001"][1].get(e.target or "") for e in framed}
    assert {"Taiwan", "Japan", "Philippines"} <= targets
    assert all("United States" in found["001"][1].get(e.source or "", "") for e in framed)


def test_western_interaction_in_august_2021(found) -> None:  # type: ignore[no-untyped-def]
    western = named(found, "001", "COOPERATE", "China", "Russia")
    assert any(e.date == "2021-08" and e.mode == "military" for e in western)


def test_background_habits_are_not_dated(found) -> None:  # type: ignore[no-untyped-def]
    events, _ = found["001"]
    habits = [e for e in events if "annually" in e.sentence]
    assert all(e.date is None for e in habits)


def test_air_patrol_on_wednesday(found) -> None:  # type: ignore[no-untyped-def]
    (patrol,) = [
        e for e in named(found, "001", "COOPERATE", "China", "Russia") if e.trigger == "patrol"
    ]
    assert (patrol.date, patrol.date_text) == ("2023-06-07", "on Wednesday")
    assert patrol.mode == "military" and patrol.place == "Asia-Pacific"


def test_places(found) -> None:  # type: ignore[no-untyped-def]
    places = {e.trigger: e.place for e in found["001"][0] if e.place}
    assert places.get("hosted") == "Ningxia Hui Autonomous Region"
    assert places.get("sending") == "Taiwan Strait; South China Sea"
    assert places.get("selling") is None  # "to the island of Taiwan" is a recipient


def test_loaded_terms_frame_000(found) -> None:  # type: ignore[no-untyped-def]
    terms = {t for e in found["000"][0] for t in (e.framing or "").split("; ") if t}
    assert {"full-scale invasion", "war with Ukraine", "war efforts"} <= terms


def test_arms_supplies_to_ukraine_001(found) -> None:  # type: ignore[no-untyped-def]
    (supplies,) = named(found, "001", "AID", "United States", "Ukraine")
    assert supplies.framing == "military provocations"
    assert not [e for e in found["001"][0] if e.trigger == "fuel"]  # the supplies are the event


def test_false_events_are_gone(found) -> None:  # type: ignore[no-untyped-def]
    assert not named(found, "000", "ACCUSE", "Xi")  # "leading to the US accusing": the US accuses
    assert not [e for e in found["001"][0] if e.trigger == "targeting"]  # describes the exercises
    assert not [e for e in found["001"][0] if "own drills" in e.sentence and e.trigger == "drills"]


def test_coordinated_subjects_hold_the_conference_001(found) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in named(found, "001", "CONSULT", "Liu", "Gerasimov") if e.date]
    assert [e.trigger for e in events] == ["conference"]


def test_loaded_terms_frame_001(found) -> None:  # type: ignore[no-untyped-def]
    terms = {t for e in found["001"][0] for t in (e.framing or "").split("; ") if t}
    assert {"military provocations", "stabilizing effect"} <= terms


def test_video_conference_001_attributed_to_both_ministries(found) -> None:  # type: ignore[no-untyped-def]
    (event,) = [e for e in named(found, "001", "CONSULT", "Liu") if e.date == "2023-06-09"]
    sources = event.attributed_to or ""
    assert "Ministry of National Defense" in sources and "Ministry of Defen" in sources
    assert sources.index("National Defense") < sources.index("press release);")


def test_one_event_per_mention_in_a_sentence(found) -> None:  # type: ignore[no-untyped-def]
    for key in ("000", "001"):
        events, _ = found[key]
        seen = [(e.start, e.type, frozenset({e.source, e.target}), e.modality) for e in events]
        assert len(seen) == len(set(seen)), key
    pledge = [e for e in found["000"][0] if e.type == "COOPERATE" and "pledged" in e.sentence]
    assert [(e.mode, e.modality) for e in pledge] == [("military", "future")]
    conference = [e for e in named(found, "001", "CONSULT", "Liu") if "exchanged" in e.sentence]
    assert [(e.trigger, e.date) for e in conference] == [("conference", "2023-06-09")]
    first = [e for e in found["001"][0] if e.start == 0]
    assert [(e.type, e.mode, e.modality) for e in first] == [("COOPERATE", "military", "future")]


def test_framing_stays_in_its_clause_000(found) -> None:  # type: ignore[no-untyped-def]
    events, _ = found["000"]
    framing = {e.type: e.framing for e in events if "President Xi" in e.sentence}
    assert framing == {
        "COOPERATE": "war with Ukraine",
        "ACCUSE": "war efforts",
        "SUPPORT": "war efforts",
    }


def test_aid_refused_is_military_aid(found) -> None:  # type: ignore[no-untyped-def]
    assert {e.mode for e in named(found, "000", "AID", "China")} == {"military"}
