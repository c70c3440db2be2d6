"""Events in an article: who did what to whom, typed in PLOVER, with evidence.

:func:`extract_events` reads one parsed article body sentence by sentence:

1. **triggers** (:mod:`~crosswire.nlp.triggers`): content verbs, and event nouns
   ("talks", "patrol", "invitation"); a noun that is the object of a light or
   aspectual verb ("held talks", "continue joint training") is the event, the
   verb only carries its subject;
2. **arguments** from the parse (:mod:`~crosswire.nlp.participants`): source
   (subject, passive agent, possessor, or the controller of an infinitive or a
   listed gerund) and targets (object, "with/to/against" phrases, the other party
   of "between X and Y"), resolved to entities through the actors step;
3. **type**: the PLOVER classifier on the trigger's clause with the pair marked;
   candidates with no political type are dropped;
4. **context**: modality (:mod:`~crosswire.nlp.modality`), attribution
   (:mod:`~crosswire.nlp.attribution`), date (:mod:`~crosswire.nlp.dates`),
   place (:mod:`~crosswire.nlp.participants`), and the outlet's framing phrase
   when the event is listed under one ("provocations, including sending
   warships ...").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from crosswire.models import Event, content_id
from crosswire.nlp.attribution import attribution_of
from crosswire.nlp.dates import parse_date, resolve_date
from crosswire.nlp.framing import loaded_terms, noun_phrase
from crosswire.nlp.modality import modality_of
from crosswire.nlp.participants import Actor, ActorLookup, arguments, place
from crosswire.nlp.triggers import (
    PARTICIPATION_VERBS,
    Candidate,
    candidates,
    listing_umbrella,
    material_type,
    means_event,
    participation_type,
)

if TYPE_CHECKING:
    from crosswire.nlp.plover import EventType

__all__ = ["ActorLookup", "Classifier", "extract_events", "sentences"]

#: ``classify(text, source=(s, e), target=(s, e))`` -> type or ``None`` (no event).
Classifier = Callable[..., "EventType | None"]

_MAX_TARGETS = 4

#: The classifier score a generic verb ("participate", "join") with no target needs.
CONFIDENT_WITHOUT_TARGET = 0.6


def extract_events(
    doc: Doc,
    actors: ActorLookup,
    *,
    published: str | None,
    outlet: str | None,
    classify: Classifier | None = None,
) -> tuple[Event, ...]:
    """Every political event the parsed body ``doc`` reports, in text order.

    ``published`` (ISO) resolves relative dates; ``outlet`` is kept for the
    framing of listed events. ``classify`` defaults to
    :func:`crosswire.nlp.plover.classify` (a seam for tests and other coders).
    """
    classify = classify or _default_classifier()
    events: dict[str, Event] = {}
    for sentence in sentences(doc):
        terms: tuple[str, ...] | None = None  # loaded terms, found once per sentence
        for candidate in candidates(sentence):
            terms = loaded_terms(sentence) if terms is None else terms
            for event in _events_for(candidate, sentence, actors, classify, published, terms):
                events.setdefault(event.id, event)
    return tuple(events.values())


def _default_classifier() -> Classifier:
    # imported here: the PLOVER coder is a separate, heavier module
    from crosswire.nlp.plover import classify

    return classify


def sentences(doc: Doc) -> Iterator[Span]:
    """spaCy's sentences, split again at paragraph breaks (the parser joins across them)."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    yield doc[start : token.i]
                start = token.i + 1
        if start < sent.end:
            yield doc[start : sent.end]


def _events_for(
    candidate: Candidate,
    sentence: Span,
    actors: ActorLookup,
    classify: Classifier,
    published: str | None,
    terms: tuple[str, ...],
) -> Iterator[Event]:
    args = arguments(candidate.trigger, candidate.anchor, sentence, actors)
    if not args.sources and not args.targets:
        return  # no actor on either side: not an event between actors
    if not args.targets and means_event(candidate.trigger) is not None:
        return  # "fuel the conflict with arms supplies": the supplies are the event
    modality = _modality(candidate)
    date, date_text = (None, None) if modality == "habitual" else _date(candidate, published)
    context = _Context(
        modality=modality,
        attributed_to=attribution_of(candidate.anchor, name_at=_name_at(actors)),
        date=date,
        date_text=date_text,
        place=place(candidate, actors),
        framing=_framing(candidate.anchor, terms),
    )
    for source, target in args.pairs()[:_MAX_TARGETS]:
        event = _typed_event(candidate.trigger, sentence, source, target, classify, context)
        if event is not None:
            yield event


@dataclass(frozen=True)
class _Context:
    """What one trigger's events share whatever their target."""

    modality: str
    attributed_to: str | None
    date: str | None
    date_text: str | None
    place: str | None
    framing: str | None


def _typed_event(
    trigger: Token,
    sentence: Span,
    source: Actor | None,
    target: Actor | None,
    classify: Classifier,
    context: _Context,
) -> Event | None:
    kind = _type_of(trigger, source, target, classify)
    if kind is None or (target is None and _only_generic(trigger, kind)):
        return None
    start = sentence.start_char
    trigger_at = (trigger.idx - start, trigger.idx - start + len(trigger.text))
    ids = (source.entity.id if source else None, target.entity.id if target else None)
    return Event(
        id=content_id(sentence.text, *map(str, trigger_at), kind.type, *ids),
        type=kind.type,
        mode=kind.mode,
        cameo=kind.cameo,
        sentence=sentence.text,
        start=start,
        end=sentence.end_char,
        source=ids[0],
        target=ids[1],
        trigger=trigger.text,
        **context.__dict__,
    )


