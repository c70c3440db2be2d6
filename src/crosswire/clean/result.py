"""What a body extractor returns, whatever the input kind."""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.models import Dropped


@dataclass(frozen=True)
class Cleaned:
    """The article body found in one input, its metadata, and everything left out.

    ``body`` is the article text in reading order, paragraphs separated by a blank
    line. ``dropped`` holds every piece of the input that is not in the body, each
    with the reason it was dropped. Metadata is ``None`` when the input does not
    tell it (never invented).
    """

    body: str
    dropped: tuple[Dropped, ...] = ()
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
