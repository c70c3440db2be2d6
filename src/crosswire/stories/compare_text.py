"""Plain-text helpers for comparing articles: sentences, content words, entity lookups.

The comparison works on :class:`~crosswire.models.Article` as plain data (no spaCy
parse): sentences are found by punctuation, and the events' own evidence sentences
take precedence where the NLP stage gave them, so offsets always point into the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crosswire.models import Article, Entity

#: Words that carry no content of their own (function words and reporting filler).
_STOPWORDS = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told tell telling according
    mr mrs ms dr may might must shall one two three also however yet still just like
    s t don didn doesn isn wasn weren won wouldn couldn shouldn per via amid among upon
    whether either neither since ago within without"""
STOPWORDS = frozenset(_STOPWORDS.split())

_WORD = re.compile(r"\d+(?:[.,]\d+)*%?|[A-Za-z0-9]+(?:[-'\u2019][A-Za-z0-9]+)*")
# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before
# whitespace and an upper-case letter, digit or opening quote; or at a blank line.
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)"
)
_ABBREVIATION_WORDS = (
    "mr mrs ms dr st gen col lt sgt capt prof rep sen gov pres jr sr inc corp co ltd vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec no u.s u.k u.n e.g i.e"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body: ``body[start:end] == text``."""

    article_id: str
    start: int
    end: int
    text: str


def sentences(article: Article) -> list[Sentence]:
    """The body's sentences in order; the events' evidence sentences are kept whole."""
    body = article.body
    spans = sorted({(e.start, e.end) for e in article.events if 0 <= e.start < e.end})
    found: list[tuple[int, int]] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            continue  # overlapping evidence spans: the first one wins
        found.extend(_split(body, cursor, start))
        found.append((start, end))
        cursor = end
    found.extend(_split(body, cursor, len(body)))
    return [Sentence(article.id, s, e, body[s:e]) for s, e in found]


def _split(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Punctuation-based sentence spans of ``body[start:end]``, whitespace trimmed."""
    cursor = start
    for match in _BOUNDARY.finditer(body, start, end):
        if _ends_with_abbreviation(body[cursor : match.start()]):
            continue
        yield from _trimmed(body, cursor, match.start())
        cursor = match.end()
    yield from _trimmed(body, cursor, end)


def _ends_with_abbreviation(text: str) -> bool:
    words = text.rstrip(".!?\"'”\u2019)]").split()
    last = words[-1].lower().rstrip(".") if words else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _trimmed(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start and _WORD.search(body, start, end):
        yield start, end


def words(text: str) -> list[str]:
    """Lower-cased word tokens (hyphenated words and contractions kept whole)."""
    return [w.lower().replace("\u2019", "'") for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A light stem for matching "exercises"/"exercise", "talks"/"talk"."""
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def content_words(text: str) -> list[str]:
    """Stemmed content words: no stopwords, no one-digit numbers, no possessive ``'s``."""
    out = []
    for word in words(text):
        word = word.removesuffix("'s")
        if word in STOPWORDS or len(word) < 2:
            continue
        out.append(_number(word) if word[0].isdigit() else stem(word))
    return out


def _number(word: str) -> str:
    """A number rounded to two significant figures: "188,829", "188,000" and "190,000" agree."""
    if len(word) == 4 and word.isdigit():
        return word  # a year: 2021 and 2023 differ
    try:
        value = float(word.rstrip("%").replace(",", ""))
    except ValueError:
        return word
    return f"#{value:.1e}{'%' if word.endswith('%') else ''}"


def entity_index(article: Article) -> dict[str, Entity]:
    """The article's entities by id."""
    return {e.id: e for e in article.entities}


def entities_in(article: Article, start: int, end: int) -> list[Entity]:
    """The entities mentioned in ``body[start:end]``, in text order, each once."""
    index = entity_index(article)
    seen: dict[str, Entity] = {}
    for mention in sorted(article.mentions, key=lambda m: m.start):
        if mention.entity and start <= mention.start and mention.end <= end:
            entity = index.get(mention.entity)
            if entity is not None:
                seen.setdefault(entity.id, entity)
    return list(seen.values())


def country_of(entity: Entity | None) -> str | None:
    """The ISO alpha-3 country an entity belongs to, if known."""
    return entity.country if entity is not None else None
