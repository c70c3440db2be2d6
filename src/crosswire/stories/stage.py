"""The stories stage: every article joins a story as it goes through the pipeline."""

from __future__ import annotations

from typing import ClassVar

from crosswire.config import Settings
from crosswire.models import Article
from crosswire.pipeline import Stage
from crosswire.stories.features import features
from crosswire.stories.index import StoryIndex

#: Longest story title taken from a body when the first article has no title.
TITLE_CHARS = 100


def title_of(article: Article) -> str:
    """The article's title, else the start of its first line (a story needs a name)."""
    if article.title:
        return article.title
    first = article.body.strip().split("\n", 1)[0]
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 3].rstrip() + "..."


class StoryStage(Stage):
    """Set ``story_id`` from text, actors, events and date (see :mod:`crosswire.stories.index`).

    Duplicates and reposts join their original's story. ``index`` is shared with
    whoever persists it (``ingest`` seeds it from the store and writes each
    article's :class:`~crosswire.stories.change.StoryChange`); by default it lives
    in memory for the run.
    """

    name = "crosswire.stories.v1"
    #: Compares each article with the stories of earlier ones: runs in input order, in one
    #: process (the parallel runners keep stages marked so out of their worker pools).
    stateful: ClassVar[bool] = True
    requires: ClassVar[frozenset[str]] = frozenset({"body", "title", "published", "duplicate_of"})
    assigns: ClassVar[frozenset[str]] = frozenset({"story_id"})

    def __init__(self, settings: Settings, index: StoryIndex | None = None) -> None:
        self.index = index or StoryIndex(settings.stories)

    def __call__(self, article: Article) -> Article:
        story = self.index.assign(
            article.id,
            features(article),
            title=title_of(article),
            named=bool(article.title),
            copy_of=article.duplicate_of or article.reposted_from,
        )
        return article.evolve(story_id=story)
