"""Speakers and doers named before: "he said", "she told reporters", "the minister said".

News text names a person once and then says "he" or "the minister". The actors
step groups names only; this module finds, for the events step, which named
person such a subject stands for, and leaves it open whenever the text does not
settle it:

- **personal pronouns** ("he", "she") as the subject of a clause. The subject of
  "X said he ..." is X. Otherwise the most recent sentence that names a
  compatible person decides, looking back in the pronoun's paragraph (and into
  the paragraph before when the pronoun opens its own, as one-sentence news
  paragraphs do): one person there is the referent; two or more is ambiguous
  and nothing is resolved. Compatible means a PERSON whose gender the text does
  not contradict; gender is read only from cheap, reliable cues (an honorific
  before the name, a gendered title: "Mrs.", "spokeswoman"), never guessed from
  first names.
- **definite role nouns** ("the minister", "the general"): the one person named
  earlier in the article whose roles or descriptions carry that noun; none or
  several leave it open.

The result is a lookup (:class:`WithReferences`) that answers for these subjects
as the actors step answers for names, so sources and attributions use it as
they are; the article's stored mentions stay the named ones.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from crosswire.models import Entity, Mention
from crosswire.nlp.modality import REPORTING_VERBS
from crosswire.nlp.participants import PARTY_NOUNS, ActorLookup, holds_role
from crosswire.nlp.roles import ROLE_NOUNS

__all__ = ["WithReferences", "resolve_references"]

#: The label of a mention that stands for a person named elsewhere.
REFERENCE = "REF"
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Cheap, reliable gender cues: honorifics before a name, gendered titles.
_MALE_WORDS = frozenset(
    {"mr", "mr.", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman",
     "businessman", "councilman", "assemblyman"}
)  # fmt: skip
_FEMALE_WORDS = frozenset(
    {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady", "queen", "princess",
     "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman",
     "assemblywoman"}
)  # fmt: skip
#: Nouns that, definite and bare ("the minister"), refer back to a person with that role.
ROLE_REFERENCES = (ROLE_NOUNS | PARTY_NOUNS) - {"head", "member", "chief", "leader"}
# Sentences looked back over for a pronoun's referent.
_LOOKBACK = 3


@dataclass(frozen=True)
class WithReferences:
    """An actors lookup that also answers for resolved pronouns and role nouns."""

    base: ActorLookup
    references: tuple[Mention, ...]

    @property
    def entities(self) -> tuple[Entity, ...]:
        """The article's entities (references add none)."""
        return self.base.entities

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """The named mentions, then the references."""
        return (*self.base.mentions, *self.references)

    def entity_at(self, start_char: int, end_char: int) -> Entity | None:
        """The entity a resolved reference at this range stands for, else the base answer."""
        starts, by_id = self._index
        at = bisect_right(starts, start_char) - 1  # references are in text order
        if at >= 0:
            mention = self.references[at]
            if mention.start <= start_char and end_char <= mention.end:
                return by_id.get(mention.entity or "")
        return self.base.entity_at(start_char, end_char)

    @cached_property
    def _index(self) -> tuple[list[int], dict[str, Entity]]:
        return [m.start for m in self.references], {e.id: e for e in self.entities}


def resolve_references(doc: Doc, actors: ActorLookup) -> WithReferences:
    """``actors`` with the pronoun and role-noun subjects of ``doc`` resolved (see module doc)."""
    people = {e.id: e for e in actors.entities if e.kind == "PERSON"}
    named = sorted(
        (m for m in actors.mentions if m.entity in people and m.label != REFERENCE),
        key=lambda m: m.start,
    )
    if not named:
        return WithReferences(actors, ())
    sentences = _sentences(doc)
    context = _Context(
        doc,
        named,
        people,
        _genders(doc, named, people),
        sentences,
        [m.start for m in named],
        [first for first, *_ in sentences],
    )
    found = []
    quoted = False
    for token in doc:
        quoted = _quoted_after(token, quoted)
        if quoted or token.dep_ not in _SUBJECTS or actors.entity_at(*_chars(token)):
            continue  # in a quotation "he" is seldom the one named before: left alone
        role, gender = _role_reference(token), _PRONOUN_GENDER.get(token.lower_)
        if not role and gender is None:
            continue
        entity, end = context.referent(token), token.idx + len(token.text)
        if entity is not None:
            head = token.nbor(-1) if role else token
            text = head.text_with_ws + token.text if role else token.text
            found.append(Mention(text, REFERENCE, head.idx, end, entity))
        if not role:
            # a resolved pronoun passes its referent on to the next "he"; an open one
            # leaves the next one open too
            context.add(Mention(token.text, REFERENCE, token.idx, end, entity or f"?{gender}"))
    return WithReferences(actors, tuple(found))


