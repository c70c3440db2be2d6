"""Event views list the later sentences that tell an event again, as escaped text."""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from crosswire.models import EventMention
from crosswire.store import Store
from tests.api.conftest import make_client
from tests.store.factory import GERASIMOV, full_article, make_article

HOSTILE = "Gerasimov <script>alert(1)</script> & Liu spoke <b>again</b>."


def test_pages_show_where_an_event_was_told_again(tmp_path: Path) -> None:
    base = full_article()
    first = base.events[0]
    body = f"{first.sentence} {HOSTILE}"
    later = EventMention(HOSTILE, body.index(HOSTILE), len(body), "spoke")
    event = replace(first, mentions=(later,))
    article = make_article(
        body, entities=base.entities, events=(event, base.events[1]), published="2023-06-20"
    )
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Store.open(url) as store:
        store.add(article)
    with make_client(url) as client:
        pages = ["/events", f"/articles/{article.id}", f"/actors/{GERASIMOV.id}"]
        for path in pages:
            page = client.get(path)
            assert page.status_code == 200, path
            assert f"also told in: {html.escape(HOSTILE)}" in page.text, path
            assert "<script>alert" not in page.text and "<b>again" not in page.text, path
        once = client.get("/events", params={"type": "COOPERATE"}).text
        assert base.events[1].sentence in once and "also told in" not in once
