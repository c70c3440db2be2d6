"""Exports of a real database (the project's samples ingested): every format reads back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest

from crosswire import service
from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.export import export, export_format
from crosswire.models import Article, ArticleFilter
from crosswire.store import EventFilter, Store
from tests.conftest import SAMPLES, run_cli
from tests.store.factory import full_article


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'samples.db'}"
    report = service.ingest([str(SAMPLES)], settings=Settings(db_url=url))
    assert report.added > 5
    return url


def _export(db: str, kind: str, output: Path | None = None, **options: object) -> str:
    handle = io.StringIO()
    export(kind, db=db, output=output, stdout=handle, **options)  # type: ignore[arg-type]
    return handle.getvalue()


def test_articles_jsonl_is_the_documented_object(db: str) -> None:
    lines = _export(db, "articles").splitlines()
    with Store.open(db) as store:
        assert len(lines) == store.count()
        stored = store.articles(limit=1000)
    got = [Article.from_dict(json.loads(line)) for line in lines]
    assert [a.to_dict() for a in got] == [a.to_dict() for a in stored]


def test_events_csv_parquet_and_jsonl_agree(db: str, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(db, "events", fmt="csv"))))
    with Store.open(db) as store:
        assert len(rows) == store.count_events() > 0
    export("events", db=db, output=tmp_path / "e.parquet", stdout=io.StringIO())
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    jsonl = [json.loads(line) for line in _export(db, "events", fmt="jsonl").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in table] == [r["id"] for r in jsonl]
    assert all(isinstance(r["start"], int) for r in table)
    first = table[0]
    assert first["sentence"] and first["type"] and first["article_id"]


def test_events_carry_the_sentences_that_tell_them_again(tmp_path: Path) -> None:
    article = full_article()
    db = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(db) as store:
        store.add(article)
    told = next(e for e in article.events if e.mentions)
    offsets = ";".join(f"{m.start}-{m.end}" for m in told.mentions)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_export(db, "events", fmt="csv")))}
    assert (rows[told.id]["mention_count"], rows[told.id]["mention_offsets"]) == ("2", offsets)
    assert (rows["ev-2"]["mention_count"], rows["ev-2"]["mention_offsets"]) == ("0", "")
    export("events", db=db, output=tmp_path / "e.parquet", stdout=io.StringIO())
    table = {r["id"]: r for r in pq.read_table(tmp_path / "e.parquet").to_pylist()}
    assert (table[told.id]["mention_count"], table[told.id]["mention_offsets"]) == (2, offsets)
    assert (table["ev-2"]["mention_count"], table["ev-2"]["mention_offsets"]) == (0, None)
    jsonl = {r["id"]: r for r in map(json.loads, _export(db, "events").splitlines())}
    mentions = jsonl[told.id]["mentions"]
    assert [article.body[m["start"] : m["end"]] for m in mentions] == [
        m.sentence for m in told.mentions
    ]
    assert mentions[0] == {"sentence": told.mentions[0].sentence, "start": told.mentions[0].start,
                           "end": told.mentions[0].end, "trigger": "talk"}  # fmt: skip
    assert jsonl["ev-2"]["mentions"] == []


def test_filters_apply(db: str) -> None:
    with Store.open(db) as store:
        outlet = store.articles(limit=1)[0].outlet
    assert outlet
    lines = _export(db, "articles", where=ArticleFilter(outlet=outlet)).splitlines()
    assert lines and all(json.loads(line)["outlet"] == outlet for line in lines)
    assert _export(db, "events", fmt="csv", where=EventFilter(type="NO_SUCH")).count("\n") == 1


def test_stories_table(db: str, tmp_path: Path) -> None:
    export("stories", db=db, output=tmp_path / "s.csv", stdout=io.StringIO())
    with (tmp_path / "s.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    with Store.open(db) as store:
        assert len(rows) == store.count_stories() > 0
        assert sum(int(r["size"]) for r in rows) == store.count()


def test_network_graphml_opens_in_networkx(db: str, tmp_path: Path) -> None:
    path = tmp_path / "actors.graphml"
    actors = export("network", db=db, output=path, stdout=io.StringIO())
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == actors > 1
    for _, _, data in graph.edges(data=True):
        assert data["weight"] == data["cooperation"] + data["conflict"] + data["neutral"]
    assert all(graph.nodes[n]["label"] for n in graph.nodes)


def test_bad_requests_are_one_clear_error_and_write_nothing(db: str, tmp_path: Path) -> None:
    with pytest.raises(CrosswireError, match="cannot be written as graphml"):
        export_format("articles", "graphml", None)
    with pytest.raises(CrosswireError, match="give -o FILE"):
        export_format("events", "parquet", None)
    with pytest.raises(CrosswireError, match="unknown export"):
        export_format("everything", None, None)
    assert export_format("events", None, tmp_path / "x.parquet") == "parquet"
    with pytest.raises(CrosswireError):
        export("network", db=db, output=tmp_path / "n.csv", stdout=io.StringIO(), fmt="csv")
    assert list(tmp_path.iterdir()) == []


def test_cli_export(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    done = run_cli("export", "events", "-o", str(out), "--db", db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "events ->" in done.stdout
    assert out.read_text().startswith("id,article_id,")
    gdelt = run_cli("export", "events", "--format", "gdelt", "--db", db, cwd=tmp_path)
    assert gdelt.stdout.startswith("GLOBALEVENTID,")
    bad = run_cli("export", "network", "--db", db, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "crosswire: graphml is written to a file: give -o FILE"
