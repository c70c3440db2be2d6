"""One real event, one ``Event``: mentions of one event are merged, later reports add sources.

Two general mechanisms over the events already found:

- **within a sentence** (:func:`merge_mentions`): two events of the same type
  with the same parties (in either order for the symmetric types, or one party
  left open) and the same reality are one event told twice ("had a video
  conference on Friday, in which they exchanged views"; "continue joint
  exercises and cooperation"). The most specific of them is kept (a mode, a
  date, a place, a specific CAMEO code) and takes what it lacks from the others.
  Events said to have happened and events still to come or only supposed are
  different occurrences ("another cooperation after they wrapped up a patrol"),
  and so are two events with different dates.
- **across sentences** (:func:`setting_references`): a later statement made in
  an event already told ("Gerasimov said in the video conference, according to a
  press release from Russia's Ministry of Defense") shows the cited source knew
  of that event: its source is added to the event's attribution when the speaker
  took part in the event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from crosswire.models import Event
from crosswire.nlp.modality import REPORTING_VERBS
from crosswire.nlp.participants import RECIPROCAL_TYPES
from crosswire.nlp.triggers import is_back_reference, is_event_noun

#: Types whose two parties do the same thing to each other (a meeting, joint drills).
SYMMETRIC_TYPES = RECIPROCAL_TYPES
# Modalities that say the same about whether the event took place.
_REALITY = {
    "asserted": "happened",
    "reported": "happened",
    "future": "open",
    "hedged": "open",
    "negated": "negated",
    "habitual": "habitual",
}
# Fields an event that is kept takes from the events merged into it when it has none.
_FILLED = ("date", "date_text", "place", "attributed_to")  # the date with its phrase


def merge_mentions(events: Sequence[Event]) -> list[Event]:
    """``events`` (of one sentence, in text order) with mentions of one event merged."""
    kept: list[Event] = []
    for event in events:
        for i, other in enumerate(kept):
            if same_event(other, event):
                kept[i] = _combine(other, event)
                break
        else:
            kept.append(event)
    return kept


def same_event(first: Event, second: Event) -> bool:
    """Whether two events of one sentence are one event told twice."""
    if first.type != second.type:
        return False
    if _REALITY.get(first.modality) != _REALITY.get(second.modality):
        return False
    if first.date and second.date and first.date != second.date:
        return False
    return _same_parties(first, second)


def _same_parties(first: Event, second: Event) -> bool:
    a, b = (first.source, first.target), (second.source, second.target)
    if first.type in SYMMETRIC_TYPES:
        left, right = {p for p in a if p}, {p for p in b if p}
        return bool(left and right) and (left <= right or right <= left)
    sides = [(x, y) for x, y in zip(a, b, strict=True) if x and y]
    return bool(sides) and all(x == y for x, y in sides)


def _specificity(event: Event) -> tuple[int, ...]:
    return (
        event.mode is not None,
        bool(event.cameo) and not str(event.cameo).endswith("0"),
        event.date is not None,
        event.place is not None,
        (event.source is not None) + (event.target is not None),
    )


def _combine(first: Event, second: Event) -> Event:
    """The more specific event (the first on a tie), completed from the other."""
    kept, other = (second, first) if _specificity(second) > _specificity(first) else (first, second)
    missing = {f: getattr(other, f) for f in _FILLED if getattr(kept, f) is None}
    if kept.date_text is not None or other.date_text is None:
        missing.pop("date", None)  # a date goes with its phrase
        missing.pop("date_text", None)
    if kept.type in SYMMETRIC_TYPES and kept.target is None and other.target is not None:
        parties = [p for p in (other.source, other.target) if p and p != kept.source]
        missing["target"] = parties[0] if parties else None
    terms = [t for e in (kept, other) for t in (e.framing or "").split("; ") if t]
    missing["framing"] = "; ".join(dict.fromkeys(terms)) or None
    return replace(kept, **{k: v for k, v in missing.items() if v is not None})


def setting_references(sentence: Span) -> Iterator[tuple[Token, Token]]:
    """``(event noun, reporting verb)`` for each "said in the video conference" of ``sentence``.

    The noun is a definite reference to an event told before (see
    :func:`crosswire.nlp.triggers.is_back_reference`), the verb the statement made in it.
    """
    for token in sentence:
        if token.dep_ == "pobj" and is_event_noun(token) and is_back_reference(token):
            verb = token.head.head
            if verb.lemma_.lower() in REPORTING_VERBS:
                yield token, verb


def refers_to(noun: Token, trigger_lemma: str) -> bool:
    """Whether the event noun ``noun`` names the event of a trigger with ``trigger_lemma``.

    The same word ("the conference" for "a video conference"), or the noun of the
    verb ("the meeting" for "met", "the talks" for "talked").
    """
    lemma = noun.lemma_.lower()
    return lemma == trigger_lemma or (len(trigger_lemma) >= 4 and lemma.startswith(trigger_lemma))


def add_source(event: Event, source: str) -> Event:
    """``event`` with ``source`` added to its attribution (once)."""
    parts = [p for p in (event.attributed_to or "").split("; ") if p]
    if source in parts:
        return event
    return replace(event, attributed_to="; ".join([*parts, source]))


def named_documents(event: Event, documents: dict[str, str]) -> Event:
    """``event`` with "the press release" in its attribution replaced by the one named before.

    ``documents`` maps a document word ("release", "statement") to the last
    attribution that named its issuer ("Ministry of National Defense of China (a
    press release)"); it is updated with the event's own such attributions. A
    definite document with no issuer of its own refers back to it.
    """
    parts = [p for p in (event.attributed_to or "").split("; ") if p]
    resolved = []
    for part in parts:
        word = part.rstrip(")").split()[-1].lower() if part else ""
        if part.endswith(")") and "(" in part:
            documents[word] = part
        elif part.lower().startswith(("the ", "this ")) and word in documents:
            part = documents[word]
        resolved.append(part)
    unique = list(dict.fromkeys(resolved))
    if unique == parts:
        return event
    return replace(event, attributed_to="; ".join(unique))
