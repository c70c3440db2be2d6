"""API tests: a TestClient over a real SQLite store of the samples and examples."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from crosswire.api import ApiSettings, create_app
from crosswire.config import Settings
from tests.api.corpus import corpus_db

WRITE_TOKEN = "write-secret-for-tests"
READ_TOKEN = "read-secret-for-tests"


@pytest.fixture(scope="session")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of the shared corpus database (read-only for tests)."""
    return f"sqlite:///{corpus_db(tmp_path_factory)}"


@pytest.fixture(scope="session")
def client(corpus_url: str) -> Iterator[TestClient]:
    """Open reads, no write token: the default configuration."""
    app = create_app(ApiSettings(core=Settings(db_url=corpus_url)))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def make_client(db_url: str, **settings: object) -> TestClient:
    """A client over ``db_url`` with ``settings`` (tokens, limits); ingests skip NLP."""
    core = Settings(db_url=db_url, nlp=False)
    app = create_app(ApiSettings(core=core, **settings))  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False)
