"""Exports over the API: the same files `crosswire export` writes, as downloads."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from crosswire import service
from crosswire.store import EventFilter


def test_events_as_gdelt_csv_one_row_per_event(client: TestClient, corpus_url: str) -> None:
    response = client.get("/api/export/events", params={"format": "gdelt"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="crosswire-events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == service.count_events(db=corpus_url)
    assert {"SQLDATE", "Actor1Name", "EventCode", "PLOVERType"} <= set(rows[0])


def test_filters_apply_to_exports(client: TestClient, corpus_url: str) -> None:
    first = service.events(db=corpus_url, limit=1)[0]
    response = client.get(
        "/api/export/events", params={"format": "jsonl", "type": first.event.type}
    )
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert len(lines) == service.count_events(EventFilter(type=first.event.type), db=corpus_url)
    articles = client.get("/api/export/articles", params={"outlet": first.outlet}).text
    assert all(json.loads(line)["outlet"] == first.outlet for line in articles.splitlines())


def test_parquet_and_graphml_are_whole_files(client: TestClient) -> None:
    parquet = client.get("/api/export/stories", params={"format": "parquet"})
    assert parquet.status_code == 200 and parquet.content[:4] == b"PAR1" == parquet.content[-4:]
    graphml = client.get("/api/export/network")
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    root = ElementTree.fromstring(graphml.content)
    assert root.tag.endswith("graphml") and len(root.findall(".//{*}node")) > 0


def test_temporary_files_are_removed_after_sending(client: TestClient) -> None:
    before = set(Path(tempfile.gettempdir()).glob("crosswire-export-*"))
    assert client.get("/api/export/articles", params={"format": "csv"}).status_code == 200
    assert set(Path(tempfile.gettempdir()).glob("crosswire-export-*")) == before


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/export/everything", "unknown export"),
        ("/api/export/network?format=csv", "cannot be written as csv"),
        ("/api/export/articles?format=gdelt", "cannot be written as gdelt"),
        ("/api/export/events?since=later", "ISO date"),
    ],
)
def test_bad_exports_are_400(client: TestClient, url: str, message: str) -> None:
    response = client.get(url)
    assert response.status_code == 400 and message in response.json()["error"]
