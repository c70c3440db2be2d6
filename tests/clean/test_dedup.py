"""Exact duplicates, near-duplicates, reposts, and seeding the index from storage."""

from __future__ import annotations

from crosswire.clean.dedup import DedupIndex, DedupStage, content_hash
from crosswire.config import Settings
from crosswire.models import Article, Dropped
from tests.factory import make_article

STORY = (
    "The port authority of Valletta signed a ten-year agreement on Tuesday with a consortium "
    "of shipping firms to expand the container terminal, officials said. The deal covers new "
    "cranes, a deeper berth and training for two hundred dock workers, and it is expected to "
    "double the terminal's capacity by 2030. Opposition lawmakers questioned the cost and "
    "asked for the contract to be published in full before any construction begins."
)
OTHER = (
    "Farmers in the northern provinces reported the driest spring in four decades, and the "
    "agriculture ministry announced emergency water deliveries to forty villages on Monday."
)


def article(aid: str, body: str, outlet: str | None = None, **extra: object) -> Article:
    return make_article(body, id=aid, raw=body, outlet=outlet, **extra)


def stage() -> DedupStage:
    return DedupStage(Settings())


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Hello,  World!") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello there world")


def test_exact_duplicate_points_at_first_seen() -> None:
    dedup = stage()
    first = dedup(article("a" * 16, STORY, "Harbor Ledger"))
    second = dedup(article("b" * 16, STORY.upper(), "Harbor Ledger"))
    assert first.duplicate_of is None
    assert second.duplicate_of == "a" * 16 and second.reposted_from is None


def test_same_article_seen_twice_is_not_its_own_duplicate() -> None:
    dedup = stage()
    dedup(article("a" * 16, STORY))
    assert dedup(article("a" * 16, STORY)).duplicate_of is None


def test_near_duplicate_from_another_outlet_is_a_repost() -> None:
    dedup = stage()
    dedup(article("a" * 16, STORY, "Meridian Wire"))
    dedup(article("c" * 16, OTHER, "Northline Daily"))
    edited = STORY.replace("Tuesday", "Tuesday morning").replace("officials said", "it said")
    repost = dedup(article("b" * 16, edited, "Some Blog"))
    assert repost.duplicate_of == "a" * 16
    assert repost.reposted_from == "a" * 16
    assert repost.original_outlet == "Meridian Wire"
    assert "matches article" in (repost.repost_evidence or "")


def test_unrelated_articles_are_not_duplicates() -> None:
    dedup = stage()
    dedup(article("a" * 16, STORY, "Meridian Wire"))
    assert dedup(article("b" * 16, OTHER, "Meridian Wire")).duplicate_of is None


def test_index_seeded_from_stored_signatures_finds_earlier_articles() -> None:
    settings = Settings()
    first_run = DedupStage(settings)
    first_run(article("a" * 16, STORY, "Meridian Wire"))
    stored = first_run.index.signature_bytes("a" * 16)
    index = DedupIndex(
        threshold=settings.near_duplicate_threshold, permutations=settings.minhash_permutations
    )
    index.seed([("a" * 16, "Meridian Wire", None, content_hash(STORY), stored)])
    later = DedupStage(settings, index)(article("b" * 16, STORY, "Some Blog"))
    assert later.reposted_from == "a" * 16


def test_credit_line_names_original_without_a_stored_copy() -> None:
    credited = article(
        "a" * 16, STORY + "\n\nThis article was originally published by Meridian Wire.", "Some Blog"
    )
    result = stage()(credited)
    assert result.reposted_from is None and result.original_outlet == "Meridian Wire"


def test_dropped_credit_line_is_read_too() -> None:
    credited = article(
        "a" * 16, STORY, "Some Blog", dropped=(Dropped("Source: Harbor Ledger", "attribution"),)
    )
    assert stage()(credited).original_outlet == "Harbor Ledger"
