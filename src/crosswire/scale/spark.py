"""The per-article stages on PySpark, for corpora that outgrow one machine.

The driver lists the inputs; executors read them (WARC, JSONL, text, HTML, gzip:
the same readers as a local run) and run the same per-article stages, the spaCy
model loaded once per Python worker (Spark reuses its workers). The output is a
folder of Parquet tables: ``articles`` (one row per article, with the whole
article as JSON so that nothing is lost), ``entities``, ``events`` (with the
later sentences that tell each again, a list of ``{sentence, start, end,
trigger}``) and ``failures``. Cross-article stages (dedup, stories) need every article in order,
so they run in a second pass, ``crosswire load``, which streams the ``articles``
table back in input order (:func:`read_extracted`).

PySpark is an optional extra (``pip install 'crosswire[spark]'``); nothing here is
imported by the rest of crosswire.
"""

from __future__ import annotations

import heapq
import io
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.config import Settings
from crosswire.errors import CrosswireError
from crosswire.ingest import read_inputs, read_stream
from crosswire.ingest.items import Origin
from crosswire.ingest.jsonl import RecordError, record_item
from crosswire.ingest.paths import expand
from crosswire.models import Article, Failure, RawItem
from crosswire.pipeline import Pipeline, load_stage
from crosswire.scale.workers import pooled_stages

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Output tables, each a Parquet folder under the output directory.
TABLES = ("articles", "entities", "events", "failures")

#: Key that orders rows as the inputs were given: input number, then item number.
KEY_WIDTH = 9

#: Per-Python-worker pipelines, built on first use (the model loads once per worker).
_worker_pipelines: dict[Settings, Pipeline] = {}


@dataclass(frozen=True)
class SparkReport:
    """What a Spark extraction wrote."""

    out_dir: str
    articles: int
    failures: int


def spark_extract(
    spark: SparkSession,
    inputs: Sequence[str],
    out_dir: str,
    *,
    settings: Settings,
    overwrite: bool = False,
) -> SparkReport:
    """Extract every article in ``inputs`` on ``spark`` into Parquet tables under ``out_dir``.

    A local ``out_dir`` appears whole or not at all: the tables are written to a hidden
    sibling folder that is renamed into place at the end, so a job killed mid-way leaves
    no output to load and the same command can simply be run again.
    """
    if os.path.exists(out_dir) and os.listdir(out_dir) and not overwrite:
        raise CrosswireError("output folder is not empty (use --overwrite)", where=out_dir)
    if "://" in out_dir:  # object stores have no atomic rename; each table is overwritten
        return _extract(spark, inputs, out_dir, settings=settings)
    final = os.path.abspath(out_dir)
    staging = os.path.join(os.path.dirname(final), f".{os.path.basename(final)}.partial")
    shutil.rmtree(staging, ignore_errors=True)  # left by a killed run of this command
    report = _extract(spark, inputs, staging, settings=settings)
    if os.path.exists(final) and os.listdir(final):  # --overwrite: replace our tables only
        for table in TABLES:
            shutil.rmtree(os.path.join(final, table), ignore_errors=True)
            os.replace(os.path.join(staging, table), os.path.join(final, table))
        shutil.rmtree(staging)
    else:
        os.replace(staging, final)
    return replace(report, out_dir=out_dir)


def _extract(
    spark: SparkSession, inputs: Sequence[str], out_dir: str, *, settings: Settings
) -> SparkReport:
    from pyspark import StorageLevel

    local, remote, failures = _sources(inputs)
    if not local and not remote:
        raise CrosswireError("no input files", where=", ".join(inputs))
    context = spark.sparkContext
    parts = []
    if local:
        slices = max(1, min(len(local), context.defaultParallelism * 4))
        parts.append(
            context.parallelize(local, slices).mapPartitions(
                lambda part: _extract_files(part, settings)
            )
        )
    for number, uri in remote:
        if _is_parquet(uri):
            records = spark.read.parquet(uri).rdd.map(lambda row: row.asDict())
            extract = partial(_extract_records, number, uri, settings=settings)
            parts.append(records.mapPartitionsWithIndex(extract))
        else:
            blobs = context.binaryFiles(uri)
            parts.append(blobs.mapPartitions(partial(_extract_blobs, number, settings=settings)))
    # Local inputs first, then each object-store or Parquet input: keys grow along the
    # parts, which is what read_extracted relies on to stream them back in order.
    rows = context.union(parts).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        failures_rdd = rows.filter(lambda r: r[0] == "failures").map(lambda r: r[1])
        failures_rdd = failures_rdd.union(context.parallelize(failures, 1))
        counts: dict[str, int] = {}
        for table in TABLES:
            part = failures_rdd if table == "failures" else rows.filter(_tagged(table))
            if table != "failures":
                part = part.map(lambda r: r[1])
            frame = spark.createDataFrame(part, schema=_schema(table))
            frame.write.mode("overwrite").parquet(os.path.join(out_dir, table))
            counts[table] = frame.count() if table in ("articles", "failures") else 0
    finally:
        rows.unpersist()
    return SparkReport(out_dir, counts["articles"], counts["failures"])


