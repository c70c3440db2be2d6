"""How each outlet frames a story: loaded terms, distinguishing words, blame and tone.

- **Loaded terms** come from the events' framing (read off the parse by
  :mod:`crosswire.nlp.framing`) and from a surface scan of every sentence with the
  same lexicon, so sentences with no event count too. A term that names a conflict
  ("full-scale invasion", "war with Ukraine", "Russia-Ukraine conflict", "the
  crisis") is paired with the terms *other* outlets use for a conflict between the
  same countries: these are the alternatives shown next to it.
- **Distinguishing words**: the weighted log-odds ratio with an informative
  Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", eq. 16-22),
  each outlet against all the others; the prior is a background English word
  frequency (``wordfreq``) mixed with the story's pooled counts.
- **Blame**: the source actors of conflict events (CAMEO pentaclass 3-4: accuse,
  threaten, mobilise, assault...) and of events the outlet frames with a hostile
  loaded term, by outlet. Negated events blame nobody.
- **Tone**: the mean VADER compound score (Hutto and Gilbert 2014) of the sentences
  that mention each main actor, by outlet. VADER scores the whole sentence, not the
  stance toward the actor; it is a coarse signal, shown with its sentence count.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crosswire.models import Article, Entity, Event
from crosswire.nlp.plover import pentaclass
from crosswire.stories.compare_text import (
    STOPWORDS,
    Sentence,
    entities_in,
    entity_index,
    sentences,
    words,
)

#: Head nouns that name a conflict: terms with these heads are alternatives to each other.
CONFLICT_NOUNS = frozenset(
    {"war", "invasion", "conflict", "aggression", "operation", "occupation", "incursion",
     "crisis", "fighting", "hostilities", "offensive", "clashes", "attack", "annexation"}
)  # fmt: skip
#: Neutral conflict nouns, scanned so that an outlet's plain wording shows as an alternative.
NEUTRAL_CONFLICT = frozenset({"crisis", "fighting", "hostilities", "clashes"})
#: Loaded nouns that cast the actor of an event as hostile.
HOSTILE_NOUNS = frozenset(
    {"war", "invasion", "aggression", "provocation", "occupation", "annexation", "crackdown",
     "bullying", "hegemony", "coercion", "interference", "meddling", "escalation",
     "intimidation", "destabilization", "militarization", "expansionism", "incursion",
     "atrocity", "massacre", "oppression", "persecution", "terrorist", "aggressor"}
)  # fmt: skip
#: Weight of the background corpus in the prior, in pseudo-counts per token of the story.
PRIOR_STRENGTH = 1.0
#: Distinguishing words shown per outlet, and the least z-score shown.
TOP_WORDS = 10
MIN_Z = 1.0
#: Main actors: at most this many, mentioned by at least two outlets where possible.
MAX_ACTORS = 8


@dataclass(frozen=True)
class Term:
    """A loaded term an outlet uses, where, and what other outlets call the same thing."""

    text: str
    count: int
    countries: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, str], ...] = ()  # (outlet, term)
    sentence: str = ""
    article_id: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class WordScore:
    """A word that distinguishes an outlet's coverage: its count and log-odds z-score."""

    word: str
    count: int
    z: float


@dataclass(frozen=True)
class Blame:
    """An actor an outlet casts as the source of conflict events, with what and against whom."""

    actor: str
    count: int
    events: tuple[str, ...]  # "ASSAULT → Ukraine (participated)"
    country: str | None = None


@dataclass(frozen=True)
class Tone:
    """Mean VADER compound score (-1..1) of an outlet's sentences mentioning an actor."""

    actor: str
    score: float
    sentences: int


@dataclass
class _Found:
    text: str
    head: str
    countries: frozenset[str]
    sentence: Sentence


