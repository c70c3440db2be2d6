"""Outlet profiles over the API: list, find, and write the user's table atomically."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from crosswire.api.outlets import outlets_file
from crosswire.api.settings import ApiSettings
from crosswire.config import Settings
from crosswire.stories.outlets import load_profiles, read_table
from tests.api.conftest import WRITE_TOKEN, make_client

AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}
PROFILE = {
    "aliases": ["Valdora Daily", "VP"],
    "domains": ["www.valdora-post.example"],
    "country": "vdr",
    "language": "en",
    "ownership": "private",
    "lean": "center",
    "notes": 'owned by a "family" trust',
}


@pytest.fixture()
def writer(tmp_path: Path) -> TestClient:
    return make_client(f"sqlite:///{tmp_path / 'o.db'}", write_token=WRITE_TOKEN)


def test_the_shipped_profiles_are_listed_and_found(writer: TestClient) -> None:
    listed = writer.get("/api/outlets").json()
    names = [item["name"] for item in listed["items"]]
    assert len(names) == len(set(names)) > 100 and listed["editable"] is True
    assert any(item["domains"] for item in listed["items"])
    reuters = next(item for item in listed["items"] if item["name"] == "Reuters")
    by_domain = writer.get("/api/outlets/reuters.com").json()
    assert by_domain == reuters and reuters["edited"] is False
    missing = writer.get("/api/outlets/No Such Outlet Anywhere")
    assert missing.status_code == 404 and "no outlet profile" in missing.json()["error"]


def test_put_writes_the_users_table_beside_the_database(writer: TestClient, tmp_path: Path) -> None:
    created = writer.put("/api/outlets/Valdora Post", json=PROFILE, headers=AUTH)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["country"] == "VDR" and body["domains"] == ["valdora-post.example"]
    table = tmp_path / "outlets.tsv"
    assert [p.name for p in read_table(table)] == ["Valdora Post"]
    assert read_table(table)[0].notes == 'owned by a "family" trust'
    found = writer.get("/api/outlets/vp").json()
    assert found["name"] == "Valdora Post" and found["edited"] is True
    replaced = writer.put("/api/outlets/valdora post", json={"ownership": "state"}, headers=AUTH)
    assert replaced.status_code == 200
    rows = read_table(table)
    assert len(rows) == 1 and rows[0].ownership == "state" and rows[0].aliases == ()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".outlets.")]


def test_put_overrides_a_shipped_profile(writer: TestClient, tmp_path: Path) -> None:
    response = writer.put("/api/outlets/Reuters", json={"lean": "left"}, headers=AUTH)
    assert response.status_code == 201
    assert writer.get("/api/outlets/Reuters").json()["lean"] == "left"
    # reuters.com belonged to the replaced row; the override names no domain.
    assert writer.get("/api/outlets/reuters.com").status_code == 404
    profiles = load_profiles(tmp_path / "outlets.tsv", env={})
    assert profiles.find("Reuters") is not None and profiles.find("Reuters").lean == "left"  # type: ignore[union-attr]


def test_put_needs_the_write_token(writer: TestClient, tmp_path: Path) -> None:
    assert writer.put("/api/outlets/X", json={}).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert writer.put("/api/outlets/X", json={}, headers=wrong).status_code == 403
    assert not (tmp_path / "outlets.tsv").exists()


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("A", {"country": "Russia"}, "country"),
        ("A", {"ownership": "owned"}, "ownership"),
        ("A", {"aliases": ["a|b"]}, "'|'"),
        ("A", {"notes": "line\nbreak"}, "line breaks"),
        ("A", {"lean": "x\ty"}, "tabs"),
        ("A", {"colour": "red"}, "colour"),
        ("A", {"aliases": "not a list"}, "aliases"),
        ("#comment", {}, "start with '#'"),
        ("tab\there", {}, "control"),
        ("x" * 201, {}, "name"),
    ],
)
def test_bad_profiles_are_422_and_nothing_is_written(
    writer: TestClient, tmp_path: Path, name: str, payload: dict[str, object], message: str
) -> None:
    response = writer.put(f"/api/outlets/{quote(name, safe='')}", json=payload, headers=AUTH)
    assert response.status_code == 422, response.text
    assert message in response.json()["error"]
    assert not (tmp_path / "outlets.tsv").exists()


def test_the_table_path_comes_from_settings_then_the_sqlite_file(tmp_path: Path) -> None:
    configured = ApiSettings(outlets_file=str(tmp_path / "mine.csv"))
    assert outlets_file(configured) == tmp_path / "mine.csv"
    beside = ApiSettings(core=Settings(db_url=f"sqlite:///{tmp_path / 'x' / 'c.db'}"))
    assert outlets_file(beside) == tmp_path / "x" / "outlets.tsv"
    assert outlets_file(ApiSettings(core=Settings(db_url="postgresql://u@h/db"))) is None
    env = ApiSettings.from_env({"CROSSWIRE_OUTLETS": str(tmp_path / "env.tsv")})
    assert outlets_file(env) == tmp_path / "env.tsv"


def test_a_csv_table_is_written_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    client = make_client(
        f"sqlite:///{tmp_path / 'c.db'}", write_token=WRITE_TOKEN, outlets_file=str(path)
    )
    response = client.put("/api/outlets/Lenmark Wire", json=PROFILE, headers=AUTH)
    assert response.status_code == 201
    assert "," in path.read_text().splitlines()[2] and read_table(path)[0].name == "Lenmark Wire"


def test_without_a_table_to_write_put_is_409(tmp_path: Path) -> None:
    app_client = make_client("postgresql://nobody@127.0.0.1:1/none", write_token=WRITE_TOKEN)
    response = app_client.put("/api/outlets/A", json={}, headers=AUTH)
    assert response.status_code == 409 and "CROSSWIRE_OUTLETS" in response.json()["error"]
