"""The event filter query parameters: declared once, the same in /openapi.json on both routes.

The names, places, requiredness and schemas are pinned as they were when each route
declared its own copy, so clients and the generated docs see no change.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

EVENT_FILTERS = ("actor", "country", "sector", "type", "modality", "outlet", "since", "until")


def _text(name: str) -> tuple[str, bool, dict[str, Any]]:
    """An optional string in the query, as FastAPI describes ``str | None = None``."""
    return "query", False, {"anyOf": [{"type": "string"}, {"type": "null"}], "title": name.title()}


FILTERS = {name: _text(name) for name in EVENT_FILTERS}
LIMIT = {"anyOf": [{"minimum": 1, "type": "integer"}, {"type": "null"}], "title": "Limit"}
PINNED = {
    "/api/events": {**FILTERS, "limit": ("query", False, LIMIT), "cursor": _text("cursor")},
    "/api/export/{kind}": {
        "kind": ("path", True, {"title": "Kind", "type": "string"}),
        "format": _text("format"),
        "q": _text("q"),
        **FILTERS,
    },
}


def _parameters(client: TestClient, path: str) -> dict[str, dict[str, Any]]:
    schema = client.get("/openapi.json").json()
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_event_filter_parameters_are_pinned(client: TestClient) -> None:
    for path, pinned in PINNED.items():
        found = _parameters(client, path)
        assert set(found) == set(pinned), path
        for name, (place, required, schema) in pinned.items():
            parameter = found[name]
            described = {k: v for k, v in parameter["schema"].items() if k != "description"}
            assert (parameter["in"], parameter["required"], described) == (place, required, schema)


def test_both_routes_describe_each_filter_alike(client: TestClient) -> None:
    events = _parameters(client, "/api/events")
    exports = _parameters(client, "/api/export/{kind}")
    for name in EVENT_FILTERS:
        assert events[name]["description"], name
        assert events[name] == exports[name], name


def test_each_filter_reaches_the_events_listing_and_export(client: TestClient) -> None:
    every = client.get("/api/events", params={"limit": 200}).json()
    row = every["items"][0]
    source = row["source"] or {}
    asked = {
        "actor": row["event"]["source"] or "",
        "country": source.get("country") or "",
        "sector": source.get("sector") or "",
        "type": row["event"]["type"],
        "modality": row["event"]["modality"],
        "outlet": row["outlet"],
        "since": row["when"],
        "until": row["when"],
    }
    narrower = set()
    for name, value in asked.items():
        if not value:
            continue
        listed = client.get("/api/events", params={name: value, "limit": 200}).json()
        exported = client.get("/api/export/events", params={name: value, "format": "jsonl"})
        assert exported.status_code == 200, (name, exported.text)
        assert listed["total"] == len(exported.text.splitlines()), name
        assert listed["total"] > 0, name
        if listed["total"] < every["total"]:
            narrower.add(name)
    # An ignored filter would export every event: the counts must differ for most filters.
    assert {"actor", "type", "outlet", "since"} <= narrower, narrower
