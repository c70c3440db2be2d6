"""Small hand-built articles for unit tests across the package."""

from __future__ import annotations

from typing import Any

from crosswire.models import Article, content_id


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
