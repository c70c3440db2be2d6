"""Event triggers: the words of a sentence that name an event between actors.

A trigger is a content verb or an event noun ("talks", "patrol", "invitation").
A noun that is the object of a light or aspectual verb ("held talks", "continue
joint training") is the event; the verb, its *anchor*, only lends it subject,
tense, time and place. Verbs that link a cause to its consequence ("leading to"),
report another event ("said that ..."), or describe an event noun (a late
participle: "exercises ... targeting China") are no triggers of their own; nor is
a noun that is only the yardstick of a comparison ("drills like Russia's own").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from crosswire.nlp.framing import umbrella_of
from crosswire.nlp.modality import REPORTING_VERBS

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
_NOT_EVENTS = frozenset(
    {"be", "have", "do", "seem", "appear", "become", "accord", "include", "follow", "read"}
)  # "following a speech" times another event; "a statement reads" quotes one
# Verbs that only link a cause to its consequence ("leading to", "resulted in").
_LINKING = frozenset({("lead", "to"), ("result", "in"), ("give", "rise")})
# A noun after these is the standard of a comparison ("drills like Russia's own").
_COMPARING_PREPS = frozenset({"like", "unlike", "than"})
_COMPARATIVES = frozenset(
    {"similar", "comparable", "akin", "compare", "analogous", "identical", "equivalent"}
)
# Phrases a late participle is wrongly attached inside ("exercises with allies including X").
_COMITATIVE = frozenset({"with", "including", "like", "among", "alongside"})

# Determiners of something already mentioned.
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Verbs whose subject only times another event ("the talks came amid tensions").
_TIMING_VERBS = frozenset({"come", "arrive"})
# Prepositions of the occasion a statement was made on ("said in the conference").
_SETTING_PREPS = frozenset({"in", "at", "during"})

# Prepositions of the means an act is done with ("fuel the conflict with arms supplies").
INSTRUMENTS = frozenset({"with", "through", "via", "by"})


@dataclass(frozen=True)
class Candidate:
    """A trigger with its anchor: the verb whose clause carries tense, time and place."""

    trigger: Token
    anchor: Token


def candidates(sentence: Span) -> Iterator[Candidate]:
    """The triggers of ``sentence`` in text order, each with its anchor."""
    for token in sentence:
        if token.pos_ == "VERB" and _is_event_verb(token):
            yield Candidate(token, token)
        elif (
            is_event_noun(token)
            and not _argument_of_event_verb(token)
            and not _compared_with(token)
            and not is_back_reference(token)
        ):
            yield Candidate(token, anchor_of(token))


def is_back_reference(noun: Token) -> bool:
    """ "The video conference ... came at a time when", "said in the video conference".

    A definite event noun that only times another event (the subject of "came",
    "comes amid") or is the setting of a statement (after "in", "at" or "during" on
    a reporting verb) refers back to an event already told: no new event.
    """
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
        return False
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_.lower() in _TIMING_VERBS:
        return True
    return (
        noun.dep_ == "pobj"
        and head.lower_ in _SETTING_PREPS
        and head.head.lemma_.lower() in REPORTING_VERBS
    )


def is_event_noun(token: Token) -> bool:
    """Whether ``token`` is a noun that names an event by itself."""
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


def means_event(verb: Token) -> Token | None:
    """The event noun a verb is done with ("fuel the conflict with arms supplies")."""
    if verb.pos_ != "VERB":
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for node in (verb, *objects):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ in INSTRUMENTS:
                found = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if found is not None and is_event_noun(found):
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
    if participle_of_event(verb) is not None:
        return False  # "exercises ... targeting China" describes the exercises
    if lemma in REPORTING_VERBS and any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return False  # "X said that ...": the report frames another event
    if lemma == "go" and any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "they're going to defend": a future, the event is the defending
    # "held talks": the noun is the event
    return not (lemma in LIGHT_VERBS and any(is_event_object(c) for c in verb.children))


def is_event_object(token: Token) -> bool:
    """Whether ``token`` is an event noun a (light) verb takes as object or attribute."""
    return token.dep_ in {"dobj", "attr"} and token.lemma_.lower() in EVENT_NOUNS


def anchor_of(noun: Token) -> Token:
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


def scene_of(verb: Token) -> list[Token]:
    """The verb whose time and place a participial adjunct shares, if ``verb`` is one.

    "Troops broke up a protest in Kabul on Wednesday, killing one": the killing
    happened then and there. A participle with a subject of its own, or one that
    only links a consequence ("leading to"), has its own scene.
    """
    if verb.dep_ != "advcl" or verb.tag_ not in {"VBG", "VBN"}:
        return []
    if any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in verb.children):
        return []  # "while ...", "after ...": a clause of its own
    if any((verb.lemma_.lower(), c.lower_) in _LINKING for c in verb.children):
        return []
    return [verb.head]


def participle_of_event(verb: Token) -> Token | None:
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
        node = next((c for c in node.children if is_event_object(c)), node)
    return node if climbed and is_event_noun(node) else None


def listing_umbrella(anchor: Token) -> Token | None:
    """The noun an event is listed under ("provocations, including ..."), if any."""
    return umbrella_of(anchor, is_event_object=is_event_object)


# Verbs and nouns that move material from one party to another.
_TRANSFER_VERBS = frozenset(
    {"sell", "supply", "deliver", "provide", "ship", "transfer", "export", "send", "give"}
)
_TRANSFER_NOUNS = frozenset({"sale", "supply", "delivery", "shipment", "transfer", "export"})
# Verbs that move forces somewhere ("sending warships to the Strait").
_DEPLOY_VERBS = frozenset({"send", "deploy", "dispatch", "station", "move", "sail", "fly"})
_DEPLOY_NOUNS = frozenset({"deployment", "dispatch", "buildup"})
# Military hardware given to a recipient (the codebook's AID: "arms and personnel").
ARMS = frozenset(
    {
        "weapon", "weaponry", "arm", "arms", "missile", "munition", "munitions", "ammunition",
        "artillery", "rocket", "tank", "howitzer", "drone", "armament", "hardware",
    }
)  # fmt: skip
# Forces moved about (the codebook's MOBILIZE: troops and a show of force).
FORCES = frozenset(
    {
        "troop", "troops", "soldier", "force", "forces", "warship", "warplane", "ship",
        "vessel", "destroyer", "frigate", "carrier", "submarine", "bomber", "jet", "fighter",
        "aircraft", "battalion", "brigade",
    }
)  # fmt: skip


def material_type(trigger: Token) -> tuple[str, str] | None:
    """``(PLOVER type, mode)`` when the trigger moves arms or forces, read from the parse.

    "selling weapons to Taiwan", "provide Moscow with weaponry" and "arms sales" are
    AID (military): the codebook's
    AID provides "military and police assistance including arms". "sending warships
    to the Strait" and "the deployment of troops" are MOBILIZE (troops), whatever
    preposition names where they go. Word lists alone miss these: the verbs are
    generic ("sell" is mostly trade, "send" mostly aid) and only the goods say which.
    """
    lemma = trigger.lemma_.lower()
    heads = goods(trigger)
    is_verb = trigger.pos_ == "VERB"
    if (lemma in _DEPLOY_VERBS if is_verb else lemma in _DEPLOY_NOUNS) and heads & FORCES:
        return "MOBILIZE", "troops"
    if (lemma in _TRANSFER_VERBS if is_verb else lemma in _TRANSFER_NOUNS) and heads & ARMS:
        return "AID", "military"
    return None


def goods(trigger: Token) -> set[str]:
    """The words (lemma and form) of what the trigger moves or uses: its objects.

    A verb's object ("sent warships", "provide Moscow with weaponry": after "with"
    when the object is the recipient); an event noun's modifiers and "of" phrase
    ("arms sales", "the deployment of troops").
    """
    if trigger.pos_ == "VERB":
        found = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
        found += [p for c in trigger.children if c.lower_ == "with" for p in c.children]
    else:
        found = [c for c in trigger.children if c.dep_ in {"compound", "amod", "nmod"}]
        found += [p for c in trigger.children if c.lower_ == "of" for p in c.children]
    words = [w for g in found for w in (g, *g.conjuncts)]
    # "a record number of military jets", "dozens of tanks": the goods are counted
    words += [p for w in words if w.lemma_.lower() in _QUANTITIES for p in of_objects(w)]
    return {w.lemma_.lower() for w in words} | {w.lower_ for w in words}


# Nouns that count or group what is moved ("a number of jets", "a fleet of ships").
_QUANTITIES = frozenset(
    {"number", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "fleet",
     "group", "batch", "shipment", "squadron", "flotilla", "convoy", "wave", "package"}
)  # fmt: skip


def of_objects(noun: Token) -> list[Token]:
    """The objects of the noun's "of" phrases ("a number of jets" -> jets)."""
    return [p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]


