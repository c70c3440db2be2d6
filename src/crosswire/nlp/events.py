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
from crosswire.nlp.framing import listed_under, loaded_terms, noun_phrase, umbrella_of
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
# Verbs that only link a cause to its consequence ("leading to", "resulted in").
_LINKING = frozenset({("lead", "to"), ("result", "in"), ("give", "rise")})
# A noun after these is the standard of a comparison ("drills like Russia's own").
_COMPARING_PREPS = frozenset({"like", "unlike", "than"})
_COMPARATIVES = frozenset(
    {"similar", "comparable", "akin", "compare", "analogous", "identical", "equivalent"}
)
# Phrases a late participle is wrongly attached inside ("exercises with allies including X").
_COMITATIVE = frozenset({"with", "including", "like", "among", "alongside"})
# Listing prepositions: "provocations, including shelling": the shelling is the provoker's.
_LISTING = frozenset({"including", "include", "such", "like"})
_PLACE_PREPS = frozenset({"in", "at", "near", "off", "across", "over", "inside", "within"})
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
_MAX_TARGETS = 4
# Prepositions of the means an act is done with ("fuel the conflict with arms supplies").
_INSTRUMENTS = frozenset({"with", "through", "via", "by"})


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
        terms: tuple[str, ...] | None = None  # loaded terms, found once per sentence
        for candidate in _candidates(sentence):
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


def _candidates(sentence: Span) -> Iterator[_Candidate]:
    for token in sentence:
        if token.pos_ == "VERB" and _is_event_verb(token):
            yield _Candidate(token, token)
        elif (
            _is_event_noun(token)
            and not _argument_of_event_verb(token)
            and not _compared_with(token)
        ):
            yield _Candidate(token, _anchor_of(token))


def _is_event_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in EVENT_NOUNS


def _compared_with(noun: Token) -> bool:
    """ "held on a basis similar to Russia's own drills": the standard of a comparison.

    The compared noun names no event of the sentence; it is only its yardstick.
    """
    node = noun
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ != "pobj":
        return False
    prep = node.head
    return prep.lower_ in _COMPARING_PREPS or (
        prep.lower_ in {"to", "with"} and prep.head.lemma_.lower() in _COMPARATIVES
    )


def _means_event(verb: Token) -> Token | None:
    """The event noun a verb is done with ("fuel the conflict with arms supplies")."""
    if verb.pos_ != "VERB":
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for node in (verb, *objects):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in _INSTRUMENTS:
                found = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if found is not None and _is_event_noun(found):
                    return found
    return None


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
    if any((lemma, c.lower_) in _LINKING for c in verb.children if c.dep_ == "prep"):
        return False  # "leading to X doing Y": a consequence, the event is the doing
    if _participle_of_event(verb) is not None:
        return False  # "exercises ... targeting China" describes the exercises
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
    terms: tuple[str, ...],
) -> Iterator[Event]:
    args = _arguments(candidate.trigger, candidate.anchor, sentence, actors)
    if not args.sources and not args.targets:
        return  # no actor on either side: not an event between actors
    if not args.targets and _means_event(candidate.trigger) is not None:
        return  # "fuel the conflict with arms supplies": the supplies are the event
    modality = _modality(candidate)
    date, date_text = (None, None) if modality == "habitual" else _date(candidate, published)
    context = _Context(
        modality=modality,
        attributed_to=attribution_of(candidate.anchor, name_at=_name_at(actors)),
        date=date,
        date_text=date_text,
        place=_place(candidate, actors),
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
    source: _Actor | None,
    target: _Actor | None,
    classify: Classifier,
    context: _Context,
) -> Event | None:
    kind = _type_of(trigger, source, target, classify)
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


