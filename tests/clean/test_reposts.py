"""Repost cues in the text: strong credits, wire datelines, empty credit lines."""

from __future__ import annotations

from crosswire.clean.reposts import find_repost_cue
from crosswire.models import Article, Dropped
from tests.factory import make_article


def article(body: str, dropped: tuple[str, ...] = (), outlet: str | None = None) -> Article:
    furniture = tuple(Dropped(t, "furniture") for t in dropped)
    return make_article(body, raw=body, outlet=outlet, dropped=furniture)


def test_no_cue_in_an_ordinary_article() -> None:
    assert find_repost_cue(article("The minister told reporters the talks went well.")) is None


def test_originally_published_names_the_outlet() -> None:
    cue = find_repost_cue(article("Text.\n\nThis story first appeared in The Harbor Ledger."))
    assert cue is not None and cue.outlet == "Harbor Ledger"


def test_wire_dateline_names_the_agency() -> None:
    cue = find_repost_cue(article("LISBON (Meridian Wire) - Ministers met on Monday."))
    assert cue is not None and cue.outlet == "Meridian Wire"


def test_the_outlet_itself_is_not_its_own_original() -> None:
    body = "This story first appeared in Harbor Ledger."
    assert find_repost_cue(article(body, outlet="Harbor Ledger")) is None


def test_empty_credit_line_with_told_outlet_names_it() -> None:
    body = "An analyst who asked not to be named told the Northline Times on Sunday that ..."
    cue = find_repost_cue(article(body, dropped=("Source :",)))
    assert cue is not None and cue.outlet == "Northline Times"
    assert "Source :" in cue.evidence


def test_empty_credit_line_alone_flags_a_repost_without_a_name() -> None:
    cue = find_repost_cue(article("A plain report, told the committee.", dropped=("Via:",)))
    assert cue is not None and cue.outlet is None


def test_told_a_person_is_not_an_outlet() -> None:
    cue = find_repost_cue(article("She told Anna Keller the plan.", dropped=("Source:",)))
    assert cue is not None and cue.outlet is None