def _quoted_after(token: Token, quoted: bool) -> bool:
    """Whether the text after ``token`` is inside a quotation (none crosses a paragraph)."""
    if token.is_space and "\n" in token.text:
        return False
    if token.text in {"\u201c", "\u201d"}:
        return token.text == "\u201c"
    return not quoted if token.text == '"' else quoted


def _chars(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def _role_reference(token: Token) -> bool:
    """ "the minister": a role noun with only a definite article."""
    children = list(token.children)
    return (
        token.pos_ == "NOUN"
        and token.lower_ in ROLE_REFERENCES
        and token.tag_ == "NN"
        and len(children) == 1
        and children[0].lower_ == "the"
        and children[0].i == token.i - 1
    )


@dataclass(frozen=True)
class _Context:
    doc: Doc
    named: list[Mention]
    people: dict[str, Entity]
    gender: dict[str, str]
    sentences: list[tuple[int, int, int, int]]
    starts: list[int]
    firsts: list[int]  # the first token of each sentence

    def referent(self, token: Token) -> str | None:
        """The entity id a subject pronoun or role noun stands for, or ``None``."""
        if _role_reference(token):
            return self._role_holder(token)
        gender = _PRONOUN_GENDER.get(token.lower_)
        if gender is None:
            return None
        speaker = self._reporting_subject(token, gender)
        if speaker is not None:
            return speaker
        for start, end in self._windows(token):
            found = {
                m.entity
                for m in self._between(start, end)
                if m.entity and self._gender(m.entity, gender) == gender
            }
            if found:
                only = found.pop() if len(found) == 1 else "?"
                return None if only.startswith("?") else only
        return None

    def _reporting_subject(self, pronoun: Token, gender: str) -> str | None:
        """ "X said he would ...": the pronoun of a reported clause is its reporter."""
        verb = pronoun.head
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_VERBS:
            return None
        subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            return None
        for mention in self._between(subject.idx, subject.idx + len(subject.text)):
            if (
                mention.start <= subject.idx
                and self.gender.get(mention.entity or "", gender) == gender
            ):
                return mention.entity
        return None

    def _gender(self, entity: str, default: str) -> str:
        """The entity's gender, ``default`` when the text gives none (an open pronoun: its own)."""
        if entity.startswith("?"):
            return entity[1:]
        return self.gender.get(entity, default)

    def _role_holder(self, noun: Token) -> str | None:
        """The one person named before whose roles or descriptions carry the noun."""
        word = noun.lower_
        holders = {
            m.entity
            for m in self._between(0, noun.idx)
            if m.entity in self.people and holds_role(self.people[m.entity], word)
        }
        return holders.pop() if len(holders) == 1 else None

    def _windows(self, token: Token) -> list[tuple[int, int]]:
        """Character ranges to search, nearest first: the sentence up to ``token``, then
        earlier sentences of its paragraph, or the last one of the paragraph before when
        ``token`` opens its paragraph."""
        k = bisect_right(self.firsts, token.i) - 1
        windows = [(self.sentences[k][1], token.idx)]
        for j in range(k - 1, max(k - 1 - _LOOKBACK, -1), -1):
            first = j == k - 1
            same = self.sentences[j][3] == self.sentences[k][3]
            if same or first:
                windows.append((self.sentences[j][1], self.sentences[j][2]))
            if not same:
                break
        return windows

    def add(self, mention: Mention) -> None:
        """Count ``mention`` (a pronoun, resolved or not) among the candidates."""
        at = bisect_right(self.starts, mention.start)
        self.named.insert(at, mention)
        self.starts.insert(at, mention.start)

    def _between(self, start: int, end: int) -> list[Mention]:
        """Named person mentions that start in ``[start, end)``."""
        starts = self.starts
        return self.named[bisect_right(starts, start - 1) : bisect_right(starts, end - 1)]


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


def _genders(doc: Doc, named: list[Mention], people: dict[str, Entity]) -> dict[str, str]:
    """Each person's gender where the text gives a reliable cue, and only one."""
    cues: dict[str, set[str]] = {}
    for mention in named:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            _cue(doc[span.start - 1].lower_, cues.setdefault(mention.entity or "", set()))
    for entity in people.values():
        for title in [r.title for r in entity.roles] + list(entity.aliases):
            for word in title.lower().split():
                _cue(word, cues.setdefault(entity.id, set()))
    return {key: next(iter(found)) for key, found in cues.items() if len(found) == 1}


def _cue(word: str, found: set[str]) -> None:
    if word in _MALE_WORDS:
        found.add("m")
    elif word in _FEMALE_WORDS:
        found.add("f")
