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
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from crosswire.models import Event, content_id
from crosswire.nlp.attribution import attribution_of
from crosswire.nlp.clauses import clause_text
from crosswire.nlp.dates import parse_date, resolve_date
from crosswire.nlp.framing import framed_owners, loaded_spans, noun_phrase
from crosswire.nlp.merging import (
    Told,
    add_source,
    merge_mentions,
    merge_repeats,
    named_documents,
    refers_to,
    setting_references,
    told_of,
)
from crosswire.nlp.modality import modality_of
from crosswire.nlp.participants import (
    RECIPROCAL_TYPES,
    Actor,
    ActorLookup,
    arguments,
    group_members,
    unnamed_party,
)
from crosswire.nlp.places import place, without_place
from crosswire.nlp.plover_syntax import pair_syntax
from crosswire.nlp.pronouns import resolve_references
from crosswire.nlp.triggers import (
    PARTICIPATION_VERBS,
    Candidate,
    candidates,
    listing_umbrella,
    material_type,
    means_event,
    participation_type,
    scene_of,
    uses_force,
)

if TYPE_CHECKING:
    from crosswire.nlp.kb import KnowledgeBase
    from crosswire.nlp.plover import EventType

__all__ = ["ActorLookup", "Classifier", "extract_events", "sentences"]

#: ``classify(text, source=(s, e), target=(s, e), syntax={...})`` -> type or ``None``
#: (no event); ``syntax`` holds the parse's features of the pair
#: (:func:`crosswire.nlp.plover_syntax.syntax_features`).
Classifier = Callable[..., "EventType | None"]

_MAX_TARGETS = 4

#: The classifier score a generic verb ("participate", "join") with no target needs.
CONFIDENT_WITHOUT_TARGET = 0.6
#: The classifier score an event with only one party named needs.
CONFIDENT_ONE_PARTY = 0.4


def extract_events(
    doc: Doc,
    actors: ActorLookup,
    *,
    published: str | None,
    outlet: str | None,
    classify: Classifier | None = None,
    kb: KnowledgeBase | None = None,
) -> tuple[Event, ...]:
    """Every political event the parsed body ``doc`` reports, in text order.

    ``published`` (ISO) resolves relative dates; ``outlet`` is kept for the
    framing of listed events. ``classify`` defaults to
    :func:`crosswire.nlp.plover.classify` (a seam for tests and other coders);
    ``kb`` (default: the built-in one) types organisations for "the alliance".
    Mentions of one event in a sentence give one event, an event told again in a
    later sentence is merged into its first mention, and a later statement made in
    an event adds its cited source (:mod:`crosswire.nlp.merging`).
    """
    classify = classify or _default_classifier()
    actors = resolve_references(doc, actors, kb=kb)  # "she said", "the ministry said"
    events: dict[str, Event] = {}
    told: dict[str, Told] = {}  # event id -> what tells it from another mention
    documents: dict[str, str] = {}  # "release" -> the last "X (a press release)" cited
    for sentence in sentences(doc):
        found = [
            (candidate, list(_events_for(candidate, sentence, actors, classify, published)))
            for candidate in candidates(sentence)
        ]
        found = [(candidate, these) for candidate, these in found if these]
        for candidate, these in found:
            facts = told_of(candidate, actors)
            told.update((e.id, facts) for e in these)
        framed = _framed(found, sentence) if found else []
        for event in merge_mentions(framed):
            events.setdefault(event.id, named_documents(event, documents))
        _add_later_sources(events, told, sentence, actors)
    return tuple(merge_repeats(list(events.values()), told))


