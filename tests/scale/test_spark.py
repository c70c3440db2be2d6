"""Spark local[2] writes the same articles as a local run, and they load back in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire import service
from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.ingest import read_inputs
from crosswire.models import Article, Failure
from crosswire.pipeline import Pipeline, load_stage
from crosswire.scale.workers import pooled_stages
from crosswire.store import Store

pyspark = pytest.importorskip("pyspark")
pq = pytest.importorskip("pyarrow.parquet")

from crosswire.scale.spark import (  # noqa: E402
    SparkReport,
    local_session,
    read_extracted,
    spark_extract,
)

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    session = local_session("local[2]", app_name="crosswire-tests")
    yield session
    session.stop()


def _local(paths: list[str], settings: Settings) -> list[Article | Failure]:
    stages = [load_stage(n, settings) for n in pooled_stages(settings.stages)]
    return list(Pipeline(stages).pipe(read_inputs(paths, settings=settings)))


def _plain(results: list[Article | Failure]) -> list[object]:
    return [r.to_dict(include_raw=True) if isinstance(r, Article) else r for r in results]


INPUTS = [str(SAMPLES / "text"), str(SAMPLES / "feeds.jsonl"), str(SAMPLES / "missing")]


@pytest.fixture(scope="module")
def extracted(spark: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    out = str(tmp_path_factory.mktemp("spark") / "out")
    report = spark_extract(spark, INPUTS, out, settings=Settings(nlp=True))  # type: ignore[arg-type]
    return out, report


def test_spark_output_matches_the_local_run(extracted: tuple[str, SparkReport]) -> None:
    out, report = extracted
    expected = _local(INPUTS, Settings(nlp=True))
    assert report.articles == sum(isinstance(r, Article) for r in expected)
    assert report.failures == 1
    got = list(read_extracted(out))
    assert _plain(got) == _plain(expected)
    events = pq.read_table(Path(out) / "events").to_pylist()
    assert len(events) == sum(len(r.events) for r in expected if isinstance(r, Article))
    entities = pq.read_table(Path(out) / "entities").to_pylist()
    assert {e["article_id"] for e in entities} <= {r.id for r in expected if isinstance(r, Article)}


def test_load_gives_the_database_a_local_ingest_gives(
    extracted: tuple[str, SparkReport], tmp_path: Path
) -> None:
    out, _ = extracted
    loaded, local = f"sqlite:///{tmp_path / 'loaded.db'}", f"sqlite:///{tmp_path / 'local.db'}"
    report = service.load(out, settings=Settings(db_url=loaded))
    assert report.added > 3 and len(report.failures) == 1
    service.ingest(INPUTS, settings=Settings(db_url=local))
    dumps = []
    for db in (loaded, local):
        with Store.open(db) as store:
            articles = [a.to_dict() for a in store.articles(limit=1000)]
            stories = [s.to_dict() for s in store.stories(limit=1000)]
        dumps.append((articles, stories))
    assert dumps[0] == dumps[1]
    assert any(a["duplicate_of"] for a in dumps[0][0])  # dedup ran on load
    again = service.load(out, settings=Settings(db_url=loaded))
    assert again.added == 0 and again.unchanged == report.added


def test_output_folder_is_never_overwritten_silently(spark: object, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(CrosswireError, match="not empty"):
        spark_extract(spark, [str(SAMPLES / "text")], str(out), settings=Settings(nlp=False))  # type: ignore[arg-type]
    assert (out / "keep.txt").read_text() == "mine"


def test_reading_a_folder_that_is_no_output_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CrosswireError, match="no articles/"):
        list(read_extracted(str(tmp_path)))


def test_object_store_style_uris_are_read_by_spark(spark: object, tmp_path: Path) -> None:
    # file:// stands in for s3a:// or hdfs://: Spark lists and reads it, not the driver.
    folder = SAMPLES / "text"
    settings = Settings(nlp=False)
    report = spark_extract(spark, [folder.as_uri()], str(tmp_path / "out"), settings=settings)  # type: ignore[arg-type]
    got = [r for r in read_extracted(str(tmp_path / "out")) if isinstance(r, Article)]
    expected = [r for r in _local([str(folder)], settings) if isinstance(r, Article)]
    assert report.articles == len(expected) > 0
    assert sorted(a.body for a in got) == sorted(a.body for a in expected)
    assert all(a.source.startswith("file:") for a in got)


def test_the_cluster_driver_script_runs_under_spark_submit(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    submit = Path(sys.executable).parent / "spark-submit"
    script = ROOT / "src" / "crosswire" / "scale" / "submit.py"
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1", "PYSPARK_PYTHON": sys.executable}
    args = [str(submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false", str(script)]
    out = tmp_path / "out"
    done = subprocess.run(
        [*args, str(SAMPLES / "text"), "--out", str(out), "--no-nlp"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "articles, 0 failed" in done.stdout
    assert len(list(read_extracted(str(out)))) == len(list((SAMPLES / "text").iterdir()))


def test_parquet_tables_with_jsonl_fields_are_read(spark: object, tmp_path: Path) -> None:
    import json

    import pyarrow as pa

    feed = SAMPLES / "feeds.jsonl"
    records = [json.loads(line) for line in feed.read_text().splitlines() if line.strip()]
    records.append({"id": "broken", "title": "no text or html"})
    columns = sorted({key for record in records for key in record})
    cells = {c: [None if r.get(c) is None else str(r[c]) for r in records] for c in columns}
    pq.write_table(pa.table(cells), tmp_path / "news.parquet")
    out, settings = str(tmp_path / "out"), Settings(nlp=False)
    report = spark_extract(spark, [str(tmp_path / "news.parquet")], out, settings=settings)  # type: ignore[arg-type]
    assert report.failures == 1
    got = [r for r in read_extracted(out) if isinstance(r, Article)]
    expected = [r for r in _local([str(feed)], Settings(nlp=False)) if isinstance(r, Article)]
    assert [a.body for a in got] == [a.body for a in expected]
    assert [a.input_id for a in got] == [a.input_id for a in expected]


def test_output_appears_whole_and_overwrite_replaces_only_the_tables(
    spark: object, tmp_path: Path
) -> None:
    out, settings = tmp_path / "out", Settings(nlp=False)
    spark_extract(spark, [str(SAMPLES / "text")], str(out), settings=settings)  # type: ignore[arg-type]
    assert not (tmp_path / ".out.partial").exists()  # written there, then renamed into place
    (out / "notes.txt").write_text("mine")
    (tmp_path / ".out.partial" / "articles").mkdir(parents=True)  # as a killed run leaves it
    feed = str(SAMPLES / "feeds.jsonl")
    report = spark_extract(spark, [feed], str(out), settings=settings, overwrite=True)  # type: ignore[arg-type]
    assert report.out_dir == str(out)
    assert (out / "notes.txt").read_text() == "mine"
    assert not (tmp_path / ".out.partial").exists()
    got = [r for r in read_extracted(str(out)) if isinstance(r, Article)]
    assert len(got) == report.articles > 0
    assert all(a.source.startswith(feed) for a in got)


RETOLD = (
    "Poland to join Norwegian drill\n\n"
    "Poland will participate in a military drill hosted by Norway, the ministry said. "
    "The drill will be held in the north. "
    "Poland will participate in the drill hosted by Norway next month, "
    "according to a statement.\n"
)


def test_events_told_again_keep_their_later_sentences(spark: object, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "retold.txt").write_text(RETOLD)
    inputs, out, settings = [str(tmp_path / "in")], str(tmp_path / "out"), Settings(nlp=True)
    spark_extract(spark, inputs, out, settings=settings)  # type: ignore[arg-type]
    (article,) = list(read_extracted(out))
    assert _plain([article]) == _plain(_local(inputs, settings))
    assert isinstance(article, Article)
    retold = [e for e in article.events if e.mentions]
    assert retold, article.events  # the article's body tells one event twice
    rows = {row["id"]: row for row in pq.read_table(Path(out) / "events").to_pylist()}
    for event in article.events:
        assert rows[event.id]["mentions"] == [m.__dict__ for m in event.mentions]
