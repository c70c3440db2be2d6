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
- **repeats across sentences** (:func:`merge_repeats`): an article often tells
  one event twice ("Russia will participate in a drill organized by China" in the
  lead, "Russia will ... participate in the Northern/Interaction-2023 exercise
  organized by China" below). Two events of different sentences are one when
  they agree on everything that tells occurrences apart: type and mode, both
  parties (none left open), whether it happened, date and place where both give
  one, the named exercise or equipment where both name one, and the word that
  names it (the same word, or its verb or noun: "invite"/"invitation"); and the
  later one is not marked as a further occurrence ("another", "again", "also",
  "a second"). The earlier mention stays the evidence (its offsets are the
  body's); the later one adds its date, place, mode and cited sources, and its
  own sentence is kept in ``Event.mentions`` (once per sentence, in text order),
  so a reader sees where the event was told again. The id stays the first
  mention's. Anything less certain stays two events.
- **across sentences** (:func:`setting_references`): a later statement made in
  an event already told ("Gerasimov said in the video conference, according to a
  press release from Russia's Ministry of Defense") shows the cited source knew
  of that event: its source is added to the event's attribution when the speaker
  took part in the event.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Span, Token

from crosswire.models import Event, EventMention
from crosswire.nlp.modality import REPORTING_VERBS
from crosswire.nlp.participants import RECIPROCAL_TYPES, ActorLookup
from crosswire.nlp.triggers import Candidate, is_back_reference, is_event_noun

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
    if other.mentions:  # told again elsewhere: one sentence's mentions are one event's
        missing["mentions"] = _mentions_of(kept, (*kept.mentions, *other.mentions))
    return replace(kept, **{k: v for k, v in missing.items() if v is not None})


#: Words on a trigger that mark a further occurrence, not the same one told again.
FURTHER = frozenset(
    {"another", "again", "also", "new", "further", "fresh", "second", "third", "additional",
     "renewed", "more", "latest"}
)  # fmt: skip
# Letters two words for one event share at least ("invite"/"invitation").
_STEM = 5


@dataclass(frozen=True)
class Told:
    """What telling two mentions of an event apart needs beyond the ``Event``.

    ``lemma`` is the trigger's lemma, ``further`` whether the text marks it as a
    further occurrence ("another patrol"), ``things`` the ids of the named exercises
    and equipment in the trigger's phrase.
    """

    lemma: str
    further: bool = False
    things: frozenset[str] = frozenset()


def told_of(candidate: Candidate, actors: ActorLookup) -> Told:
    """What tells the events of ``candidate`` from other mentions (see :func:`is_repeat`):
    the trigger's word, whether it is marked as a further occurrence, and the named
    exercises and equipment in its phrase."""
    trigger, anchor = candidate.trigger, candidate.anchor
    further = any(
        c.lower_ in FURTHER and c.dep_ in _MARKS
        for node in (trigger, anchor)
        for c in node.children
    )
    start, end = trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge.text)
    things = {
        m.entity
        for m in actors.mentions
        if start <= m.start and m.end <= end and m.entity
        if (entity := actors.entity_at(m.start, m.end)) and entity.kind in _THINGS
    }
    return Told(trigger.lemma_.lower(), further, frozenset(things))


# How a word marking a further occurrence hangs on its trigger ("another patrol", "met again").
_MARKS = frozenset({"det", "amod", "advmod", "nummod", "npadvmod"})
_THINGS = frozenset({"EXERCISE", "EQUIPMENT"})


def merge_repeats(events: Sequence[Event], told: dict[str, Told]) -> list[Event]:
    """``events`` (of one article, in text order) with an event told again in a later
    sentence merged into its first mention (see the module doc)."""
    kept: list[Event] = []
    for event in events:
        for i, earlier in enumerate(kept):
            if is_repeat(earlier, event, told.get(earlier.id), told.get(event.id)):
                kept[i] = _completed(earlier, event)
                break
        else:
            kept.append(event)
    return kept


def is_repeat(first: Event, second: Event, one: Told | None, two: Told | None) -> bool:
    """Whether ``second``, in a later sentence, tells the event ``first`` again."""
    if one is None or two is None or first.start == second.start or two.further:
        return False
    if first.type != second.type or first.modality == "habitual":
        return False
    modes = {first.mode, second.mode} - {None}
    if len(modes) > 1 or _REALITY.get(first.modality) != _REALITY.get(second.modality):
        return False
    if one.things and two.things and not one.things & two.things:
        return False  # "Zapad" and "Vostok": two exercises
    return _same_pair(first, second) and _fits(first, second) and _same_word(one.lemma, two.lemma)


def _same_pair(first: Event, second: Event) -> bool:
    """Both parties named in both, and the same (in either order for the symmetric types)."""
    if not (first.source and first.target and second.source and second.target):
        return False
    if first.type in SYMMETRIC_TYPES:
        return {first.source, first.target} == {second.source, second.target}
    return (first.source, first.target) == (second.source, second.target)


def _fits(first: Event, second: Event) -> bool:
    """Dates and places agree where both give one ("2021-08" holds "2021-08-15")."""
    a, b = first.date, second.date
    # a year or month holds its days; a week ("2021-W20") is compared whole
    within = a == b or bool(a and b and "W" not in a + b and (a.startswith(b) or b.startswith(a)))
    if a and b and not within:
        return False
    if first.place and second.place and first.place != second.place:
        return False
    a, b = (e.date_text for e in (first, second))
    return not (first.date is None and second.date is None and a and b and a.lower() != b.lower())


def _same_word(first: str, second: str) -> bool:
    """One word, or its verb and noun ("invite"/"invitation", "cooperate"/"cooperation")."""
    return first == second or (
        min(len(first), len(second)) >= _STEM and first[:_STEM] == second[:_STEM]
    )


def _completed(first: Event, later: Event) -> Event:
    """``first`` with what the later mention adds: date, place, mode, cited sources, framing."""
    changes: dict[str, Any] = {}
    finer = bool(first.date and later.date and len(later.date) > len(first.date))
    if (first.date_text is None and later.date_text is not None) or finer:
        changes.update(date=later.date, date_text=later.date_text)  # "in July", "on July 14"
    if first.place is None and later.place is not None:
        changes["place"] = later.place
    if first.mode is None and later.mode is not None:
        changes.update(mode=later.mode, cameo=later.cameo)
    terms = [t for e in (first, later) for t in (e.framing or "").split("; ") if t]
    changes["framing"] = "; ".join(dict.fromkeys(terms)) or None
    changes["mentions"] = _retold(first, later)
    merged = replace(first, **changes)
    for source in (later.attributed_to or "").split("; "):
        merged = add_source(merged, source) if source else merged
    return merged


def _retold(first: Event, later: Event) -> tuple[EventMention, ...]:
    """``first``'s later mentions with ``later``'s sentence (and any it carries) added."""
    evidence = EventMention(later.sentence, later.start, later.end, later.trigger)
    return _mentions_of(first, (*first.mentions, evidence, *later.mentions))


def _mentions_of(event: Event, mentions: Sequence[EventMention]) -> tuple[EventMention, ...]:
    """``mentions`` once per sentence, in text order, without ``event``'s own sentence
    (the first of several in one sentence is kept)."""
    found: dict[tuple[int, int], EventMention] = {}
    for mention in mentions:
        key = (mention.start, mention.end)
        if key != (event.start, event.end):
            found.setdefault(key, mention)
    return tuple(sorted(found.values(), key=lambda m: (m.start, m.end)))


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
