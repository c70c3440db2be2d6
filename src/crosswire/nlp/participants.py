"""The participants of an event from the parse: source and targets.

The source is the trigger's subject, passive agent or possessor ("China's
invitation"), the controller of an infinitive or a listed gerund ("urged China to
stop", "provocations, including sending warships"), or a group noun's referents
("the two countries"); the targets are its objects and "with/to/against" phrases,
or the other party of "talks between X and Y". Each is resolved to an entity
through the actors step (:class:`ActorLookup`). Where the event happened is found
by :mod:`crosswire.nlp.places`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

from crosswire.models import Entity, Mention
from crosswire.nlp.framing import listed_under
from crosswire.nlp.triggers import (
    EVENT_NOUNS,
    INSTRUMENTS,
    anchor_of,
    listing_umbrella,
    participle_of_event,
)

#: Event types two parties do with each other ("X and Y met", "... agreed"): only these
#: make coordinated doers with nobody else named each other's counterpart.
RECIPROCAL_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: Entity kinds that can act or be acted on (equipment and places cannot).
ACTOR_KINDS = frozenset({"PERSON", "STATE", "ORG", "GROUP", "OUTLET"})
_TARGET_PREPS = frozenset(
    {"with", "to", "against", "on", "toward", "towards", "between", "for", "into", "upon", "at"}
)
# Plural nouns that refer back to the two parties just named ("the pair", "both sides").
_GROUP_NOUNS = frozenset(
    {"pair", "side", "country", "nation", "party", "military", "leader", "government", "army",
     "man", "woman", "general", "minister", "president", "company"}
)  # fmt: skip
_GROUP_PRONOUNS = frozenset({"they", "both", "we"})
_PEOPLE = ("PERSON",)
# Group nouns that name a role: their members must hold it ("the two ministers").
_ROLE_GROUPS = frozenset({"general", "minister", "president"})
_GROUP_KINDS = {
    "country": ("STATE",), "nation": ("STATE",), "military": ("ORG", "STATE"),
    "government": ("STATE", "ORG"), "army": ("ORG", "STATE"), "company": ("ORG",),
    "man": _PEOPLE, "woman": _PEOPLE, "general": _PEOPLE, "minister": _PEOPLE,
    "president": _PEOPLE,
}  # fmt: skip

# Listing prepositions: "provocations, including shelling": the shelling is the provoker's.
_LISTING = frozenset({"including", "include", "such", "like"})


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


@dataclass(frozen=True)
class Actor:
    """An entity at a character range of the body."""

    entity: Entity
    start: int
    end: int


@dataclass(frozen=True)
class Arguments:
    """The parties of one trigger: who does it (one or more) and to whom."""

    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]

    @property
    def reciprocal(self) -> bool:
        """Several doers and nobody else named: perhaps they did it with each other."""
        return not self.targets and len(self.sources) >= 2

    def pairs(self) -> list[tuple[Actor | None, Actor | None]]:
        """(source, target) of each event.

        Coordinated or grouped doers with nobody else named did it with each other
        ("Liu and Gerasimov had a video conference", "the pair pledged"): the first
        is the source, the second the target; the caller keeps that reading only for
        :data:`RECIPROCAL_TYPES`. Otherwise each doer acts on each target.
        """
        if not self.targets:
            if len(self.sources) >= 2:
                return [(self.sources[0], self.sources[1])]
            return [(self.sources[0] if self.sources else None, None)]
        return [(s, t) for s in self.sources or (None,) for t in self.targets]


def arguments(trigger: Token, anchor: Token, sentence: Span, actors: ActorLookup) -> Arguments:
    """The source(s) and targets of the trigger (with its anchor), as entities."""
    sources = _unique(_source_actors(trigger, anchor, sentence, actors), set())
    found: list[Actor] = []
    for token in _target_tokens(trigger, anchor):
        found += _actors_of(token, actors, deep=True)
    if not found:
        found += _umbrella_targets(anchor, actors)  # "provocations on China, including ..."
    targets = _unique(found, {a.entity.id for a in sources})
    return Arguments(tuple(sources), tuple(targets))


#: Nouns of people or bodies acting for a party ("his Norwegian counterpart").
PARTY_NOUNS = frozenset(
    {"counterpart", "delegation", "official", "minister", "leader", "envoy", "diplomat",
     "president", "premier", "ambassador", "general", "commander", "chief", "representative",
     "negotiator", "spokesman", "spokeswoman", "spokesperson", "lawmaker", "senator", "head"}
)  # fmt: skip


def unnamed_party(trigger: Token, anchor: Token) -> bool:
    """Whether the trigger's subject or object is a person acting for some party.

    "met his Norwegian counterpart": the other side is there, only not named as an
    entity; the event has two parties all the same.
    """
    subject = _subject(trigger) if trigger.pos_ == "VERB" else _noun_subject(trigger, anchor)
    sides = [*_target_tokens(trigger, anchor), *([subject] if subject is not None else [])]
    return any(t.lemma_.lower() in PARTY_NOUNS for s in sides for t in (s, *s.conjuncts))


def _unique(found: list[Actor], seen: set[str]) -> list[Actor]:
    unique = []
    for actor in found:
        if actor.entity.id not in seen:
            seen.add(actor.entity.id)
            unique.append(actor)
    return unique


def _source_actors(
    trigger: Token, anchor: Token, sentence: Span, actors: ActorLookup
) -> list[Actor]:
    subject = _subject(trigger) if trigger.pos_ == "VERB" else _noun_subject(trigger, anchor)
    found: list[Actor] = []
    if subject is not None and _is_group(subject) and _actor_at(subject, actors) is None:
        found = _group_referent(subject, sentence, actors)
    elif subject is not None:
        found = _actors_of(subject, actors, deep=True) + _coordinated_past_appositions(
            subject, actors
        )
    if not found and trigger.pos_ != "VERB":
        found = _between(trigger, actors)
    return found


def _coordinated_past_appositions(subject: Token, actors: ActorLookup) -> list[Actor]:
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
    if noun.head.lower_ in INSTRUMENTS and head.dep_ == "dobj" and head.head.pos_ == "VERB":
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
            event = participle_of_event(node)
            if event is not None:
                return _noun_subject(event, anchor_of(event))
            return node.head  # "the United States accusing Beijing"
        controller = _object_controller(node)
        if controller is not None:
            return controller
        if any(c.dep_ == "auxpass" for c in node.children):
            return None  # "he ought to be pressed": the subject up the chain is the patient
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


def _between(noun: Token, actors: ActorLookup) -> list[Actor]:
    """ "talks between X and Y", "the China-Russia exercise": both parties, in order.

    An event noun that only qualifies another noun ("Russia and China's coordination
    efforts") has its parties on that noun.
    """
    parties: list[Actor] = []
    nodes = [noun, noun.head] if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else [noun]
    for child in (c for node in nodes for c in node.children if c.i != noun.i):
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
            elif child.dep_ == "dative" and child.pos_ in {"PROPN", "NOUN", "PRON"}:
                yield child  # "give Australia the technology": the recipient
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


def _actors_of(token: Token, actors: ActorLookup, *, deep: bool) -> list[Actor]:
    """The actors ``token`` names, with its conjuncts; ``deep`` looks inside its phrase."""
    found: list[Actor] = []
    for node in (token, *(c for c in token.conjuncts if c.i > token.i)):
        actor = _actor_at(node, actors)
        if actor is not None:
            found.append(actor)
        elif referred := _referred_group(node, actors):
            found += referred  # "the officials", "them": two parties named before
        elif deep:
            found += _inner_actors(node, actors)
    return found


# Prepositions inside a noun phrase that name the actor it is about.
_INNER_PREPS = frozenset({"of", "including", "like", "by", "from"})


def _inner_actors(noun: Token, actors: ActorLookup) -> list[Actor]:
    """ "the island of Taiwan", "regional allies including Japan", "drill organized by China".

    An event noun names its other party after "against" too: "took part in the war
    against Ukraine" is done to Ukraine.
    """
    preps = _INNER_PREPS | ({"against"} if noun.lemma_.lower() in EVENT_NOUNS else set())
    for child in noun.children:
        if child.dep_ == "poss":
            return _actors_of(child, actors, deep=False)  # "Kadyrov's forces"
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and child.lower_ == "of" and _is_group(pobj):
                    # "armed forces of the two countries": the two countries named before
                    # (people "from the two countries" are not said to act for them)
                    return _group_referent(pobj, _spacy_sentence(pobj), actors)
                if pobj.dep_ == "pobj":
                    return _actors_of(pobj, actors, deep=False)
        if child.dep_ == "acl":
            agent = _subject(child) if child.tag_ == "VBN" else None
            if agent is not None:
                return _actors_of(agent, actors, deep=False)
    return []


def _actor_at(token: Token, actors: ActorLookup) -> Actor | None:
    entity = actors.entity_at(token.idx, token.idx + len(token.text))
    if entity is None or entity.kind not in ACTOR_KINDS:
        return None
    mention = next(
        (m for m in actors.mentions if m.start <= token.idx < m.end and m.entity == entity.id),
        None,
    )
    if mention is None:
        return Actor(entity, token.idx, token.idx + len(token.text))
    return Actor(entity, mention.start, mention.end)


def _is_group(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.lower_ in _GROUP_PRONOUNS:
        return True
    return lemma in _GROUP_NOUNS and (
        lemma == "pair" or any(c.lower_ in {"two", "both"} for c in token.children)
    )


def group_members(token: Token, sentence: Span, actors: ActorLookup) -> list[Actor]:
    """The two parties a group noun or pronoun ("the two sides", "the pair") stands for.

    None when ``token`` is no group word or the text before it does not name two
    actors of one fitting kind (see :func:`_group_referent`).
    """
    referred = _referred_group(token, actors)
    if referred:
        return referred
    return _group_referent(token, sentence, actors) if _is_group(token) else []


def _referred_group(token: Token, actors: ActorLookup) -> list[Actor]:
    """The parties the references step resolved a plural word to ("the officials said").

    Only a lookup with ``members_at`` (``crosswire.nlp.pronouns.WithReferences``) has any.
    """
    members_at = getattr(actors, "members_at", None)
    if members_at is None:
        return []
    end = token.idx + len(token.text)
    return [Actor(e, token.idx, end) for e in members_at(token.idx, end) if e.kind in ACTOR_KINDS]


def _group_referent(group: Token, sentence: Span, actors: ActorLookup) -> list[Actor]:
    """The last two distinct actors of one kind named before ``group``.

    "The two countries" are two states, "the pair" and "they" first two people;
    they are looked for in this sentence and the one before it.
    """
    doc = group.doc
    first = max(sentence.start - 1, 0)
    while first > 0 and not doc[first].is_sent_start:  # Token.sent would walk the whole doc
        first -= 1
    window_start = doc[first].idx
    named: dict[str, Actor] = {}
    for mention in actors.mentions:
        if window_start <= mention.start < group.idx and mention.entity:
            entity = actors.entity_at(mention.start, mention.end)
            if entity is not None and entity.kind in ACTOR_KINDS:
                named.pop(entity.id, None)
                named[entity.id] = Actor(entity, mention.start, mention.end)
    lemma = group.lemma_.lower()
    for kind in _GROUP_KINDS.get(lemma, ("PERSON", "STATE", "ORG")):
        fitting = [a for a in named.values() if a.entity.kind == kind]
        if kind == "PERSON" and lemma in _ROLE_GROUPS:  # "both generals": two generals
            fitting = [a for a in fitting if holds_role(a.entity, lemma)]
        last_two = fitting[-2:]
        if len(last_two) == 2:
            return last_two
    return []


def _spacy_sentence(token: Token) -> Span:
    """The parser's sentence of ``token`` (``Token.sent`` would walk the whole doc)."""
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def holds_role(person: Entity, word: str) -> bool:
    """Whether one of ``person``'s roles or descriptions has the word ("minister")."""
    titles = [r.title for r in person.roles] + list(person.aliases)
    return any(word in t.lower().replace("-", " ").split() for t in titles)


def _umbrella_targets(anchor: Token, actors: ActorLookup) -> list[Actor]:
    """The target of the umbrella ("provocations on China") for the events it lists."""
    umbrella = listing_umbrella(anchor)
    if umbrella is None or not listed_under(anchor, umbrella):
        return []
    owner = umbrella.head if umbrella.dep_ in {"dobj", "attr"} else umbrella
    tokens = _target_tokens(owner, owner)
    return [a for t in tokens if t.i != anchor.i for a in _actors_of(t, actors, deep=True)]
