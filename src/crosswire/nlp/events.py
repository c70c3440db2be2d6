"""Events in an article: who did what to whom, typed in PLOVER, with evidence.

:func:`extract_events` reads one parsed article body sentence by sentence:

1. **triggers**: content verbs, and event nouns ("talks", "patrol", "invitation");
   a noun that is the object of a light or aspectual verb ("held talks",
   "continue joint training") is the event, the verb only carries its subject;
2. **arguments** from the parse: source (subject, passive agent, possessor, or
   the controller of an infinitive or a listed gerund) and targets (object,
   "with/to/against" phrases, the other party of "between X and Y"), resolved
   to entities through the actors step;
3. **type**: the PLOVER classifier on the trigger's clause with the pair marked;
   candidates with no political type are dropped;
4. **context**: modality (:mod:`~crosswire.nlp.modality`), attribution
   (:mod:`~crosswire.nlp.attribution`), date (:mod:`~crosswire.nlp.dates`),
   place, and the outlet's framing phrase when the event is listed under one
   ("provocations, including sending warships ...").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Doc, Span, Token

from crosswire.models import Entity, Event, Mention, content_id
from crosswire.nlp.attribution import attribution_of
from crosswire.nlp.dates import parse_date, resolve_date
from crosswire.nlp.modality import REPORTING_VERBS, modality_of

if TYPE_CHECKING:
    from crosswire.nlp.plover import EventType


class ActorLookup(Protocol):
    """What events need from the actors step (``crosswire.nlp.actors.Actors``)."""

    @property
    def entities(self) -> tuple[Entity, ...]:
        """Every entity of the article."""
        ...

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every resolved mention, with character offsets into the body."""
        ...

    def entity_at(self, start_char: int, end_char: int) -> Entity | None:
        """The entity mentioned at this character range of the body, if any."""
        ...


#: ``classify(text, source=(s, e), target=(s, e))`` -> type or ``None`` (no event).
Classifier = Callable[..., "EventType | None"]

# Nouns that name an event by themselves ("held talks with", "the joint patrol").
EVENT_NOUNS = frozenset(
    {
        "talk", "conference", "conversation", "call", "meeting", "summit", "visit", "patrol",
        "exercise", "drill", "maneuver", "manoeuvre", "training", "invitation", "agreement",
        "deal", "treaty", "negotiation", "consultation", "dialogue", "cooperation",
        "collaboration", "sanction", "embargo", "attack", "strike", "invasion", "offensive",
        "bombing", "shelling", "raid", "protest", "demonstration", "aid", "assistance",
        "supply", "sale", "delivery", "shipment", "deployment", "blockade", "threat",
        "accusation", "condemnation", "criticism", "ceasefire", "truce", "withdrawal",
        "provocation", "incursion", "arrest", "expulsion", "pledge", "request", "appeal",
        "support", "war", "operation", "mission", "coordination",
    }
)  # fmt: skip
# Verbs that lend their subject (and time, place, modality) to an event noun object.
LIGHT_VERBS = frozenset(
    {
        "have", "hold", "conduct", "extend", "give", "make", "stage", "carry", "launch",
        "continue", "begin", "start", "resume", "end", "wrap", "complete", "finish",
        "deepen", "expand", "increase", "strengthen", "intensify", "step", "ramp", "mark",
        "host", "issue", "deliver", "offer", "sign", "reach", "perform", "undertake",
        "organize", "organise", "be",
    }
)  # fmt: skip
# Verbs that are no event by themselves.
_NOT_EVENTS = frozenset({"be", "have", "do", "seem", "appear", "become", "accord", "include"})
# Umbrella prepositions: the noun before them frames the events listed after them.
_LISTING = frozenset({"including", "include", "such", "like"})
_PLACE_PREPS = frozenset({"in", "at", "near", "off", "across", "over", "inside"})
_PLACE_KINDS = frozenset({"PLACE", "STATE", "GPE", "LOC", "FAC"})
# Common nouns that head a place name ("the Asia-Pacific region", "the Taiwan Strait").
_GEO_NOUNS = frozenset(
    {"region", "province", "sea", "strait", "straits", "city", "area", "coast", "island",
     "border", "territory", "ocean", "gulf", "peninsula", "district", "county", "state"}
)  # fmt: skip
_MAX_TARGETS = 4


