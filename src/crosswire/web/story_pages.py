"""Story pages: the list of stories and one story with its outlets side by side."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from crosswire.api import reads
from crosswire.api.auth import require_read, settings_of
from crosswire.api.database import store_of
from crosswire.api.paging import paginate, query_digest
from crosswire.store import StoryFilter
from crosswire.web.compare import render_comparison
from crosswire.web.render import render


def build_story_pages() -> APIRouter:
    """``/stories`` and ``/stories/{id}``."""
    router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

    @router.get("/stories", response_class=HTMLResponse)
    def stories(request: Request) -> Response:
        form = {
            name: (request.query_params.get(name) or "").strip() or None
            for name in ("q", "outlet", "since", "until")
        }
        where = StoryFilter(form["outlet"], form["since"], form["until"], text=form["q"])
        settings = settings_of(request)
        filters = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
        page = paginate(
            lambda n, at: store_of(request).stories(where, limit=n, offset=at),
            limit=settings.page_size,
            cursor=request.query_params.get("cursor"),
            digest=query_digest(request.url.path, filters),
        )
        total = store_of(request).count_stories(where)
        return render(request, "stories.html", form=form, page=page, total=total)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    def story(request: Request, story_id: str) -> Response:
        detail = store_of(request).story(story_id)
        comparison = reads.compare(detail.articles, settings=settings_of(request))
        return render_comparison(request, comparison, detail.articles, story=detail)

    return router
