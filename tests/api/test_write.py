"""Writes: bearer tokens (no default secret), single and batch ingest, clear 4xx answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import READ_TOKEN, WRITE_TOKEN, make_client

AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}
BODY = (
    "The port authority of Valdora said on Tuesday that it had signed a ten-year lease "
    "with a shipping cooperative from Lenmark. The agreement covers two berths and a "
    "warehouse, officials said, and takes effect in March."
)


@pytest.fixture()
def writer(tmp_path: Path) -> TestClient:
    """A client over an empty database with a write token configured."""
    return make_client(f"sqlite:///{tmp_path / 'w.db'}", write_token=WRITE_TOKEN)


def _article(n: int = 0, **extra: object) -> dict[str, object]:
    return {"id": f"t{n}", "text": f"{BODY} Item {n}.", "outlet": "Test Wire", **extra}


def test_without_a_configured_token_writes_are_refused(tmp_path: Path) -> None:
    client = make_client(f"sqlite:///{tmp_path / 'r.db'}")
    for headers in ({}, AUTH, {"Authorization": "Bearer "}):
        response = client.post("/api/articles", json=_article(), headers=headers)
        assert response.status_code == 403
        assert "CROSSWIRE_API_TOKEN" in response.json()["error"]
    batch = client.post("/api/articles/batch", content=b"{}", headers=AUTH)
    assert batch.status_code == 403
    assert client.get("/api/health").json()["articles"] == 0


def test_a_write_needs_the_right_bearer_token(writer: TestClient) -> None:
    missing = writer.post("/api/articles", json=_article())
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in missing.json()["error"]
    for header in (f"Bearer {WRITE_TOKEN}x", f"Basic {WRITE_TOKEN}", WRITE_TOKEN):
        wrong = writer.post("/api/articles", json=_article(), headers={"Authorization": header})
        assert wrong.status_code in (401, 403), header
    assert writer.get("/api/health").json()["articles"] == 0


def test_one_article_is_ingested_then_readable_and_idempotent(writer: TestClient) -> None:
    created = writer.post("/api/articles", json=_article(published="2025-03-04"), headers=AUTH)
    assert created.status_code == 201, created.text
    result = created.json()
    assert result["added"] == 1 and result["failures"] == [] and len(result["ids"]) == 1
    stored = writer.get(f"/api/articles/{result['ids'][0]}").json()
    assert stored["outlet"] == "Test Wire" and stored["published"] == "2025-03-04"
    assert "ten-year lease" in stored["body"] and stored["input_id"] == "t0"
    again = writer.post("/api/articles", json=_article(published="2025-03-04"), headers=AUTH)
    assert again.status_code == 200 and again.json()["unchanged"] == 1
    assert again.json()["ids"] == result["ids"]
    assert writer.get("/api/health").json()["articles"] == 1


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"outlet": "x"}, "no 'text' or 'html' field"),
        ({"text": "   "}, "empty"),
        ({"text": 5}, "text"),
        ({"text": "ok", "outlet": ["a"]}, "outlet"),
        ([{"text": "a list"}], "invalid request"),
        ("just a string", "invalid request"),
    ],
)
def test_bad_single_articles_are_422_with_the_reason(
    writer: TestClient, payload: object, message: str
) -> None:
    response = writer.post("/api/articles", json=payload, headers=AUTH)
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]


def test_unparseable_json_is_a_clear_4xx(writer: TestClient) -> None:
    for body in (b"{not json", b"", b"\xff\xfe\x00garbage"):
        response = writer.post(
            "/api/articles",
            content=body,
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert response.status_code == 422, body
        assert response.json()["error"].startswith("invalid request")


def test_a_jsonl_batch_stores_good_lines_and_names_bad_ones(writer: TestClient) -> None:
    lines = [json.dumps(_article(1)), "{broken", json.dumps({"id": "x"}), json.dumps(_article(2))]
    body = ("\n".join(lines) + "\n").encode()
    response = writer.post(
        "/api/articles/batch",
        content=body,
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["added"] == 2 and len(result["ids"]) == 2
    assert [f["line"] for f in result["failures"]] == [2, 3]
    assert "malformed JSON" in result["failures"][0]["problem"]
    listed = writer.get("/api/articles", params={"outlet": "test wire"}).json()
    assert sorted(item["id"] for item in listed["items"]) == sorted(result["ids"])


def test_a_multipart_upload_is_read_like_a_raw_body(writer: TestClient) -> None:
    data = "\n".join(json.dumps(_article(n)) for n in range(3)).encode()
    response = writer.post(
        "/api/articles/batch",
        files={"file": ("a.jsonl", data, "application/x-ndjson")},
        headers=AUTH,
    )
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 3
    no_file = writer.post("/api/articles/batch", data={"x": "1"}, files={}, headers=AUTH)
    assert no_file.status_code in (400, 415, 422)


@pytest.mark.parametrize(
    ("body", "content_type", "status", "message"),
    [
        (b"", "application/x-ndjson", 422, "empty body"),
        (b"\n\n", "application/x-ndjson", 422, "empty body"),
        (b"Just some article text.\n", "text/plain", 422, "not JSON"),
        (b"[1, 2]\n", "application/x-ndjson", 422, "JSON object"),
        (b"{}", "image/png", 415, "JSONL"),
    ],
)
def test_a_batch_that_is_not_jsonl_is_refused_whole(
    writer: TestClient, body: bytes, content_type: str, status: int, message: str
) -> None:
    response = writer.post(
        "/api/articles/batch", content=body, headers={**AUTH, "Content-Type": content_type}
    )
    assert response.status_code == status, response.text
    assert message in response.json()["error"]
    assert writer.get("/api/health").json()["articles"] == 0


def test_an_upload_over_the_limit_is_413(tmp_path: Path) -> None:
    client = make_client(
        f"sqlite:///{tmp_path / 'l.db'}", write_token=WRITE_TOKEN, max_upload_bytes=1000
    )
    big = (json.dumps(_article(0)) + "\n") * 10
    response = client.post(
        "/api/articles/batch", content=big.encode(), headers={**AUTH, "Content-Type": "text/plain"}
    )
    assert response.status_code == 413 and "limit" in response.json()["error"]


def test_a_read_token_protects_reads_and_the_web_ui(tmp_path: Path) -> None:
    client = make_client(
        f"sqlite:///{tmp_path / 'p.db'}", write_token=WRITE_TOKEN, read_token=READ_TOKEN
    )
    refused = client.get("/api/articles")
    assert refused.status_code == 401 and "Bearer" in refused.json()["error"]
    assert client.get("/api/articles", headers={"Authorization": "Bearer nope"}).status_code == 403
    for token in (READ_TOKEN, WRITE_TOKEN):
        ok = client.get("/api/articles", headers={"Authorization": f"Bearer {token}"})
        assert ok.status_code == 200
    read_only = {"Authorization": f"Bearer {READ_TOKEN}"}
    assert client.post("/api/articles", json=_article(), headers=read_only).status_code == 403
    page = client.get("/events")
    assert page.status_code == 401 and "text/html" in page.headers["content-type"]
    assert 'href="/login"' in page.text
    assert client.post("/login", data={"token": "wrong"}).status_code == 403
    login = client.post("/login", data={"token": READ_TOKEN}, follow_redirects=False)
    assert login.status_code == 303
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/events").status_code == 200  # the client keeps the cookie


def test_every_response_carries_the_security_headers(writer: TestClient) -> None:
    for url in ("/", "/api/articles", "/nope", "/api/nope", "/static/style.css"):
        headers = writer.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp.split("style-src")[0]
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_a_bug_is_a_bare_500_with_the_security_headers(tmp_path: Path) -> None:
    client = make_client(f"sqlite:///{tmp_path / 'b.db'}")

    def boom() -> None:
        raise RuntimeError("secret detail /etc/passwd")

    client.app.add_api_route("/api/boom", boom)  # type: ignore[attr-defined]
    client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
    for url in ("/api/boom", "/boom"):
        response = client.get(url)
        assert response.status_code == 500
        assert "secret detail" not in response.text and "Traceback" not in response.text
        assert "internal error" in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/boom").json() == {"error": "internal error (logged on the server)"}


def test_a_database_that_cannot_be_opened_is_503(tmp_path: Path) -> None:
    client = make_client(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    response = client.get("/api/articles")
    assert response.status_code == 503
    assert response.json() == {"error": "the database is unavailable"}
    assert "missing-dir" not in response.text