def loaded_terms(columns: Mapping[str, Sequence[Article]]) -> dict[str, list[Term]]:
    """Each outlet's loaded terms, with the alternatives other outlets use for conflicts."""
    found = {outlet: [t for a in arts for t in _terms(a)] for outlet, arts in columns.items()}
    result: dict[str, list[Term]] = {}
    for outlet, terms in found.items():
        grouped: dict[str, list[_Found]] = defaultdict(list)
        for term in terms:
            grouped[term.text.lower()].append(term)
        out = []
        for same in grouped.values():
            first = same[0]
            if first.head in NEUTRAL_CONFLICT:
                continue  # neutral words are alternatives, not loaded terms
            countries = frozenset().union(*(t.countries for t in same))
            alternatives = _alternatives(outlet, first.text, first.head, countries, found)
            out.append(_term(first, len(same), countries, alternatives))
        result[outlet] = sorted(out, key=lambda t: (t.article_id, t.start))
    return result


def _term(
    first: _Found, count: int, countries: frozenset[str], alts: list[tuple[str, str]]
) -> Term:
    return Term(
        text=first.text,
        count=count,
        countries=tuple(sorted(countries)),
        alternatives=tuple(alts),
        sentence=first.sentence.text,
        article_id=first.sentence.article_id,
        start=first.sentence.start,
        end=first.sentence.end,
    )


def _alternatives(
    outlet: str, text: str, head: str, countries: frozenset[str], found: Mapping[str, list[_Found]]
) -> list[tuple[str, str]]:
    """What other outlets call a conflict between the same countries (other wordings only)."""
    if head not in CONFLICT_NOUNS or not countries:
        return []
    alts: dict[tuple[str, str], None] = {}
    for other, terms in found.items():
        for term in terms:
            if other == outlet or term.head not in CONFLICT_NOUNS:
                continue
            if term.countries & countries and term.text.lower() != text.lower():
                alts[(other, term.text)] = None
    return list(alts)


def _lexicon() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, ...], ...]]:
    # imported here: the framing module loads spaCy, which a stored story does not need
    from crosswire.nlp.framing import LOADED_MODIFIERS, LOADED_NOUNS, LOADED_PHRASES

    return LOADED_NOUNS, LOADED_MODIFIERS, LOADED_PHRASES


_TOKEN = re.compile(r"[\w\u2019'-]+")


def _terms(article: Article) -> list[_Found]:
    """Loaded terms of one article: the events' framing first, then a surface scan."""
    nouns, modifiers, phrases = _lexicon()
    out: list[_Found] = []
    for sentence in sentences(article):
        framed = {
            term.strip()
            for e in article.events
            if e.framing and (e.start, e.end) == (sentence.start, sentence.end)
            for term in e.framing.split(";")
        }
        hits = [t for t in framed if t and t in sentence.text]
        hits += _scan(sentence.text, nouns | NEUTRAL_CONFLICT, modifiers, phrases, hits)
        for hit in hits:
            at = sentence.text.find(hit)
            out.append(
                _Found(hit, _head(hit, nouns), _countries(article, sentence, at, hit), sentence)
            )
    return out


