"""The web UI: server-rendered pages over the same service functions as the API.

The events page reads its filters with the API's own :data:`~crosswire.api.filters.EventWhere`,
so it takes every filter ``/api/events`` takes.

Every value from an article goes through Jinja2's autoescaping; no page renders
article HTML, and no page has an inline script (see the CSP in
:mod:`crosswire.api.app`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from crosswire.api import reads
from crosswire.api.auth import COOKIE, matches, require_read, settings_of
from crosswire.api.database import store_of
from crosswire.api.errors import ApiError
from crosswire.api.filters import EventWhere
from crosswire.api.paging import Page, paginate, query_digest
from crosswire.models import ArticleFilter
from crosswire.store import EventFilter, StoryFilter
from crosswire.web.compare import highlight, render_comparison
from crosswire.web.render import render
from crosswire.web.svg import network, timeline, tone

#: Rows of each kind on the search page.
SEARCH_ROWS = 10


def _clean(request: Request, *names: str) -> dict[str, str | None]:
    """The named query parameters, blanks as None (an empty form field means no filter)."""
    return {name: (request.query_params.get(name) or "").strip() or None for name in names}


def _unblank(where: EventFilter) -> EventFilter:
    """``where`` with blank values as None: a form sends its empty fields, meaning no filter."""
    values = {name: (value or "").strip() or None for name, value in asdict(where).items()}
    return EventFilter(**values)


def _page(request: Request, fetch: Any) -> Page[Any]:
    """A page of ``fetch(limit, offset)`` at the request's cursor."""
    filters = {k: v for k, v in request.query_params.items() if k != "cursor" and v}
    return paginate(
        fetch,
        limit=settings_of(request).page_size,
        cursor=request.query_params.get("cursor"),
        digest=query_digest(request.url.path, filters),
    )


def build_router() -> APIRouter:
    """The pages: search, articles, events, actors, and a login form for read tokens."""
    router = APIRouter(include_in_schema=False)
    pages = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
    _search_pages(pages)
    _actor_pages(pages)
    _login(router)
    router.include_router(pages)
    return router


def _search_pages(router: APIRouter) -> None:
    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        q = _clean(request, "q")["q"]
        store = store_of(request)
        found: dict[str, Any] = {"q": q}
        if q:
            found["articles"] = store.articles(ArticleFilter(text=q), limit=SEARCH_ROWS)
            found["actors"] = store.actors(text=q, limit=SEARCH_ROWS)
            found["events"] = store.events(EventFilter(actor=q), limit=SEARCH_ROWS)
        else:
            found["articles"] = store.articles(limit=SEARCH_ROWS)
            found["actors"] = store.actors(limit=SEARCH_ROWS)
            found["events"] = store.events(limit=SEARCH_ROWS)
        found["stories"] = store.stories(StoryFilter(text=q), limit=SEARCH_ROWS)
        found["total"] = store.count()
        return render(request, "home.html", tone=tone, **found)

    @router.get("/articles", response_class=HTMLResponse)
    def articles(request: Request) -> Response:
        form = _clean(request, "q", "outlet", "language", "since", "until")
        where = ArticleFilter(
            form["outlet"], form["language"], form["since"], form["until"], form["q"]
        )
        store = store_of(request)
        page = _page(request, lambda n, at: store.articles(where, limit=n, offset=at))
        total = store.count(where)
        return render(request, "articles.html", form=form, page=page, total=total)

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str) -> Response:
        found = store_of(request).get(article_id)
        names = {entity.id: entity for entity in found.entities}
        pieces = highlight(
            found.body, request.query_params.get("start"), request.query_params.get("end")
        )
        return render(request, "article.html", article=found, pieces=pieces, names=names, tone=tone)

    @router.get("/compare", response_class=HTMLResponse)
    def compare(request: Request) -> Response:
        ids = request.query_params.getlist("ids")
        settings = settings_of(request)
        articles = reads.articles_by_id(ids, store=store_of(request))
        comparison = reads.compare(articles, settings=settings)
        return render_comparison(request, comparison, articles, story=None)

    @router.get("/events", response_class=HTMLResponse)
    def events(request: Request, asked: EventWhere) -> Response:
        where = _unblank(asked)
        form = asdict(where)
        store = store_of(request)
        page = _page(request, lambda n, at: store.events(where, limit=n, offset=at))
        total = store.count_events(where)
        return render(request, "events.html", form=form, page=page, total=total, tone=tone)


def _actor_pages(router: APIRouter) -> None:
    @router.get("/actors", response_class=HTMLResponse)
    def actors(request: Request) -> Response:
        form = _clean(request, "text", "country", "sector", "kind")
        store = store_of(request)
        page = _page(request, lambda n, at: store.actors(limit=n, offset=at, **form))
        return render(request, "actors.html", form=form, page=page)

    @router.get("/actors/{name_or_id}", response_class=HTMLResponse)
    def actor(request: Request, name_or_id: str) -> Response:
        profile = store_of(request).actor(name_or_id)
        events = [("source", row, row.target) for row in profile.as_source]
        events += [("target", row, row.source) for row in profile.as_target]
        events.sort(key=lambda item: item[1].when or "9999")
        return render(
            request,
            "actor.html",
            profile=profile,
            events=events,
            timeline=timeline(profile),
            network=network(profile),
            tone=tone,
        )


def _login(router: APIRouter) -> None:
    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> Response:
        return render(request, "login.html", protected=bool(settings_of(request).read_token))

    @router.post("/login")
    def login(request: Request, token: Annotated[str, Form()]) -> Response:
        settings = settings_of(request)
        if not matches(token, settings.read_token, settings.write_token):
            raise ApiError(403, "wrong token")
        response = RedirectResponse("/", status_code=303)
        secure = request.url.scheme == "https"
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure)
        return response
