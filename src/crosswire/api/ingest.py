"""Ingest articles sent over HTTP, through the same :func:`crosswire.service.ingest`.

The request body is JSONL (one article object a line, as ``crosswire ingest``
reads); it is handed to the service as an in-memory stdin stream. Ingests are
serialised by a lock: the dedup index is seeded from the store at the start of
each ingest, so two at once would not see each other's articles.
"""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from crosswire import service
from crosswire.config import Settings
from crosswire.errors import InputError
from crosswire.models import Article, Failure, RawItem

_STDIN = "-"


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


def ingest_jsonl(data: bytes, *, settings: Settings, lock: threading.Lock) -> Submission:
    """Ingest the articles of a JSONL body; bad lines are reported and the rest stored."""
    check_jsonl(data)
    submission = Submission()

    def seen(result: Article | Failure | RawItem) -> None:
        if isinstance(result, Failure):
            submission.failures.append(_failure(result))
        else:
            submission.ids.append(result.id)

    with lock:
        report = service.ingest([_STDIN], settings=settings, stdin=io.BytesIO(data), progress=seen)
    submission.added = report.added
    submission.unchanged = report.unchanged
    submission.duplicates = report.duplicates
    return submission


def ingest_record(
    record: dict[str, Any], *, settings: Settings, lock: threading.Lock
) -> Submission:
    """Ingest one article given as a JSON object (the fields of a JSONL line)."""
    line = json.dumps(record, ensure_ascii=False).encode() + b"\n"
    return ingest_jsonl(line, settings=settings, lock=lock)


def _failure(failure: Failure) -> dict[str, Any]:
    """A failure as JSON, naming the body's line rather than stdin."""
    source, _, line = failure.source.partition(":")
    if source == _STDIN and line.isdigit():
        return {"line": int(line), "problem": failure.problem}
    return {"line": None, "problem": failure.problem}
