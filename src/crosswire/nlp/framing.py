"""How the outlet frames an event: the umbrella it lists it under, or the loaded words it uses.

Two general mechanisms, read off the parse of the event's sentence:

- **umbrella**: a noun the outlet lists events under ("ramped up military
  provocations on China, including sending warships ..."); every event in the
  clauses below it is framed by it (see :func:`umbrella_of`);
- **loaded terms**: words that take a side when they name a conflict or an actor
  ("full-scale invasion", "war with Ukraine", "Russia-Ukraine conflict",
  "special military operation", "regime", "stabilizing effect"). They come from
  the small lexicon below (:data:`LOADED_NOUNS`, :data:`LOADED_MODIFIERS`,
  :data:`LOADED_PHRASES`), written from general news vocabulary, never from one
  article; each hit is given back as its noun phrase, so that the outlet's own
  words ("full-scale", "Kremlin's war efforts") stay visible.

An umbrella is the stronger statement: an event listed under one is framed by it
alone; otherwise every loaded term of the sentence frames it, in text order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from spacy.tokens import Span, Token

#: Nouns that name a conflict, an act or an actor in a way that takes a side.
LOADED_NOUNS = frozenset(
    {
        "war", "invasion", "aggression", "provocation", "conflict", "occupation",
        "annexation", "terrorist", "regime", "junta", "genocide", "massacre",
        "atrocity", "crackdown", "bullying", "hegemony", "coercion", "interference",
        "meddling", "propaganda", "puppet", "separatist", "extremist", "escalation",
        "intimidation", "destabilization", "militarization", "expansionism", "incursion",
        "martyr", "aggressor", "oppression", "persecution", "liberation",
    }
)  # fmt: skip
#: Modifiers that judge the noun they qualify ("stabilizing effect", "illegal annexation").
LOADED_MODIFIERS = frozenset(
    {
        "stabilizing", "stabilising", "destabilizing", "destabilising", "provocative",
        "aggressive", "hegemonic", "illegal", "unprovoked", "brutal", "barbaric",
        "expansionist", "reckless", "irresponsible", "hostile", "illegitimate",
    }
)  # fmt: skip
#: Loaded phrases whose words are harmless one by one (lower-cased words).
LOADED_PHRASES: tuple[tuple[str, ...], ...] = (
    ("special", "military", "operation"),
    ("counter", "-", "terrorism", "operation"),
    ("regime", "change"),
    ("color", "revolution"),
    ("colour", "revolution"),
)
# Prepositions whose object completes a conflict noun ("war with Ukraine").
_PARTY_PREPS = frozenset({"with", "against", "on", "of", "in"})
_MODIFIERS = frozenset({"amod", "compound", "nmod"})
_LISTING = frozenset({"including", "include", "such", "like"})


def loaded_terms(sentence: Span) -> tuple[str, ...]:
    """The loaded phrases of ``sentence``, in text order, each once."""
    return tuple(term.text for term in loaded_spans(sentence))


def loaded_spans(sentence: Span) -> tuple[Span, ...]:
    """The loaded phrases of ``sentence`` as spans of the doc, in text order, each once."""
    found: dict[int, int] = {}  # first token -> last token
    covered: set[int] = set()
    for start, end in _phrase_hits(sentence):
        found[start] = end - 1
        covered.update(range(start, end))
    for token in sentence:
        if token.i in covered:
            continue
        lemma = token.lemma_.lower()
        if lemma in LOADED_NOUNS and token.pos_ in {"NOUN", "PROPN"}:
            first, last = _noun_phrase_bounds(token)
        elif token.lower_ in LOADED_MODIFIERS and token.dep_ in {"amod", "compound"}:
            first, last = token.i, token.head.i
        else:
            continue
        if first not in found and not covered & set(range(first, last + 1)):
            found[first] = last
            covered.update(range(first, last + 1))
    return tuple(sentence.doc[i : found[i] + 1] for i in sorted(found))


def _phrase_hits(sentence: Span) -> Iterator[tuple[int, int]]:
    words = [t.lower_ for t in sentence]
    for offset in range(len(words)):
        for phrase in LOADED_PHRASES:
            if tuple(words[offset : offset + len(phrase)]) == phrase:
                yield sentence.start + offset, sentence.start + offset + len(phrase)


def _noun_phrase_bounds(noun: Token) -> tuple[int, int]:
    """ "the full-scale invasion" -> "full-scale invasion"; "war with Ukraine"; "war efforts"."""
    head = noun
    if noun.dep_ == "compound" and noun.head.i == noun.i + 1 and noun.head.pos_ == "NOUN":
        head = noun.head  # "the Kremlin's war efforts": the phrase is "war efforts"
    first = noun.i
    for left in reversed(list(noun.lefts)):
        # hyphenated modifiers ("full-scale", "Russia-Ukraine") are subtrees of their own
        if left.dep_ not in _MODIFIERS or left.right_edge.i != first - 1:
            break
        first = left.left_edge.i
    last = head.i
    for right in head.rights:
        if right.dep_ == "prep" and right.lower_ in _PARTY_PREPS and right.i == last + 1:
            pobj = next((c for c in right.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                last = pobj.i  # "war with Ukraine": the party named
        break
    return first, last


def umbrella_of(anchor: Token, *, is_event_object: Callable[[Token], bool]) -> Token | None:
    """The umbrella noun an event at ``anchor`` is listed under, if any.

    The umbrella is an event noun with a listing phrase ("provocations, including
    ..."), or the event object of a verb with one ("ramped up provocations,
    including ..."); ``is_event_object`` says which objects name events.
    """
    for head, via in _ancestors(anchor):
        lists = any(c.dep_ == "prep" and c.lower_ in _LISTING for c in head.children)
        if not lists or (via is not None and is_event_object(via)):
            continue  # the umbrella noun itself is not listed under itself
        if head.pos_ != "VERB":
            return head
        noun = next((c for c in head.children if is_event_object(c)), None)
        if noun is not None:
            return noun
    return None


def listed_under(anchor: Token, umbrella: Token) -> bool:
    """True if ``anchor`` is inside the listing phrase of ``umbrella`` (not only near it)."""
    owner = umbrella.head if umbrella.dep_ in {"dobj", "attr"} else umbrella
    for head, via in _ancestors(anchor):
        if head.i == owner.i:
            return via is not None and via.dep_ == "prep" and via.lower_ in _LISTING
    return False


def _ancestors(token: Token) -> Iterator[tuple[Token, Token | None]]:
    """The heads above ``token`` along clause links, each with the child it was reached by.

    An instrument phrase on an object ("fuel the conflict with arms supplies") is
    followed up through the object to its verb.
    """
    node = token
    links = {"conj", "pcomp", "pobj", "prep", "xcomp", "advcl"}
    while node.head.i != node.i:
        instrument = node.dep_ == "dobj" and any(
            c.dep_ == "prep" and c.lower_ in {"with", "through", "via"} for c in node.children
        )
        if node.dep_ not in links and not instrument:
            return
        child, node = node, node.head
        yield node, child


def noun_phrase(noun: Token) -> str:
    """The noun with its adjectives and compounds: "military provocations"."""
    words = [c for c in noun.lefts if c.dep_ in {"amod", "compound", "nmod"}] + [noun]
    return noun.doc[words[0].i : noun.i + 1].text


# Links by which a clause only accompanies its head (a consequence, a relative, a
# coordinated act): a term inside it is that clause's, not the head event's.
_ADJUNCT_LINKS = frozenset({"advcl", "relcl", "conj", "acl", "parataxis"})


def framed_owners(term: Span, owners: Mapping[int, tuple[int, ...]]) -> tuple[int, ...]:
    """The events (keys of ``owners``' values) whose own clause holds the loaded ``term``.

    ``owners`` maps the token index of each event's trigger and anchor to its keys.
    The walk goes up from the term's head: every event it meets owns the term, and
    it goes on through argument links ("accusing Beijing of backing the war
    efforts": the accusation and the backing both), but not from an event up an
    adjunct link ("leading to the US accusing ...": the consequence's terms are not
    the cause's). Before any event is met an adjunct clause is the event's own
    ("increase collaboration since the war with Ukraine began"); a term predicated
    of an event noun ("Russia and China's coordination efforts have a stabilizing
    effect") belongs to the event in the predicate's subject.
    """
    found: dict[int, None] = {}
    node = term.root
    while True:
        for key in owners.get(node.i, ()):
            found.setdefault(key)
        if not found and node.pos_ in {"VERB", "AUX"}:
            for key in _subject_owners(node, owners):
                found.setdefault(key)
        if node.head.i == node.i or (found and node.dep_ in _ADJUNCT_LINKS):
            break
        node = node.head
    return tuple(found)


def _subject_owners(predicate: Token, owners: Mapping[int, tuple[int, ...]]) -> Iterator[int]:
    for subject in (c for c in predicate.children if c.dep_ in {"nsubj", "nsubjpass"}):
        for token in subject.subtree:
            yield from owners.get(token.i, ())
