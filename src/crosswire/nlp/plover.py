"""The PLOVER type of the event a sentence reports, with its mode and CAMEO code.

Two opinions are combined. The first is a trigger lexicon written from the PLOVER
codebook (:mod:`crosswire.nlp.plover_lexicon`): each trigger found in the sentence
votes for its type, more strongly between the two marked actors than around them,
and less when a governing verb ("threatened to", "called for") comes first. The
second is a small linear classifier over the words between and around the actors
and the lexicon's votes, trained on the public PLOVER gold pairs by
``python bench/train_plover.py`` (weights in ``data/plover/model.json``). Without
any trigger the sentence reports no political event, and :func:`classify` returns
``None``: the classifier only ranks types, it never invents an event.

Typing ignores negation and modality ("did not attack" is still ASSAULT); deciding
whether an event happened is another stage's job.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from crosswire.nlp.plover_lexicon import (
    CAMEO_OF_TRIGGER,
    GOVERNING,
    OFF_TOPIC,
    POLITICAL,
    entries,
    inflections,
    word_set,
)
from crosswire.nlp.plover_model import DATA, LinearModel, shipped_model

#: PLOVER's two kinds of yielding, one label in the gold sets.
YIELD_TYPES = ("CONCEDE", "RETREAT")

#: The classifier's share of the final score (the lexicon has the rest).
CLASSIFIER_SHARE = 0.85

#: Below this lexicon score no trigger is trusted enough to call it an event.
MIN_TRIGGER_SCORE = 0.45

#: The same floor when both actors are marked: a caller that found a source and a
#: target around a predicate has already seen most of an event, so any trigger will do.
MIN_PAIR_TRIGGER_SCORE = 0.1

#: How much triggers count in a sentence about sports, business, culture or science.
OFF_TOPIC_FACTOR = 0.3

#: How far (in tokens) a governing verb reaches over the event it governs.
GOVERNED_REACH = 8

#: Types that undo others, and the types they undo when these follow closely: the
#: codebook's SANCTION reduces cooperation ("suspended aid", "halted talks"), its
#: CONCEDE and RETREAT ease conflict ("lifted sanctions", "freed the detainees").
UNDOES: dict[str, frozenset[str]] = {
    "SANCTION": frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"}),
    "CONCEDE": frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST", "THREATEN", "MOBILIZE"}),
    "RETREAT": frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST", "THREATEN", "MOBILIZE"}),
}

#: How far (in tokens) an undoing word reaches over the event it undoes.
UNDONE_REACH = 4

#: Context words that tell the mode of a type whose modes are sectors.
SECTOR_WORDS: dict[str, frozenset[str]] = {
    "military": word_set(
        "military troops army soldiers weapons arms defense defence missiles navy"
    ),
    "economic": word_set(
        "economic economy trade loan loans investment financial billion million dollars budget"
    ),
    "humanitarian": word_set("humanitarian food medical medicine refugees vaccines relief shelter"),
}
SECTOR_TYPES = frozenset({"AGREE", "COOPERATE", "AID"})

#: The length of the character n-grams of the words between the actors.
CHAR_GRAM = 4

#: Words that put the trigger after them in the future, and how far they reach.
FUTURE_WORDS = frozenset({"will", "would", "shall", "ll", "going"})
FUTURE_REACH = 3

_TOKEN = re.compile(r"[a-z]+|\d+")

# A capitalised word after the first: a stand-in for a named actor when no span is given.
_NOT_NAMES = "|".join(
    word_set(
        "January February March April May June July August September October November December "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday I"
    )
)
_NAME = re.compile(rf"(?<=\w[\s,(])(?!(?:{_NOT_NAMES})\b)[A-Z][a-z]*")


@dataclass(frozen=True)
class EventType:
    """A sentence's event: PLOVER ``type`` and ``mode``, its ``cameo`` code, ``score`` 0-1."""

    type: str
    mode: str | None
    cameo: str | None
    score: float


