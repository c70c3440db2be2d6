"""Definite nouns that refer back to actors named before: "the ministry said", "the officials".

Used by :mod:`crosswire.nlp.pronouns`, which resolves every kind of reference of an
article in one pass; this module holds the sentence windows they all search and
the two noun rules, each leaving the reference open unless the text settles it:

- **organisation nouns** ("the ministry", "the agency", "the company", "the
  alliance"): the one organisation named in the nearest of the last few sentences
  that names any organisation of that kind. Of that kind means the noun is the head
  of its name or of a description the text gives it ("Russian Defence Ministry",
  "Court of Appeals", "the TASS news agency", "Proud Boys, a far-right group"; not
  "American government officials" for "the government"), one of the nouns the
  knowledge base types it with (``types``: NATO is an "alliance", TASS an
  "agency"), or its coded sector says so (a BUS organisation is a company, a PTY
  one a party); an agency is also an organisation whose name is an
  "Administration", "Bureau", "Service", "Authority" or "Institute". Two of that
  kind in the nearest window leave it open.
- **plural nouns** ("the officials said", "the leaders agreed", "the countries"): the
  two parties, when the nearest sentence that names any actor of that kind names
  exactly two; one, three or more leave it open.
- **"them"** as an object: two actors named together ("Russia and China"), or one
  group named in the plural ("Democrats"), when no other plural noun ("the
  vaccines") comes between; the object's own clause subject is never one of them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from crosswire.models import Entity, Mention
from crosswire.nlp.kb import KnowledgeBase
from crosswire.nlp.participants import ACTOR_KINDS, ActorLookup, holds_role
from crosswire.nlp.triggers import EVENT_NOUNS

__all__ = [
    "Group",
    "Named",
    "Passage",
    "organisation_referent",
    "plural_pronoun_referents",
    "plural_referents",
]

#: Nouns that, definite and bare ("the ministry"), refer back to an organisation.
ORG_REFERENCES = frozenset(
    {"agency", "ministry", "department", "company", "firm", "alliance", "bloc", "group",
     "organization", "organisation", "union", "council", "committee", "commission", "court",
     "party", "network", "newspaper", "office", "administration", "government", "league",
     "coalition", "bureau", "service", "authority"}
)  # fmt: skip
# Words of an organisation's own name that make it an agency ("Food and Drug Administration").
_AGENCY_WORDS = frozenset(
    {"agency", "administration", "bureau", "service", "authority", "institute"}
)
# Nouns an organisation of this sector is, whatever its name ("Pfizer": the company).
_SECTOR_NOUNS = {"BUS": {"company", "firm"}, "PTY": {"party"}}
_ORG_KINDS = frozenset({"ORG", "OUTLET", "GROUP"})
# Prepositions after the head noun of a name ("Court of Appeals", "Office for Civil Rights").
_NAME_PREPOSITIONS = frozenset({"of", "for", "on", "in", "to", "at"})
#: Plural nouns that, definite and bare ("the officials said"), refer back to two parties.
PLURAL_REFERENCES: dict[str, tuple[str, ...]] = {
    "country": ("STATE",), "nation": ("STATE",), "government": ("STATE", "ORG"),
    "company": ("ORG",), "firm": ("ORG",), "side": ("PERSON", "STATE", "ORG"),
    "leader": ("PERSON",), "official": ("PERSON",), "president": ("PERSON",),
    "minister": ("PERSON",), "general": ("PERSON",), "diplomat": ("PERSON",),
    "lawmaker": ("PERSON",), "senator": ("PERSON",), "man": ("PERSON",), "woman": ("PERSON",),
}  # fmt: skip
# Plural nouns that name a role: the two must hold it ("the ministers").
_ROLE_PLURALS = frozenset({"president", "minister", "general", "senator", "lawmaker", "diplomat"})
# Sectors of people who act for a party ("the officials", "the leaders").
_PUBLIC_SECTORS = frozenset({"GOV", "MIL", "LEG", "IGO", "PTY", "JUD"})
# Sentences looked back over for an organisation noun's referent, paragraphs aside
# (news paragraphs are one or two sentences).
_ORG_LOOKBACK = 4


@dataclass(frozen=True)
class Group:
    """A plural reference ("the officials", "them") and the entity ids it stands for."""

    text: str
    start: int
    end: int
    members: tuple[str, ...]


def bare_definite(token: Token) -> bool:
    """Whether ``token`` is a noun with only a definite article, right before it."""
    children = list(token.children)
    return (
        token.pos_ == "NOUN"
        and len(children) == 1
        and children[0].lower_ == "the"
        and children[0].i == token.i - 1
    )


def is_organisation_noun(token: Token) -> bool:
    """ "the ministry", "the alliance": a bare definite singular organisation noun."""
    return token.tag_ == "NN" and token.lower_ in ORG_REFERENCES and bare_definite(token)


def is_plural_noun(token: Token) -> bool:
    """ "the officials said": a bare definite plural noun of parties, as a subject."""
    return (
        token.tag_ == "NNS"
        and token.lemma_.lower() in PLURAL_REFERENCES
        and token.dep_ in {"nsubj", "nsubjpass"}
        and bare_definite(token)
    )


class Passage:
    """The sentences of a document (split again at line breaks) and windows over them."""

    def __init__(self, doc: Doc) -> None:
        self.sentences = _sentences(doc)
        self.firsts = [first for first, *_ in self.sentences]

    def windows(
        self, token: Token, *, lookback: int = 3, paragraphs: bool = True
    ) -> list[tuple[int, int]]:
        """Character ranges to search, nearest first: the sentence up to ``token``, then
        earlier ones. With ``paragraphs``, only earlier sentences of its paragraph, or the
        last one of the paragraph before when ``token`` opens its paragraph."""
        k = bisect_right(self.firsts, token.i) - 1
        windows = [(self.sentences[k][1], token.idx)]
        for j in range(k - 1, max(k - 1 - lookback, -1), -1):
            same = self.sentences[j][3] == self.sentences[k][3]
            if not paragraphs or same or j == k - 1:
                windows.append((self.sentences[j][1], self.sentences[j][2]))
            if paragraphs and not same:
                break
        return windows


def _sentences(doc: Doc) -> list[tuple[int, int, int, int]]:
    """(first token, start char, end char, paragraph number) of each sentence, split again
    at line breaks as the events step splits them."""
    found: list[tuple[int, int, int, int]] = []
    paragraph = 0
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    found.append((start, doc[start].idx, token.idx, paragraph))
                paragraph += 1
                start = token.i + 1
        if start < sent.end:
            found.append((start, doc[start].idx, sent.end_char, paragraph))
    return found


class Named:
    """The actor mentions of an article in text order, with their entities."""

    def __init__(self, actors: ActorLookup) -> None:
        self.by_id = {e.id: e for e in actors.entities}
        self.mentions = sorted(
            (m for m in actors.mentions if m.entity in self.by_id), key=lambda m: m.start
        )
        self.starts = [m.start for m in self.mentions]

    def between(self, start: int, end: int) -> Iterator[tuple[Mention, Entity]]:
        """Mentions starting in ``[start, end)``, with their entities."""
        first, last = bisect_right(self.starts, start - 1), bisect_right(self.starts, end - 1)
        for mention in self.mentions[first:last]:
            yield mention, self.by_id[mention.entity or ""]

    def nearest(
        self, windows: list[tuple[int, int]], fits: Callable[[Mention, Entity], bool]
    ) -> tuple[list[str], tuple[int, int]]:
        """The distinct fitting entity ids of the nearest window that has any, and that
        window."""
        for start, end in windows:
            found = [e.id for m, e in self.between(start, end) if fits(m, e)]
            if found:
                return list(dict.fromkeys(found)), (start, end)
        return [], (0, 0)


def organisation_referent(
    noun: Token, passage: Passage, named: Named, kb: KnowledgeBase
) -> str | None:
    """The entity id an organisation noun ("the ministry") stands for, or ``None``."""
    word, doc, known = noun.lower_, noun.doc, _kb_types(kb)

    def fits(mention: Mention, entity: Entity) -> bool:
        if entity.kind == "STATE":
            # a seat of power standing for its government ("the White House")
            return word in {"government", "administration"} and entity.sector == "GOV"
        if entity.kind not in _ORG_KINDS:
            return False
        if word in _SECTOR_NOUNS.get(entity.sector or "", ()):
            return True
        if word in known.get(entity.id, ()):
            return True
        heads = {_head_word(n) for n in (entity.name, *entity.aliases)}
        if word == "agency" and heads & _AGENCY_WORDS:
            return True
        return word in heads or word in _described_as(doc, mention)

    windows = passage.windows(noun, lookback=_ORG_LOOKBACK, paragraphs=False)
    found, (start, end) = named.nearest(windows, fits)
    if len(found) != 1:
        return None
    state = named.by_id[found[0]]
    if state.kind == "STATE" and any(
        e.kind == "PERSON" and e.sector == "GOV" and e.country not in {None, state.country}
        for _, e in named.between(start, end)
    ):
        return None  # "Biden's decision was a warning to Tehran while the administration"
    return found[0]


def _head_word(name: str) -> str:
    """The noun a name is of: "Ministry of Defence" -> "ministry", "Russian Defence Ministry"
    -> "ministry" ("American government officials" are officials, no government)."""
    words = name.lower().replace("-", " ").split() or [""]
    cut = next((i for i, w in enumerate(words) if w in _NAME_PREPOSITIONS and i > 0), len(words))
    return words[cut - 1]


def _described_as(doc: Doc, mention: Mention) -> set[str]:
    """Nouns the text puts on a mention: "the TASS news agency", "news agency TASS"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    words = {c.lower_ for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN":
        words.add(head.lower_)
    elif root.dep_ in {"compound", "nmod"} and any(c.lower_ == "news" for c in head.children):
        # "the TASS news agency" (but a "House committee" is no House)
        words.add(head.lower_)
    return words


@cache
def _kb_types(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Entity id -> the nouns the knowledge base says it is ("alliance" for NATO)."""
    return {entry.id: entry.types for entry in kb if entry.types}


def plural_referents(noun: Token, passage: Passage, named: Named) -> tuple[str, ...]:
    """The two entity ids a plural noun ("the officials") stands for, or ``()``."""
    lemma = noun.lemma_.lower()
    kinds = PLURAL_REFERENCES[lemma]

    def fits(mention: Mention, entity: Entity) -> bool:
        if entity.kind not in kinds:
            return False
        if entity.kind == "PERSON" and lemma in _ROLE_PLURALS:
            return holds_role(entity, lemma)
        if entity.kind == "PERSON" and lemma in {"leader", "official"}:
            return entity.sector in _PUBLIC_SECTORS
        if lemma in {"company", "firm"} or (lemma == "government" and entity.kind == "ORG"):
            return entity.sector == ("BUS" if lemma != "government" else "GOV")
        return True

    found, _ = named.nearest(passage.windows(noun), fits)
    one_kind = len({named.by_id[i].kind for i in found}) == 1
    return tuple(found) if len(found) == 2 and one_kind else ()


def plural_pronoun_referents(
    pronoun: Token,
    windows: list[tuple[int, int]],
    named: Named,
    excluded: set[str],
    known: ActorLookup,
) -> str | tuple[str, ...] | None:
    """What "them" stands for: two actors named together ("X and Y"), or one group named
    in the plural ("Democrats"), in the nearest of ``windows`` with any actor not
    ``excluded``, when no other plural noun comes between; else ``None``."""
    for start, end in windows:
        last: dict[str, Mention] = {}
        for mention, entity in named.between(start, end):
            if entity.kind in ACTOR_KINDS and entity.id not in excluded:
                last[entity.id] = mention
        if not last:
            continue
        first = min(m.start for m in last.values())
        if _plural_noun(pronoun.doc, first, pronoun.idx, known):
            return None  # "Pfizer and BioNTech submitted the data ... to review them"
        mentions = list(last.values())
        if len(mentions) == 2 and _coordinated(pronoun.doc, *mentions):
            return tuple(last)
        if len(mentions) == 1 and named.by_id[mentions[0].entity or ""].kind in {"ORG", "GROUP"}:
            return mentions[0].entity if _said_plural(pronoun.doc, mentions[0]) else None
        return None
    return None


def _coordinated(doc: Doc, one: Mention, other: Mention) -> bool:
    """Whether two mentions are joined as one phrase ("Russia and China")."""
    spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in (one, other)]
    if spans[0] is None or spans[1] is None:
        return False
    return spans[1].root in spans[0].root.conjuncts


def _plural_noun(doc: Doc, start: int, end: int, known: ActorLookup) -> bool:
    """Whether ``doc[start:end]`` has a plural noun no mention names ("the vaccines")."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        t.tag_ in {"NNS", "NNPS"}
        and t.lemma_.lower() not in EVENT_NOUNS  # "held talks": no things to be "them"
        and not known.entity_at(t.idx, t.idx + len(t.text))
        for t in span
    )


def _said_plural(doc: Doc, mention: Mention) -> bool:
    """Whether a mention names its group in the plural ("Democrats", "the Republicans")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span[-1].tag_ in {"NNS", "NNPS"}
