"""Actors the text describes without a tagged name, and the entity being assembled.

Two kinds of unnamed actor are found here, after the named ones are grouped:

- nicknamed groups: "whose forces, nicknamed "kadyrovites", are part of the Russian
  National Guard" (owner, country and parent organisation from the same sentence);
- described actors: "a Chinese military expert", "Russian officials" (a speaker or
  official marked with a country), and a later "the expert" referring back to one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crosswire.models import Entity, Mention, Role, content_id
from crosswire.nlp.kb import KBEntry, KnowledgeBase, normalise
from crosswire.nlp.roles import LEXICON, Description, sector_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Nouns for people the text describes instead of naming ("a Chinese military expert").
NOMINAL_HEADS = LEXICON["nominal_heads"]
NICKNAME_VERBS = frozenset({"nickname", "dub", "call", "name"})
MEMBERSHIP = frozenset({"part", "member", "members", "unit", "units"})


@dataclass
class Cluster:
    """An entity being assembled from its mentions and descriptions."""

    kind: str
    name: str
    key: str | None = None
    country: str | None = None
    sector: str | None = None
    roles: list[Role] = field(default_factory=list)
    aliases: dict[str, None] = field(default_factory=dict)
    descriptions: list[Description] = field(default_factory=list)

    @classmethod
    def from_entry(cls, entry: KBEntry) -> Cluster:
        """A cluster for a knowledge-base entry: its name, country and sector."""
        return cls(entry.kind, entry.name, entry.key, entry.country, entry.sector)

    @property
    def id(self) -> str:
        """Stable id: from the knowledge-base key, else kind and normalised name."""
        if self.key is not None:
            return content_id("kb", self.key)
        return content_id(self.kind, normalise(self.name))

    def entity(self) -> Entity:
        """The finished, immutable entity."""
        aliases = tuple(a for a in self.aliases if a != self.name)
        return Entity(
            self.id, self.name, self.kind, self.country, self.sector, tuple(self.roles), aliases
        )


def nicknamed_groups(
    doc: Doc,
    clusters: dict[str, Cluster],
    by_token: dict[int, Span],
    cluster_of: dict[int, str],
    sentence_of: list[int],
    *,
    published: str | None,
) -> list[Mention]:
    """Groups named by a nickname ("forces, nicknamed "X""), added to ``clusters``.

    ``sentence_of`` gives the first token of each token's sentence.
    """
    mentions = []
    for verb in doc:
        if verb.lemma_ not in NICKNAME_VERBS or verb.dep_ != "acl":
            continue
        name = next((c for c in verb.children if c.dep_ == "oprd"), None)
        if name is None or name.i in by_token:
            continue
        cluster = Cluster("GROUP", name.text)
        owner = _owner_person(verb.head, clusters, by_token, cluster_of)
        if owner is not None:
            cluster.country = owner.country
            cluster.aliases[f"{owner.name}'s {verb.head.text}"] = None
        org = _parent(doc, sentence_of, name.i, by_token)
        if org is not None:
            parent = clusters[cluster_of[org.root.i]]
            cluster.roles.append(Role("part of", parent.name, False, published))
            cluster.country = cluster.country or parent.country
            cluster.sector = parent.sector
        clusters.setdefault(f"GROUP:{normalise(name.text)}", cluster)
        mentions.append(Mention(name.text, "NORP", name.idx, name.idx + len(name), cluster.id))
    return mentions


def _owner_person(
    noun: Token, clusters: dict[str, Cluster], by_token: dict[int, Span], cluster_of: dict[int, str]
) -> Cluster | None:
    """Whose group: a possessive name, or the person "whose" refers back to."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return None
    span = by_token.get(owner.i)
    if span is None:
        people = [s for s in by_token.values() if s.label_ == "PERSON" and s.end <= owner.i]
        span = max(people, key=lambda s: s.end) if people else None
    return clusters[cluster_of[span.root.i]] if span is not None else None


def _parent(doc: Doc, sentence_of: list[int], after: int, by_token: dict[int, Span]) -> Span | None:
    """ "... are part of the Russian National Guard": the organisation a group belongs to."""
    for i in range(after + 1, len(doc) - 2):
        if sentence_of[i] != sentence_of[after]:
            break
        if doc[i].lower_ in MEMBERSHIP and doc[i + 1].lower_ == "of":
            span = by_token.get(i + 2) or by_token.get(i + 3)
            if span is not None and span.label_ == "ORG":
                return span
    return None


def nominal_actors(
    doc: Doc, clusters: dict[str, Cluster], taken: set[int], kb: KnowledgeBase
) -> list[Mention]:
    """Described actors marked with a country, and a later "the <same noun>" for them."""
    mentions = []
    latest: dict[str, Cluster] = {}
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_ not in NOMINAL_HEADS or token.i in taken:
            continue
        modifiers = [c for c in token.lefts if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        country = next((iso for m in modifiers if (iso := kb.demonym(m.text))), None)
        if country is not None:
            start = modifiers[0].i
            name = doc[start : token.i + 1].text
            kind = "GROUP" if token.tag_ in {"NNS", "NNPS"} else "PERSON"
            words = [m.text for m in modifiers if not kb.demonym(m.text)] + [token.text]
            cluster = Cluster(kind, name, None, country, sector_of(words))
            cluster = clusters.setdefault(f"{kind}:{normalise(name)}", cluster)
            latest[token.lemma_] = cluster
        elif token.lemma_ in latest and _definite_and_bare(token, modifiers):
            start, cluster = token.i - 1, latest[token.lemma_]
        else:
            continue
        span = doc[start : token.i + 1]
        cluster.aliases.setdefault(span.text, None)
        mentions.append(Mention(span.text, "DESC", span.start_char, span.end_char, cluster.id))
    return mentions


def _definite_and_bare(token: Token, modifiers: list[Token]) -> bool:
    """ "the expert" (refers back) rather than "an expert" or "Western experts"."""
    return not modifiers and token.i > 0 and token.nbor(-1).lower_ in {"the", "this", "that"}