def _tagged(table: str) -> Any:
    return lambda row: row[0] == table


def _sources(
    inputs: Sequence[str],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[str, str, str]]]:
    """Numbered local files; numbered inputs Spark reads itself (object-store URIs such as
    ``s3a://...``, and Parquet tables); failure rows (keyed in place) for local names
    that match nothing."""
    local: list[tuple[int, str]] = []
    remote: list[tuple[int, str]] = []
    failures: list[tuple[str, str, str]] = []
    number = 0
    for given in inputs:
        if "://" in given or _is_parquet(given):
            remote.append((_REMOTE_BASE + number, given))
            number += 1
            continue
        for found in expand([given]):
            if isinstance(found, Failure):
                failures.append((_key(number, 0), found.source, found.problem))
            else:
                local.append((number, os.path.abspath(found)))
            number += 1
    return local, remote, failures


#: Object-store inputs are numbered after every local file (see spark_extract's union).
_REMOTE_BASE = 10**KEY_WIDTH // 2


def _key(file_number: int, item_number: int, path: str = "") -> str:
    middle = f"{path}:" if path else ""
    return f"{file_number:0{KEY_WIDTH}d}:{middle}{item_number:0{KEY_WIDTH}d}"


def _worker_pipeline(settings: Settings) -> Pipeline:
    pipeline = _worker_pipelines.get(settings)
    if pipeline is None:
        names = pooled_stages(settings.stages)
        pipeline = _worker_pipelines[settings] = Pipeline([load_stage(n, settings) for n in names])
    return pipeline


