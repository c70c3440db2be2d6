"""What the text says an actor is: appositions, copular complements and titles.

"Valery Gerasimov, Russia's top general" and "Liu Zhenli is a former commander of
the PLA Ground Forces" each give a :class:`Description` of the named actor: its text
(an alias), the role it states (title, organisation, former or current), and the
country and sector its words point to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.models import Role
from crosswire.nlp.kb import DATA

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def read_lexicon(path: Path) -> dict[str, frozenset[str]]:
    """Named word lists from ``data/lexicon.tsv`` (order kept: sector cues are ranked)."""
    lists: dict[str, frozenset[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, words = line.partition("\t")
            lists[name] = frozenset(words.split())
    return lists


LEXICON = read_lexicon(DATA / "lexicon.tsv")
#: Words that point to a sector, in priority order: a "Deputy Minister of Defense" is MIL.
SECTOR_WORDS = tuple(
    (name.removeprefix("sector."), words)
    for name, words in LEXICON.items()
    if name.startswith("sector.")
)
#: Heads that make a description a role even in lower case ("a member of the CMC").
ROLE_NOUNS = LEXICON["role_nouns"]
#: What follows "of" inside a title rather than naming the organisation.
TITLE_COMPLEMENTS = LEXICON["title_complements"]
FORMER = frozenset({"former", "ex", "erstwhile", "retired", "then"})
CURRENT = frozenset({"current", "incumbent", "sitting", "serving"})
#: Entity types whose words never describe an actor.
NOT_DESCRIPTIONS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LAW"}
)
#: Branches that are not part of a description's own phrase.
NOT_IN_PHRASE = frozenset({"appos", "relcl", "conj", "cc", "punct", "acl", "advcl"})


@dataclass(frozen=True)
class Description:
    """A phrase describing the entity mentioned at token ``target`` (the mention's root)."""

    target: int
    start: int
    end: int
    text: str
    role: Role | None
    #: Possessives and demonyms in the phrase: "Russia's", "Chinese" (resolved later).
    country_words: tuple[str, ...]
    sector: str | None
    #: The phrase stands for the entity in the text ("his Chinese counterpart, Liu").
    standalone: bool = False


#: "general" is an adjective or part of a civilian title next to these words.
CIVIL_GENERAL = LEXICON["civil_general"]


def sector_of(words: list[str]) -> str | None:
    """The highest-priority sector any of ``words`` points to.

    "general" counts as a military rank only on its own: not in "secretary-general",
    "attorney general" or "general manager".
    """
    lowered = {w.lower() for w in words}
    if "general" in lowered:
        low = [w.lower() for w in words]
        at = [i for i, w in enumerate(low) if w == "general"]
        near = {low[i - 1] for i in at if i > 0} | {low[i + 1] for i in at if i + 1 < len(low)}
        if near & CIVIL_GENERAL:
            lowered.discard("general")
    for sector, cues in SECTOR_WORDS:
        if lowered & cues:
            return sector
    return None


def _phrase_tokens(token: Token) -> list[Token]:
    """The token and its dependents, minus appositions, conjuncts and clauses."""
    keep = [token]
    for child in token.children:
        if child.dep_ not in NOT_IN_PHRASE:
            keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    while len(keep) > 1 and (keep[-1].is_punct and keep[-1].text != ")"):
        keep.pop()
    return keep


def _conjuncts(token: Token, in_entity: Callable[[Token], bool]) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"} and not in_entity(child):
            yield from _conjuncts(child, in_entity)


def _title_and_org(head: Token, in_entity: Callable[[Token], bool]) -> tuple[str, str | None]:
    """ "Chief of Staff at the Joint Staff Department" -> ("Chief of Staff", "Joint Staff ...")."""
    left = [
        t
        for t in head.lefts
        if t.dep_ in {"compound", "amod", "nmod"}
        and t.lower_ not in FORMER | CURRENT
        and not in_entity(t)
    ]
    title = [t.text for t in left] + [head.text]
    org: str | None = None
    frontier = [head]
    while frontier and org is None:
        token = frontier.pop(0)
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "at"}):
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if not objects or org is not None:
                continue
            words = [t for t in objects[0].subtree if t.i <= objects[0].i]
            first = next((t for t in words if t.dep_ != "det"), objects[0])
            bare = first is words[0] and not in_entity(first)  # "Director of Planning"
            if first.lower_ in TITLE_COMPLEMENTS or bare:  # "Chief of the General Staff"
                title.append(f"{prep.text} {_text(words, keep_det=True)}")
                frontier.append(objects[0])
            else:
                org = _text(_trim(list(objects[0].subtree)))
    org = org or _possessor_org(head, in_entity)
    if org is None and head.lower_ in ROLE_NOUNS:
        org = _employer(head, in_entity)
    return " ".join(title), org


