"""The arithmetic of story clustering: tf-idf vectors, centroids, similarity in time.

An article is a sparse vector (feature -> weight) scaled by inverse document
frequency and normalised to length 1. A story's centroid is the sum of its
articles' vectors, so the cosine of an article and a story is ``dot / |centroid|``.
A story also has a date range; every day between it and the article costs some
similarity, so that two reports of similar events a week apart stay apart.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping

Vector = dict[str, float]


#: Until this many articles are indexed, frequencies are read as if from this many: with
#: two articles, a word both use is not "common", and should not count for less.
PRIOR_DOCS = 100


def idf(df: int, docs: int) -> float:
    """Smoothed inverse document frequency of a feature found in ``df`` of ``docs`` articles."""
    return math.log((1 + max(docs, PRIOR_DOCS)) / (1 + df)) + 1.0


def vectorize(weights: Mapping[str, float], df: Mapping[str, int], docs: int) -> Vector:
    """``weights`` scaled by idf and normalised to length 1 (empty stays empty)."""
    scaled = {term: w * idf(df.get(term, 0), docs) for term, w in weights.items()}
    norm = math.sqrt(sum(v * v for v in scaled.values()))
    return {term: v / norm for term, v in scaled.items()} if norm else {}


def norm(vector: Mapping[str, float]) -> float:
    """Euclidean length of a sparse vector."""
    return math.sqrt(sum(v * v for v in vector.values()))


def cosine(vector: Mapping[str, float], centroid: Mapping[str, float], length: float) -> float:
    """Cosine of a unit ``vector`` and a ``centroid`` of Euclidean ``length``."""
    if not length:
        return 0.0
    return sum(w * centroid.get(term, 0.0) for term, w in vector.items()) / length


def add(centroid: Mapping[str, float], vector: Mapping[str, float], *, keep: int) -> Vector:
    """``centroid + vector``, cut to the ``keep`` strongest terms (bounded cost per story)."""
    total = dict(centroid)
    for term, w in vector.items():
        total[term] = total.get(term, 0.0) + w
    return strongest(total, keep)


def subtract(centroid: Mapping[str, float], vector: Mapping[str, float]) -> Vector:
    """``centroid - vector``, dropping terms that fall to nothing."""
    rest = dict(centroid)
    for term, w in vector.items():
        left = rest.get(term, 0.0) - w
        if left > 1e-9:
            rest[term] = left
        else:
            rest.pop(term, None)
    return rest


def strongest(vector: Mapping[str, float], n: int) -> Vector:
    """The ``n`` largest entries of ``vector`` (ties broken by feature, so runs repeat)."""
    if len(vector) <= n:
        return dict(vector)
    return dict(heapq.nlargest(n, vector.items(), key=lambda kv: (kv[1], kv[0])))


def gap(day: int | None, first: int | None, last: int | None) -> int:
    """Days between ``day`` and the range ``[first, last]`` (0 inside it or when undated)."""
    if day is None or first is None or last is None:
        return 0
    return max(0, first - day, day - last)


def score(similarity: float, days: int, *, half_life: float) -> float:
    """Similarity discounted by the time between article and story: halved every
    ``half_life`` days, so that the same evidence counts less the further apart they are."""
    return similarity * 0.5 ** (days / half_life)


def keys(vector: Mapping[str, float], n: int) -> list[str]:
    """The blocking keys of a vector: its ``n`` strongest single features. Word pairs are
    left out: most are unique to one article, so they would find no earlier story."""
    singles = {term: w for term, w in vector.items() if " " not in term and w > 0}
    return list(strongest(singles, n))