@dataclass(frozen=True)
class _Candidate:
    """A trigger with its anchor: the verb whose clause carries tense, time and place."""

    trigger: Token
    anchor: Token


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
        for candidate in _candidates(sentence):
            for event in _events_for(candidate, sentence, actors, classify, published):
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


def _candidates(sentence: Span) -> Iterator[_Candidate]:
    for token in sentence:
        if token.pos_ == "VERB" and _is_event_verb(token):
            yield _Candidate(token, token)
        elif _is_event_noun(token) and not _argument_of_event_verb(token):
            yield _Candidate(token, _anchor_of(token))


def _is_event_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in EVENT_NOUNS


def _argument_of_event_verb(noun: Token) -> bool:
    """ "participate in a drill": the verb's event already covers the noun.

    Instruments stay separate events ("fuel the conflict with arms supplies").
    """
    node = noun
    while node.dep_ == "conj":
        node = node.head
    verb = node.head.head if node.dep_ == "pobj" else node.head
    if node.dep_ == "pobj" and node.head.lower_ in {"with", "through", "by", "via"}:
        return False
    return node.dep_ in {"dobj", "pobj"} and verb.pos_ == "VERB" and _is_event_verb(verb)


def _is_event_verb(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in _NOT_EVENTS or verb.dep_ in {"amod", "aux", "auxpass"}:
        return False
    if lemma in REPORTING_VERBS and any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return False  # "X said that ...": the report frames another event
    # "held talks": the noun is the event
    return not (lemma in LIGHT_VERBS and any(_is_event_object(c) for c in verb.children))


def _is_event_object(token: Token) -> bool:
    return token.dep_ in {"dobj", "attr"} and token.lemma_.lower() in EVENT_NOUNS


def _anchor_of(noun: Token) -> Token:
    """The light verb an event noun is the object of, through coordination."""
    node = noun
    while node.dep_ == "conj" and node.head.pos_ in {"NOUN", "PROPN"}:
        node = node.head
    head = node.head
    if node.dep_ in {"dobj", "attr"} and head.lemma_.lower() in LIGHT_VERBS:
        return head
    if node.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        return head  # "cooperation ... is expected to deepen": the predicate's tense and mood
    return noun


def _events_for(
    candidate: _Candidate,
    sentence: Span,
    actors: ActorLookup,
    classify: Classifier,
    published: str | None,
) -> Iterator[Event]:
    args = _arguments(candidate.trigger, candidate.anchor, sentence, actors)
    if args.source is None and not args.targets:
        return  # no actor on either side: not an event between actors
    modality = _modality(candidate)
    date, date_text = (None, None) if modality == "habitual" else _date(candidate, published)
    context = _Context(
        modality=modality,
        attributed_to=attribution_of(candidate.anchor, name_at=_name_at(actors)),
        date=date,
        date_text=date_text,
        place=_place(candidate, actors),
        framing=_framing(candidate.anchor),
    )
    for target in args.targets[:_MAX_TARGETS] or [None]:
        event = _typed_event(candidate.trigger, sentence, args.source, target, classify, context)
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
    source: _Actor | None,
    target: _Actor | None,
    classify: Classifier,
    context: _Context,
) -> Event | None:
    clause, local = _clause(trigger, source, target)
    kind = classify(clause, source=local(source), target=local(target))
    if kind is None:
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