@dataclass(frozen=True)
class Hit:
    """One trigger found in a sentence: what it says and how much it counts there."""

    type: str
    mode: str | None
    weight: float
    start: int
    token: int
    cameo: str | None = None
    length: int = 1


@dataclass(frozen=True)
class Token:
    """A lower-cased word of a sentence and its character offset."""

    text: str
    start: int


def tokenize(sentence: str) -> list[Token]:
    """The sentence's lower-cased words and numbers (hyphens and apostrophes split)."""
    return [Token(m.group(), m.start()) for m in _TOKEN.finditer(sentence.lower())]


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[tuple[str, ...], str, str | None, float]]]:
    # Keyed by first word, longest phrase first, so the first match is the longest.
    table: dict[str, list[tuple[tuple[str, ...], str, str | None, float]]] = defaultdict(list)
    # A phrase listed both as a base form and as an inflection counts once; the
    # stronger weight wins if the two listings disagree.
    best: dict[tuple[tuple[str, ...], str, str | None], float] = {}
    for words, event_type, mode, weight in entries():
        key = (words, event_type, mode)
        best[key] = max(weight, best.get(key, 0.0))
    for (words, event_type, mode), weight in best.items():
        table[words[0]].append((words, event_type, mode, weight))
    for candidates in table.values():
        candidates.sort(key=lambda entry: -len(entry[0]))
    return dict(table)


@lru_cache(maxsize=1)
def _trigger_cameos() -> dict[tuple[str, ...], str]:
    # CAMEO_OF_TRIGGER names base forms; "urges" and "urging" are appeals as "urge" is.
    table: dict[tuple[str, ...], str] = {}
    for text, code in CAMEO_OF_TRIGGER.items():
        first, *rest = text.split()
        for form in inflections(first):
            table.setdefault((form, *rest), code)
    for text, code in CAMEO_OF_TRIGGER.items():
        table[tuple(text.split())] = code
    return table


def find_triggers(tokens: list[Token]) -> list[Hit]:
    """Every trigger in ``tokens``, left to right, longest phrase first at each word."""
    table, cameos = _phrases(), _trigger_cameos()
    words = [token.text for token in tokens]
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        length = 0
        for phrase, event_type, mode, weight in table.get(words[i], ()):
            if length and len(phrase) < length:
                break
            if tuple(words[i : i + len(phrase)]) == phrase:
                length = len(phrase)
                cameo = cameos.get(phrase)
                hits.append(Hit(event_type, mode, weight, tokens[i].start, i, cameo, length))
        i += max(length, 1)
    return hits


def position_factor(
    start: int, source: tuple[int, int] | None, target: tuple[int, int] | None
) -> float:
    """How much a trigger at char ``start`` counts given where the actors are."""
    spans = sorted(span for span in (source, target) if span is not None)
    if not spans:
        return 1.0
    if any(first <= start < last for first, last in spans):
        return 0.3
    if len(spans) == 2 and spans[0][1] <= start < spans[1][0]:
        return 1.0
    if start >= spans[-1][1]:
        distance = (start - spans[-1][1]) / 6  # about six characters a word
        return max(0.3, (0.9 if len(spans) == 2 else 1.0) - 0.04 * distance)
    distance = (spans[0][0] - start) / 6
    return max(0.2, 0.6 - 0.04 * distance)


def weigh_hits(
    hits: list[Hit],
    source: tuple[int, int] | None,
    target: tuple[int, int] | None,
    *,
    off_topic: bool = False,
) -> list[tuple[Hit, float]]:
    """Each hit with its weight at its place, governed hits damped.

    ``off_topic`` (see :func:`is_off_topic`) damps them all: "beat", "rally" and
    "released" are no events in a match report or an album review.
    """
    weighed = []
    governor_at: int | None = None
    undoers: dict[str, int] = {}
    for hit in hits:
        weight = hit.weight * position_factor(hit.start, source, target)
        governed = governor_at is not None and hit.token - governor_at <= GOVERNED_REACH
        if governed and hit.type not in GOVERNING:
            weight *= 0.4
        if _undone(hit, undoers):
            weight *= 0.4
        if hit.type in GOVERNING:
            governor_at = hit.token
        if hit.type in UNDOES:
            undoers[hit.type] = hit.token
        weighed.append((hit, weight * (OFF_TOPIC_FACTOR if off_topic else 1.0)))
    return weighed