def _scan(
    text: str,
    nouns: frozenset[str],
    modifiers: frozenset[str],
    phrases: tuple[tuple[str, ...], ...],
    known: list[str],
) -> list[str]:
    """Loaded words of a sentence with their modifiers, where the parse gave none."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lowered = [t[0].lower() for t in tokens]

    def joined(i: int) -> bool:  # token i+1 follows token i with only a space between
        return i + 1 < len(tokens) and not text[tokens[i][2] : tokens[i + 1][1]].strip()

    hits: list[str] = []
    for i, word in enumerate(lowered):
        if any(word in k.lower().split() for k in known):
            continue
        first, last = i, i
        if i > 0 and tokens[i][0][:1].isupper():
            continue  # part of a name ("People's Liberation Army"), not the outlet's word
        if _singular(word) in nouns:
            while first > 0 and joined(first - 1) and _modifies(tokens[first - 1][0], modifiers):
                first -= 1
            party = i + 2 < len(tokens) and tokens[i + 2][0][:1].isupper()
            preposition = joined(i) and lowered[i + 1] in {"with", "against", "on", "in", "of"}
            if party and preposition and joined(i + 1):
                last = i + 2  # "war with Ukraine": the party named
        elif word in modifiers and joined(i) and lowered[i + 1] not in STOPWORDS:
            last = i + 1  # "barbaric act"
        else:
            continue
        hits.append(text[tokens[first][1] : tokens[last][2]])
    for phrase in phrases:
        for i in range(len(lowered) - len(phrase) + 1):
            if tuple(lowered[i : i + len(phrase)]) == phrase:
                hits.append(text[tokens[i][1] : tokens[i + len(phrase) - 1][2]])
    return [h for h in dict.fromkeys(hits) if not any(h in k for k in known)]


def _modifies(token: str, modifiers: frozenset[str]) -> bool:
    """A hyphenated modifier ("full-scale", "Russia-Ukraine") or a loaded adjective."""
    return ("-" in token and not token.startswith("-")) or token.lower() in modifiers


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    plural = word.endswith("s") and not word.endswith(("ss", "is", "us"))  # not "crisis"
    return word[:-1] if plural else word


def _head(term: str, nouns: frozenset[str]) -> str:
    heads = [_singular(w) for w in words(term) if _singular(w) in nouns | CONFLICT_NOUNS]
    return heads[0] if heads else _singular(words(term)[-1]) if words(term) else ""


def _countries(article: Article, sentence: Sentence, at: int, term: str) -> frozenset[str]:
    """Countries the term names ("Russia-Ukraine conflict"), else those of its sentence."""
    in_sentence = entities_in(article, sentence.start, sentence.end)
    named = []
    if at >= 0:
        named = entities_in(article, sentence.start + at, sentence.start + at + len(term))
    # "Russia-Ukraine": a hyphenated name may be tagged as one mention or none
    parts = set(re.split(r"[\s-]+", term))
    named += [e for e in in_sentence if e.name in parts or parts & set(e.aliases)]
    return frozenset(e.country for e in (named or in_sentence) if e.country)


def distinguishing_words(columns: Mapping[str, Sequence[Article]]) -> dict[str, list[WordScore]]:
    """Words over-represented in each outlet's coverage against the rest (log-odds z-scores)."""
    counts = {o: Counter(_vocabulary(a.body for a in arts)) for o, arts in columns.items()}
    pooled: Counter[str] = sum(counts.values(), Counter())
    total = sum(pooled.values())
    if len(counts) < 2 or not total:
        return {o: [] for o in counts}
    prior = _prior(pooled, alpha0=PRIOR_STRENGTH * total)
    alpha0 = sum(prior.values())
    result = {}
    for outlet, mine in counts.items():
        rest = pooled - mine
        n_i, n_j = sum(mine.values()), sum(rest.values())
        scores = []
        for word, y_i in mine.items():
            a, y_j = prior[word], rest.get(word, 0)
            delta = math.log((y_i + a) / (n_i + alpha0 - y_i - a)) - math.log(
                (y_j + a) / (n_j + alpha0 - y_j - a)
            )
            z = delta / math.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
            if z >= MIN_Z:
                scores.append(WordScore(word, y_i, round(z, 2)))
        result[outlet] = sorted(scores, key=lambda s: (-s.z, s.word))[:TOP_WORDS]
    return result


def _vocabulary(bodies: Iterable[str]) -> list[str]:
    out = []
    for body in bodies:
        for word in words(body):
            word = word.replace("\u2019", "'").removesuffix("'s")
            if word not in STOPWORDS and len(word) > 2 and not word[0].isdigit():
                out.append(word)
    return out


def _prior(pooled: Counter[str], *, alpha0: float) -> dict[str, float]:
    """Dirichlet pseudo-counts: half background English frequency, half the story's own."""
    background = {w: _frequency(w) for w in pooled}
    bg_total = sum(background.values()) or 1.0
    total = sum(pooled.values())
    return {w: alpha0 * (0.5 * background[w] / bg_total + 0.5 * pooled[w] / total) for w in pooled}