def _only_generic(trigger: Token, kind: EventType) -> bool:
    """A generic verb with no target ("participated in the war") and a doubtful type.

    Taking part says nothing of what was done to whom; without a target only a
    confident classifier makes an event of it.
    """
    lemma = trigger.lemma_.lower()
    return lemma in PARTICIPATION_VERBS and kind.score < CONFIDENT_WITHOUT_TARGET


def _type_of(
    trigger: Token, source: Actor | None, target: Actor | None, classify: Classifier
) -> EventType | None:
    """The classifier's type for the trigger's clause.

    Counts and durations ("the two-day sixth ...") say nothing of the type and are
    left out. Stacked modifiers break the codebook's collocations ("joint aerial
    strategic patrol" is no "joint patrol"), so an event noun with several is
    also read with each of them alone, and the best-scored reading wins.
    """
    modifiers = [c for c in trigger.lefts if c.dep_ in {"amod", "compound", "nmod", "nummod"}]
    counts = [m for m in modifiers if any(_is_count(t) for t in m.subtree)]
    words = [m for m in modifiers if m not in counts] if trigger.pos_ != "VERB" else []
    drops = [{t.i for m in counts for t in m.subtree}]
    if len(words) >= 2:
        drops += [{t.i for m in modifiers if m.i != kept.i for t in m.subtree} for kept in words]
    readings = []
    for drop in drops:
        clause, local = _clause(trigger, source, target, drop=drop)
        readings.append(classify(clause, source=local(source), target=local(target)))
    best = max((k for k in readings if k is not None), key=lambda k: k.score, default=None)
    return _material(trigger, best)


def _material(trigger: Token, kind: EventType | None) -> EventType | None:
    """The classifier's type, corrected by what the parse shows is moved or joined in.

    The goods decide the type where the verb is generic ("selling weapons", "sending
    warships", "participate in a drill"); the classifier's text-only view cannot see
    which word is the object.
    """
    material = material_type(trigger) or participation_type(trigger)
    if kind is None or material is None or (kind.type, kind.mode) == material:
        return kind
    from crosswire.nlp.plover import EventType, cameo_code

    return EventType(*material, cameo_code(*material), kind.score)


def _is_count(token: Token) -> bool:
    return token.like_num or token.ent_type_ in {"DATE", "TIME", "ORDINAL", "CARDINAL", "QUANTITY"}


def _clause(
    trigger: Token,
    source: Actor | None,
    target: Actor | None,
    *,
    drop: frozenset[int] | set[int] = frozenset(),
) -> tuple[str, Callable[[Actor | None], tuple[int, int] | None]]:
    """The text the classifier sees, and where each actor is in it.

    The trigger's own words (its subtree without the other events it governs)
    plus the actors' names, in text order, joined by spaces where they are apart:
    "The United States ... accused China" is typed without "sold weapons" between.
    """
    subtree = _own_subtree(trigger)
    pieces = _runs(trigger.doc[subtree[0].i : subtree[-1].i + 1], drop)
    pieces += [(a.start, a.end) for a in (source, target) if a is not None]
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


def _modality(candidate: Candidate) -> str:
    reported = attribution_of(candidate.anchor) is not None
    own = modality_of(candidate.trigger, reported=reported)
    if candidate.anchor.i == candidate.trigger.i:
        return own
    lent = modality_of(candidate.anchor, reported=reported)
    return own if own not in {"asserted", "reported"} else lent


def _name_at(actors: ActorLookup) -> Callable[[int, int], str | None]:
    def name(start: int, end: int) -> str | None:
        entity = actors.entity_at(start, end)
        return entity.name if entity else None

    return name


def _date(candidate: Candidate, published: str | None) -> tuple[str | None, str | None]:
    """The temporal phrase attached to the event's clause, and its resolution."""
    future = any(
        c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in candidate.anchor.children
    )
    for node in _attachment_points(candidate):
        for child in node.children:
            phrase = _date_phrase(child)
            if phrase is not None:
                return resolve_date(phrase, published, future=future), phrase
    return None, None


def _attachment_points(candidate: Candidate) -> list[Token]:
    points = [candidate.trigger, candidate.anchor]
    # "a video conference held on Friday": the participle carries the time
    points += [c for c in candidate.trigger.children if c.dep_ == "acl" and c.pos_ == "VERB"]
    return list(dict.fromkeys(points))


def _date_phrase(token: Token) -> str | None:
    """ "on Friday" / "In August 2021" / "yesterday" when ``token`` opens one."""
    if token.dep_ == "prep" and token.lower_ in {"on", "in", "at", "during", "since", "by"}:
        words = [t for t in token.subtree]
    elif token.dep_ in {"npadvmod", "advmod", "tmod"}:
        words = list(token.subtree)
    else:
        return None
    text = token.doc[words[0].i : words[-1].i + 1].text
    return text if parse_date(text) is not None else None


def _framing(anchor: Token, terms: tuple[str, ...]) -> str | None:
    """The umbrella the event is listed under, else the sentence's loaded terms."""
    umbrella = listing_umbrella(anchor)
    if umbrella is not None:
        return noun_phrase(umbrella)
    return "; ".join(terms) or None
