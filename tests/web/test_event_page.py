"""The /events page takes the same filters as /api/events (sector too), without a browser."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import make_client
from tests.api.corpus import corpus_db

FILTERS = ("actor", "country", "sector", "type", "modality", "outlet", "since", "until")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Reads over the corpus (not written to), two rows a page."""
    with make_client(f"sqlite:///{corpus_db(tmp_path_factory)}", page_size=2) as test_client:
        yield test_client


def _shown(client: TestClient, params: dict[str, str]) -> tuple[int, str]:
    """The event count in the page's heading, and the page."""
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    count = re.search(r'<h1>Events <span class="count">(\d+)</span>', response.text)
    assert count, response.text[:500]
    return int(count.group(1)), response.text


def _asked(row: dict[str, Any]) -> dict[str, str]:
    """A value of every filter that selects ``row``."""
    source = row["source"] or {}
    values = {
        "actor": row["event"]["source"],
        "country": source.get("country"),
        "sector": source.get("sector"),
        "type": row["event"]["type"],
        "modality": row["event"]["modality"],
        "outlet": row["outlet"],
        "since": row["when"],
        "until": row["when"],
    }
    return {name: value for name, value in values.items() if value}


def test_every_api_filter_selects_the_same_events_on_the_page(client: TestClient) -> None:
    every = client.get("/api/events", params={"limit": 200}).json()
    asked = max((_asked(row) for row in every["items"]), key=len)
    assert {"sector", "type", "since"} <= set(asked) <= set(FILTERS), asked
    narrower = set()
    for name, value in asked.items():
        api_total = client.get("/api/events", params={name: value}).json()["total"]
        shown, _ = _shown(client, {name: value})
        assert shown == api_total > 0, name
        if shown < every["total"]:
            narrower.add(name)
    assert "sector" in narrower
    both, _ = _shown(client, {"sector": asked["sector"], "type": asked["type"]})
    api_both = client.get(
        "/api/events", params={"sector": asked["sector"], "type": asked["type"]}
    ).json()
    assert both == api_both["total"]


def test_blank_form_fields_select_everything(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    assert _shown(client, {name: "" for name in FILTERS})[0] == total
    assert _shown(client, {"sector": "  ", "type": ""})[0] == total


def test_the_next_page_keeps_the_sector(client: TestClient) -> None:
    rows = client.get("/api/events", params={"limit": 200}).json()["items"]
    sectors = [(row["source"] or {}).get("sector") for row in rows]
    sector = max({s for s in sectors if s}, key=sectors.count)
    shown, page = _shown(client, {"sector": sector})
    assert shown > 2, "more than one page of events in that sector"
    link = re.search(r'<a rel="next" href="\?([^"]+)"', page)
    assert link, "a next page"
    params = dict(pair.split("=", 1) for pair in html.unescape(link.group(1)).split("&"))
    assert params["sector"] == sector
    again, _ = _shown(client, params)
    assert again == shown


def test_the_form_has_a_box_for_every_filter(client: TestClient) -> None:
    page = client.get("/events", params={"sector": "MIL"}).text
    for name in FILTERS:
        assert f'name="{name}"' in page, name
    assert 'value="MIL"' in page


def test_background_events_say_their_date_is_the_articles(client: TestClient) -> None:
    count, page = _shown(client, {"modality": "habitual"})
    assert count > 0
    assert page.count("(background)") == min(count, 2)  # two rows a page
    _, asserted = _shown(client, {"modality": "asserted"})
    assert "(background)" not in asserted
