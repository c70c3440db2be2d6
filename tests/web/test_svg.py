"""Timeline and network layouts, on profiles built by hand (no browser needed)."""

from __future__ import annotations

from crosswire.models import Entity, Event
from crosswire.store import ActorProfile, StoredEvent
from crosswire.web.svg import MAX_NODES, network, parse_when, timeline, tone

EGO = Entity("ego", "Ego", "STATE", country="AAA")


def _row(n: int, type_: str, other: Entity | None, *, date: str | None, side: str) -> StoredEvent:
    event = Event(
        id=f"e{n}",
        type=type_,
        sentence=f"Sentence {n}.",
        start=0,
        end=12,
        source=EGO.id if side == "source" else (other.id if other else None),
        target=other.id if side == "source" and other else EGO.id,
        date=date,
    )
    source, target = (EGO, other) if side == "source" else (other, EGO)
    return StoredEvent(event, article_id=f"a{n}", published=None, source=source, target=target)


def _profile(*rows: tuple[str, StoredEvent]) -> ActorProfile:
    return ActorProfile(
        entity=EGO,
        roles=(),
        articles=(),
        as_source=tuple(r for side, r in rows if side == "source"),
        as_target=tuple(r for side, r in rows if side == "target"),
    )


def test_tone_follows_the_cameo_class() -> None:
    other = Entity("b", "B", "STATE")
    assert tone(_row(1, "COOPERATE", other, date=None, side="source")) == "coop"
    assert tone(_row(2, "ASSAULT", other, date=None, side="source")) == "conflict"


def test_partial_dates_mean_their_first_day() -> None:
    assert str(parse_when("2023")) == "2023-01-01"
    assert str(parse_when("2023-06")) == "2023-06-01"
    assert str(parse_when("2023-06-09T10:00")) == "2023-06-09"
    assert parse_when("on Friday") is None and parse_when(None) is None


def test_timeline_places_events_by_date_on_their_lane_and_counts_undated() -> None:
    b = Entity("b", "B", "STATE")
    rows = [
        ("source", _row(1, "CONSULT", b, date="2023-01-01", side="source")),
        ("source", _row(2, "CONSULT", b, date="2023-12-31", side="source")),
        ("target", _row(3, "ACCUSE", b, date="2023-07-01", side="target")),
        ("target", _row(4, "ACCUSE", b, date=None, side="target")),
    ]
    drawn = timeline(_profile(*rows))
    assert drawn.undated == 1 and len(drawn.dots) == 3
    by_article = {dot.article_id: dot for dot in drawn.dots}
    assert by_article["a1"].x < by_article["a3"].x < by_article["a2"].x
    assert by_article["a1"].y == by_article["a2"].y != by_article["a3"].y
    assert by_article["a3"].tone == "conflict"
    assert drawn.ticks[0].label == "2023-01-01" and drawn.ticks[-1].label == "2023-12-31"


def test_events_on_one_day_are_stacked_not_drawn_over_each_other() -> None:
    b = Entity("b", "B", "STATE")
    rows = [("source", _row(n, "CONSULT", b, date="2023-05-05", side="source")) for n in range(3)]
    drawn = timeline(_profile(*rows))
    assert len({(dot.x, dot.y) for dot in drawn.dots}) == 3


def test_network_edges_take_the_dominant_tone_and_hide_the_tail() -> None:
    friend, foe = Entity("f", "Friend", "STATE"), Entity("x", "Foe", "STATE")
    rows = [
        ("source", _row(1, "COOPERATE", friend, date=None, side="source")),
        ("target", _row(2, "AID", friend, date=None, side="target")),
        ("source", _row(3, "ASSAULT", foe, date=None, side="source")),
        ("source", _row(4, "COOPERATE", None, date=None, side="source")),
    ]
    drawn = network(_profile(*rows))
    names = [node.name for node in drawn.nodes]
    assert names[0] == "Ego" and drawn.nodes[0].ego
    assert names[1:] == ["Friend", "Foe"]  # most events first; no node for a missing actor
    assert [edge.tone for edge in drawn.edges] == ["coop", "conflict"]
    assert drawn.edges[0].width > drawn.edges[1].width
    crowd = [
        ("source", _row(n, "CONSULT", Entity(f"o{n}", f"O{n}", "STATE"), date=None, side="source"))
        for n in range(MAX_NODES + 5)
    ]
    assert network(_profile(*crowd)).hidden == 5