def _framed(found: list[tuple[Candidate, list[Event]]], sentence: Span) -> list[Event]:
    """The sentence's events with the loaded terms of their own clauses as framing.

    An event listed under an umbrella keeps the umbrella as its framing.
    """
    owners: dict[int, tuple[int, ...]] = {}
    for key, (candidate, _) in enumerate(found):
        for token in {candidate.trigger.i, candidate.anchor.i}:
            owners[token] = (*owners.get(token, ()), key)
    terms: dict[int, list[str]] = {}
    for term in loaded_spans(sentence):
        for key in framed_owners(term, owners):
            terms.setdefault(key, []).append(term.text)
    return [
        event if event.framing else replace(event, framing="; ".join(terms.get(key, [])) or None)
        for key, (_, told) in enumerate(found)
        for event in told
    ]


def _add_later_sources(
    events: dict[str, Event], told: dict[str, Told], sentence: Span, actors: ActorLookup
) -> None:
    """Sources of a statement made in an earlier event ("said in the video conference,
    according to a press release from Y") are sources of that event too, when the
    speaker took part in it; the most recent such event is the one meant.
    """
    for noun, verb in setting_references(sentence):
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        entity = actors.entity_at(speaker.idx, speaker.idx + len(speaker.text)) if speaker else None
        source = attribution_of(verb, name_at=_name_at(actors, sentence))
        if entity is None or source is None:
            continue
        earlier = [
            e
            for e in events.values()
            if e.start < sentence.start_char and refers_to(noun, _lemma(told, e.id))
        ]
        latest = [e for e in earlier if earlier and e.start == earlier[-1].start]
        for event in latest:
            if entity.id in (event.source, event.target):
                events[event.id] = add_source(event, source)


def _lemma(told: dict[str, Told], event_id: str) -> str:
    facts = told.get(event_id)
    return facts.lemma if facts else ""


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
) -> Iterator[Event]:
    args = arguments(candidate.trigger, candidate.anchor, sentence, actors)
    if not args.sources and not args.targets:
        return  # no actor on either side: not an event between actors
    if not args.targets and means_event(candidate.trigger) is not None:
        return  # "fuel the conflict with arms supplies": the supplies are the event
    where = place(candidate, actors)
    args = without_place(args, where)
    modality = _modality(candidate)
    date, date_text = (None, None) if modality == "habitual" else _date(candidate, published)
    context = _Context(
        modality=modality,
        attributed_to=attribution_of(candidate.anchor, name_at=_name_at(actors, sentence)),
        date=date,
        date_text=date_text,
        place=where.name if where else None,
        framing=_umbrella(candidate.anchor),
    )
    for source, target in args.pairs()[:_MAX_TARGETS]:
        event = _typed_event(candidate, sentence, source, target, classify, context)
        if event is not None and args.reciprocal and event.type not in RECIPROCAL_TYPES:
            # "Russia and Belarus launched missiles": each did it, not to the other
            for doer in args.sources[:_MAX_TARGETS]:
                alone = _typed_event(candidate, sentence, doer, None, classify, context)
                yield from (alone,) if alone is not None else ()
        elif event is not None:
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
    candidate: Candidate,
    sentence: Span,
    source: Actor | None,
    target: Actor | None,
    classify: Classifier,
    context: _Context,
) -> Event | None:
    trigger = candidate.trigger
    kind = _type_of(candidate, source, target, classify)
    if kind is None or not _sure_enough(candidate, kind, source, target):
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


def _sure_enough(
    candidate: Candidate, kind: EventType, source: Actor | None, target: Actor | None
) -> bool:
    """Whether an event with a party missing is typed surely enough to keep.

    With both parties named most of an event is seen; with one, a generic verb
    ("ended", "released", "gave") is typed from little, so the classifier must be
    at least :data:`CONFIDENT_ONE_PARTY` sure, unless the parse shows arms or forces
    moved or used ("fired a missile") or the other side is a person acting for some
    party, only not named ("met his Norwegian counterpart"). A generic participation
    verb with no target ("participated in the war") says nothing of what was done to
    whom and needs :data:`CONFIDENT_WITHOUT_TARGET`.
    """
    trigger = candidate.trigger
    if source is not None and target is not None:
        return True
    if target is None and trigger.lemma_.lower() in PARTICIPATION_VERBS:
        return kind.score >= CONFIDENT_WITHOUT_TARGET
    if uses_force(trigger) or unnamed_party(trigger, candidate.anchor):
        return True
    return kind.score >= CONFIDENT_ONE_PARTY


