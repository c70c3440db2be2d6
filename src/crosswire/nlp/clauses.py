"""The words of one event's clause, as the PLOVER classifier is given them.

A sentence often tells several events ("The United States accused China of selling
weapons"): each trigger is typed from its own words, its light verb, and the
actors' names, not from the whole sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from crosswire.nlp.participants import Actor
from crosswire.nlp.triggers import Candidate

__all__ = ["clause_text"]


def clause_text(
    candidate: Candidate,
    source: Actor | None,
    target: Actor | None,
    *,
    drop: frozenset[int] | set[int] = frozenset(),
) -> tuple[str, Callable[[Actor | None], tuple[int, int] | None]]:
    """The text the classifier sees, and where each actor is in it.

    The trigger's own words (its subtree without the other events it governs),
    its light verb and particle, and the actors' names, in text order, joined by
    spaces where they are apart:
    "The United States ... accused China" is typed without "sold weapons" between.
    """
    trigger = candidate.trigger
    subtree = _own_subtree(trigger)
    pieces = _runs(trigger.doc[subtree[0].i : subtree[-1].i + 1], drop)
    pieces += [(a.start, a.end) for a in (source, target) if a is not None]
    if candidate.anchor.i != trigger.i:
        # the light verb says what is done with the event noun ("signed an agreement"),
        # and its preposition how the target takes part ("held exercises with Belarus")
        verb = [candidate.anchor, *(c for c in candidate.anchor.children if c.dep_ == "prt")]
        verb += [c for c in candidate.anchor.children if _leads_to(c, target)]
        pieces += [(t.idx, t.idx + len(t.text)) for t in verb]
    merged: list[list[int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text, shifts = "", []  # shifts: (body start, clause start) of each piece
    for start, end in merged:
        text += " " if text else ""
        shifts.append((start, len(text)))
        text += _chars(trigger.doc, start, end)

    def local(actor: Actor | None) -> tuple[int, int] | None:
        if actor is None:
            return None
        body_start, at = max((sh for sh in shifts if sh[0] <= actor.start), default=shifts[0])
        return (actor.start - body_start + at, actor.end - body_start + at)

    return text, local


def _leads_to(prep: Token, actor: Actor | None) -> bool:
    """Whether ``prep`` is a preposition whose phrase holds ``actor``."""
    if actor is None or prep.dep_ != "prep":
        return False
    return prep.left_edge.idx <= actor.start < prep.right_edge.idx + len(prep.right_edge.text)


def _runs(span: Span, drop: frozenset[int] | set[int]) -> list[tuple[int, int]]:
    """Character ranges of ``span`` without the ``drop`` tokens (one range if none)."""
    runs: list[tuple[int, int]] = []
    previous = -2
    for token in span:
        if token.i in drop:
            continue
        end = token.idx + len(token.text)
        if runs and token.i == previous + 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((token.idx, end))
        previous = token.i
    return runs


def _chars(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` without building ``doc.text`` (it joins every token)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    return span.text[start - span.start_char : end - span.start_char]


# Children that open a clause of their own (another event's words, not this one's).
_OWN_CLAUSE = frozenset({"advcl", "ccomp", "relcl", "conj", "acl", "xcomp", "pcomp", "prep"})


def _own_subtree(trigger: Token) -> list[Token]:
    """The trigger's subtree without the subtrees of the other events it governs."""
    skip: set[int] = set()
    for child in trigger.children:
        inner = child if child.dep_ != "prep" else _clause_in(child)
        if inner is not None and child.dep_ in _OWN_CLAUSE and inner.pos_ == "VERB":
            skip.update(t.i for t in child.subtree)
    kept = [t for t in trigger.subtree if t.i not in skip and not t.is_punct and not t.is_space]
    return kept or [trigger]


def _clause_in(prep: Token) -> Token | None:
    """The verb of a clause a preposition takes: "of backing ...", "to the US accusing ..."."""
    for child in prep.children:
        if child.dep_ == "pcomp":
            return child
        if child.dep_ == "pobj":
            # a gerund clause with its own subject: the parser makes the verb an acl
            return next((c for c in child.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
    return None
