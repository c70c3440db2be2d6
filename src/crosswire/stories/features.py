"""What the story clustering sees of an article: weighted terms, actors, events and a day.

Terms are lower-cased words of the title and body with stop words dropped and a
light plural folding ("talks" and "talk" match). When the NLP stage ran, each
actor the article names becomes a feature (``@`` + entity id) and each event a
feature (``!`` + type, source, target), so that two reports of one development
match on who did what even when their words differ, while two earthquakes a year
apart share words but not places or dates. Weights are sublinear term counts;
inverse document frequencies are applied later by the index, which keeps them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

from crosswire.models import Article

#: The title says what the story is about in a few words: its terms count this much more.
TITLE_WEIGHT = 2.0
#: An actor counts as a word (it also matches across names: "Gerasimov" = "Russia's top
#: general"); an event half as much. More weight made stories naming the same big actors
#: (a government, a president) merge on the AllSides dev set (B3 F1 .900 at 2.0 vs .908).
ENTITY_WEIGHT = 1.0
EVENT_WEIGHT = 0.5
#: Word pairs ("body camera") separate stories that share single words; they count less.
PAIR_WEIGHT = 0.5
#: Longest term kept (longer "words" are URLs or junk, and must fit the database column).
MAX_TERM = 40
#: Longest feature of any kind (it must fit the database column).
MAX_FEATURE = 128

_WORD = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")

# English function words and news boilerplate verbs that say nothing about the story.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are around as at be because
    been before being below between both but by can could did do does doing down during each
    even ever few for from further had has have having he her here hers herself him himself
    his how however i if in into is it its itself just like many may me might more most much
    must my myself near new no nor not now of off on once one only or other our ours
    ourselves out over own per said same say says she should since so some still such than
    that the their theirs them themselves then there these they this those though through to
    told too two under until up upon us very via was we were what when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    yourselves according another among across already although amid became become becomes
    get gets got including told least less made make makes mr mrs ms next often onto rather
    really several three thus toward towards whom
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


@dataclass(frozen=True)
class Features:
    """An article as the clustering sees it: feature -> sublinear count, and its day."""

    weights: dict[str, float]
    #: Days since 0001-01-01 of the publication date, or ``None`` when it is unknown.
    day: int | None


def fold(word: str) -> str:
    """A word with possessive and plural endings folded ("Russia's" -> "russia")."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Folded content words of ``text`` (stop words, short words and numbers left out)."""
    found = (fold(w) for w in _WORD.findall(text.lower().replace("\u2019", "'")))
    return [w for w in found if len(w) > 2 and len(w) <= MAX_TERM and w not in STOP_WORDS]


def day_of(published: str | None) -> int | None:
    """The day number of an ISO date or timestamp (``None`` if absent or not a date)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def terms(text: str) -> Counter[str]:
    """Counts of the content words of ``text`` and of adjacent pairs of them ("body camera")."""
    found = words(text)
    counts = Counter(found)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(found))
    return counts


def features(article: Article) -> Features:
    """The clustering features of ``article``."""
    counts: dict[str, float] = dict(terms(article.body))
    for term, n in terms(article.title or "").items():
        counts[term] = counts.get(term, 0.0) + TITLE_WEIGHT * n
    weights = {
        term: (PAIR_WEIGHT if " " in term else 1.0) * (1.0 + math.log(n))
        for term, n in counts.items()
    }
    mentioned = Counter(m.entity for m in article.mentions if m.entity)
    for entity in article.entities:
        weights[f"@{entity.id}"] = ENTITY_WEIGHT * (1.0 + math.log(max(1, mentioned[entity.id])))
    for event in article.events:
        if not (event.source or event.target):
            continue  # "someone met someone" tells no story apart
        key = f"!{event.type}:{event.source or ''}:{event.target or ''}"[:MAX_FEATURE]
        weights[key] = weights.get(key, 0.0) + EVENT_WEIGHT
    return Features(weights=weights, day=day_of(article.published))