def _type_of(
    candidate: Candidate, source: Actor | None, target: Actor | None, classify: Classifier
) -> EventType | None:
    """The classifier's type for the trigger's clause.

    Counts and durations ("the two-day sixth ...") say nothing of the type and are
    left out. Stacked modifiers break the codebook's collocations ("joint aerial
    strategic patrol" is no "joint patrol"), so an event noun with several is
    also read with each of them alone, and the best-scored reading wins.
    """
    trigger = candidate.trigger
    modifiers = [c for c in trigger.lefts if c.dep_ in {"amod", "compound", "nmod", "nummod"}]
    counts = [m for m in modifiers if any(_is_count(t) for t in m.subtree)]
    words = [m for m in modifiers if m not in counts] if trigger.pos_ != "VERB" else []
    drops = [{t.i for m in counts for t in m.subtree}]
    if len(words) >= 2:
        drops += [{t.i for m in modifiers if m.i != kept.i for t in m.subtree} for kept in words]
    spans = ((a.start, a.end) if a is not None else None for a in (source, target))
    syntax = pair_syntax(trigger.doc, *spans)
    readings = []
    for drop in drops:
        clause, local = clause_text(candidate, source, target, drop=drop)
        readings.append(classify(clause, source=local(source), target=local(target), syntax=syntax))
    best = max((k for k in readings if k is not None), key=lambda k: k.score, default=None)
    return _material(candidate, best)


def _material(candidate: Candidate, kind: EventType | None) -> EventType | None:
    """The classifier's type, corrected by what the parse shows is moved or joined in.

    The goods decide the type where the verb is generic ("selling weapons", "sending
    warships", "participate in a drill"); the classifier's text-only view cannot see
    which word is the object.
    """
    trigger = candidate.trigger
    material = material_type(trigger) or participation_type(trigger, candidate.anchor)
    if kind is None or material is None or (kind.type, kind.mode) == material:
        return kind
    from crosswire.nlp.plover import EventType, cameo_code

    return EventType(*material, cameo_code(*material), kind.score)


def _is_count(token: Token) -> bool:
    return token.like_num or token.ent_type_ in {"DATE", "TIME", "ORDINAL", "CARDINAL", "QUANTITY"}


def _modality(candidate: Candidate) -> str:
    reported = attribution_of(candidate.anchor) is not None
    own = modality_of(candidate.trigger, reported=reported)
    if candidate.anchor.i == candidate.trigger.i:
        return own
    lent = modality_of(candidate.anchor, reported=reported)
    return own if own not in {"asserted", "reported"} else lent


def _name_at(actors: ActorLookup, sentence: Span | None = None) -> Callable[[int, int], str | None]:
    """An entity's name for a range of the body; in ``sentence``, a group word that
    stands for two parties named before ("the two sides said") gives both names."""

    def name(start: int, end: int) -> str | None:
        entity = actors.entity_at(start, end)
        if entity is not None or sentence is None:
            return entity.name if entity else None
        token = sentence.doc.char_span(start, end)
        if token is None or len(token) != 1 or token[0].pos_ == "PRON":
            return None  # "they said": one group as often as the two parties named
        members = group_members(token[0], sentence, actors)
        return " and ".join(m.entity.name for m in members) or None

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
    return list(dict.fromkeys(points + scene_of(candidate.anchor)))


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


def _umbrella(anchor: Token) -> str | None:
    """The umbrella the event is listed under ("provocations, including ...")."""
    umbrella = listing_umbrella(anchor)
    return noun_phrase(umbrella) if umbrella is not None else None
