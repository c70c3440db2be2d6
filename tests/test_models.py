"""The data objects: content-derived ids and the JSON round trip."""

from __future__ import annotations

import json

from crosswire.models import (
    SCHEMA_VERSION,
    Article,
    Dropped,
    Event,
    EventMention,
    Mention,
    RawItem,
    content_id,
)


def test_ids_derive_from_content_only() -> None:
    a = RawItem(source="a.txt", input_id="a.txt", content="Same text.", kind="text")
    b = RawItem(source="elsewhere/b.txt", input_id="b.txt", content="Same text.", kind="text")
    c = RawItem(source="a.txt", input_id="a.txt", content="Other text.", kind="text")
    assert a.id == b.id != c.id
    assert len(a.id) == 16
    assert content_id("ab", "c") != content_id("a", "bc")


def test_to_dict_round_trip_keeps_every_field() -> None:
    article = Article(
        id="0123456789abcdef",
        input_id="x",
        source="x.txt",
        raw_kind="text",
        raw="raw",
        title="T",
        body="Body text.",
        dropped=(Dropped("Advertisement", "advertisement"),),
        mentions=(Mention("Body", "ORG", 0, 4),),
        events=(
            Event("e", "CONSULT", "Body", 0, 4, mentions=(EventMention("text.", 5, 10, "text"),)),
        ),
        stages=("crosswire.clean.v1",),
    )
    data = article.to_dict()
    assert "raw" not in data and data["schema_version"] == SCHEMA_VERSION
    assert data["dropped"] == [{"text": "Advertisement", "reason": "advertisement"}]
    assert Article.from_dict(article.to_dict(include_raw=True)) == article
    assert Article.from_dict({**data, "field_from_the_future": 1}).raw == ""

    told_again = json.loads(json.dumps(data))["events"][0]
    assert told_again["mentions"] == [
        {"sentence": "text.", "start": 5, "end": 10, "trigger": "text"}
    ]


def test_events_written_before_mentions_read_as_told_once() -> None:
    old = {"id": "e", "type": "CONSULT", "sentence": "Body", "start": 0, "end": 4}
    data = {"id": "0" * 16, "input_id": "x", "source": "x", "raw_kind": "text", "events": [old]}
    (event,) = Article.from_dict(data).events
    assert event.mentions == () and event.to_dict()["mentions"] == []
    assert Event.from_dict({**old, "field_from_the_future": 1}) == event
