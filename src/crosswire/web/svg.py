"""Server-side layouts for an actor's pictures: a timeline of its events and its network.

Only coordinates and labels are computed here; the templates draw them as inline
SVG (autoescaped, no script). Events are toned by the CAMEO class of their type:
cooperation (verbal or material), conflict, or neither (statements, appeals).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from crosswire.models import Entity
from crosswire.nlp.plover import pentaclass
from crosswire.store import ActorProfile, StoredEvent

#: Drawing sizes (SVG user units).
WIDTH, TIMELINE_HEIGHT, NETWORK_SIZE = 900, 200, 560
_MARGIN = 60
#: Lanes of the timeline: events where the actor is the source, and the target.
_LANES = {"source": 70, "target": 140}
#: Counterparts drawn in the network; the rest are summed up in a note.
MAX_NODES = 24


def tone(row: StoredEvent) -> str:
    """``"coop"``, ``"conflict"`` or ``"neutral"`` for an event's CAMEO class."""
    klass = pentaclass(row.event.type, cameo=row.event.cameo)
    if klass in (1, 2):
        return "coop"
    if klass in (3, 4):
        return "conflict"
    return "neutral"


def parse_when(value: str | None) -> dt.date | None:
    """The first day an ISO date or partial date (``2023``, ``2023-06``) can mean."""
    if not value:
        return None
    head = value[:10]
    for size, pad in ((10, ""), (7, "-01"), (4, "-01-01")):
        try:
            return dt.date.fromisoformat(head[:size] + pad)
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Dot:
    """One event on the timeline."""

    x: float
    y: float
    tone: str
    label: str
    article_id: str


@dataclass(frozen=True)
class Tick:
    """An axis label."""

    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    """Dated events as dots on two lanes (as source, as target); undated ones counted."""

    dots: tuple[Dot, ...]
    ticks: tuple[Tick, ...]
    undated: int
    lanes: tuple[tuple[str, int], ...] = tuple(_LANES.items())
    width: int = WIDTH
    height: int = TIMELINE_HEIGHT


def _label(row: StoredEvent, other: Entity | None, side: str) -> str:
    """The tooltip of an event: when, type, with whom, and the evidence sentence."""
    arrow = "->" if side == "source" else "<-"
    name = other.name if other else "?"
    event = row.event
    when = row.when or "undated"
    return f"{when} {event.type} {arrow} {name} ({event.modality}): {event.sentence}"


def timeline(profile: ActorProfile) -> Timeline:
    """The actor's events placed by date on their lane; events on one day are stacked."""
    rows = [("source", r, r.target) for r in profile.as_source]
    rows += [("target", r, r.source) for r in profile.as_target]
    dated = [(parse_when(r.when), side, r, other) for side, r, other in rows]
    placed = [(day, side, r, other) for day, side, r, other in dated if day is not None]
    if not placed:
        return Timeline((), (), undated=len(rows))
    first = min(day for day, *_ in placed)
    last = max(day for day, *_ in placed)
    span = max((last - first).days, 1)

    def x_of(day: dt.date) -> float:
        return _MARGIN + (day - first).days / span * (WIDTH - 2 * _MARGIN)

    stacked: dict[tuple[str, dt.date], int] = defaultdict(int)
    dots = []
    for day, side, row, other in sorted(placed, key=lambda p: (p[0], p[1])):
        level = stacked[(side, day)]
        stacked[(side, day)] += 1
        y = _LANES[side] + (level % 4) * 9 - 13
        dots.append(Dot(x_of(day), y, tone(row), _label(row, other, side), row.article_id))
    return Timeline(tuple(dots), _ticks(first, last, x_of), undated=len(rows) - len(placed))


def _ticks(first: dt.date, last: dt.date, x_of: Callable[[dt.date], float]) -> tuple[Tick, ...]:
    """Up to five evenly spaced date labels from ``first`` to ``last``."""
    if first == last:
        return (Tick(x_of(first), first.isoformat()),)
    steps = 4
    span = (last - first).days
    days = sorted({first + dt.timedelta(days=round(span * i / steps)) for i in range(steps + 1)})
    return tuple(Tick(x_of(day), day.isoformat()) for day in days)


@dataclass(frozen=True)
class Node:
    """An actor in the network, placed; ``ego`` is the actor the page is about."""

    id: str
    name: str
    x: float
    y: float
    r: float
    ego: bool = False


@dataclass(frozen=True)
class Edge:
    """The events between the ego and one counterpart, toned by what dominates."""

    x1: float
    y1: float
    x2: float
    y2: float
    tone: str
    width: float
    label: str


@dataclass(frozen=True)
class Network:
    """The ego in the centre, counterparts on a circle, most frequent first."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    hidden: int
    size: int = NETWORK_SIZE


def network(profile: ActorProfile) -> Network:
    """The actors this one has events with, edges coloured cooperation vs conflict."""
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    for rows, side in ((profile.as_source, "target"), (profile.as_target, "source")):
        for row in rows:
            other: Entity | None = getattr(row, side)
            if other is None or other.id == profile.entity.id:
                continue
            names[other.id] = other.name
            tally[other.id][tone(row)] += 1
    ranked = sorted(tally, key=lambda key: (-sum(tally[key].values()), names[key]))
    shown = ranked[:MAX_NODES]
    centre = NETWORK_SIZE / 2
    radius = NETWORK_SIZE / 2 - 70
    nodes = [Node(profile.entity.id, profile.entity.name, centre, centre, 16, ego=True)]
    edges = []
    for i, key in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        counts = tally[key]
        total = sum(counts.values())
        nodes.append(Node(key, names[key], x, y, 6 + 2 * math.log2(1 + total)))
        edges.append(
            Edge(
                centre,
                centre,
                x,
                y,
                _dominant(counts),
                1 + 1.5 * math.log2(total),
                _tally_label(names[key], counts),
            )
        )
    return Network(tuple(nodes), tuple(edges), hidden=len(ranked) - len(shown))


def _dominant(counts: dict[str, int]) -> str:
    """The tone of an edge: cooperation or conflict if one outweighs the other."""
    if counts["coop"] > counts["conflict"]:
        return "coop"
    if counts["conflict"] > counts["coop"]:
        return "conflict"
    return "neutral" if not counts["coop"] else "mixed"


def _tally_label(name: str, counts: dict[str, int]) -> str:
    return (
        f"{name}: {counts['coop']} cooperation, {counts['conflict']} conflict, "
        f"{counts['neutral']} other"
    )
