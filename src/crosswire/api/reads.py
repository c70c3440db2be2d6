"""Reads the service module has no form of yet: articles by ids, comparisons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from crosswire.api.errors import ApiError
from crosswire.api.settings import ApiSettings
from crosswire.models import Article
from crosswire.store import Store

if TYPE_CHECKING:
    from crosswire.stories.compare import Comparison


#: Most articles one comparison may take (it reads each whole).
MAX_COMPARED = 50


def articles_by_id(ids: Sequence[str], *, store: Store) -> list[Article]:
    """The articles ``ids`` name (ids or unique prefixes), in order, without repeats."""
    wanted = list(dict.fromkeys(i.strip() for part in ids for i in part.split(",") if i.strip()))
    if not wanted:
        raise ApiError(422, "name the articles to compare: ids=ID&ids=ID (or ids=ID,ID)")
    if len(wanted) > MAX_COMPARED:
        raise ApiError(422, f"at most {MAX_COMPARED} articles can be compared at once")
    return [store.get(article_id) for article_id in wanted]


def compare(articles: Sequence[Article], *, settings: ApiSettings) -> Comparison:
    """How the outlets of ``articles`` report them: claims, sources, framing, reposts;
    outlet profiles as the API serves them (the user's table as it is now)."""
    from crosswire.api.outlets import profiles_for
    from crosswire.stories.compare import compare_articles

    return compare_articles(articles, profiles=profiles_for(settings))
