"""Exact and near-duplicate detection, and reposts of another outlet's story.

Exact duplicates share a content hash of the normalised body. Near-duplicates are
found with MinHash signatures of word 5-shingles in an LSH index (datasketch), so
a lookup costs the same however many articles are indexed. An article that
near-duplicates an earlier one from a *different* outlet, or that says it is
republished, is a repost: ``reposted_from`` points at the earlier article and
``original_outlet`` names the outlet the story came from.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosswire.clean.reposts import find_repost_cue
from crosswire.config import Settings
from crosswire.models import Article
from crosswire.pipeline import Stage

SHINGLE_WORDS = 5
#: datasketch's hashing scheme, named so that stored signatures stay comparable
#: across datasketch versions (signatures are stored as uint32 arrays).
MINHASH_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, case and spacing do not make texts differ."""
    return _WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """Hash of the normalised text, equal for texts that differ only in case/spacing/punctuation."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()[:32]


def minhash(text: str, permutations: int) -> MinHash:
    """MinHash signature of the word 5-shingles of ``text``."""
    tokens = words(text)
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - 4))}
    signature = MinHash(num_perm=permutations, scheme=MINHASH_SCHEME)
    signature.update_batch([s.encode() for s in shingles])
    return signature


@dataclass(frozen=True)
class Known:
    """What the index keeps of an article seen before."""

    outlet: str | None
    published: str | None


class DedupIndex:
    """Content hashes and MinHash LSH over every article seen (and, in a database, stored)."""

    def __init__(self, *, threshold: float, permutations: int) -> None:
        self.threshold = threshold
        self.permutations = permutations
        self.lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
        self.by_hash: dict[str, str] = {}
        self.known: dict[str, Known] = {}
        self.signatures: dict[str, MinHash] = {}
        #: Order of indexing (input order; stored articles are seeded in ingest order).
        self.rank: dict[str, int] = {}

    def add(
        self,
        article_id: str,
        *,
        outlet: str | None,
        published: str | None,
        digest: str,
        signature: MinHash,
    ) -> None:
        """Index one article (idempotent: an id already indexed is left as it is)."""
        if article_id in self.known:
            return
        self.known[article_id] = Known(outlet, published)
        self.by_hash.setdefault(digest, article_id)
        self.signatures[article_id] = signature
        self.rank[article_id] = len(self.rank)
        self.lsh.insert(article_id, signature)

    def seed(
        self,
        rows: Iterable[tuple[str, str | None, str | None, str | None, bytes | None]],
    ) -> None:
        """Index stored articles from ``(id, outlet, published, content_hash, minhash)`` rows."""
        for article_id, outlet, published, digest, blob in rows:
            if blob is None or digest is None:
                continue
            values = np.frombuffer(blob, dtype=np.uint32).astype(np.uint64)
            signature = MinHash(num_perm=len(values), hashvalues=values, scheme=MINHASH_SCHEME)
            self.add(
                article_id, outlet=outlet, published=published, digest=digest, signature=signature
            )

    def signature_bytes(self, article_id: str) -> bytes | None:
        """The stored form of an indexed article's signature."""
        signature = self.signatures.get(article_id)
        return None if signature is None else signature.hashvalues.astype(np.uint32).tobytes()

    def nearest(self, article_id: str, signature: MinHash) -> tuple[str, float] | None:
        """The most similar earlier article above the threshold, and its estimated Jaccard.

        Of equally similar articles, the first indexed: the LSH answers in set order,
        which changes with each process's hash seed, and a restarted ingest or watch
        must pick the original an uninterrupted one picked.
        """
        best: tuple[str, float] | None = None
        for other in sorted(self.lsh.query(signature), key=self.rank.__getitem__):
            if other == article_id:
                continue
            similarity = signature.jaccard(self.signatures[other])
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (other, similarity)
        return best


def _is_other_outlet(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() != b.strip().lower())


class DedupStage(Stage):
    """Set ``content_hash``, ``duplicate_of``, ``reposted_from`` and ``original_outlet``."""

    name = "crosswire.dedup.v1"
    #: Compares each article with all earlier ones: runs in input order, in one process.
    stateful: ClassVar[bool] = True
    requires: ClassVar[frozenset[str]] = frozenset({"body", "outlet", "dropped"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"content_hash", "duplicate_of", "reposted_from", "original_outlet", "repost_evidence"}
    )

    def __init__(self, settings: Settings, index: DedupIndex | None = None) -> None:
        self.index = index or DedupIndex(
            threshold=settings.near_duplicate_threshold,
            permutations=settings.minhash_permutations,
        )

    def __call__(self, article: Article) -> Article:
        digest = content_hash(article.body)
        signature = minhash(article.body, self.index.permutations)
        match = self._match(article, digest, signature)
        self.index.add(
            article.id,
            outlet=article.outlet,
            published=article.published,
            digest=digest,
            signature=signature,
        )
        changes: dict[str, str | None] = {"content_hash": digest}
        cue = find_repost_cue(article)
        if match is not None:
            other_id, similarity = match
            other = self.index.known[other_id]
            changes["duplicate_of"] = other_id
            if _is_other_outlet(article.outlet, other.outlet) or (cue and cue.outlet):
                changes["reposted_from"] = other_id
                changes["original_outlet"] = cue.outlet if cue and cue.outlet else other.outlet
                changes["repost_evidence"] = (
                    f"{similarity:.0%} of its text matches article {other_id}"
                    + (f"; {cue.evidence}" if cue else "")
                )
        elif cue is not None:
            changes["original_outlet"] = cue.outlet
            changes["repost_evidence"] = cue.evidence
        return article.evolve(**changes)

    def _match(self, article: Article, digest: str, signature: MinHash) -> tuple[str, float] | None:
        exact = self.index.by_hash.get(digest)
        if exact is not None and exact != article.id:
            return exact, 1.0
        return self.index.nearest(article.id, signature)