@lru_cache(maxsize=65536)
def _frequency(word: str) -> float:
    """Background frequency of ``word`` in English, with a floor for unseen words."""
    from wordfreq import word_frequency

    return max(float(word_frequency(word, "en")), 1e-8)


def blame(columns: Mapping[str, Sequence[Article]]) -> dict[str, list[Blame]]:
    """Per outlet: the actors cast as the source of conflict events, most often first."""
    result = {}
    for outlet, arts in columns.items():
        by_actor: dict[str, list[str]] = defaultdict(list)
        countries: dict[str, str | None] = {}
        for article in arts:
            index = entity_index(article)
            for event in article.events:
                if event.source and event.modality != "negated" and _is_conflict(event):
                    actor = index.get(event.source)
                    name = actor.name if actor else event.source
                    by_actor[name].append(_describe(event, index))
                    countries.setdefault(name, actor.country if actor else None)
        result[outlet] = sorted(
            (Blame(a, len(e), tuple(dict.fromkeys(e)), countries[a]) for a, e in by_actor.items()),
            key=lambda b: (-b.count, b.actor),
        )
    return result


def blame_by_country(blamed: Sequence[Blame]) -> list[tuple[str, int]]:
    """The countries an outlet casts as sources of conflict, with event counts, most first."""
    counts: Counter[str] = Counter()
    for entry in blamed:
        if entry.country:
            counts[entry.country] += entry.count
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _is_conflict(event: Event) -> bool:
    klass = pentaclass(event.type, cameo=event.cameo)
    if klass in {3, 4}:
        return True
    framing = (event.framing or "").lower()
    return any(_singular(w) in HOSTILE_NOUNS for w in words(framing))


def _describe(event: Event, index: Mapping[str, Entity]) -> str:
    target = index.get(event.target or "")
    text = f"{event.type} → {target.name}" if target else event.type
    details = [d for d in (event.trigger, event.framing and f"framed: {event.framing}") if d]
    return f"{text} ({'; '.join(details)})" if details else text


def tone(columns: Mapping[str, Sequence[Article]]) -> dict[str, list[Tone]]:
    """Per outlet: mean VADER compound score of the sentences mentioning each main actor."""
    actors = main_actors(columns)
    analyzer = _vader()
    result: dict[str, list[Tone]] = {}
    for outlet, arts in columns.items():
        scores: dict[str, list[float]] = defaultdict(list)
        for article in arts:
            for sentence in sentences(article):
                named = {_actor_key(e) for e in entities_in(article, sentence.start, sentence.end)}
                for key in named & set(actors):
                    scores[key].append(analyzer.polarity_scores(sentence.text)["compound"])
        result[outlet] = [
            Tone(actors[k], round(sum(v) / len(v), 3), len(v)) for k, v in scores.items()
        ]
        result[outlet].sort(key=lambda t: list(actors.values()).index(t.actor))
    return result


def main_actors(columns: Mapping[str, Sequence[Article]]) -> dict[str, str]:
    """The story's main actors (key -> name): named by the most outlets, then most often."""
    outlets: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    names: dict[str, str] = {}
    for outlet, arts in columns.items():
        for article in arts:
            index = entity_index(article)
            for mention in article.mentions:
                entity = index.get(mention.entity or "")
                if entity is None or entity.kind not in {"PERSON", "STATE", "ORG", "GROUP"}:
                    continue
                key = _actor_key(entity)
                outlets[key].add(outlet)
                mentions[key] += 1
                if entity.kind != "STATE" or entity.sector is None or key not in names:
                    names.setdefault(key, entity.name)
    ranked = sorted(mentions, key=lambda k: (-len(outlets[k]), -mentions[k], names[k]))
    return {k: names[k] for k in ranked[:MAX_ACTORS]}


def _actor_key(entity: Entity) -> str:
    """A state and its government are one actor ("Beijing" and "China")."""
    if entity.kind == "STATE" and entity.country:
        return "state:" + entity.country
    return entity.id


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
