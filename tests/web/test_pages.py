"""The web UI in a real headless Chromium: pages load, links lead on, hostile text stays text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import Watch, send_json

VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture()
def watched(page: Page) -> Iterator[tuple[Page, Watch]]:
    """A page at a fixed size whose dialogs, CSP violations and errors are recorded."""
    page.set_viewport_size(VIEWPORT)  # type: ignore[arg-type]
    watch = Watch(page)
    yield page, watch
    watch.assert_clean()


def test_search_then_follow_an_actor_and_its_network(
    watched: tuple[Page, Watch], server: str, screenshots: Path, examples: Path
) -> None:
    page, _ = watched
    response = page.goto(f"{server}/")
    assert response is not None and response.ok
    assert "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Search")).to_be_visible()
    page.get_by_label("search").fill("Gerasimov")
    page.get_by_label("search").press("Enter")
    expect(page.locator("table.list").first).to_contain_text("Gerasimov")
    page.screenshot(path=screenshots / "home.png")
    page.locator("a.actor", has_text="Gerasimov").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gerasimov")
    expect(page.locator("table.roles")).to_contain_text("General Staff")
    expect(page.locator("svg#timeline circle.dot").first).to_be_visible()
    nodes = page.locator("svg#network a circle.node")
    assert nodes.count() >= 1
    page.screenshot(path=screenshots / "actor.png", full_page=True)
    target = page.locator("svg#network a").filter(has_text="Liu")
    expect(target).to_have_count(1)
    target.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Liu")


def test_article_page_shows_the_body_and_every_dropped_line(
    watched: tuple[Page, Watch], server: str, screenshots: Path, examples: Path
) -> None:
    page, _ = watched
    page.goto(f"{server}/articles?q=Gerasimov")
    links = page.locator("table.list tbody a")
    assert links.count() >= 2
    for i in range(links.count()):
        links.nth(i).click()
        if page.locator("table.dropped").count():
            break
        page.go_back()
    expect(page.locator("#body")).to_contain_text("Gerasimov")
    expect(page.locator("table.dropped")).to_be_visible()
    page.screenshot(path=screenshots / "article.png")
    actor = page.locator("ul.entities a.actor").first
    name = actor.inner_text()
    actor.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_events_page_filters_by_type(
    watched: tuple[Page, Watch], server: str, screenshots: Path
) -> None:
    page, _ = watched
    page.goto(f"{server}/events")
    total = int(page.locator("h1 .count").inner_text())
    page.get_by_label("Type").fill("COOPERATE")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"type=COOPERATE"))
    types = page.locator("table.events tbody span.type").all_inner_texts()
    assert types and set(types) == {"COOPERATE"}
    assert len(types) <= int(page.locator("h1 .count").inner_text()) < total
    page.screenshot(path=screenshots / "events.png")


HOSTILE_TITLE = '<b>Bold</b><script>window.__pwned = "title"; alert("title")</script>'
HOSTILE_BODY = (
    "Officials in Port Arlen said on Monday that the harbour would reopen next week after "
    'repairs.\n\n<script>window.__pwned = "body"; alert("body")</script>\n\n'
    "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\"> The ministry said trade "
    "talks with Velmora would resume, and that <iframe src=javascript:alert(1)></iframe> "
    "no further delays were expected."
)


def _post_hostile(server: str) -> str:
    record = {"id": "hostile-1", "title": HOSTILE_TITLE, "text": HOSTILE_BODY, "outlet": "<i>X</i>"}
    _, answer = send_json(f"{server}/api/articles", record)
    ids: list[str] = answer["ids"]
    return ids[0]


def test_a_hostile_article_is_shown_as_text_and_runs_nothing(
    watched: tuple[Page, Watch], server: str
) -> None:
    page, watch = watched
    article_id = _post_hostile(server)
    page.goto(f"{server}/articles/{article_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE_TITLE)
    text = page.locator("main").inner_text()
    assert "<script>" in text and "onerror" in text
    assert page.locator("main script, main img, main iframe, main b, main i").count() == 0
    assert page.evaluate("() => window.__pwned === undefined")
    page.goto(f"{server}/articles?q=Port+Arlen")
    expect(page.locator("table.list")).to_contain_text("<script>")
    page.goto(f"{server}/?q=<script>alert(1)</script>")
    page.goto(f"{server}/actors/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    expect(page.locator("p.error")).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.evaluate("() => window.__pwned === undefined")
    watch.assert_clean()


def test_api_docs_render_offline_under_the_csp(watched: tuple[Page, Watch], server: str) -> None:
    page, _ = watched
    page.goto(f"{server}/docs")
    # Swagger UI's 1.5 MB bundle is slow to parse on a busy machine: wait longer for it.
    expect(page.locator(".swagger-ui .title").first).to_contain_text("crosswire", timeout=30_000)
    expect(page.locator(".swagger-ui").first).to_contain_text("/api/articles")
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()


def test_comparison_shows_both_outlets_the_claim_matrix_and_evidence(
    watched: tuple[Page, Watch], server: str, screenshots: Path, examples: Path
) -> None:
    page, _ = watched
    page.goto(f"{server}/articles?q=Gerasimov")
    ids = [
        href.rsplit("/", 1)[1]
        for href in page.locator("table.list tbody a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
    ]
    assert len(ids) == 2
    page.goto(f"{server}/compare?ids={ids[0]}&ids={ids[1]}")
    expect(page.locator("#outlets .outlet")).to_have_count(2)
    headers = page.locator("#claims thead th").all_inner_texts()
    assert len(headers) == 3  # the claim, then one column per outlet
    reported = page.locator("#claims td.reported")
    assert reported.count() >= 2
    shared = page.locator("#claims tbody tr").filter(has=page.locator("td.reported + td.reported"))
    assert shared.count() >= 1, "a claim reported by both outlets"
    cell = shared.first.locator("td.reported").first
    cell.locator("summary").click()
    sentence = cell.locator("mark").first.inner_text()
    cell.get_by_role("link", name="in the article").first.click()
    expect(page.locator("#body mark#evidence")).to_have_text(sentence)


def test_example_story_shows_both_outlets_the_claims_and_leads_to_an_actor(
    watched: tuple[Page, Watch], server: str, screenshots: Path, examples: Path
) -> None:
    page, _ = watched
    page.goto(f"{server}/stories?q=Russia")
    several = page.locator("td.num", has_text=re.compile(r"^\s*[2-9]"))
    page.locator("table.stories tbody tr").filter(has=several).first.locator("a").click()
    expect(page.locator("#outlets .outlet")).to_have_count(2)
    expect(page.locator("#claims td.reported").first).to_be_visible()
    both = page.locator("#claims tbody tr").filter(has=page.locator("td.reported + td.reported"))
    assert both.count() >= 1
    top = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": 1800}
    page.screenshot(path=screenshots / "story.png", full_page=True, clip=top)
    actor = page.locator("#actors a.actor", has_text="Gerasimov")
    actor.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gerasimov")
