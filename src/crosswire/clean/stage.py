"""The cleaning stage: body and metadata from the raw input, by input kind."""

from __future__ import annotations

from typing import ClassVar

from crosswire.clean.html import clean_html
from crosswire.clean.lines import clean_text
from crosswire.clean.result import Cleaned
from crosswire.config import InputDefaults, Settings
from crosswire.errors import NoArticleError
from crosswire.models import Article
from crosswire.pipeline import Stage

_METADATA = ("title", "author", "outlet", "published", "language")


def _merge_metadata(article: Article, cleaned: Cleaned, defaults: InputDefaults) -> dict[str, str]:
    """Metadata the input declared wins; then what the page says; then the user's defaults."""
    merged: dict[str, str] = {}
    fallback = {"outlet": defaults.outlet, "published": defaults.published, "url": defaults.url}
    for name in (*_METADATA, "url"):
        value = getattr(article, name) or getattr(cleaned, name, None) or fallback.get(name)
        if value:
            merged[name] = value
    return merged


class CleanStage(Stage):
    """Turn ``raw`` into ``body`` and ``dropped``; fill metadata the input did not declare."""

    name = "crosswire.clean.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"raw", "raw_kind"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"body", "dropped", "title", "author", "outlet", "published", "url"}
    )

    def __init__(self, settings: Settings) -> None:
        self.defaults = settings.defaults

    def __call__(self, article: Article) -> Article:
        if article.raw_kind == "html":
            cleaned = clean_html(article.raw, url=article.url)
        else:
            cleaned = clean_text(article.raw)
        if not cleaned.body.strip():
            reason = "HTML page" if article.raw_kind == "html" else "text"
            raise NoArticleError(
                f"{reason} holds no article body ({len(cleaned.dropped)} "
                "blocks, all page furniture)",
                where=article.source,
            )
        return article.evolve(
            body=cleaned.body,
            dropped=cleaned.dropped,
            **_merge_metadata(article, cleaned, self.defaults),
        )
