"""Acceptance: EXPECTED.md section 4 (the comparison) on the two example articles.

The articles go through the whole pipeline (``crosswire.extract``), then
:func:`compare_articles`; every item of section 4 is checked on the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.config import InputDefaults, Settings
from crosswire.models import Article
from crosswire.service import extract
from crosswire.stories.claims import NOT_REPORTED, REPORTED, Claim
from crosswire.stories.compare import Comparison, compare_articles
from crosswire.stories.compare_sources import ANONYMOUS, EXPERT, OUTLET, Source
from crosswire.stories.report import to_html, to_markdown

PUBLISHED = {"000": None, "001": "2023-06-11"}


@pytest.fixture(scope="module")
def comparison(examples: Path) -> Comparison:
    articles = []
    for path in sorted(examples.glob("*.txt")):
        settings = Settings(defaults=InputDefaults(published=PUBLISHED[path.name[:3]]))
        for result in extract([str(path)], settings=settings):
            assert isinstance(result, Article), result
            articles.append(result)
    return compare_articles(articles)


def keys(comparison: Comparison) -> tuple[str, str]:
    first, second = (c.key for c in comparison.outlets)
    assert first.startswith("000_") and second.startswith("001_")  # labelled by file name
    return first, second


def claims_saying(comparison: Comparison, text: str) -> list[Claim]:
    """Claims with an evidence sentence containing ``text``."""
    return [
        claim
        for claim in comparison.claims
        if any(text in e.sentence for cell in claim.cells for e in cell.evidence)
    ]


def test_reported_by_both_the_video_call_and_continued_military_cooperation(comparison) -> None:  # type: ignore[no-untyped-def]
    a, b = keys(comparison)
    shared = comparison.shared()
    call = [c for c in shared if c.type == "CONSULT"]
    assert call, [c.label for c in shared]
    for cell in call[0].cells:
        assert cell.status == REPORTED
        assert any("video" in e.sentence for e in cell.evidence)
    cooperation = [c for c in shared if c.type == "COOPERATE"]
    assert cooperation, [c.label for c in shared]
    evidence = {cell.outlet: cell.evidence[0].sentence for cell in cooperation[0].cells}
    assert "continue" in evidence[a] and "continue" in evidence[b]


@pytest.mark.parametrize(
    "text",
    [
        "extended an invitation",  # the invitation and its quote
        "I am convinced",
        "former commander",  # Liu's career
        "accusing Beijing",  # the US accusation
        "reluctant to provide Moscow with weaponry",
        "posted by Ramzan Kadyrov",  # the Kadyrov video
        "ZFB-05",
        "could be a significant development",
    ],
)
def test_only_000(comparison, text: str) -> None:  # type: ignore[no-untyped-def]
    a, b = keys(comparison)
    found = claims_saying(comparison, text)
    assert found, text
    assert all(c.status(a) == REPORTED and c.status(b) == NOT_REPORTED for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Northern/Interaction-2023 exercise",
        "sixth joint aerial strategic patrol",
        "Western/Interaction-2021",
        "such drills could become regular",  # the expert's view
        "military provocations",  # the US "provocations"
        "stabilizing effect",  # Gerasimov
        "operational and combat training",
    ],
)
def test_only_001(comparison, text: str) -> None:  # type: ignore[no-untyped-def]
    a, b = keys(comparison)
    found = claims_saying(comparison, text)
    assert found, text
    assert all(c.status(b) == REPORTED and c.status(a) == NOT_REPORTED for c in found)


def sources(comparison: Comparison, outlet: str) -> list[Source]:
    return next(list(s.sources) for s in comparison.sources if s.outlet == outlet)


def test_sources_named_per_outlet(comparison) -> None:  # type: ignore[no-untyped-def]
    a, b = keys(comparison)
    agencies = [s for s in sources(comparison, a) if OUTLET in s.kinds]
    assert any("news agencies" in s.name for s in agencies)
    cited = sources(comparison, b)
    names = [s.name for s in cited]
    assert any("Ministry of National Defense" in n for n in names), names
    assert any("Ministry of Defen" in n and "Russia" in n for n in names), names
    expert = [s for s in cited if ANONYMOUS in s.kinds and EXPERT in s.kinds]
    assert expert and any("Global Times" in t for t in expert[0].spoke_to)
    assert not any("Ministry" in s.name for s in sources(comparison, a))


def test_framing_terms_per_outlet_with_alternatives_and_blame(comparison) -> None:  # type: ignore[no-untyped-def]
    a, b = keys(comparison)
    framing = {f.outlet: f for f in comparison.framing}
    terms_a = {t.text: t for t in framing[a].terms}
    terms_b = {t.text for t in framing[b].terms}
    assert {"full-scale invasion", "war with Ukraine"} <= set(terms_a)
    assert any("war efforts" in t for t in terms_a)
    assert {"Russia-Ukraine conflict", "military provocations", "stabilizing effect"} <= terms_b
    alternatives = {t for _, t in terms_a["full-scale invasion"].alternatives}
    assert "Russia-Ukraine conflict" in alternatives
    # which side each casts as the source of conflict: the US (001), Russia's forces (000)
    assert framing[b].blame[0].actor == "United States"
    assert any("Kadyrov" in x.actor for x in framing[a].blame)
    assert not any("Kadyrov" in x.actor for x in framing[b].blame)


def test_001_is_flagged_as_republished_from_the_global_times(comparison) -> None:  # type: ignore[no-untyped-def]
    a, b = keys(comparison)
    assert not comparison.column(a).republished
    column = comparison.column(b)
    assert column.republished and column.original_outlet == "Global Times"
    assert column.original_profile is not None and column.original_profile.state_media
    assert "original outlet probably Global Times" in to_markdown(comparison)


def test_reports_render(comparison) -> None:  # type: ignore[no-untyped-def]
    page = to_html(comparison)
    assert "Content-Security-Policy" in page and "<script" not in page
    assert "Russia-Ukraine conflict" in page and "full-scale invasion" in page
