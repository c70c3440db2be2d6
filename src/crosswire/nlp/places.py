"""Where an event happened: a place phrase in the trigger's own clause.

Split from :mod:`crosswire.nlp.participants` (who took part), which gives the
actors a place phrase may hold: a place is no target when the event has another.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from crosswire.nlp.participants import ACTOR_KINDS, Actor, ActorLookup, Arguments
from crosswire.nlp.triggers import Candidate, of_objects, scene_of

__all__ = ["Place", "place", "without_place"]

_PLACE_PREPS = frozenset(
    {"in", "at", "near", "off", "across", "over", "inside", "within", "through", "along",
     "around", "outside", "above"}
)  # fmt: skip
# Prepositions of a goal: a place after them is where the event went ("sent ships to ...").
_GOAL_PREPS = frozenset({"to", "into"})
# Children that open another event's clause: the place search does not enter them.
_OTHER_CLAUSE = frozenset({"advcl", "ccomp", "relcl", "conj", "acl", "xcomp", "csubj", "parataxis"})
_PLACE_KINDS = frozenset({"PLACE", "STATE", "GPE", "LOC", "FAC"})
# Common nouns that head a place name ("the Asia-Pacific region", "the Taiwan Strait").
_GEO_NOUNS = frozenset(
    {"region", "province", "sea", "strait", "straits", "city", "area", "coast", "island",
     "border", "territory", "ocean", "gulf", "peninsula", "district", "county", "state"}
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """Where an event happened: the place name(s), and the phrase that says so."""

    name: str
    start: int
    end: int

    def holds(self, actor: Actor) -> bool:
        """Whether ``actor`` is named inside the place phrase."""
        return self.start <= actor.start < self.end


def place(candidate: Candidate, actors: ActorLookup) -> Place | None:
    """Where the event happened: a place phrase in its clause, nearest the trigger first.

    The parser often hangs "in Ningxia" on a neighbour word ("translated as ...,
    in Ningxia"), so the whole clause is searched, not only the trigger's children;
    other clauses (relative, adverbial, coordinated verbs) are another event's.
    """
    for prep in _clause_preps(candidate):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            names = [
                _place_name(p, actors, goal=prep.lower_ in _GOAL_PREPS)
                for p in (pobj, *pobj.conjuncts)
            ]
            found = list(dict.fromkeys(n for n in names if n))
            if found:
                end = pobj.right_edge
                return Place("; ".join(found), pobj.left_edge.idx, end.idx + len(end.text))
    return None


def without_place(args: Arguments, where: Place | None) -> Arguments:
    """``args`` without targets named only as the place ("hosted X at the White House").

    A place is no target when the event has another one; alone it may still be
    one ("fired at Israel").
    """
    if where is None:
        return args
    kept = tuple(t for t in args.targets if not where.holds(t))
    return Arguments(args.sources, kept) if kept else args


def _clause_preps(candidate: Candidate) -> Iterator[Token]:
    """The place prepositions of the trigger's clause, breadth first from the trigger."""
    queue, seen = [candidate.trigger, candidate.anchor, *scene_of(candidate.anchor)], set()
    while queue:
        node = queue.pop(0)
        if node.i in seen:
            continue
        seen.add(node.i)
        if node.dep_ in {"prep", "dative"} and node.lower_ in _PLACE_PREPS | _GOAL_PREPS:
            yield node
        queue += [
            c
            for c in node.children
            if not (c.dep_ in _OTHER_CLAUSE and c.pos_ in {"VERB", "AUX"}) and c.i not in seen
        ]


def _place_name(pobj: Token, actors: ActorLookup, *, goal: bool = False) -> str | None:
    """The place ``pobj`` names; after "to" (``goal``) only a place that is no actor.

    "sent ships to the South China Sea" is a place, "sold arms to Taiwan" a recipient.
    """
    entity = actors.entity_at(pobj.idx, pobj.idx + len(pobj.text))
    if entity is not None:
        kinds = _PLACE_KINDS - ACTOR_KINDS if goal else _PLACE_KINDS
        if entity.kind not in kinds:
            return None
        # a capital or seat standing for a government ("at the White House", "in
        # Beijing") is the place it names, not the institution it stands for
        return entity.name if entity.sector is None else _surface(pobj)
    if goal:
        return None
    named = next((p for p in of_objects(pobj) if pobj.lower_ in _GEO_NOUNS), None)
    if named is not None and pobj.is_lower:  # not "the Sea of Japan": a name of its own
        return _place_name(named, actors)  # "the state of Texas", "the city of Mariupol"
    if pobj.ent_type_ in {"GPE", "LOC", "FAC"} or (
        pobj.lemma_.lower() in _GEO_NOUNS and any(t.pos_ == "PROPN" for t in pobj.subtree)
    ):
        return _surface(pobj)
    return None


def _surface(pobj: Token) -> str:
    """The place phrase as written, up to its head, without "the"."""
    words = [t for t in pobj.subtree if t.dep_ not in {"relcl", "acl"} or t.i == pobj.i]
    words = [t for t in words if t.i <= max(pobj.i, words[0].i)]
    text = pobj.doc[words[0].i : pobj.i + 1].text
    return text[4:] if text.lower().startswith("the ") else text
