"""The second look at an HTML extractor's body: furniture inside the article element."""

from __future__ import annotations

from crosswire.clean.refine import strip_furniture

STORY = [
    "Dock workers in Gdynia voted on Thursday to accept a new two-year wage agreement, "
    "ending a dispute that had delayed ferry departures for a week, the union said.",
    "The agreement raises basic pay by eight percent and limits night shifts to four a "
    "week, according to a statement published by the port operator.",
]


def test_article_paragraphs_survive_in_order() -> None:
    body, dropped = strip_furniture("\n\n".join(STORY), title="Gdynia dock strike ends")
    assert body.split("\n\n") == STORY and dropped == ()


def test_headline_ad_caption_and_edges_are_dropped_with_reasons() -> None:
    page = [
        "Business",
        "Gdynia dock strike ends",
        "12 March 2025 | 2 min read",
        "Ferries wait at the quay in Gdynia. Photo: Baltic Images",
        STORY[0],
        "Advertisement",
        STORY[1],
        "Poland",
        "Ports",
    ]
    body, dropped = strip_furniture("\n\n".join(page), title="Gdynia dock strike ends")
    assert body.split("\n\n") == STORY
    reasons = {d.text: d.reason for d in dropped}
    assert reasons["Gdynia dock strike ends"].startswith("headline")
    assert reasons["Advertisement"].startswith("advertisement")
    assert reasons["Ferries wait at the quay in Gdynia. Photo: Baltic Images"] == "photo caption"
    assert reasons["Business"] == reasons["Ports"] == reasons["12 March 2025 | 2 min read"]
    assert len(dropped) + len(STORY) == len(page)


def test_short_lines_are_kept_when_the_page_has_no_headline() -> None:
    page = ["Opening hours", STORY[0], "Contact"]
    body, dropped = strip_furniture("\n\n".join(page), title=None)
    assert body.split("\n\n") == page and dropped == ()
