"""A real SQLite store filled from the project's samples and the two example articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosswire import service
from crosswire.config import InputDefaults, Settings
from tests.conftest import EXAMPLES, SAMPLES

#: The examples carry no date; EXPECTED.md dates them with --published 2023-06-11.
EXAMPLES_PUBLISHED = "2023-06-11"


def corpus_db(factory: pytest.TempPathFactory) -> Path:
    """The corpus database, built once per test session (with NLP) and reused read-only."""
    path = factory.getbasetemp() / "crosswire-corpus.db"
    if path.exists():
        return path
    url = f"sqlite:///{path}"
    report = service.ingest([str(SAMPLES)], settings=Settings(db_url=url))
    assert report.ok, report.failures
    if EXAMPLES.is_dir():
        defaults = InputDefaults(published=EXAMPLES_PUBLISHED)
        report = service.ingest([str(EXAMPLES)], settings=Settings(db_url=url, defaults=defaults))
        assert report.ok, report.failures
    return path


def copy_of_corpus(factory: pytest.TempPathFactory, name: str) -> str:
    """A database URL of a private copy of the corpus, for tests that write."""
    target = factory.mktemp(name) / "crosswire.db"
    shutil.copyfile(corpus_db(factory), target)
    return f"sqlite:///{target}"
