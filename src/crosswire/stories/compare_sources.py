"""Whom each outlet cites: agencies, ministries, officials, experts, anonymous sources, outlets.

Two readings are combined:

- the attribution the NLP stage gave each event (``Event.attributed_to``, read off
  the parse: "X said", "according to X", "X said in a press release");
- attribution patterns in every sentence of the body, so that statements with no
  event count too: "according to X", "X said/told/added ...", "..., said X",
  "X told Y" (Y, the outlet or audience spoken to, is kept).

Each source is resolved to the entity named inside it where there is one (so "the
expert" and "a Chinese military expert" are one source when the actors step tied
them), and classed by general cues: the entity's kind and sector, role nouns
("ministry", "agency", "expert", "spokesperson"), and anonymity ("who requested
anonymity", "sources", a bare role with no name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from crosswire.models import Article, Entity
from crosswire.stories.compare_text import entity_index, sentences

ANONYMOUS = "anonymous"
OUTLET = "news outlet or agency"
GOVERNMENT = "government or ministry"
MILITARY = "military"
EXPERT = "expert or analyst"
OFFICIAL = "official or spokesperson"
DOCUMENT = "document"
PERSON = "named person"
ORGANISATION = "organisation"
UNNAMED_REPORTS = "unnamed reports"
OTHER = "other"

#: Reporting verbs after their speaker ("the expert said").
_VERBS = (
    "said|says|told|tells|stated|added|noted|announced|confirmed|reported|claimed|warned|"
    "wrote|writes|explained|argued|insisted|acknowledged"
)
_ACCORDING = re.compile(r"\baccording to ([^,.;:()\u201c\u201d\"]{3,90})", re.I)
_SAID_AFTER = re.compile(
    r"(?:^|[,;:\u201d\"\u2014\u2013]\s*|\bthat\s+)"
    r"((?:[A-Z\u201c]|\b(?:a|an|the|one|two|several|some)\b)[^,;:.\u201c\u201d\"]{1,80}?)"
    rf"\s+({_VERBS})\b"
)
# ", said John Smith, ..." / "\u201d said the ministry.": a short name or noun phrase that
# ends the clause (not "said on Monday that ...").
_SAID_BEFORE = re.compile(
    r"[,\u201d\"]\s*(?:said|says|added|wrote)\s+"
    r"((?:[A-Z][\w.\u2019'-]*|the|a|an)(?:\s+(?!that\b)[\w.\u2019'-]+){0,7})\s*(?:[,.;]|$)"
)
_TOLD = re.compile(
    r"(?:told|(?:said|confirmed|spoke|speaking|talked) to)\s+"
    r"((?:the\s+)?[A-Z][\w\u2019'.&-]*(?:\s+[A-Z][\w\u2019'.&-]*){0,4})"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "his", "her"})
_ANONYMITY = re.compile(
    r"anonymity|anonymous|unnamed|not authori[sz]ed|declined to be (?:named|identified)|"
    r"asked not to be (?:named|identified)|\bsources?\b(?! (?:of|from) [A-Z])",
    re.I,
)
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (OUTLET, re.compile(r"\b(?:news agenc|agenc(?:y|ies)|newspaper|media|outlet|"
                        r"broadcaster|television|tv\b|radio|news\b)", re.I)),
    (DOCUMENT, re.compile(r"\b(?:press release|statement|report|readout|communiqu|"
                          r"document|filing|letter|court papers|data)\b", re.I)),
    (GOVERNMENT, re.compile(r"\b(?:ministry|ministries|department|government|"
                            r"white house|kremlin|cabinet|administration|embassy|office)\b", re.I)),
    (EXPERT, re.compile(r"\b(?:expert|analyst|scholar|professor|researcher|economist|"
                        r"observer|specialist)s?\b", re.I)),
    (OFFICIAL, re.compile(r"\b(?:official|insider|spokes(?:man|woman|person)|minister|"
                          r"president|governor|mayor|senator|lawmaker|leader|director|"
                          r"commissioner|prosecutor|chief|police|"
                          r"secretary|aide|diplomat|officer|adviser|advisor)s?\b", re.I)),
)  # fmt: skip


@dataclass(frozen=True)
class Citation:
    """One place an outlet cites a source: the article, the sentence's offsets, the sentence."""

    article_id: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Source:
    """A source an outlet cites, how often, and in which sentences."""

    name: str
    kinds: tuple[str, ...]
    entity: str | None = None
    spoke_to: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def count(self) -> int:
        """How many sentences cite the source."""
        return len(self.citations)


def sources_of(articles: Sequence[Article]) -> list[Source]:
    """The sources one outlet's articles cite, most cited first."""
    found: dict[str, dict[str, object]] = {}
    for article in articles:
        for sentence, phrase, told in _phrases(article):
            _add(found, article, sentence, phrase, told)
    built = [_source(entry) for entry in found.values()]
    return sorted(built, key=lambda s: (-s.count, s.name.lower()))


def _phrases(article: Article) -> Iterator[tuple[tuple[int, int, str], str, str | None]]:
    """(sentence, cited phrase, whom it was told to) for every attribution in the article."""
    spans = {(s.start, s.end): s.text for s in sentences(article)}
    for event in article.events:
        text = spans.get((event.start, event.end), event.sentence)
        for part in (event.attributed_to or "").split(";"):
            if part.strip():
                yield (event.start, event.end, text), part.strip(), None
    for (start, end), text in spans.items():
        for match in _ACCORDING.finditer(text):
            yield (start, end, text), match.group(1), None
        for match in _SAID_AFTER.finditer(text):
            told = _TOLD.match(text, match.start(2))
            yield (start, end, text), match.group(1), told.group(1) if told else None
        for match in _SAID_BEFORE.finditer(text):
            yield (start, end, text), match.group(1), None


