"""The comparison page: outlets side by side, the claim matrix, attribution and framing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import Response

from crosswire.models import Article, Entity
from crosswire.web.render import render

if TYPE_CHECKING:
    from crosswire.stories.compare import Comparison


def highlight(body: str, start: str | None, end: str | None) -> tuple[str, str, str]:
    """``body`` cut as (before, highlighted, after) at the offsets given, if they are valid."""
    if start is None or end is None or not start.isdigit() or not end.isdigit():
        return body, "", ""
    first, last = int(start), int(end)
    if not 0 <= first < last <= len(body):
        return body, "", ""
    return body[:first], body[first:last], body[last:]


#: Kinds of entity listed as the actors of a comparison (places and things are not).
ACTOR_KINDS = frozenset({"PERSON", "STATE", "ORG", "GROUP"})


def actors_of(articles: Sequence[Article]) -> list[Entity]:
    """The actors the articles name, most often named first (by articles), then by name."""
    seen: dict[str, Entity] = {}
    counts: Counter[str] = Counter()
    for article in articles:
        for entity in article.entities:
            if entity.kind in ACTOR_KINDS:
                seen.setdefault(entity.id, entity)
                counts[entity.id] += 1
    return sorted(seen.values(), key=lambda e: (-counts[e.id], e.name))


def render_comparison(
    request: Request, comparison: Comparison, articles: Sequence[Article], *, story: Any
) -> Response:
    """The comparison page of ``articles`` (of ``story``, when they are one)."""
    from crosswire.stories import report

    return render(
        request,
        "compare.html",
        comparison=comparison,
        articles={article.id: article for article in articles},
        story=story,
        actors=actors_of(articles),
        marks=report.MARKS,
        legend=report.LEGEND,
        summary=report.summary(comparison),
        profile_text=report.profile_text,
        repost_text=report.repost_text,
        framing_lines=report.framing_lines,
    )