def _undone(hit: Hit, undoers: dict[str, int]) -> bool:
    # "suspended aid" is a SANCTION of aid, "lifted the curfew" a RETREAT from it.
    return any(
        hit.type in UNDOES[kind] and 0 < hit.token - at <= UNDONE_REACH
        for kind, at in undoers.items()
    )


def is_off_topic(tokens: list[Token], hits: list[Hit] | None = None) -> bool:
    """True if the words say sports, business, culture, science or weather, not politics.

    Words inside a trigger phrase of ``hits`` do not count: the "sales" of "arms
    sales" is no business news.
    """
    inside = {
        i for hit in hits or () if hit.length > 1 for i in range(hit.token, hit.token + hit.length)
    }
    words = {token.text for i, token in enumerate(tokens) if i not in inside}
    return not words.isdisjoint(OFF_TOPIC) and words.isdisjoint(POLITICAL)


def has_actor(sentence: str, tokens: list[Token]) -> bool:
    """True if the sentence names someone (a capitalised word) or a political actor."""
    return _NAME.search(sentence) is not None or not POLITICAL.isdisjoint(t.text for t in tokens)


def lexicon_scores(weighed: list[tuple[Hit, float]]) -> dict[str, float]:
    """Each type's votes: its best hit plus a little for every further one."""
    by_type: dict[str, list[float]] = defaultdict(list)
    for hit, weight in weighed:
        by_type[hit.type].append(weight)
    return {
        event_type: max(weights) + 0.2 * (sum(weights) - max(weights))
        for event_type, weights in by_type.items()
    }


def gold_label(event_type: str) -> str:
    """The label the gold sets use for a PLOVER type (CONCEDE and RETREAT are YIELD)."""
    return "YIELD" if event_type in YIELD_TYPES else event_type


