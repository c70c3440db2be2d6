"""Small hand-built articles for the store tests."""

from __future__ import annotations

from typing import Any

from crosswire.models import Article, Dropped, Mention, content_id


def make_article(body: str = "Gerasimov spoke to Liu.", **fields: Any) -> Article:
    """An article with ``body``; its id derives from the body unless given."""
    values: dict[str, Any] = {
        "id": content_id("text", None, body),
        "input_id": "input.txt",
        "source": "input.txt",
        "raw_kind": "text",
        "raw": f"Advertisement\n{body}\n",
        "body": body,
        "stages": ("crosswire.clean.v1",),
    }
    values.update(fields)
    return Article(**values)


def full_article() -> Article:
    """An article with every field set, dropped lines and mentions."""
    body = "Gerasimov spoke to Liu about the exercise."
    return make_article(
        body,
        url="https://example.org/a?x=1&y='2'",
        outlet="Example Times",
        title="Generals talk",
        author="A. Writer",
        published="2023-06-20T10:00:00+00:00",
        language="en",
        content_hash="f" * 64,
        duplicate_of=None,
        reposted_from="0123456789abcdef",
        original_outlet="Global Times",
        repost_evidence="quotes the Global Times",
        dropped=(Dropped("Advertisement", "boilerplate"), Dropped("Source :", "footer")),
        mentions=(Mention("Gerasimov", "PERSON", 0, 9), Mention("Liu", "PERSON", 19, 22)),
        stages=("crosswire.clean.v1", "crosswire.entities.v1"),
    )
