"""Read endpoints over a real store: filters, search, cursor paging, JSON shapes, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire import service
from crosswire.models import Article, ArticleFilter
from crosswire.store import EventFilter, Store
from tests.api.conftest import make_client
from tests.store.factory import full_article


def _all(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a listing, page by page through next_cursor."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination does not end")


def test_health_counts_the_stored_articles(client: TestClient, corpus_url: str) -> None:
    body = client.get("/api/health").json()
    assert body == {"ok": True, "articles": service.count(db=corpus_url)}
    assert body["articles"] >= 8


def test_articles_are_the_documented_schema_newest_first(
    client: TestClient, corpus_url: str
) -> None:
    page = client.get("/api/articles", params={"limit": 200}).json()
    stored = service.articles(db=corpus_url, limit=200)
    assert [item["id"] for item in page["items"]] == [a.id for a in stored]
    assert page["total"] == len(stored) and page["next_cursor"] is None
    for item, article in zip(page["items"], stored, strict=True):
        assert item == json.loads(json.dumps(article.to_dict()))  # docs/schema.md
        assert json.loads(json.dumps(Article.from_dict(item).to_dict())) == item
        assert "raw" not in item


def test_cursor_pages_cover_everything_once_in_order(client: TestClient, corpus_url: str) -> None:
    everything = [a.id for a in service.articles(db=corpus_url, limit=200)]
    paged = [item["id"] for item in _all(client, "/api/articles", limit=2)]
    assert paged == everything
    events = _all(client, "/api/events", limit=3)
    assert [e["event"]["id"] for e in events] == [
        r.event.id for r in service.events(db=corpus_url, limit=1000)
    ]
    actors = _all(client, "/api/actors", limit=7)
    assert len({a["entity"]["id"] for a in actors}) == len(actors) > 7


def test_a_cursor_is_opaque_and_bound_to_its_filters(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 1}).json()
    cursor = first["next_cursor"]
    assert cursor and "=" not in cursor
    refused = client.get("/api/articles", params={"limit": 1, "cursor": cursor, "language": "en"})
    assert refused.status_code == 400
    assert "other filters" in refused.json()["error"]
    for bad in ("nonsense", "eyJvIjotNSwicSI6IngifQ", "%%%", "e30"):
        response = client.get("/api/articles", params={"cursor": bad})
        assert response.status_code == 400, bad
        assert "cursor" in response.json()["error"]


def test_article_filters_match_the_library(client: TestClient, corpus_url: str) -> None:
    stored = service.articles(db=corpus_url, limit=200)
    outlet = next(a.outlet for a in stored if a.outlet)
    dated = sorted(a.published for a in stored if a.published)
    cases = [
        {"outlet": outlet.upper()},
        {"language": "en"},
        {"since": dated[len(dated) // 2]},
        {"until": dated[len(dated) // 2][:7]},
        {"duplicates": "true"},
        {"duplicates": "false"},
    ]
    for params in cases:
        got = [item["id"] for item in _all(client, "/api/articles", **params)]
        where = ArticleFilter(
            outlet=params.get("outlet"),
            language=params.get("language"),
            since=params.get("since"),
            until=params.get("until"),
            duplicates=None if "duplicates" not in params else params["duplicates"] == "true",
        )
        want = [a.id for a in service.articles(where, db=corpus_url, limit=200)]
        assert got == want, params
        assert len(got) > 0 or params.get("duplicates") == "true"


def test_full_text_search_finds_words_of_bodies_only_where_they_are(
    client: TestClient, corpus_url: str
) -> None:
    stored = service.articles(db=corpus_url, limit=200)
    # A word from the middle of one body: search must find that article and only bodies with it.
    word = max(stored[0].body.split()[10:40], key=len).strip(".,;:\"'()")
    found = _all(client, "/api/articles", q=word.upper())
    assert stored[0].id in {item["id"] for item in found}
    for item in found:
        assert word.lower() in (item["body"] + " " + (item["title"] or "")).lower()
    missing = client.get("/api/articles", params={"q": "zqxjv-not-a-word"}).json()
    assert missing == {"items": [], "next_cursor": None, "total": 0}
    wildcard = client.get("/api/articles", params={"q": "%"}).json()
    assert all("%" in i["body"] + (i["title"] or "") for i in wildcard["items"])


def test_one_article_by_id_or_prefix_with_raw_on_request(
    client: TestClient, corpus_url: str
) -> None:
    article = service.articles(db=corpus_url, limit=1)[0]
    full = client.get(f"/api/articles/{article.id}").json()
    assert full["id"] == article.id and "raw" not in full
    assert [d["reason"] for d in full["dropped"]] == [d.reason for d in article.dropped]
    by_prefix = client.get(f"/api/articles/{article.id[:6]}", params={"raw": "true"}).json()
    assert by_prefix["id"] == article.id and by_prefix["raw"]
    missing = client.get("/api/articles/ffffffffffffffff")
    assert missing.status_code == 404 and "no article" in missing.json()["error"]


def test_event_filters_match_the_library(client: TestClient, corpus_url: str) -> None:
    rows = service.events(db=corpus_url, limit=1000)
    assert rows, "the corpus has events"
    named = next(r for r in rows if r.source and r.source.country)
    coded = next(r for r in rows if r.source and r.source.sector)
    cases = [
        {"actor": named.source.name},
        {"country": named.source.country.lower()},
        {"sector": coded.source.sector.lower()},
        {"type": named.event.type.lower()},
        {"modality": named.event.modality},
        {"outlet": named.outlet},
        {"since": "2025-05-01", "until": "2025-06"},
    ]
    for params in cases:
        got = [item["event"]["id"] for item in _all(client, "/api/events", **params)]
        want = [r.event.id for r in service.events(EventFilter(**params), db=corpus_url, limit=999)]
        assert got == want and got, params


def test_event_json_carries_actors_article_and_when(client: TestClient) -> None:
    item = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert set(item) == {
        "event", "article_id", "outlet", "published", "title", "url", "source", "target", "when"
    }  # fmt: skip
    assert item["when"] == (item["event"]["date"] or item["published"])
    assert {"type", "sentence", "start", "end", "modality", "cameo", "mentions"} <= set(
        item["event"]
    )


def test_an_event_told_again_lists_its_later_sentences(tmp_path: Path) -> None:
    article = full_article()
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(url) as store:
        store.add(article)
    with make_client(url) as client:
        items = client.get("/api/events").json()["items"]
        body = client.get(f"/api/articles/{article.id}").json()["body"]
    told = {item["event"]["id"]: item["event"]["mentions"] for item in items}
    assert told["ev-2"] == [] and len(told["ev-1"]) == 2
    assert [m["sentence"] for m in told["ev-1"]] == [
        body[m["start"] : m["end"]] for m in told["ev-1"]
    ]
    assert set(told["ev-1"][0]) == {"sentence", "start", "end", "trigger"}


def test_actor_listing_and_profile(client: TestClient, corpus_url: str) -> None:
    states = _all(client, "/api/actors", kind="state")
    assert states and all(a["entity"]["kind"] == "STATE" for a in states)
    first = states[0]["entity"]
    by_country = _all(client, "/api/actors", country=first["country"])
    assert first["id"] in {a["entity"]["id"] for a in by_country}
    named = _all(client, "/api/actors", text=first["name"][:4].lower())
    assert first["id"] in {a["entity"]["id"] for a in named}
    profile = client.get(f"/api/actors/{first['id']}").json()
    assert set(profile) == {"entity", "roles", "articles", "as_source", "as_target"}
    assert profile["entity"]["id"] == first["id"]
    expected = service.actor(first["id"], db=corpus_url)
    assert len(profile["as_source"]) == len(expected.as_source)
    assert len(profile["articles"]) == len(expected.articles) == states[0]["articles"]


def test_example_actor_profile_by_name(client: TestClient, examples: object) -> None:
    profile = client.get("/api/actors/Gerasimov").json()
    assert profile["entity"]["country"] == "RUS"
    assert profile["entity"]["sector"] == "MIL"
    titles = {seen["role"]["title"] for seen in profile["roles"]}
    assert any("General Staff" in title for title in titles)
    counterparts = {e["target"]["name"] for e in profile["as_source"] if e["target"]}
    counterparts |= {e["source"]["name"] for e in profile["as_target"] if e["source"]}
    assert "Liu Zhenli" in counterparts


def test_unknown_and_ambiguous_actors_are_4xx(client: TestClient) -> None:
    missing = client.get("/api/actors/no-such-actor-anywhere")
    assert missing.status_code == 404 and "no actor" in missing.json()["error"]
    ambiguous = client.get("/api/actors/a")
    assert ambiguous.status_code == 400 and "ambiguous" in ambiguous.json()["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?limit=abc",
        "/api/articles?limit=0",
        "/api/articles?limit=-3",
        "/api/articles?since=yesterday",
        "/api/articles?until=2023-13-99x",
        "/api/articles?duplicates=maybe",
        "/api/events?since=%00",
        "/api/events?until=never",
        "/api/articles/%00",
        "/api/articles/ab",
        "/api/actors/%F0%9F%92%A5",
        "/api/events?cursor=" + "A" * 5000,
        "/api/nothing-here",
    ],
)
def test_malformed_reads_get_a_clear_4xx_never_a_500(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code, response.text)
    body = response.json()
    assert set(body) == {"error"} and body["error"] and "Traceback" not in body["error"]


def test_large_limits_are_capped(client: TestClient) -> None:
    page = client.get("/api/actors", params={"limit": 100000}).json()
    assert len(page["items"]) <= 200


def test_openapi_lists_every_endpoint_and_docs_render_offline(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/actors",
                 "/api/actors/{name_or_id}", "/api/articles/batch"):  # fmt: skip
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/articles"]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert schema["paths"]["/api/articles"]["post"]["security"] == [{"HTTPBearer": []}]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/docs/swagger-ui-bundle.js" in docs.text and "<script>" not in docs.text
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
