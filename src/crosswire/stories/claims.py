"""The claim matrix: what each outlet says about a story, merged where outlets say the same.

A *claim unit* is one thing one article says:

- an **event unit**: the events of one evidence sentence with one PLOVER type and
  the same participants (by country), e.g. "Gerasimov held a video conversation
  with Liu" (CONSULT);
- a **key statement**: a sentence with no event that carries distinctive content
  (a quotation, an assessment such as "could be a significant development", a
  named actor or a number) and is long enough to say something (see
  :func:`is_key_statement`).

Units of different articles are merged into one claim, best pairs first, when they
say the same thing: event units of the same type whose participants are
compatible (the same entity, or the same country: "Beijing" and "China") and
whose words around the trigger are similar; or two units whose sentences are
similar (more similar when only one of them carries an event, or their events'
types differ). Never merged: two units of one article; same-type events between
other parties; units whose sentences name a specific exercise, piece of
equipment or place the other article never mentions; events with different
resolved dates. Similarity is the cosine of
tf-idf vectors of stemmed content words, the idf taken over the story's sentences.

Each outlet's cell says whether it reports the claim, does not, or contradicts it
(its event is negated where another outlet's is not), with the evidence sentence.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from crosswire.models import Article, Entity, Event
from crosswire.stories.compare_text import (
    Sentence,
    content_words,
    entities_in,
    entity_index,
    sentences,
)

REPORTED = "reported"
NOT_REPORTED = "not reported"
CONTRADICTED = "contradicted"

#: PLOVER types whose two parties act together, so "A with B" = "B with A".
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: Entity kinds that pin a claim to one occurrence: another exercise, vehicle or place
#: is another claim.
SPECIFIC_KINDS = frozenset({"EXERCISE", "EQUIPMENT", "PLACE"})
#: Words shared by more units than this (or a fifth of them) do not make a pair a candidate.
MAX_POSTING = 200
#: Words either side of an event's trigger that describe the event (not the sentence).
WINDOW = 6
#: Minimum similarity of two compatible event units to be one claim.
EVENT_MIN_SIMILARITY = 0.15
#: Added to an event pair whose participants are the very same entities.
SAME_PARTIES_BONUS = 0.15
#: Minimum similarity of two sentences to be one claim whatever their events, when both
#: or neither carry an event. Calibrated on AllSides stories: no merges at all across
#: shuffled triples of unrelated stories down to 0.3 (two at 0.25), and about nine in
#: ten of the merges between 0.3 and 0.45 within stories say the same thing.
STATEMENT_MIN_SIMILARITY = 0.3
#: Minimum similarity of a sentence with an event and one without (or two events of
#: different types): that the events disagree says the sentences likely assert
#: different things (a role in apposition to an event's actor is not the event), so
#: the words must agree more.
MIXED_MIN_SIMILARITY = 0.45
#: A key statement has at least this many content words.
MIN_STATEMENT_WORDS = 6
_ASSESSMENT_WORDS = """could may might would likely unlikely probably possibly perhaps significant
    important major unclear uncertain expected appear appears appeared seem seems
    suggest suggests suggested believe believed considered warned warning concern
    concerns fear fears hope hopes first largest biggest record"""
_ASSESSMENT = frozenset(_ASSESSMENT_WORDS.split())
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")


@dataclass(frozen=True)
class Evidence:
    """Where an outlet says it: the article, the sentence's offsets in its body, the sentence."""

    article_id: str
    start: int
    end: int
    sentence: str
    modality: str | None = None
    attributed_to: str | None = None