def _clause(
    trigger: Token,
    source: _Actor | None,
    target: _Actor | None,
) -> tuple[str, Callable[[_Actor | None], tuple[int, int] | None]]:
    """The text the classifier sees, and where each actor is in it.

    The trigger's own words (its subtree without the other events it governs)
    plus the actors' names, in text order, joined by spaces where they are apart:
    "The United States ... accused China" is typed without "sold weapons" between.
    """
    subtree = _own_subtree(trigger)
    pieces = [(subtree[0].idx, subtree[-1].idx + len(subtree[-1].text))]
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

    def local(actor: _Actor | None) -> tuple[int, int] | None:
        if actor is None:
            return None
        body_start, at = max((sh for sh in shifts if sh[0] <= actor.start), default=shifts[0])
        return (actor.start - body_start + at, actor.end - body_start + at)

    return text, local


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
        inner = (
            child
            if child.dep_ != "prep"
            else next((c for c in child.children if c.dep_ == "pcomp"), None)
        )
        if inner is not None and child.dep_ in _OWN_CLAUSE and inner.pos_ == "VERB":
            skip.update(t.i for t in child.subtree)
    kept = [t for t in trigger.subtree if t.i not in skip and not t.is_punct and not t.is_space]
    return kept or [trigger]


def _modality(candidate: _Candidate) -> str:
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


def _date(candidate: _Candidate, published: str | None) -> tuple[str | None, str | None]:
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


def _attachment_points(candidate: _Candidate) -> list[Token]:
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


def _place(candidate: _Candidate, actors: ActorLookup) -> str | None:
    for node in (candidate.trigger, candidate.anchor):
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (name := _place_name(pobj, actors)):
                    return name
    return None


def _place_name(pobj: Token, actors: ActorLookup) -> str | None:
    for token in (pobj, *(c for c in pobj.children if c.dep_ in {"compound", "poss"})):
        entity = actors.entity_at(token.idx, token.idx + len(token.text))
        if entity is not None and entity.kind in _PLACE_KINDS and token.i == pobj.i:
            return entity.name
    if pobj.ent_type_ in {"GPE", "LOC", "FAC"} or (
        pobj.lemma_.lower() in _GEO_NOUNS and any(t.pos_ == "PROPN" for t in pobj.subtree)
    ):
        words = [t for t in pobj.subtree if t.dep_ not in {"relcl", "acl"} or t.i == pobj.i]
        words = [t for t in words if t.i <= max(pobj.i, words[0].i)]
        text = pobj.doc[words[0].i : pobj.i + 1].text
        return text[4:] if text.lower().startswith("the ") else text
    return None


def _framing(anchor: Token) -> str | None:
    """The outlet's umbrella over listed events ("ramped up provocations, including ...").

    The umbrella is an event noun with a listing phrase ("including", "such as");
    every event in the clauses below it is framed by it.
    """
    umbrella = _umbrella_verb(anchor)
    if umbrella is None:
        return None
    noun = umbrella if umbrella.pos_ != "VERB" else _event_object(umbrella)
    return _noun_phrase(noun) if noun is not None else None


def _umbrella_verb(anchor: Token) -> Token | None:
    for head in _ancestors(anchor):
        lists = any(c.dep_ == "prep" and c.lower_ in _LISTING for c in head.children)
        if lists and (head.pos_ != "VERB" or _event_object(head) is not None):
            return head
    return None


def _event_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if _is_event_object(c)), None)


def _ancestors(token: Token) -> Iterator[Token]:
    node = token
    links = {"conj", "pcomp", "pobj", "prep", "xcomp", "advcl"}
    while node.head.i != node.i and node.dep_ in links:
        node = node.head
        yield node


def _noun_phrase(noun: Token) -> str:
    words = [c for c in noun.lefts if c.dep_ in {"amod", "compound", "nmod"}] + [noun]
    return noun.doc[words[0].i : noun.i + 1].text


# --- arguments: source and targets from the parse ---------------------------------

#: Entity kinds that can act or be acted on (equipment and places cannot).
ACTOR_KINDS = frozenset({"PERSON", "STATE", "ORG", "GROUP", "OUTLET"})
_TARGET_PREPS = frozenset(
    {"with", "to", "against", "on", "toward", "towards", "between", "for", "into", "upon", "at"}
)
# Plural nouns that refer back to the two parties just named ("the pair", "both sides").
_GROUP_NOUNS = frozenset({"pair", "side", "country", "nation", "party", "military", "leader"})
_GROUP_PRONOUNS = frozenset({"they", "both", "we"})
_GROUP_KINDS = {"country": ("STATE",), "nation": ("STATE",), "military": ("ORG", "STATE")}