def _type_of(
    trigger: Token, source: _Actor | None, target: _Actor | None, classify: Classifier
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
    return max((k for k in readings if k is not None), key=lambda k: k.score, default=None)


def _is_count(token: Token) -> bool:
    return token.like_num or token.ent_type_ in {"DATE", "TIME", "ORDINAL", "CARDINAL", "QUANTITY"}


def _clause(
    trigger: Token,
    source: _Actor | None,
    target: _Actor | None,
    *,
    drop: frozenset[int] | set[int] = frozenset(),
) -> tuple[str, Callable[[_Actor | None], tuple[int, int] | None]]:
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

    def local(actor: _Actor | None) -> tuple[int, int] | None:
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
                return "; ".join(found)
    return None


def _clause_preps(candidate: _Candidate) -> Iterator[Token]:
    """The place prepositions of the trigger's clause, breadth first from the trigger."""
    queue, seen = [candidate.trigger, candidate.anchor], set()
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
        return entity.name if entity.kind in kinds else None
    if goal:
        return None
    if pobj.ent_type_ in {"GPE", "LOC", "FAC"} or (
        pobj.lemma_.lower() in _GEO_NOUNS and any(t.pos_ == "PROPN" for t in pobj.subtree)
    ):
        words = [t for t in pobj.subtree if t.dep_ not in {"relcl", "acl"} or t.i == pobj.i]
        words = [t for t in words if t.i <= max(pobj.i, words[0].i)]
        text = pobj.doc[words[0].i : pobj.i + 1].text
        return text[4:] if text.lower().startswith("the ") else text
    return None


def _umbrella(anchor: Token) -> Token | None:
    return umbrella_of(anchor, is_event_object=_is_event_object)


def _framing(anchor: Token, terms: tuple[str, ...]) -> str | None:
    """The umbrella the event is listed under, else the sentence's loaded terms."""
    umbrella = _umbrella(anchor)
    if umbrella is not None:
        return noun_phrase(umbrella)
    return "; ".join(terms) or None


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
    """The parties of one trigger: who does it (one or more) and to whom."""

    sources: tuple[_Actor, ...]
    targets: tuple[_Actor, ...]

    def pairs(self) -> list[tuple[_Actor | None, _Actor | None]]:
        """(source, target) of each event.

        Coordinated or grouped doers with nobody else named did it with each other
        ("Liu and Gerasimov had a video conference", "the pair pledged"): the first
        is the source, the second the target. Otherwise each doer acts on each target.
        """
        if not self.targets:
            if len(self.sources) >= 2:
                return [(self.sources[0], self.sources[1])]
            return [(self.sources[0] if self.sources else None, None)]
        return [(s, t) for s in self.sources or (None,) for t in self.targets]


def _arguments(trigger: Token, anchor: Token, sentence: Span, actors: ActorLookup) -> _Arguments:
    sources = _unique(_source_actors(trigger, anchor, sentence, actors), set())
    found: list[_Actor] = []
    for token in _target_tokens(trigger, anchor):
        found += _actors_of(token, actors, deep=True)
    if not found:
        found += _umbrella_targets(anchor, actors)  # "provocations on China, including ..."
    targets = _unique(found, {a.entity.id for a in sources})
    return _Arguments(tuple(sources), tuple(targets))


def _unique(found: list[_Actor], seen: set[str]) -> list[_Actor]:
    unique = []
    for actor in found:
        if actor.entity.id not in seen:
            seen.add(actor.entity.id)
            unique.append(actor)
    return unique


def _source_actors(
    trigger: Token, anchor: Token, sentence: Span, actors: ActorLookup
) -> list[_Actor]:
    subject = _subject(trigger) if trigger.pos_ == "VERB" else _noun_subject(trigger, anchor)
    found: list[_Actor] = []
    if subject is not None and _is_group(subject):
        found = _group_referent(subject, sentence, actors)
    elif subject is not None:
        found = _actors_of(subject, actors, deep=True) + _coordinated_past_appositions(
            subject, actors
        )
    if not found and trigger.pos_ != "VERB":
        found = _between(trigger, actors)
    return found


def _coordinated_past_appositions(subject: Token, actors: ActorLookup) -> list[_Actor]:
    """ "Liu, a member of ..., and Gerasimov, ..., had": the parser hangs the second
    subject on the first one's apposition; another actor of the same kind there is
    a coordinated subject, not part of the description.
    """
    own = _actor_at(subject, actors)
    if own is None:
        return []
    found = []
    for appos in (c for c in subject.children if c.dep_ == "appos"):
        for conj in appos.conjuncts:
            actor = _actor_at(conj, actors)
            if actor and actor.entity.kind == own.entity.kind and actor.entity != own.entity:
                found.append(actor)
    return found


def _noun_subject(noun: Token, anchor: Token) -> Token | None:
    """Who does what an event noun names: its own agent, else its light verb's subject."""
    agent = _noun_agent(noun)
    if agent is not None:
        return agent
    if anchor.i != noun.i and noun.dep_ not in {"nsubj", "nsubjpass"}:
        return _subject(anchor)
    if noun.dep_ != "pobj":
        return None
    head = noun.head.head
    if head.pos_ == "VERB":
        return _subject(head)  # "fuel the conflict with arms supplies"
    if noun.head.lower_ in _INSTRUMENTS and head.dep_ == "dobj" and head.head.pos_ == "VERB":
        return _subject(head.head)  # the same, the parser hanging "with" on "the conflict"
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
            event = _participle_of_event(node)
            if event is not None:
                return _noun_subject(event, _anchor_of(event))
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


def _participle_of_event(verb: Token) -> Token | None:
    """The event noun a late participle really modifies, if the parser hung it lower.

    "holding exercises with allies including Japan targeting China": "targeting"
    hangs on "Japan" but says what the exercises target.
    """
    if verb.dep_ != "acl" or verb.tag_ != "VBG":
        return None
    node, climbed = verb.head, False
    while node.pos_ != "VERB" and node.dep_ in {"pobj", "conj"} and node.head.i != node.i:
        if node.dep_ == "pobj":
            if node.head.lower_ not in _COMITATIVE:
                break
            climbed = True
        node = node.head.head if node.dep_ == "pobj" else node.head
    if node.pos_ == "VERB":  # "holding exercises with ...": the light verb's event object
        node = next((c for c in node.children if _is_event_object(c)), node)
    return node if climbed and _is_event_noun(node) else None


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
    """The target of the umbrella ("provocations on China") for the events it lists."""
    umbrella = _umbrella(anchor)
    if umbrella is None or not listed_under(anchor, umbrella):
        return []
    owner = umbrella.head if umbrella.dep_ in {"dobj", "attr"} else umbrella
    tokens = _target_tokens(owner, owner)
    return [a for t in tokens if t.i != anchor.i for a in _actors_of(t, actors, deep=True)]