@dataclass(frozen=True)
class Cell:
    """One outlet's stance on one claim: reported, not reported or contradicted."""

    outlet: str
    status: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One thing the story's articles say, and every outlet's cell for it."""

    id: str
    kind: str  # "event" or "statement"
    label: str
    type: str | None
    source: str | None
    target: str | None
    cells: tuple[Cell, ...]

    def status(self, outlet: str) -> str:
        """The cell status of ``outlet`` (``not reported`` for an outlet not in the story)."""
        return next((c.status for c in self.cells if c.outlet == outlet), NOT_REPORTED)

    @property
    def reported_by(self) -> tuple[str, ...]:
        """Outlets that report the claim."""
        return tuple(c.outlet for c in self.cells if c.status == REPORTED)


@dataclass
class _Unit:
    article: Article
    outlet: str
    sentence: Sentence
    events: list[Event] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)
    specific: frozenset[str] = frozenset()
    parties: tuple[object, ...] = ()

    @property
    def type(self) -> str | None:
        return self.events[0].type if self.events else None

    @property
    def negated(self) -> bool:
        return bool(self.events) and all(e.modality == "negated" for e in self.events)


def claim_matrix(columns: Mapping[str, Sequence[Article]]) -> list[Claim]:
    """The claims of a story: ``columns`` maps each outlet to its (original) articles."""
    units = [u for outlet, arts in columns.items() for a in arts for u in _units(a, outlet)]
    idf = _idf(units)
    vectors = [_tfidf(u.words, idf) for u in units]
    sentence_vectors = [_tfidf(_sentence_words(u), idf) for u in units]
    mentioned = {
        a.id: {m.entity for m in a.mentions if m.entity} for arts in columns.values() for a in arts
    }
    pairs: list[tuple[float, int, int]] = []
    for i, j in sorted(_candidates(units, sentence_vectors)):
        a, b = units[i], units[j]
        if a.article.id == b.article.id or not _may_match(a, b, mentioned):
            continue
        score = _score(a, b, vectors[i], vectors[j], sentence_vectors[i], sentence_vectors[j])
        if score is not None:
            pairs.append((score, i, j))
    groups = _merge(units, sorted(pairs, key=lambda p: (-p[0], p[1], p[2])))
    return [_claim(n, [units[i] for i in g], list(columns)) for n, g in enumerate(groups, 1)]


def _candidates(
    units: Sequence[_Unit], vectors: Sequence[Mapping[str, float]]
) -> set[tuple[int, int]]:
    """Pairs of units worth scoring, so that a big story costs far less than all pairs.

    Two units are candidates when their sentences share a word that is not in most of
    the story's sentences (a pair sharing only such words is far below any threshold),
    or when they are events of one type between parties of the same countries.
    """
    postings: dict[object, list[int]] = defaultdict(list)
    limit = max(MAX_POSTING, len(units) // 5)
    for i, (unit, vector) in enumerate(zip(units, vectors, strict=True)):
        for word in vector:
            postings[word].append(i)
        if unit.events:
            postings[("event", unit.type, unit.parties)].append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in postings.items():
        if len(members) > limit and not isinstance(key, tuple):
            continue
        pairs.update(itertools.combinations(members, 2))
    return pairs


def _units(article: Article, outlet: str) -> list[_Unit]:
    index = entity_index(article)
    by_key: dict[tuple[object, ...], _Unit] = {}
    event_spans = set()
    spans = {(s.start, s.end): s for s in sentences(article)}
    for event in article.events:
        sentence = spans.get((event.start, event.end))
        if sentence is None:
            continue
        event_spans.add((event.start, event.end))
        key = (event.start, event.end, event.type, _party_key(event, index))
        unit = by_key.setdefault(key, _Unit(article, outlet, sentence, parties=key[3]))
        unit.events.append(event)
        unit.words.update(_window(sentence.text, event.trigger))
        unit.words.update(f"@{p}" for p in (event.source, event.target) if p)
    units = list(by_key.values())
    for sentence in spans.values():
        if (sentence.start, sentence.end) not in event_spans and is_key_statement(
            sentence.text, article, sentence.start, sentence.end
        ):
            units.append(_Unit(article, outlet, sentence, words=Counter()))
    for unit in units:
        if not unit.words:
            unit.words.update(content_words(unit.sentence.text))
        unit.specific = frozenset(
            e.id
            for e in entities_in(article, unit.sentence.start, unit.sentence.end)
            if e.kind in SPECIFIC_KINDS
        )
    return sorted(units, key=lambda u: u.sentence.start)


def is_key_statement(text: str, article: Article, start: int, end: int) -> bool:
    """A sentence with content of its own: long enough, and quoting, assessing or naming."""
    found = content_words(text)
    if len(found) < MIN_STATEMENT_WORDS:
        return False
    lowered = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return bool(
        _QUOTE.search(text)
        or lowered & _ASSESSMENT
        or any(ch.isdigit() for ch in text)
        or entities_in(article, start, end)
    )


def _party_key(event: Event, index: Mapping[str, Entity]) -> tuple[object, ...]:
    def country(entity_id: str | None) -> str | None:
        entity = index.get(entity_id or "")
        return (entity.country or entity.id) if entity else entity_id

    parties = (country(event.source), country(event.target))
    if event.type in SYMMETRIC_TYPES:
        return tuple(sorted(parties, key=str))
    return parties


def _window(sentence: str, trigger: str | None) -> list[str]:
    """Content words within :data:`WINDOW` words of the trigger (else the whole sentence)."""
    tokens = re.findall(r"[\w\u2019'-]+", sentence)
    if trigger:
        first = trigger.split()[0].lower()
        for i, token in enumerate(tokens):
            if token.lower() == first:
                return content_words(" ".join(tokens[max(0, i - WINDOW) : i + WINDOW + 1]))
    return content_words(sentence)


def _may_match(a: _Unit, b: _Unit, mentioned: Mapping[str, set[str]]) -> bool:
    """False when one sentence names a specific thing the other article never mentions."""
    if a.specific - mentioned[b.article.id] or b.specific - mentioned[a.article.id]:
        return False
    dates_a = {e.date for e in a.events if e.date}
    dates_b = {e.date for e in b.events if e.date}
    if dates_a and dates_b:
        return any(x.startswith(y) or y.startswith(x) for x in dates_a for y in dates_b)
    return True


def _score(
    a: _Unit,
    b: _Unit,
    va: dict[str, float],
    vb: dict[str, float],
    sa: dict[str, float],
    sb: dict[str, float],
) -> float | None:
    similarity = _cosine(sa, sb)
    if not a.events and not b.events:
        return similarity if similarity >= STATEMENT_MIN_SIMILARITY else None
    if a.type == b.type:
        same = _parties(a, b)
        if same is None:
            return None  # the same kind of event between other parties: another claim
        around = _cosine(va, vb) + (SAME_PARTIES_BONUS if same else 0.0)
        if around >= EVENT_MIN_SIMILARITY or similarity >= STATEMENT_MIN_SIMILARITY:
            return max(around, similarity)
        return None
    # one event and one statement, or two events typed apart: the words must agree more
    return similarity if similarity >= MIXED_MIN_SIMILARITY else None


def _parties(a: _Unit, b: _Unit) -> bool | None:
    """None if the participants clash; True if they are the very same entities."""
    ea, eb = a.events[0], b.events[0]
    ia, ib = entity_index(a.article), entity_index(b.article)
    pa = [(ea.source, ia.get(ea.source or "")), (ea.target, ia.get(ea.target or ""))]
    pb = [(eb.source, ib.get(eb.source or "")), (eb.target, ib.get(eb.target or ""))]
    orders = [pb, pb[::-1]] if ea.type in SYMMETRIC_TYPES else [pb]
    best: bool | None = None
    for order in orders:
        verdicts = [_same_party(x, y) for x, y in zip(pa, order, strict=True)]
        if None in verdicts:
            continue
        exact = all(verdicts) and all(x[0] for x in pa)
        best = exact if best is None else best or exact
    return best


def _same_party(
    x: tuple[str | None, Entity | None], y: tuple[str | None, Entity | None]
) -> bool | None:
    """True: the same entity; False: compatible (same country, or one unknown); None: a clash."""
    if x[0] is None or y[0] is None:
        return False
    if x[0] == y[0]:
        return True
    cx = x[1].country if x[1] else None
    cy = y[1].country if y[1] else None
    return False if cx and cx == cy else None


def _merge(units: list[_Unit], pairs: list[tuple[float, int, int]]) -> list[list[int]]:
    """Groups of units, joined best pair first, never two units of one article in a group."""
    group_of = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        articles_i = {units[k].article.id for k in members[gi]}
        if any(units[k].article.id in articles_i for k in members[gj]):
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    return sorted(
        (
            sorted(g, key=lambda k: (units[k].outlet, units[k].sentence.start))
            for g in members.values()
        ),
        key=lambda g: (-len({units[k].outlet for k in g}), _first(units, g)),
    )


def _first(units: list[_Unit], group: list[int]) -> tuple[int, int]:
    order = {u.article.id: n for n, u in enumerate(units)}
    return min((order[units[k].article.id], units[k].sentence.start) for k in group)


def _claim(number: int, units: list[_Unit], outlets: list[str]) -> Claim:
    any_positive = any(not u.negated for u in units)
    cells = []
    for outlet in outlets:
        mine = [u for u in units if u.outlet == outlet]
        if not mine:
            cells.append(Cell(outlet, NOT_REPORTED))
            continue
        contradicted = any_positive and all(u.negated for u in mine)
        evidence = tuple(_evidence(u) for u in mine)
        cells.append(Cell(outlet, CONTRADICTED if contradicted else REPORTED, evidence))
    lead = next((u for u in units if u.events and not u.negated), None) or units[0]
    source, target = _names(lead)
    return Claim(
        id=f"c{number}",
        kind="event" if any(u.events for u in units) else "statement",
        label=_label(lead, source, target),
        type=lead.type,
        source=source,
        target=target,
        cells=tuple(cells),
    )


def _evidence(unit: _Unit) -> Evidence:
    modalities = sorted({e.modality for e in unit.events})
    attributions = [e.attributed_to for e in unit.events if e.attributed_to]
    return Evidence(
        article_id=unit.article.id,
        start=unit.sentence.start,
        end=unit.sentence.end,
        sentence=unit.sentence.text,
        modality=", ".join(modalities) or None,
        attributed_to=attributions[0] if attributions else None,
    )


def _names(unit: _Unit) -> tuple[str | None, str | None]:
    if not unit.events:
        return None, None
    index = entity_index(unit.article)
    event = unit.events[0]
    source = index.get(event.source or "")
    target = index.get(event.target or "")
    return (source.name if source else None), (target.name if target else None)


def _label(unit: _Unit, source: str | None, target: str | None) -> str:
    if not unit.events:
        return _shorten(unit.sentence.text)
    triggers = ", ".join(dict.fromkeys(e.trigger for e in unit.events if e.trigger))
    parties = " → ".join(p for p in (source, target) if p)
    label = f"{unit.type} ({triggers}): {parties}" if parties else f"{unit.type} ({triggers})"
    # what pins the event down: the exercise, equipment or place, and the date
    index = entity_index(unit.article)
    pins = [index[i].name for i in sorted(unit.specific) if i in index]
    pins += sorted({d for e in unit.events for d in [e.date or e.date_text] if d})
    return f"{label} · {', '.join(pins)}" if pins else label


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _sentence_words(unit: _Unit) -> Counter[str]:
    """The sentence's content words, and its entities as ``@id`` (names vary, ids do not)."""
    found = Counter(content_words(unit.sentence.text))
    start, end = unit.sentence.start, unit.sentence.end
    found.update(f"@{e.id}" for e in entities_in(unit.article, start, end))
    return found


def _idf(units: Sequence[_Unit]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for unit in units:
        df.update(set(_sentence_words(unit)))
    n = max(len(units), 1)
    return {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items()}


def _tfidf(counts: Counter[str], idf: Mapping[str, float]) -> dict[str, float]:
    """The tf-idf vector of ``counts``, scaled to unit length (so cosine is a dot product)."""
    vector = {w: c * idf.get(w, 1.0) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit-length vectors."""
    if len(b) < len(a):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
