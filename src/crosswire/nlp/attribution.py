"""Who an event is attributed to: the speaker or document the outlet cites.

Three general shapes, read off the dependency parse:

- a reporting verb governing the event's clause ("X said", "X told Y that",
  "a press release said", "It was reported that" with no named reporter);
- an "according to X" phrase on the event's clause or on its reporting verb;
- "X said in a press release" (the document is part of the attribution).

When both a speaker and an "according to" source apply ("Gerasimov said ...,
according to a press release from Russia's Ministry of Defense"), both are kept,
speaker first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from crosswire.nlp.modality import REPORTING_VERBS, governors

#: An entity's name for a character range of the body, or ``None`` (no entity there).
NameAt = Callable[[int, int], "str | None"]

#: What a report with no named reporter is attributed to ("It was reported that ...").
UNNAMED = "unnamed reports"
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Parts of a noun phrase that describe rather than name its referent.
_NOT_NAME = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep"})
_SOURCE_PREPS = frozenset({"from", "of", "by"})


def _no_names(start: int, end: int) -> str | None:
    return None


def attribution_of(trigger: Token, *, name_at: NameAt = _no_names) -> str | None:
    """Who the event named by ``trigger`` is attributed to, or ``None`` (the outlet's own voice).

    ``name_at`` maps a character range to an entity name, so that "Russia's top
    general" comes back as the entity the actors step resolved it to.
    """
    parts: list[str] = []
    for head, link in [(trigger, ""), *governors(trigger)]:
        if head.lemma_.lower() in REPORTING_VERBS and head.i != trigger.i and link != "conj":
            parts.extend(_reporter(head, name_at))
        parts.extend(_according_to(head, name_at))
    unique = list(dict.fromkeys(p for p in parts if p))
    return "; ".join(unique) if unique else None


def _reporter(verb: Token, name_at: NameAt) -> Iterator[str]:
    """The speaker of a reporting verb ("X said"), with the document it spoke in."""
    subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if subject is None or (subject.dep_ == "nsubjpass" and subject.lower_ == "it"):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        yield _phrase(pobj, name_at) if pobj is not None else UNNAMED
        return
    if subject.pos_ == "PRON" and subject.lower_ in {"it", "this", "that"}:
        yield UNNAMED
        return
    speaker = _phrase(subject, name_at)
    document = _document(verb)
    yield f"{speaker} ({document})" if document else speaker


def _document(verb: Token) -> str | None:
    """ "said in a press release" / "told reporters in a statement": the document, if any."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _DOCUMENTS:
                    return _bare(pobj)
    return None


def _bare(noun: Token) -> str:
    """The noun with its determiner and modifiers, without its phrases: "a press release"."""
    tokens = [noun]
    for child in noun.children:
        if child.dep_ not in _NOT_NAME and child.dep_ != "npadvmod":
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    return noun.doc[tokens[0].i : tokens[-1].i + 1].text


_DOCUMENTS = frozenset(
    {"release", "statement", "interview", "report", "communique", "post", "briefing",
     "letter", "speech", "address", "tweet", "message", "note", "readout"}
)  # fmt: skip


def _according_to(head: Token, name_at: NameAt) -> Iterator[str]:
    for child in head.children:
        if child.lower_ == "according" and child.dep_ in {"prep", "advcl", "advmod"}:
            for to in child.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        yield _issuer(pobj, name_at) or _phrase(pobj, name_at, keep_source=True)


def _issuer(document: Token, name_at: NameAt) -> str | None:
    """ "a press release from Russia's Ministry of Defense" -> "Russia's ... (a press release)".

    A document named with the body that issued it is given like a speaker with the
    document it spoke in; other phrases are kept as they are.
    """
    if document.lemma_.lower() not in _DOCUMENTS:
        return None
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in _SOURCE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and name_at(pobj.idx, pobj.idx + len(pobj.text)):
                    return f"{_phrase(pobj, name_at)} ({_bare(document)})"
    return None


def _bare_reference(noun: Token) -> bool:
    """ "the minister", "the two sides": a noun with only a determiner or a number."""
    return all(c.dep_ in {"det", "nummod", "predet"} for c in noun.children)


def _phrase(head: Token, name_at: NameAt, *, keep_source: bool = False) -> str:
    """The entity ``head`` names, else its noun phrase without relative clauses.

    ``keep_source`` keeps "from"/"of" phrases ("a press release from Russia's
    Ministry of Defense"), which say whose document it is.
    """
    name = name_at(head.idx, head.idx + len(head.text))
    if name and (head.pos_ in {"PROPN", "PRON"} or _bare_reference(head)):
        # a pronoun or a bare "the minister" / "the two sides" resolved to whom it
        # stands for ("she said") is given as its referent
        return name
    tokens = [head]
    for child in head.children:
        keep = child.dep_ not in _NOT_NAME or (keep_source and child.lower_ in _SOURCE_PREPS)
        if keep:
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    text = head.doc[tokens[0].i : tokens[-1].i + 1].text
    return name if name and len(name) >= len(text) else text