def _employer(head: Token, in_entity: Callable[[Token], bool]) -> str | None:
    """ "a spokesman for the Polish Navy", "a director in the Office of X": a tagged
    organisation after "for" or "in" employs the holder of a role."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"for", "in"}):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and in_entity(obj) and obj.ent_type_ == "ORG":
            words = [t for t in obj.subtree if t.i <= obj.i or t.ent_iob_ == "I"]
            return _text(_trim(words)) or None
    return None


def _possessor_org(head: Token, in_entity: Callable[[Token], bool]) -> str | None:
    """ "the WFP's country director": an organisation owning the title is its employer."""
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or not in_entity(owner) or owner.ent_type_ != "ORG":
        return None
    words = [t for t in owner.subtree if t.dep_ != "case" and t.text not in {"'s", "\u2019s"}]
    return _text(_trim(words)) or None


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[-1].is_punct and tokens[-1].text != ")":
        tokens.pop()
    return tokens


def _text(tokens: list[Token], *, keep_det: bool = False) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text if keep_det else text.removeprefix("the ").removeprefix("The ")


def describe(
    doc: Doc,
    target: Span,
    head: Token,
    *,
    in_entity: Callable[[Token], bool],
    published: str | None,
    standalone: bool = False,
) -> Description:
    """The description headed by ``head`` of the entity mentioned as ``target``."""
    tokens = _phrase_tokens(head)
    words = [t.text for t in tokens if not in_entity(t) or t.ent_type_ in {"NORP", "ORG"}]
    # Possessives and adjectives before the head ("Russia's", "Chinese"), whatever the
    # tagger called them; the knowledge base decides which name a country.
    countries = tuple(
        t.text
        for t in tokens
        if t.i < head.i and (t.ent_type_ in {"NORP", "GPE"} or t.dep_ in {"poss", "amod"})
    )
    former = any(t.lower_ in FORMER for t in head.lefts)
    title, org = _title_and_org(head, in_entity)
    role = None
    named_role = any(w.lower() in ROLE_NOUNS for w in title.split()) or sector_of(title.split())
    if head.pos_ in {"NOUN", "PROPN"} and (org or head.is_title) and named_role:
        role = Role(title, org, former, None if former else published)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Description(
        target=target.root.i,
        start=start,
        end=end,
        text=doc[tokens[0].i : tokens[-1].i + 1].text,
        role=role,
        country_words=countries,
        sector=sector_of(words),
        standalone=standalone,
    )


def descriptions(
    doc: Doc, mentions: dict[int, Span], *, published: str | None
) -> Iterator[Description]:
    """Every apposition, copular complement and title prefix of the mentioned entities.

    ``mentions`` maps each token index inside an actor mention to that mention.
    """

    def in_entity(token: Token) -> bool:
        return token.i in mentions

    for token in doc:
        if token.ent_type_ in NOT_DESCRIPTIONS:
            continue  # "The Court on Monday ruled": a date is no description
        if token.dep_ == "appos" and token.pos_ in {"NOUN", "PROPN"}:
            yield from _apposition(doc, token, mentions, in_entity, published)
        elif token.text == "," and 0 < token.i < len(doc) - 1:
            yield from _loose_apposition(doc, token, mentions, in_entity, published)
        elif token.lemma_ == "be":
            yield from _copula(doc, token, mentions, in_entity, published)


def _apposition(
    doc: Doc,
    token: Token,
    mentions: dict[int, Span],
    in_entity: Callable[[Token], bool],
    published: str | None,
) -> Iterator[Description]:
    named, other = mentions.get(token.head.i), mentions.get(token.i)
    if named is not None and other is None:  # "Gerasimov, Russia's top general"
        for head in _conjuncts(token, in_entity):
            if not (named.label_ == "PERSON" and _plural(head)):  # "X and Y, two officials"
                yield describe(doc, named, head, in_entity=in_entity, published=published)
    elif other is not None and named is None and other.label_ == "PERSON":
        if _plural(token.head):
            return
        # "his Chinese counterpart, Liu Zhenli": the phrase before the name stands for it.
        yield describe(
            doc, other, token.head, in_entity=in_entity, published=published, standalone=True
        )


def _plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"}


def _copula(
    doc: Doc,
    verb: Token,
    mentions: dict[int, Span],
    in_entity: Callable[[Token], bool],
    published: str | None,
) -> Iterator[Description]:
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ == "conj":  # "... and is the current Chief of Staff"
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    named = mentions.get(subject.i) if subject is not None else None
    if named is None or named.label_ not in {"PERSON", "ORG"}:
        return
    for attr in (c for c in verb.children if c.dep_ == "attr" and c.i not in mentions):
        for head in _conjuncts(attr, in_entity):
            yield describe(doc, named, head, in_entity=in_entity, published=published)


def _loose_apposition(
    doc: Doc,
    comma: Token,
    mentions: dict[int, Span],
    in_entity: Callable[[Token], bool],
    published: str | None,
) -> Iterator[Description]:
    """ "with his Chinese counterpart, Liu Zhenli, during ...": a comma the parser missed.

    The parser often hangs the name elsewhere; a noun phrase, a comma and a name that
    is not the subject of its own clause are read as an apposition.
    """
    noun, named = doc[comma.i - 1], mentions.get(comma.i + 1)
    if named is None or named.label_ != "PERSON" or named.start != comma.i + 1:
        return
    if in_entity(noun) and noun.dep_ == "pobj" and noun.head.head.lower_ in ROLE_NOUNS:
        noun = noun.head.head  # "Japan's ambassador to Namibia, NAME,": the role noun
    if noun.pos_ != "NOUN" or _plural(noun) or in_entity(noun):
        return
    if named.root.dep_ in {"nsubj", "nsubjpass"}:
        return
    closed = named.end == len(doc) or doc[named.end].text in {",", ".", ";"}
    if noun.dep_ == "appos" or not closed:
        return
    yield describe(doc, named, noun, in_entity=in_entity, published=published, standalone=True)
