"""References to actors named before: "he said", "told him", "the ministry said".

News text names an actor once and then says "he", "the minister" or "the agency".
The actors step groups names only; this module finds, for the events step, which
named actor such a phrase stands for, and leaves it open whenever the text does
not settle it:

- **personal pronouns** ("he", "she") as the subject of a clause. The subject of
  "X said he ..." is X. Otherwise the most recent sentence that names a
  compatible person decides, looking back in the pronoun's paragraph (and into
  the paragraph before when the pronoun opens its own, as one-sentence news
  paragraphs do): one person there is the referent; two or more is ambiguous
  and nothing is resolved. Compatible means a PERSON whose gender the text does
  not contradict; gender is read only from cheap, reliable cues (an honorific
  before the name, a gendered title: "Mrs.", "spokeswoman"), never guessed from
  first names.
- **object pronouns** ("told him", "met her", "accused them of"): the same search,
  without the subject of the pronoun's own clause ("Putin told him" is not
  Putin; "he told him" with "he" open stays open), and open when the sentence
  names an unnamed person the pronoun could stand for ("called his counterpart to
  assure him"). "Them" stands for two actors of one kind named in the nearest
  sentence with any (or one group named in the plural, "Democrats"), and only when
  no other plural noun comes between ("the vaccines ... approve them").
- **definite role nouns** ("the minister", "the general"): the one person named
  earlier in the article whose roles or descriptions carry that noun; none or
  several leave it open.
- **organisation and plural nouns** ("the ministry", "the officials"): see
  :mod:`crosswire.nlp.references`.

Pronouns and nouns inside a quotation are left alone. The result is a lookup
(:class:`WithReferences`) that answers for these phrases as the actors step answers
for names, so sources, targets and attributions use it as they are; the article's
stored mentions stay the named ones.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from crosswire.models import Entity, Mention
from crosswire.nlp.kb import KnowledgeBase, load_kb
from crosswire.nlp.modality import REPORTING_VERBS
from crosswire.nlp.participants import PARTY_NOUNS, ActorLookup, holds_role
from crosswire.nlp.references import (
    Group,
    Named,
    Passage,
    is_organisation_noun,
    is_plural_noun,
    organisation_referent,
    plural_pronoun_referents,
    plural_referents,
)
from crosswire.nlp.roles import ROLE_NOUNS

__all__ = ["Group", "WithReferences", "resolve_references", "rule_of"]

#: The label of a mention that stands for an actor named elsewhere.
REFERENCE = "REF"
_PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Where an object pronoun stands: objects, objects of prepositions, and the subject of
# an infinitive under a verb ("caused him to miss"), which takes the object form.
_OBJECTS = frozenset({"dobj", "iobj", "dative", "pobj", "nsubj", "nsubjpass"})
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
# Singular nouns of unnamed people an object pronoun may stand for ("his counterpart").
_PERSON_NOUNS = ROLE_NOUNS | PARTY_NOUNS | frozenset(
    {"man", "woman", "person", "doctor", "lawyer", "judge", "officer", "soldier", "agent",
     "host", "friend", "son", "daughter", "wife", "husband", "father", "mother", "boy",
     "girl", "child", "candidate", "voter", "student", "reporter", "journalist", "victim",
     "suspect", "patient", "worker", "employee", "colleague", "ally", "aide", "adviser",
     "advisor", "someone", "anyone", "everyone", "nobody"}
)  # fmt: skip


@dataclass(frozen=True)
class WithReferences:
    """An actors lookup that also answers for resolved pronouns and nouns."""

    base: ActorLookup
    references: tuple[Mention, ...]
    #: References to two parties at once ("the officials", "them").
    groups: tuple[Group, ...] = ()

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

    def members_at(self, start_char: int, end_char: int) -> tuple[Entity, ...]:
        """The parties a plural reference at this range stands for ("the officials")."""
        _, by_id = self._index
        for group in self.groups:
            if group.start <= start_char and end_char <= group.end:
                return tuple(by_id[m] for m in group.members if m in by_id)
        return ()

    @cached_property
    def _index(self) -> tuple[list[int], dict[str, Entity]]:
        return [m.start for m in self.references], {e.id: e for e in self.entities}


def rule_of(token: Token) -> str | None:
    """Which kind of reference ``token`` may be: ``subject`` ("he said"), ``role`` ("the
    minister said"), ``object`` ("told him"), ``org`` ("the ministry") or ``plural``
    ("the officials said"); ``None`` for none."""
    lower = token.lower_
    if lower in {"him", "her", "them"} and token.tag_ == "PRP" and token.dep_ in _OBJECTS:
        return "object"
    if token.dep_ in _SUBJECTS and lower in {"he", "she"}:
        return "subject"
    if token.dep_ in _SUBJECTS and _role_reference(token):
        return "role"
    if is_organisation_noun(token):
        return "org"
    return "plural" if is_plural_noun(token) else None


def resolve_references(
    doc: Doc, actors: ActorLookup, *, kb: KnowledgeBase | None = None
) -> WithReferences:
    """``actors`` with the references of ``doc`` resolved (see module doc).

    ``kb`` (default: the built-in one, with ``$CROSSWIRE_KB``) types organisations the
    text does not ("alliance" for NATO).
    """
    people = {e.id: e for e in actors.entities if e.kind == "PERSON"}
    persons = sorted(
        (m for m in actors.mentions if m.entity in people and m.label != REFERENCE),
        key=lambda m: m.start,
    )
    passage, named = Passage(doc), Named(actors)
    context = _Context(
        doc, persons, people, _genders(doc, persons, people), passage, [m.start for m in persons]
    )
    kb = kb if kb is not None else load_kb()
    found: list[Mention] = []
    groups: list[Group] = []
    quoted = False
    for token in doc:
        quoted = _quoted_after(token, quoted)
        rule = None if quoted else rule_of(token)
        if rule is None or actors.entity_at(*_chars(token)):
            continue  # in a quotation "he" is seldom the one named before: left alone
        if rule in {"subject", "role"}:
            entity: str | tuple[str, ...] | None = context.referent(token)
        elif rule == "object":
            entity = context.object_referent(token, named, WithReferences(actors, tuple(found)))
        elif rule == "org":
            entity = organisation_referent(token, passage, named, kb)
        else:
            entity = plural_referents(token, passage, named) or None
        head = token if rule in {"subject", "object"} else token.nbor(-1)  # "the minister"
        text, start, end = doc.text[head.idx : _end(token)], head.idx, _end(token)
        if isinstance(entity, tuple):
            groups.append(Group(text, start, end, entity))
            continue
        if entity is not None:
            found.append(Mention(text, REFERENCE, start, end, entity))
        if rule == "subject" or (rule == "object" and entity and token.lower_ != "them"):
            # a resolved pronoun passes its referent on to the next "he"; an open subject
            # leaves the next one open too (an open object, left open more readily, not)
            gender = _PRONOUN_GENDER[token.lower_]
            context.add(Mention(token.text, REFERENCE, start, end, entity or f"?{gender}"))
    return WithReferences(actors, tuple(found), tuple(groups))


def _end(token: Token) -> int:
    return token.idx + len(token.text)


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
    named: list[Mention]  # person mentions, and the person pronouns seen so far
    people: dict[str, Entity]
    gender: dict[str, str]
    passage: Passage
    starts: list[int]

    def referent(self, token: Token) -> str | None:
        """The entity id a subject pronoun or role noun stands for, or ``None``."""
        if _role_reference(token):
            return self._role_holder(token)
        gender = _PRONOUN_GENDER[token.lower_]
        speaker = self._reporting_subject(token, gender)
        if speaker is not None:
            return speaker
        for start, end in self.passage.windows(token):
            found = {
                m.entity
                for m in self._between(start, end)
                if m.entity and self._gender(m.entity, gender) == gender
            }
            if found:
                only = found.pop() if len(found) == 1 else "?"
                return None if only.startswith("?") else only
        return None

    def object_referent(
        self, pronoun: Token, named: Named, known: WithReferences
    ) -> str | tuple[str, ...] | None:
        """The entity id (or, for "them", the two ids) an object pronoun stands for."""
        excluded = _excluded(pronoun, known)
        if excluded is None:
            return None
        windows = self.passage.windows(pronoun)
        if pronoun.lower_ == "them":
            return plural_pronoun_referents(pronoun, windows, named, excluded, known)
        gender = _PRONOUN_GENDER[pronoun.lower_]
        for start, end in windows:
            if _unnamed_person(self.doc, start, min(end, pronoun.idx), known):
                return None  # "called his counterpart to assure him"
            found = {
                m.entity
                for m in self._between(start, end)
                if m.entity
                and m.entity not in excluded
                and self._gender(m.entity, gender) == gender
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

    def add(self, mention: Mention) -> None:
        """Count ``mention`` (a pronoun, resolved or not) among the candidates."""
        at = bisect_right(self.starts, mention.start)
        self.named.insert(at, mention)
        self.starts.insert(at, mention.start)

    def _between(self, start: int, end: int) -> list[Mention]:
        """Named person mentions that start in ``[start, end)``."""
        starts = self.starts
        return self.named[bisect_right(starts, start - 1) : bisect_right(starts, end - 1)]


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


def _clause_subjects(pronoun: Token) -> list[Token]:
    """The subject of the pronoun's own clause, with its conjuncts: "Putin told him",
    "Putin met and thanked him", "asked Xi to call him" (Xi calls), "Hochul will be
    sworn in to replace him" (Hochul replaces)."""
    node = pronoun.head
    if pronoun.dep_ in _SUBJECTS or node.dep_ in {"prep", "agent", "dative"}:
        node = node.head  # "caused him to miss"; "campaign for him"
    if node.pos_ in {"NOUN", "PROPN"} and node.dep_ == "dobj":
        node = node.head  # "filed lawsuits against him"
    for _ in range(6):  # parse chains are short; the bound guards odd trees
        subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and subject.i != pronoun.i:
            if subject.tag_ in {"WDT", "WP"} and node.dep_ == "relcl":
                subject = node.head  # "the official who told him"
            return [subject, *subject.conjuncts]
        controller = next((c for c in node.head.children if c.dep_ == "dobj"), None)
        if node.dep_ == "xcomp" and controller is not None and controller.i != pronoun.i:
            return [controller, *controller.conjuncts]
        purpose = node.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in node.children
        )
        if not (purpose or node.dep_ in {"xcomp", "conj"}) or node.head.i == node.i:
            return []  # a participle may be no act of the subject: "..., opening him up"
        node = node.head
    return []


def _excluded(pronoun: Token, known: WithReferences) -> set[str] | None:
    """Entity ids the object pronoun cannot be (its clause's subject); ``None`` when that
    subject is an open pronoun that could be the same one ("he told him")."""
    ids = set()
    for subject in _clause_subjects(pronoun):
        entity = known.entity_at(*_chars(subject))
        if entity is not None:
            ids.add(entity.id)
        elif subject.lower_ in {"he", "she", "they"} and (
            pronoun.lower_ == "them"
            or subject.lower_ == {"him": "he", "her": "she"}.get(pronoun.lower_)
        ):
            return None
    return ids


def _unnamed_person(doc: Doc, start: int, end: int, known: WithReferences) -> bool:
    """Whether ``doc[start:end]`` has a singular noun of a person no mention names."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        t.tag_ == "NN"
        and t.lemma_.lower() in _PERSON_NOUNS
        and not known.entity_at(*_chars(t))
        # a title before a name names no one else ("former president Donald Trump")
        and not (t.dep_ == "compound" and known.entity_at(*_chars(t.head)))
        for t in span
    )