def _extract_files(
    part: Iterable[tuple[int, str]], settings: Settings
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Run on an executor: read each local file and run the per-article stages."""
    pipeline = _worker_pipeline(settings)
    for file_number, path in part:
        items = read_inputs([path], defaults=settings.defaults, settings=settings)
        for item_number, result in enumerate(pipeline.pipe(items, batch_size=settings.batch_size)):
            yield from _rows(_key(file_number, item_number), result)


def _is_parquet(path: str) -> bool:
    return path.rstrip("/").lower().endswith(".parquet")


def _extract_records(
    number: int,
    table: str,
    partition: int,
    part: Iterable[dict[str, Any]],
    *,
    settings: Settings,
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Run on an executor: rows of a Parquet table with the JSONL fields (``id``,
    ``text`` or ``html``, ``url``, ``outlet``, ``title``, ``published``, ``language``)."""
    pipeline = _worker_pipeline(settings)
    origin = Origin(table, table.rstrip("/").rsplit("/", 1)[-1], settings.defaults, settings)
    place = f"{partition:0{KEY_WIDTH}d}"
    items: list[RawItem | Failure] = []
    for n, record in enumerate(part):
        source = f"{table}#{partition}:{n}"
        try:
            clean = {k: v for k, v in record.items() if v is not None}
            items.append(record_item(clean, origin, source=source, fallback_id=source))
        except RecordError as error:
            items.append(Failure(source, str(error)))
    for n, result in enumerate(pipeline.pipe(items, batch_size=settings.batch_size)):
        yield from _rows(_key(number, n, place), result)


def _extract_blobs(
    number: int, part: Iterable[tuple[str, bytes]], settings: Settings
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Run on an executor: the files of one object-store input, as Spark read them."""
    pipeline = _worker_pipeline(settings)
    for path, data in part:
        origin = Origin(path, path.rsplit("/", 1)[-1], settings.defaults, settings)
        items = read_stream(io.BytesIO(data), origin, size=len(data))
        for item_number, result in enumerate(pipeline.pipe(items, batch_size=settings.batch_size)):
            yield from _rows(_key(number, item_number, path), result)


def _rows(key: str, result: Article | Failure) -> Iterator[tuple[str, tuple[Any, ...]]]:
    if isinstance(result, Failure):
        yield "failures", (key, result.source, result.problem)
        return
    a = result
    data = json.dumps(a.to_dict(include_raw=True), ensure_ascii=False)
    yield "articles", (key, a.id, a.source, a.url, a.outlet, a.title, a.published, a.language, data)
    for e in a.entities:
        yield "entities", (a.id, e.id, e.name, e.kind, e.country, e.sector)
    for v in a.events:
        what = (v.type, v.mode, v.cameo, v.source, v.target, v.date, v.modality)
        told = [(m.sentence, m.start, m.end, m.trigger) for m in v.mentions]
        evidence = (v.sentence, v.start, v.end, told)
        yield "events", (a.id, v.id, *what, v.attributed_to, v.place, *evidence)


_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("key", "string"), ("id", "string"), ("source", "string"), ("url", "string"),
        ("outlet", "string"), ("title", "string"), ("published", "string"),
        ("language", "string"), ("json", "string"),
    ),
    "entities": (
        ("article_id", "string"), ("id", "string"), ("name", "string"), ("kind", "string"),
        ("country", "string"), ("sector", "string"),
    ),
    "events": (
        ("article_id", "string"), ("id", "string"), ("type", "string"), ("mode", "string"),
        ("cameo", "string"), ("source", "string"), ("target", "string"), ("date", "string"),
        ("modality", "string"), ("attributed_to", "string"), ("place", "string"),
        ("sentence", "string"), ("start", "int"), ("end", "int"), ("mentions", "mentions"),
    ),
    "failures": (("key", "string"), ("source", "string"), ("problem", "string")),
}  # fmt: skip


def _schema(table: str) -> Any:
    from pyspark.sql.types import (
        ArrayType,
        DataType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    types: dict[str, DataType] = {"string": StringType(), "int": IntegerType()}
    # Event.mentions: the later sentences that tell the event again, as in the JSON
    told = [("sentence", "string"), ("start", "int"), ("end", "int"), ("trigger", "string")]
    mention = StructType([StructField(name, types[kind], True) for name, kind in told])
    types["mentions"] = ArrayType(mention, containsNull=False)
    return StructType([StructField(name, types[kind], True) for name, kind in _COLUMNS[table]])


def read_extracted(out_dir: str) -> Iterator[Article | Failure]:
    """The articles and failures of a Spark extraction, in input order.

    Spark writes one part file per partition, and partitions hold consecutive
    inputs, so the part files are read one at a time in name order: memory holds
    one part file, not the corpus. Failures (few) are merged in by key.
    """
    folder = Path(out_dir)
    if not (folder / "articles").is_dir():
        raise CrosswireError("not a crosswire spark-extract output (no articles/)", where=out_dir)
    failures = sorted(_table_rows(folder / "failures"), key=lambda pair: pair[0])
    merged = heapq.merge(_articles_in_order(folder / "articles"), failures, key=lambda p: p[0])
    return (result for _, result in merged)


def _articles_in_order(folder: Path) -> Iterator[tuple[str, Article | Failure]]:
    last = ""
    for part in sorted(folder.glob("*.parquet")):
        rows = sorted(_part_rows(part, "articles"), key=lambda pair: pair[0])
        if rows and rows[0][0] < last:
            raise CrosswireError("part files are not in input order", where=str(part))
        last = rows[-1][0] if rows else last
        yield from rows


def _table_rows(folder: Path) -> Iterator[tuple[str, Article | Failure]]:
    for part in sorted(folder.glob("*.parquet")):
        yield from _part_rows(part, folder.name)


def _part_rows(part: Path, table: str) -> list[tuple[str, Article | Failure]]:
    import pyarrow.parquet as pq

    return [(row["key"], _from_row(table, row)) for row in pq.read_table(part).to_pylist()]


def _from_row(table: str, row: dict[str, Any]) -> Article | Failure:
    if table == "failures":
        return Failure(row["source"], row["problem"])
    return Article.from_dict(json.loads(row["json"]))


def local_session(master: str = "local[*]", *, app_name: str = "crosswire") -> SparkSession:
    """A Spark session on this machine (quiet, loopback only, no UI)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Workers run this interpreter (the one with crosswire installed), not the first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