@dataclass(frozen=True)
class _Actor:
    """An entity at a character range of the body."""

    entity: Entity
    start: int
    end: int


@dataclass(frozen=True)
class _Arguments:
    source: _Actor | None
    targets: tuple[_Actor, ...]


def _arguments(trigger: Token, anchor: Token, sentence: Span, actors: ActorLookup) -> _Arguments:
    sources = _source_actors(trigger, anchor, sentence, actors)
    source = sources[0] if sources else None
    found: list[_Actor] = list(sources[1:])  # "between X and Y", "the pair": the other party
    for token in _target_tokens(trigger, anchor):
        found += _actors_of(token, actors, deep=True)
    if not found and _framing(anchor) is not None:
        found += _umbrella_targets(anchor, actors)  # "provocations on China, including ..."
    seen = {source.entity.id} if source else set()
    targets = []
    for actor in found:
        if actor.entity.id not in seen:
            seen.add(actor.entity.id)
            targets.append(actor)
    return _Arguments(source, tuple(targets))


def _source_actors(
    trigger: Token, anchor: Token, sentence: Span, actors: ActorLookup
) -> list[_Actor]:
    subject = _subject(trigger) if trigger.pos_ == "VERB" else _noun_subject(trigger, anchor)
    found: list[_Actor] = []
    if subject is not None and _is_group(subject):
        found = _group_referent(subject, sentence, actors)
    elif subject is not None:
        found = _actors_of(subject, actors, deep=True)
    if not found and trigger.pos_ != "VERB":
        found = _between(trigger, actors)
    return found


def _noun_subject(noun: Token, anchor: Token) -> Token | None:
    """Who does what an event noun names: its own agent, else its light verb's subject."""
    agent = _noun_agent(noun)
    if agent is not None:
        return agent
    if anchor.i != noun.i and noun.dep_ not in {"nsubj", "nsubjpass"}:
        return _subject(anchor)
    if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        return _subject(noun.head.head)  # "fuel the conflict with arms supplies"
    return None


