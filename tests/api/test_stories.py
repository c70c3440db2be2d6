"""Stories over the API: listing, one story, its comparison, merge and split (token-guarded)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosswire import service
from crosswire.store import Store
from tests.api.conftest import WRITE_TOKEN, make_client
from tests.api.corpus import copy_of_corpus

AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}


def _example_story(client: TestClient) -> dict[str, Any]:
    """The story holding both example articles (EXPECTED.md section 4)."""
    found = client.get("/api/articles", params={"q": "Gerasimov"}).json()["items"]
    ids = {item["id"] for item in found}
    assert len(ids) == 2
    stories = client.get("/api/stories", params={"limit": 200}).json()["items"]
    holding = [s for s in stories if ids & set(s["article_ids"])]
    assert len(holding) == 1, holding
    assert set(holding[0]["article_ids"]) == ids
    return holding[0]


def test_stories_are_listed_latest_first_with_paging(client: TestClient, corpus_url: str) -> None:
    stored = service.stories(db=corpus_url, limit=500)
    assert stored
    ids: list[str] = []
    cursor = None
    while True:
        page = client.get(
            "/api/stories", params={"limit": 2, **({"cursor": cursor} if cursor else {})}
        ).json()
        ids += [s["id"] for s in page["items"]]
        assert page["total"] == len(stored)
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert ids == [s.id for s in stored]
    one = client.get("/api/stories", params={"limit": 1}).json()["items"][0]
    assert set(one) == {"id", "title", "article_ids", "outlets", "first", "last", "thread_id"}


def test_one_story_with_its_articles_and_its_comparison(
    client: TestClient, examples: object
) -> None:
    story = _example_story(client)
    detail = client.get(f"/api/stories/{story['id'][:6]}").json()
    assert detail["story"]["id"] == story["id"]
    assert {a["id"] for a in detail["articles"]} == set(story["article_ids"])
    assert set(detail["how"]) == set(story["article_ids"])
    comparison = client.get(f"/api/stories/{story['id']}/compare").json()
    assert len(comparison["outlets"]) == 2
    outlets = [column["key"] for column in comparison["outlets"]]
    both = [
        claim
        for claim in comparison["claims"]
        if all(cell["status"] == "reported" for cell in claim["cells"])
        and [cell["outlet"] for cell in claim["cells"]] == outlets
    ]
    assert both, "a claim reported by both outlets (the video call)"
    by_ids = client.get("/api/compare", params={"ids": ",".join(story["article_ids"])}).json()
    assert [c["key"] for c in by_ids["outlets"]] == outlets


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/stories/ffffffffffffffff", 404),
        ("/api/stories/ffffffffffffffff/compare", 404),
        ("/api/stories?since=soon", 400),
        ("/api/stories?cursor=xyz", 400),
        ("/api/compare?ids=", 422),
        ("/api/compare?ids=ffffffffffffffff", 404),
    ],
)
def test_bad_story_reads_are_4xx(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.json()["error"]


def test_split_then_merge_back_needs_the_token(
    tmp_path_factory: pytest.TempPathFactory, examples: object
) -> None:
    client = make_client(copy_of_corpus(tmp_path_factory, "stories"), write_token=WRITE_TOKEN)
    story = _example_story(client)
    moved = story["article_ids"][-1]
    refused = client.post(f"/api/stories/{story['id']}/split", json={"article_ids": [moved]})
    assert refused.status_code == 401
    bad = client.post(f"/api/stories/{story['id']}/split", json={"article_ids": []}, headers=AUTH)
    assert bad.status_code == 422
    split = client.post(
        f"/api/stories/{story['id']}/split", json={"article_ids": [moved]}, headers=AUTH
    )
    assert split.status_code == 200, split.text
    new = split.json()["story"]
    assert new["article_ids"] == [moved] and new["id"] != story["id"]
    left = client.get(f"/api/stories/{story['id']}").json()["story"]
    assert moved not in left["article_ids"]
    merged = client.post(
        f"/api/stories/{story['id']}/merge", json={"other": new["id"]}, headers=AUTH
    )
    assert merged.status_code == 200, merged.text
    assert set(merged.json()["story"]["article_ids"]) == set(story["article_ids"])
    missing = client.post(
        f"/api/stories/{story['id']}/merge", json={"other": "ffffffffffffffff"}, headers=AUTH
    )
    assert missing.status_code == 404


def test_merge_and_split_edit_through_the_apps_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, examples: object
) -> None:
    """No store is opened (and migrated) per edit: both edits use the app's long-lived one."""
    client = make_client(copy_of_corpus(tmp_path_factory, "edits"), write_token=WRITE_TOKEN)
    story = _example_story(client)  # the app's store is open from here on
    opened: list[str] = []
    real_open = Store.open

    def counting_open(url: str, **options: Any) -> Store:
        opened.append(url)
        return real_open(url, **options)

    monkeypatch.setattr(Store, "open", staticmethod(counting_open))
    moved = story["article_ids"][-1]
    split = client.post(
        f"/api/stories/{story['id']}/split", json={"article_ids": [moved]}, headers=AUTH
    )
    assert split.status_code == 200, split.text
    new = split.json()["story"]["id"]
    merged = client.post(f"/api/stories/{story['id']}/merge", json={"other": new}, headers=AUTH)
    assert merged.status_code == 200, merged.text
    assert set(merged.json()["story"]["article_ids"]) == set(story["article_ids"])
    # The app's reads see the edit: the merged-away id leads to the story it went into.
    assert client.get(f"/api/stories/{new}").json()["story"]["id"] == story["id"]
    assert opened == []