def uses_force(trigger: Token) -> bool:
    """Whether the trigger moves or uses arms or armed forces ("fired a missile")."""
    return bool(goods(trigger) & (ARMS | FORCES))


# Verbs of taking part in someone else's event; alone they say little.
PARTICIPATION_VERBS = frozenset({"participate", "join", "attend", "engage", "involve", "take"})
# Verbs of receiving others in one's own event ("China hosted Russia in an exercise").
_HOSTING = frozenset({"host", "welcome"})
# Events done together by the armed forces of several parties.
_JOINT_MILITARY = frozenset(
    {"exercise", "drill", "maneuver", "manoeuvre", "training", "patrol", "game", "wargame"}
)


def participation_type(trigger: Token, anchor: Token | None = None) -> tuple[str, str] | None:
    """``("COOPERATE", "military")`` for taking part in (or hosting others in) an exercise.

    An exercise, drill or patrol noun held together with another party ("held
    exercises with Belarus", "joint drills") is the same, from the noun itself.

    The codebook types joint exercises COOPERATE (military); "participate in a drill
    organized by China" is such an exercise seen from one participant, while the
    classifier, reading "participate" without its object, guesses from the rest.
    """
    lemma = trigger.lemma_.lower()
    if trigger.pos_ != "VERB":
        return _joint_exercise(trigger, anchor)
    if lemma not in PARTICIPATION_VERBS | _HOSTING:
        return None
    if lemma == "take" and not any(c.lower_ == "part" for c in trigger.children):
        return None
    events = [c for c in trigger.children if c.dep_ == "dobj"]
    events += [p for c in trigger.children if c.lower_ in {"in", "on"} for p in c.children]
    lemmas = {w.lemma_.lower() for e in events for w in (e, *e.conjuncts)}
    return ("COOPERATE", "military") if lemmas & _JOINT_MILITARY else None


def _joint_exercise(noun: Token, anchor: Token | None) -> tuple[str, str] | None:
    """ "holds exercises with Belarus", "the joint patrol", "India and France held drills"."""
    if noun.lemma_.lower() not in _JOINT_MILITARY:
        return None
    holders = [noun] if anchor is None or anchor.i == noun.i else [noun, anchor]
    together = any(
        c.lower_ in {"joint", "combined", "bilateral", "trilateral", "multilateral"}
        or (c.dep_ == "prep" and c.lower_ in {"with", "alongside", "between"})
        or (c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.children))
        for holder in holders
        for c in holder.children
    )  # "India and France held drills": coordinated holders
    return ("COOPERATE", "military") if together else None