def _subject(verb: Token) -> Token | None:
    """The agent of ``verb``, inherited up control, coordination and listing links."""
    node = verb
    for _ in range(8):  # parse chains are short; the bound guards odd trees
        for child in node.children:
            if child.dep_ in {"nsubj", "csubj"}:
                return node.head if child.tag_ in {"WDT", "WP"} and node.dep_ == "relcl" else child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if node.dep_ == "acl" and node.tag_ == "VBG":
            return node.head  # "the United States accusing Beijing"
        controller = _object_controller(node)
        if controller is not None:
            return controller
        if node.dep_ == "prep" and node.lower_ in _LISTING and node.head.dep_ in {"dobj", "pobj"}:
            # "stepped up provocations, including shelling": the provoker shells
            noun = node.head
            node = noun.head if noun.dep_ == "dobj" else noun.head.head
            continue
        if (
            node.dep_ not in {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp"}
            or node.head.i == node.i
        ):
            return None
        node = node.head
    return None


def _object_controller(node: Token) -> Token | None:
    """ "accused Beijing of backing", "urged China to stop": the object does the act."""
    head = node.head
    if node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ not in _LISTING:
        head = head.head
    elif node.dep_ != "xcomp":
        return None
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def _noun_agent(noun: Token) -> Token | None:
    """Who does what an event noun names: "China's invitation", "an invitation by China"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _between(noun: Token, actors: ActorLookup) -> list[_Actor]:
    """ "talks between X and Y", "the China-Russia exercise": both parties, in order."""
    parties: list[_Actor] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in child.children:
                parties += _actors_of(pobj, actors, deep=False)
        elif child.dep_ in {"compound", "nmod"} and child.pos_ == "PROPN":
            parties += [a for t in child.subtree for a in _actors_of(t, actors, deep=False)]
    return parties


def _target_tokens(trigger: Token, anchor: Token) -> Iterator[Token]:
    for node in dict.fromkeys((trigger, anchor)):
        for child in node.children:
            if child.dep_ in {"dobj", "iobj", "nsubjpass"} and child.i != trigger.i:
                yield child
            elif child.dep_ in {"prep", "dative"} and child.lower_ in _TARGET_PREPS:
                yield from (c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ == "prep" and child.lower_ in {"in", "into"}:
                # "participate in a drill organized by China": the drill's other party
                yield from (
                    c
                    for c in child.children
                    if c.dep_ == "pobj" and c.lemma_.lower() in EVENT_NOUNS
                )
            elif child.dep_ in {"advcl", "acl", "relcl"} and node.pos_ != "VERB":
                # "an invitation for Liu to visit Russia": the invitee
                yield from (c for c in child.children if c.dep_ == "nsubj")


def _actors_of(token: Token, actors: ActorLookup, *, deep: bool) -> list[_Actor]:
    """The actors ``token`` names, with its conjuncts; ``deep`` looks inside its phrase."""
    found: list[_Actor] = []
    for node in (token, *(c for c in token.conjuncts if c.i > token.i)):
        actor = _actor_at(node, actors)
        if actor is not None:
            found.append(actor)
        elif deep:
            found += _inner_actors(node, actors)
    return found


def _inner_actors(noun: Token, actors: ActorLookup) -> list[_Actor]:
    """ "the island of Taiwan", "regional allies including Japan", "drill organized by China"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return _actors_of(child, actors, deep=False)  # "Kadyrov's forces"
        if child.dep_ == "prep" and child.lower_ in {"of", "including", "like", "by", "from"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _actors_of(pobj, actors, deep=False)
        if child.dep_ == "acl":
            agent = _subject(child) if child.tag_ == "VBN" else None
            if agent is not None:
                return _actors_of(agent, actors, deep=False)
    return []


def _actor_at(token: Token, actors: ActorLookup) -> _Actor | None:
    entity = actors.entity_at(token.idx, token.idx + len(token.text))
    if entity is None or entity.kind not in ACTOR_KINDS:
        return None
    mention = next(
        (m for m in actors.mentions if m.start <= token.idx < m.end and m.entity == entity.id),
        None,
    )
    if mention is None:
        return _Actor(entity, token.idx, token.idx + len(token.text))
    return _Actor(entity, mention.start, mention.end)


def _is_group(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.lower_ in _GROUP_PRONOUNS:
        return True
    return lemma in _GROUP_NOUNS and (
        lemma == "pair" or any(c.lower_ in {"two", "both"} for c in token.children)
    )


def _group_referent(group: Token, sentence: Span, actors: ActorLookup) -> list[_Actor]:
    """The last two distinct actors of one kind named before ``group``.

    "The two countries" are two states, "the pair" and "they" first two people;
    they are looked for in this sentence and the one before it.
    """
    doc = group.doc
    first = max(sentence.start - 1, 0)
    while first > 0 and not doc[first].is_sent_start:  # Token.sent would walk the whole doc
        first -= 1
    window_start = doc[first].idx
    named: dict[str, _Actor] = {}
    for mention in actors.mentions:
        if window_start <= mention.start < group.idx and mention.entity:
            entity = actors.entity_at(mention.start, mention.end)
            if entity is not None and entity.kind in ACTOR_KINDS:
                named.pop(entity.id, None)
                named[entity.id] = _Actor(entity, mention.start, mention.end)
    for kind in _GROUP_KINDS.get(group.lemma_.lower(), ("PERSON", "STATE", "ORG")):
        last_two = [a for a in named.values() if a.entity.kind == kind][-2:]
        if len(last_two) == 2:
            return last_two
    return []


def _umbrella_targets(anchor: Token, actors: ActorLookup) -> list[_Actor]:
    """The target of the umbrella ("provocations on China") for its listed events."""
    umbrella = _umbrella_verb(anchor)
    if umbrella is None:
        return []
    tokens = _target_tokens(umbrella, umbrella)
    return [a for t in tokens if t.i != anchor.i for a in _actors_of(t, actors, deep=True)]
