"""Ingest articles sent over HTTP through one long-lived :class:`~crosswire.ingester.Ingester`.

The app keeps one :class:`Writer`: on the first write it opens the store and seeds
the dedup and story indexes from it, once; later requests reuse them (re-seeding
on every request would read every fingerprint and story of the database each
time). Request bodies are read with the same readers as ``crosswire ingest -``
(:func:`~crosswire.ingest.files.read_stream`, :func:`~crosswire.ingest.jsonl.record_item`),
so a bad line is one failure and the lines around it are stored.

Writes are serialised by the writer's lock: the indexes are shared state, and
each article must be compared with the ones stored before it. Articles stored by
other processes are seen by the store (``has`` reads the database, ``add`` is
idempotent), though not by this writer's indexes until the app restarts.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from crosswire.config import Settings
from crosswire.errors import InputError, StoreError
from crosswire.ingest.files import read_stream
from crosswire.ingest.items import Origin
from crosswire.ingest.jsonl import RecordError, record_item
from crosswire.ingester import Ingester
from crosswire.models import Article, Failure, RawItem
from crosswire.store import Store

#: The body is read as ``crosswire ingest -`` reads stdin, so ids match the CLI's.
_STDIN = "-"

T = TypeVar("T")


@dataclass
class Submission:
    """What an ingest over HTTP did: counts, article ids in input order, failures by line."""

    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    ids: list[str] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "ids": list(self.ids),
            "failures": list(self.failures),
        }


class Writer:
    """The app's one ingester, made on the first write (one process worker: the server
    itself runs requests in threads)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = replace(settings, workers=1)
        self._lock = threading.Lock()
        self._ingester: Ingester | None = None

    def submit(self, items: Iterable[RawItem | Failure]) -> Submission:
        """Store ``items`` in order; every failure is reported by its line."""
        submission = Submission()

        def seen(result: Article | Failure | RawItem) -> None:
            if isinstance(result, Failure):
                submission.failures.append(_failure(result))
            else:
                submission.ids.append(result.id)

        with self._lock:
            try:
                report = self._open().ingest(items, progress=seen)
            except StoreError:
                # The indexes may hold articles whose transaction failed: seed them again.
                self._drop()
                raise
        submission.added = report.added
        submission.unchanged = report.unchanged
        submission.duplicates = report.duplicates
        return submission

    def edit(self, change: Callable[[], T]) -> T:
        """Run ``change`` (a story merge or split) with no ingest in between, then drop the
        indexes: the next write seeds them again from the edited store."""
        with self._lock:
            try:
                return change()
            finally:
                self._drop()

    def close(self) -> None:
        """Close the store (a later write opens it again)."""
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._ingester is not None:
            self._ingester.store.close()
            self._ingester = None

    def _open(self) -> Ingester:
        if self._ingester is None:
            store = Store.with_settings(self.settings)
            try:
                self._ingester = Ingester(store, self.settings)
            except BaseException:
                store.close()
                raise
        return self._ingester


def check_jsonl(data: bytes) -> None:
    """Raise :class:`InputError` unless ``data`` starts like JSONL (a JSON object on line 1).

    Without this, the format sniffer would read any other body as one plain-text article.
    """
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            first = json.loads(line)
        except (ValueError, RecursionError):
            raise InputError(f"line {number}: not JSON; send one JSON object a line") from None
        if not isinstance(first, dict):
            raise InputError(f"line {number}: expected a JSON object a line (JSONL)")
        return
    raise InputError("empty body: send one JSON article object a line")


def ingest_jsonl(data: bytes, *, writer: Writer) -> Submission:
    """Ingest the articles of a JSONL body; bad lines are reported and the rest stored."""
    check_jsonl(data)
    return writer.submit(read_stream(io.BytesIO(data), _origin(writer.settings)))


def ingest_record(record: dict[str, Any], *, writer: Writer) -> Submission:
    """Ingest one article given as a JSON object (the fields of a JSONL line).

    Raises :class:`InputError` when the object is not an article (no text, a wrong type).
    """
    source = f"{_STDIN}:1"  # as line 1 of a JSONL body: the same id as a batch of one
    origin = _origin(writer.settings)
    try:
        item = record_item(record, origin, source=source, fallback_id=source)
    except RecordError as error:
        raise InputError(str(error)) from None
    return writer.submit([item])


def _origin(settings: Settings) -> Origin:
    return Origin(_STDIN, _STDIN, settings=settings)


def _failure(failure: Failure) -> dict[str, Any]:
    """A failure as JSON, naming the body's line rather than stdin."""
    source, _, line = failure.source.partition(":")
    if source == _STDIN and line.isdigit():
        return {"line": int(line), "problem": failure.problem}
    return {"line": None, "problem": failure.problem}
