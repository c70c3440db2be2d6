"""Stories over JSON: list, one story with its articles, its comparison; merge and split.

Thin routes over the app's long-lived store: reads (``stories``, ``story``, as
:mod:`crosswire.service` calls them) and edits (``merge_stories``, ``split_story``
with the settings' story options, as :func:`~crosswire.service.merge_stories` and
:func:`~crosswire.service.split_story` call them, with no ingest in between); the
comparison is :func:`crosswire.stories.compare.compare_articles` of its articles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from crosswire.api import reads
from crosswire.api.auth import guarded_router, settings_of
from crosswire.api.database import store_of
from crosswire.api.paging import paginate, query_digest
from crosswire.config import StoryOptions
from crosswire.store import Store, StoryDetail, StoryFilter
from crosswire.stories import manual


class MergeIn(BaseModel):
    """The story to fold into this one."""

    other: str = Field(min_length=1, description="Id (or unique prefix) of the story merged in.")


class SplitIn(BaseModel):
    """The articles to move out of the story into a new one."""

    article_ids: list[str] = Field(min_length=1, description="Ids (or prefixes) of its articles.")


def detail_json(detail: StoryDetail) -> dict[str, Any]:
    """A story, its articles (docs/schema.md shape) and how each joined it."""
    return {
        "story": detail.story.to_dict(),
        "articles": [article.to_dict() for article in detail.articles],
        "how": dict(detail.how),
    }


def build_story_router() -> APIRouter:
    """The ``/api/stories`` routes."""
    return guarded_router(_reads, _writes)


def _reads(router: APIRouter) -> None:
    @router.get("/stories")
    def list_stories(
        request: Request,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: Annotated[
            str | None, Query(description="Text in the story's or an article's title.")
        ] = None,
        limit: Annotated[
            int | None, Query(ge=1, description="Items per page (at most 200).")
        ] = None,
        cursor: Annotated[
            str | None, Query(description="next_cursor of the previous page.")
        ] = None,
    ) -> dict[str, Any]:
        """Stories, latest first, each with its article ids and outlets."""
        settings = settings_of(request)
        where = StoryFilter(outlet=outlet, since=since, until=until, text=q or None)
        filters = {k: v for k, v in request.query_params.items() if k not in ("cursor", "limit")}
        page = paginate(
            lambda n, at: store_of(request).stories(where, limit=n, offset=at),
            limit=min(limit or settings.page_size, settings.max_page_size),
            cursor=cursor,
            digest=query_digest(request.url.path, filters),
        )
        return {
            "items": [story.to_dict() for story in page.items],
            "next_cursor": page.next_cursor,
            "total": store_of(request).count_stories(where),
        }

    @router.get("/stories/{story_id}")
    def get_story(request: Request, story_id: str) -> dict[str, Any]:
        """One story (id or unique prefix) with its articles, oldest first."""
        return detail_json(store_of(request).story(story_id))

    @router.get("/stories/{story_id}/compare")
    def compare_story(request: Request, story_id: str) -> dict[str, Any]:
        """How the story's outlets report it: outlets, claim matrix, sources, framing."""
        detail = store_of(request).story(story_id)
        return reads.compare(detail.articles, settings=settings_of(request)).to_dict()


def _writes(router: APIRouter) -> None:
    @router.post("/stories/{story_id}/merge")
    def merge(request: Request, story_id: str, body: MergeIn) -> dict[str, Any]:
        """Fold story ``other`` into this one; later articles like either join this one."""
        return _edit(
            request,
            lambda store, options: store.merge_stories(
                story_id, body.other, combine=manual.combine(options)
            ),
        )

    @router.post("/stories/{story_id}/split")
    def split(request: Request, story_id: str, body: SplitIn) -> dict[str, Any]:
        """Move these articles out of the story into a new one; answers the new story."""
        return _edit(
            request,
            lambda store, options: store.split_story(
                story_id, body.article_ids, rebuild=manual.rebuild(options)
            ),
        )


def _edit(request: Request, change: Callable[[Store, StoryOptions], StoryDetail]) -> dict[str, Any]:
    """Run ``change`` on the app's store with no ingest in between (the writer then seeds
    its indexes again); the story it answers, as JSON."""
    store = store_of(request)
    options = settings_of(request).core.stories
    detail = request.app.state.writer.edit(lambda: change(store, options))
    return detail_json(detail)
