"""The JSON API under ``/api``: thin routes over the library the CLI uses.

Reads list articles, events and actors (filters as in the CLI, cursor
pagination) and fetch one of each, through the app's long-lived
:class:`~crosswire.store.Store` (the methods :mod:`crosswire.service` calls);
writes ingest articles through the app's :class:`~crosswire.api.ingest.Writer`. Every error is a 4xx
(or 503 for a failing database) with ``{"error": message}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from crosswire.api import reads
from crosswire.api.auth import guarded_router, settings_of
from crosswire.api.database import store_of
from crosswire.api.errors import ApiError
from crosswire.api.filters import EventWhere, Since, Until
from crosswire.api.ingest import Submission, Writer, ingest_jsonl, ingest_record
from crosswire.api.paging import Page, paginate, query_digest
from crosswire.api.shapes import actor_json, event_json, profile_json
from crosswire.api.uploads import read_body
from crosswire.models import ArticleFilter

Limit = Annotated[int | None, Query(ge=1, description="Items per page (default 20, at most 200).")]
Cursor = Annotated[str | None, Query(description="The next_cursor of the previous page.")]

T = TypeVar("T")


class PageOut(BaseModel):
    """A page of results: ``items``, ``next_cursor`` (null on the last page), ``total``."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    total: int | None = None


class ArticleIn(BaseModel):
    """One article, as a line of JSONL input: ``text`` or ``html``, and optional metadata."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None


class SubmissionOut(BaseModel):
    """What an ingest did: counts, article ids in input order, failures by line."""

    added: int
    unchanged: int
    duplicates: int
    ids: list[str]
    failures: list[dict[str, Any]]


def _limit(request: Request, limit: int | None) -> int:
    settings = settings_of(request)
    return min(limit or settings.page_size, settings.max_page_size)


def _page(
    request: Request, fetch: Callable[[int, int], list[T]], limit: int | None, cursor: str | None
) -> Page[T]:
    """The page of ``fetch(limit, offset)`` that ``cursor`` names; cursors are bound to
    this path and its filters (a cursor of other filters is refused)."""
    filters = {k: v for k, v in request.query_params.items() if k not in ("cursor", "limit")}
    digest = query_digest(request.url.path, filters)
    return paginate(fetch, limit=_limit(request, limit), cursor=cursor, digest=digest)


def build_router() -> APIRouter:
    """The ``/api`` routes."""
    return guarded_router(_read_routes, _write_routes)


def _read_routes(router: APIRouter) -> None:
    @router.get("/health")
    def health(request: Request) -> dict[str, Any]:
        """Whether the service answers and its database opens; how many articles it holds."""
        return {"ok": True, "articles": store_of(request).count()}

    @router.get("/articles", response_model=PageOut)
    def list_articles(
        request: Request,
        outlet: str | None = None,
        language: str | None = None,
        since: Since = None,
        until: Until = None,
        q: Annotated[str | None, Query(description="Text in the title or body.")] = None,
        duplicates: Annotated[
            bool | None, Query(description="true: only duplicates/reposts; false: originals.")
        ] = None,
        limit: Limit = None,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Stored articles, newest first (docs/schema.md shape, without ``raw``)."""
        store = store_of(request)
        where = ArticleFilter(outlet, language, since, until, q or None, duplicates)
        page = _page(
            request, lambda n, at: store.articles(where, limit=n, offset=at), limit, cursor
        )
        items = [article.to_dict() for article in page.items]
        return {
            "items": items,
            "next_cursor": page.next_cursor,
            "total": store.count(where),
        }

    @router.get("/articles/{article_id}")
    def get_article(
        request: Request,
        article_id: str,
        raw: Annotated[bool, Query(description="Include the input as given.")] = False,
    ) -> dict[str, Any]:
        """One article by id or unique id prefix (4+ characters)."""
        article = store_of(request).get(article_id)
        return article.to_dict(include_raw=raw)

    @router.get("/events", response_model=PageOut)
    def list_events(
        request: Request,
        where: EventWhere,
        limit: Limit = None,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Stored events, newest first (by event date, else article date)."""
        store = store_of(request)
        page = _page(request, lambda n, at: store.events(where, limit=n, offset=at), limit, cursor)
        items = [event_json(row) for row in page.items]
        total = store.count_events(where)
        return {"items": items, "next_cursor": page.next_cursor, "total": total}

    @router.get("/actors", response_model=PageOut)
    def list_actors(
        request: Request,
        text: Annotated[str | None, Query(description="Part of a name or alias, or an id.")] = None,
        country: str | None = None,
        sector: str | None = None,
        kind: str | None = None,
        limit: Limit = None,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Stored actors, most often named first, with counts and first/last seen dates."""
        store = store_of(request)
        page = _page(
            request,
            lambda n, at: store.actors(
                text=text, country=country, sector=sector, kind=kind, limit=n, offset=at
            ),
            limit,
            cursor,
        )
        return {"items": [actor_json(a) for a in page.items], "next_cursor": page.next_cursor}

    @router.get("/compare")
    def compare(
        request: Request,
        ids: Annotated[list[str], Query(description="Article ids (repeat, or comma-separated).")],
    ) -> dict[str, Any]:
        """How the outlets of these articles report them: claim matrix, sources, framing."""
        articles = reads.articles_by_id(ids, store=store_of(request))
        return reads.compare(articles, settings=settings_of(request)).to_dict()

    @router.get("/actors/{name_or_id}")
    def get_actor(request: Request, name_or_id: str) -> dict[str, Any]:
        """Everything stored about one actor: coding, roles, articles, events over time."""
        return profile_json(store_of(request).actor(name_or_id))


def _write_routes(router: APIRouter) -> None:
    @router.post("/articles", response_model=SubmissionOut, status_code=201)
    def submit_article(request: Request, article: ArticleIn) -> JSONResponse:
        """Ingest one article (201 if stored now, 200 if already stored, 422 if refused)."""
        record = article.model_dump(exclude_none=True)
        submission = ingest_record(record, writer=_writer(request))
        if submission.failures:
            raise ApiError(422, submission.failures[0]["problem"])
        return JSONResponse(submission.to_dict(), status_code=201 if submission.added else 200)

    @router.post(
        "/articles/batch",
        response_model=SubmissionOut,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {"file": {"type": "string", "format": "binary"}},
                        }
                    },
                },
            }
        },
    )
    async def submit_batch(request: Request) -> dict[str, Any]:
        """Ingest a JSONL upload (raw body, or a multipart ``file``); bad lines are reported."""
        data = await read_body(request, limit=settings_of(request).max_upload_bytes)
        submission: Submission = await _in_thread(request, data)
        return submission.to_dict()


async def _in_thread(request: Request, data: bytes) -> Submission:
    """Run the (blocking) ingest in a worker thread."""
    return await run_in_threadpool(ingest_jsonl, data, writer=_writer(request))


def _writer(request: Request) -> Writer:
    writer: Writer = request.app.state.writer
    return writer