def _stem(word: str) -> str:
    # A crude stem: enough for a bag of words to share "attack"/"attacked"/"attacks".
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def features(
    tokens: list[Token],
    weighed: list[tuple[Hit, float]],
    source: tuple[int, int] | None,
    target: tuple[int, int] | None,
    syntax: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """The classifier's view of a sentence: words by region, the lexicon's votes, and
    the parse path between the actors (``syntax``, from
    :func:`crosswire.nlp.plover_syntax.syntax_features`) when the caller parsed it."""
    found: dict[str, float] = {"bias": 1.0, **(syntax or {})}
    spans = sorted(span for span in (source, target) if span is not None)
    for token in tokens:
        region = _region(token.start, spans)
        stem = _stem(token.text)
        found["w:" + stem] = 1.0
        if region != "w":
            found[region + ":" + stem] = 1.0
    for event_type, score in lexicon_scores(weighed).items():
        found["lex:" + gold_label(event_type)] = score
    for hit, weight in weighed:
        # The trigger word itself by its place: "offer" before the source is no offer.
        region = _region(hit.start, spans)
        key = "t:" + _stem(tokens[hit.token].text) + ":" + region
        found[key] = max(found.get(key, 0.0), weight)
        # And its type by its place, so that rare trigger words share what is learnt.
        key = "lr:" + gold_label(hit.type) + ":" + region
        found[key] = max(found.get(key, 0.0), weight)
    _edge_words(tokens, spans, found)
    _future_votes(tokens, weighed, found)
    triggers = {i for hit, _ in weighed for i in range(hit.token, hit.token + hit.length)}
    _middle_words(tokens, spans, found, triggers)
    return found


def _middle_words(
    tokens: list[Token], spans: list[tuple[int, int]], found: dict[str, float], triggers: set[int]
) -> None:
    # Between the two actors the event is said: word pairs keep "shared evidence"
    # apart from "evidence", and character 4-grams let words the lexicon does not
    # know ("trains", "staged") share what is learnt with their relatives. Not of
    # trigger words: the lexicon has them, and their grams outvoted its governing
    # verbs ("denied the accusations" read as ACCUSE). Only between the actors: over
    # the whole sentence the grams drown the signal in names (measured, worse).
    # With one actor or none, the event's words are anywhere outside the actors:
    # named apart, as they say less ("o" for outside).
    wanted, kind = ({"mid"}, "") if len(spans) == 2 else ({"w", "pre", "post"}, "o")
    middle = [i for i, token in enumerate(tokens) if _region(token.start, spans) in wanted]
    for i in middle:
        if i + 1 < len(tokens):
            found[kind + "bg:" + _stem(tokens[i].text) + "_" + _stem(tokens[i + 1].text)] = 1.0
    for token in (tokens[i] for i in middle if i not in triggers):
        if len(token.text) >= CHAR_GRAM:
            padded = "<" + token.text + ">"
            for i in range(len(padded) - CHAR_GRAM + 1):
                found[kind + "c:" + padded[i : i + CHAR_GRAM]] = 1.0


def _future_votes(
    tokens: list[Token], weighed: list[tuple[Hit, float]], found: dict[str, float]
) -> None:
    # The codebook tells a threat from an attack, a promise from a deed, by tense:
    # "will boycott", "would withdraw". Each trigger type said in the future counts apart.
    words = [token.text for token in tokens]
    for hit, weight in weighed:
        before = words[max(0, hit.token - FUTURE_REACH) : hit.token]
        if FUTURE_WORDS.intersection(before):
            key = "fut:" + gold_label(hit.type)
            found[key] = max(found.get(key, 0.0), weight)


def _edge_words(tokens: list[Token], spans: list[tuple[int, int]], found: dict[str, float]) -> None:
    # The words just before the target and just after the source: the verb that
    # governs the target and the verb the source does, without a parser.
    if not spans:
        return
    first, last = spans[0], spans[-1]
    before = [t for t in tokens if t.start < last[0]][-2:]
    after = [t for t in tokens if t.start >= first[1]][:2]
    for i, token in enumerate(reversed(before)):
        found[f"b{i}:" + _stem(token.text)] = 1.0
    for i, token in enumerate(after):
        found[f"a{i}:" + _stem(token.text)] = 1.0


def _region(start: int, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return "w"
    if any(first <= start < last for first, last in spans):
        return "in"
    if len(spans) == 2 and spans[0][1] <= start < spans[1][0]:
        return "mid"
    return "post" if start >= spans[-1][1] else "pre"


@lru_cache(maxsize=1)
def _cameo_data() -> dict[str, dict[str, object]]:
    path = DATA / "cameo.json"
    if not path.is_file():
        return {"codes": {}, "pentaclass": {}}
    data: dict[str, dict[str, object]] = json.loads(path.read_text())
    return data


def cameo_code(event_type: str, mode: str | None) -> str | None:
    """The most general CAMEO code for a PLOVER type and mode (the type's own if no mode).

    The table is derived from CAMEO2PLOVER by ``bench/train_plover.py``.
    """
    codes = _cameo_data()["codes"].get(event_type, {})
    assert isinstance(codes, dict)
    code = codes.get(mode or "") or codes.get("")
    return str(code) if code else None


def pentaclass(event_type: str, *, cameo: str | None = None) -> int | None:
    """The CAMEO pentaclass of a PLOVER type: 1 verbal/2 material cooperation, 3/4 conflict.

    Given the event's ``cameo`` code, its root decides: 01-02 (statements and
    appeals) are class 0, which no PLOVER type has as a whole.
    """
    if cameo and cameo[:2].isdigit():
        return cameo_root_class(int(cameo[:2]))
    value = _cameo_data()["pentaclass"].get(event_type)
    return int(value) if isinstance(value, int) else None


def cameo_root_class(root: int) -> int:
    """The pentaclass of a CAMEO root code (01-02 statement, 03-05 verbal and 06-08
    material cooperation, 09-13 verbal and 14-20 material conflict)."""
    for bound, klass in ((2, 0), (5, 1), (8, 2), (13, 3)):
        if root <= bound:
            return klass
    return 4


def classify(
    sentence: str,
    *,
    source: tuple[int, int] | None = None,
    target: tuple[int, int] | None = None,
    model: LinearModel | None = None,
    classifier_share: float | None = None,
    syntax: Mapping[str, float] | None = None,
) -> EventType | None:
    """The PLOVER type of the event between ``source`` and ``target`` (char spans), or None.

    ``syntax`` holds the parse's features of the pair
    (:func:`crosswire.nlp.plover_syntax.syntax_features`): the classifier was trained
    with them and is surer with them, but types plain text without. ``model`` and
    ``classifier_share`` default to the shipped classifier and
    :data:`CLASSIFIER_SHARE`; evaluation passes its own to measure honestly.
    """
    tokens = tokenize(sentence)
    if source is None and target is None and not has_actor(sentence, tokens):
        return None
    hits = find_triggers(tokens)
    weighed = weigh_hits(hits, source, target, off_topic=is_off_topic(tokens, hits))
    lexicon = lexicon_scores(weighed)
    floor = MIN_PAIR_TRIGGER_SCORE if source and target else MIN_TRIGGER_SCORE
    if not lexicon or max(lexicon.values()) < floor:
        return None
    model = model if model is not None else shipped_model()
    share = CLASSIFIER_SHARE if classifier_share is None else classifier_share
    combined = _lexicon_share(lexicon, 1.0 - share if model else 1.0)
    if model is not None and share > 0:
        for label, p in model.probabilities(
            features(tokens, weighed, source, target, syntax)
        ).items():
            combined[label] = combined.get(label, 0.0) + share * p
    label, score = max(combined.items(), key=lambda item: item[1])
    event_type = _split_yield(label, lexicon)
    mode = _mode(event_type, weighed, tokens)
    cameo = _trigger_cameo(event_type, weighed) or cameo_code(event_type, mode)
    return EventType(event_type, mode, cameo, round(min(score, 1.0), 3))


def _trigger_cameo(event_type: str, weighed: list[tuple[Hit, float]]) -> str | None:
    # The type's strongest trigger names a CAMEO statement or appeal code: keep it.
    label = gold_label(event_type)
    own = [(weight, hit) for hit, weight in weighed if gold_label(hit.type) == label]
    if not own:
        return None
    return max(own, key=lambda item: item[0])[1].cameo


def _lexicon_share(lexicon: dict[str, float], share: float) -> dict[str, float]:
    # Normalised so the lexicon's vote sums to its share, like the classifier's.
    merged: dict[str, float] = defaultdict(float)
    for event_type, score in lexicon.items():
        merged[gold_label(event_type)] += score
    total = sum(merged.values())
    return {label: share * score / total for label, score in merged.items()}


def _split_yield(label: str, lexicon: dict[str, float]) -> str:
    # A promise or a policy yield is CONCEDE; a done material retreat is RETREAT.
    if label != "YIELD":
        return label
    return max(YIELD_TYPES, key=lambda t: (lexicon.get(t, 0.0), t == "RETREAT"))


def _mode(event_type: str, weighed: list[tuple[Hit, float]], tokens: list[Token]) -> str | None:
    moded = [(weight, hit.mode) for hit, weight in weighed if hit.type == event_type and hit.mode]
    if moded:
        return max(moded, key=lambda item: item[0])[1]
    if event_type in SECTOR_TYPES:
        words = {token.text for token in tokens}
        for sector, cues in SECTOR_WORDS.items():
            if words & cues:
                return sector
    return None
