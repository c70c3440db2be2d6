"""The actor network: who acts on whom, how often, cooperatively or not, as GraphML.

Nodes are stored actors (entities), edges go from an event's source to its
target, weighted by the number of events, with how many of them are cooperation
(CAMEO pentaclasses 1-2: verbal and material cooperation) and how many conflict
(3-4), and a count per PLOVER type. GraphML opens in Gephi, Cytoscape or networkx.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from crosswire.models import Entity
from crosswire.nlp.plover import pentaclass
from crosswire.store import StoredEvent

#: Pentaclass -> what the edge attribute counts.
TONE = {1: "cooperation", 2: "cooperation", 3: "conflict", 4: "conflict"}


def actor_network(events: Iterable[StoredEvent]) -> nx.DiGraph:
    """A directed graph of the actors in ``events`` (events without both actors are left out)."""
    graph = nx.DiGraph()
    types: dict[tuple[str, str], Counter[str]] = {}
    for stored in events:
        source, target = stored.source, stored.target
        if source is None or target is None or source.id == target.id:
            continue
        for entity in (source, target):
            _add_node(graph, entity)
        key = (source.id, target.id)
        if not graph.has_edge(*key):
            graph.add_edge(*key, weight=0, cooperation=0, conflict=0, neutral=0)
        edge = graph.edges[key]
        edge["weight"] += 1
        edge[TONE.get(pentaclass(stored.event.type) or 0, "neutral")] += 1
        types.setdefault(key, Counter())[stored.event.type] += 1
    for key, counts in types.items():
        graph.edges[key]["types"] = "; ".join(f"{t}:{n}" for t, n in counts.most_common())
    return graph


def _add_node(graph: nx.DiGraph, entity: Entity) -> None:
    if entity.id in graph:
        graph.nodes[entity.id]["events"] += 1
        return
    graph.add_node(
        entity.id,
        label=entity.name,
        kind=entity.kind,
        country=entity.country or "",
        sector=entity.sector or "",
        events=1,
    )


def write_graphml(events: Iterable[StoredEvent], path: Path) -> tuple[int, int]:
    """Write the actor network of ``events`` to ``path``; returns (actors, links)."""
    graph = actor_network(events)
    nx.write_graphml(graph, path)
    return graph.number_of_nodes(), graph.number_of_edges()
