"""The app's long-lived writer: concurrent posts, and articles other processes store."""

from __future__ import annotations

import io
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import func, select

from crosswire import service
from crosswire.config import Settings
from crosswire.store import Store
from crosswire.store.schema import articles
from tests.api.conftest import WRITE_TOKEN, make_client

AUTH = {"Authorization": f"Bearer {WRITE_TOKEN}"}


def _article(n: int) -> dict[str, str]:
    return {
        "id": f"w{n}",
        "text": f"The water board of Mirevale approved a reservoir survey numbered {n}. "
        f"Officials said {n * 7} engineers from Quessa would start work in {n % 12 + 1} weeks.",
        "outlet": "Mirevale Ledger",
    }


def _rows(url: str) -> dict[str, int]:
    with Store.open(url) as store, store.engine.connect() as conn:
        query = select(articles.c.input_id, func.count()).group_by(articles.c.input_id)
        return {str(row[0]): int(row[1]) for row in conn.execute(query)}


def test_concurrent_posts_store_each_article_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    client = make_client(url, write_token=WRITE_TOKEN)
    # Every article is posted by two threads at once.
    work = [n for n in range(12) for _ in range(2)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda n: client.post("/api/articles", json=_article(n), headers=AUTH), work)
        )
    assert all(a.status_code in (200, 201) for a in answers), [a.text for a in answers]
    assert sum(a.json()["added"] for a in answers) == 12
    ids = {n: a.json()["ids"][0] for n, a in zip(work, answers, strict=True)}
    assert len(set(ids.values())) == 12
    assert _rows(url) == {f"w{n}": 1 for n in range(12)}


def test_an_article_another_process_stored_is_not_stored_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'o.db'}"
    client = make_client(url, write_token=WRITE_TOKEN)
    assert client.post("/api/articles", json=_article(1), headers=AUTH).status_code == 201
    # Another process (here: the library with its own store) ingests after the
    # server's writer was made, as `crosswire ingest -` would.
    line = (json.dumps(_article(2)) + "\n").encode()
    report = service.ingest(["-"], settings=Settings(db_url=url, nlp=False), stdin=io.BytesIO(line))
    assert report.added == 1
    again = client.post("/api/articles", json=_article(2), headers=AUTH)
    assert again.status_code == 200 and again.json()["unchanged"] == 1, again.text
    assert _rows(url) == {"w1": 1, "w2": 1}
    listed = client.get("/api/articles", params={"outlet": "mirevale ledger"}).json()
    assert listed["total"] == 2