def _add(
    found: dict[str, dict[str, object]],
    article: Article,
    sentence: tuple[int, int, str],
    phrase: str,
    told: str | None,
) -> None:
    phrase = _clean(phrase)
    if not phrase or not re.search(r"[A-Za-z]{2}", phrase):
        return
    if {w.lower() for w in re.findall(r"[A-Za-z]+", phrase)} & _PRONOUNS:
        return  # "they", "a day after it": a speaker this step cannot resolve
    start, end, text = sentence
    entity, covered = _entity_in(article, start, end, text, phrase)
    key = entity.id if entity is not None else _key(phrase)
    entry = found.setdefault(key, {"phrases": [], "citations": {}, "told": [], "entity": entity})
    if entity is not None and covered:
        entry["named"] = True  # the entity's name says it all ("Russia's Ministry of Defense")
    phrases = entry["phrases"]
    citations = entry["citations"]
    told_list = entry["told"]
    assert isinstance(phrases, list) and isinstance(citations, dict) and isinstance(told_list, list)
    phrases.append(phrase)
    citations.setdefault((article.id, start), Citation(article.id, start, end, text))
    told = (told or "").strip(" ,.;:")
    if told and told not in told_list:
        told_list.append(told)


def _clean(phrase: str) -> str:
    """Strip a trailing document note and reporting filler: "X (a press release Friday)" -> X."""
    phrase = re.sub(r"\s*\([^)]*\)\s*$", "", phrase.strip())
    phrase = re.sub(r"^(?:and|but|as|while|when|which|the)\s+", "", phrase, flags=re.I)
    phrase = phrase.strip(" ,.;:\u201c\u201d\"'\u2019")
    # "It was also (reported)": a passive with no reporter names no source
    passive = re.search(r"\b(?:is|was|were|are|been|be|has|have|had)(?:\s+also)?$", phrase)
    return "" if passive else phrase


def _key(phrase: str) -> str:
    words = re.sub(r"[^\w\s]", " ", phrase.lower()).split()
    while words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return " ".join(words)


def _entity_in(
    article: Article, start: int, end: int, text: str, phrase: str
) -> tuple[Entity | None, bool]:
    """The entity with the longest mention in ``phrase``, and whether it covers most of it.

    The longest mention is the head: "Russia's Ministry of Defense" over "Russia",
    "a Chinese military expert" over "Chinese".
    """
    at = text.find(phrase)
    if at < 0:
        lowered = phrase.lower()
        for entity in article.entities:
            if entity.name.lower() == lowered or lowered in (a.lower() for a in entity.aliases):
                return entity, True
        return None, False
    lo, hi = start + at, start + at + len(phrase)
    # overlapping, not only inside: the mention "the expert" for the phrase "expert"
    inside = [m for m in article.mentions if m.entity and m.start < hi and lo < m.end]
    if not inside:
        return None, False
    best = max(inside, key=lambda m: (m.end - m.start, m.start))
    found = entity_index(article).get(best.entity or "")
    return found, (best.end - best.start) * 2 >= len(phrase.removeprefix("the "))


def _source(entry: dict[str, object]) -> Source:
    phrases = entry["phrases"]
    citations = entry["citations"]
    told = entry["told"]
    entity = entry["entity"]
    assert isinstance(phrases, list) and isinstance(citations, dict) and isinstance(told, list)
    assert entity is None or isinstance(entity, Entity)
    longest = max(phrases, key=len)
    name = entity.name if entity is not None and entry.get("named") else longest
    if all(p == UNNAMED_REPORTS for p in phrases):
        kinds: tuple[str, ...] = (UNNAMED_REPORTS,)
    else:
        kinds = classify(" ".join(p for p in phrases if p != UNNAMED_REPORTS), entity)
    return Source(
        name=name,
        kinds=kinds,
        entity=entity.id if entity is not None else None,
        spoke_to=tuple(told),
        citations=tuple(sorted(citations.values(), key=lambda c: (c.article_id, c.start))),
    )


_CUE = dict(_CUES)


def classify(phrase: str, entity: Entity | None = None) -> tuple[str, ...]:
    """The kinds of a source from its words and entity (a source may be of several kinds)."""
    kinds: list[str] = []
    if _ANONYMITY.search(phrase) or (entity is None and _bare_role(phrase)):
        kinds.append(ANONYMOUS)
    if entity is not None:
        if entity.kind == "OUTLET" or entity.sector == "MED":
            kinds.append(OUTLET)
        elif entity.sector == "MIL" and entity.kind != "PERSON":
            kinds.append(MILITARY)
        elif entity.sector == "GOV" and entity.kind != "PERSON":
            kinds.append(GOVERNMENT)
    kinds.extend(kind for kind, cue in _CUES if cue.search(phrase))
    if entity is not None and entity.kind == "PERSON" and ANONYMOUS not in kinds:
        kinds.append(PERSON)
    if not kinds:
        kinds.append(ORGANISATION if entity is not None else OTHER)
    return tuple(dict.fromkeys(kinds))


def _bare_role(phrase: str) -> bool:
    """ "a Chinese military expert", "officials": a role with no proper name after the article."""
    words = phrase.split()
    if not words or words[0].lower() not in {"a", "an", "one", "two", "several", "some"}:
        return False
    if not any(_CUE[kind].search(phrase) for kind in (EXPERT, OFFICIAL)) and not re.search(
        r"\bsources?\b", phrase
    ):
        return False  # "two sides" is no one's role
    rest = words[1:]
    # demonyms and titles may be capitalised; a name is two capitalised words in a row
    return not any(a[:1].isupper() and b[:1].isupper() for a, b in pairwise(rest))
