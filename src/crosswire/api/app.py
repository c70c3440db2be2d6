"""The FastAPI application: JSON API under ``/api``, web pages elsewhere, docs at ``/docs``.

Every response carries a strict Content-Security-Policy (scripts, styles and
images from this origin only, no inline script, no framing) and
``X-Content-Type-Options: nosniff``: article text is hostile input.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from crosswire.api.database import Database
from crosswire.api.errors import ApiError, install_handlers
from crosswire.api.export_routes import build_export_router
from crosswire.api.ingest import Writer
from crosswire.api.outlets import build_outlet_router
from crosswire.api.routes import build_router
from crosswire.api.settings import ApiSettings
from crosswire.api.story_routes import build_story_router
from crosswire.web import build_router as build_pages
from crosswire.web import build_story_pages, error_page
from crosswire.web.render import render

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)
#: Swagger UI sets inline styles from its own script; only /docs allows them.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _docs_assets() -> Path:
    """Swagger UI's files, shipped by the fastapi-offline package (no CDN)."""
    return Path(str(files("fastapi_offline"))) / "static"


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """The crosswire web service for ``settings`` (default: from the environment)."""
    settings = settings or ApiSettings.from_env()
    app = FastAPI(
        title="crosswire",
        summary="Articles, actors and events from many outlets, as JSON.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
        dependencies=[Depends(refuse_nul)],
    )
    app.state.settings = settings
    app.state.database = Database(settings.db_url)
    app.state.writer = Writer(settings.core)
    install_handlers(app, page=error_page, is_api=_is_api, secure=secure)
    app.middleware("http")(_security_headers)
    static = Path(str(files("crosswire.web"))) / "static"
    app.mount("/static/docs", StaticFiles(directory=_docs_assets()), name="docs-assets")
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        return render(request, "docs.html", openapi_url=app.openapi_url)

    app.include_router(build_router())
    app.include_router(build_story_router())
    app.include_router(build_export_router())
    app.include_router(build_outlet_router())
    app.include_router(build_story_pages())
    app.include_router(build_pages())
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Import the analysis modules before the first request; close the stores at the end."""
    preload(nlp=app.state.settings.core.nlp)
    yield
    app.state.writer.close()
    app.state.database.close()


#: Modules that requests import lazily (comparisons, the NLP stage), and spaCy with them.
PRELOADED = ("crosswire.stories.compare", "crosswire.nlp.framing")


def preload(*, nlp: bool) -> None:
    """Import what requests would import lazily, once, before they run.

    Two request threads importing spaCy's modules for the first time at once can each
    meet the other's half-initialised module (Python breaks the import-lock cycle that
    way) and fail with ImportError: seen under load, a comparison importing the
    framing lexicon while the first ingest loaded the NLP stage.
    """
    for name in (*PRELOADED, *(("crosswire.nlp.stage",) if nlp else ())):
        importlib.import_module(name)


def refuse_nul(request: Request) -> None:
    """Refuse a NUL character in the path or query: no stored text holds one (the store
    writes U+FFFD), and SQLite's LIKE would end the pattern there and match everything."""
    if "\x00" in request.url.path or "%00" in request.url.query.lower():
        raise ApiError(422, "a NUL character (%00) is not allowed in a path or query")


def _is_api(path: str) -> bool:
    """Whether ``path`` answers JSON (errors there are JSON too)."""
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def secure(request: Request, response: Response) -> None:
    """Add the CSP and hardening headers to ``response``."""
    response.headers.update(SECURITY_HEADERS)
    response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path == "/docs" else CSP


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Add the security headers to every response."""
    response = await call_next(request)
    secure(request, response)
    return response
