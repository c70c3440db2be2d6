"""Errors as HTTP answers: one JSON object with a clear message, never a traceback.

:class:`ApiError` carries a status and a message. The handlers installed by
:func:`install_handlers` turn it, crosswire's own errors, request validation
errors and any unexpected exception into ``{"error": message}`` (API paths) or
an error page (web paths).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosswire.errors import CrosswireError, InputError, NotFoundError, StoreError

logger = logging.getLogger(__name__)

#: Renders an error as a web page: (request, status, message) -> response.
PageRenderer = Callable[[Request, int, str], Response]


class ApiError(Exception):
    """An answer other than success: HTTP ``status`` and a message for the client."""

    def __init__(
        self, status: int, message: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def status_of(error: CrosswireError) -> int:
    """The HTTP status for one of crosswire's errors."""
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, StoreError) and isinstance(error.__cause__, SQLAlchemyError | OSError):
        return 503  # the database itself failed, not the request
    if isinstance(error, InputError):
        return 422
    return 400


def _validation_message(error: RequestValidationError) -> str:
    """One line naming each invalid field and why."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def install_handlers(
    app: FastAPI,
    *,
    page: PageRenderer,
    is_api: Callable[[str], bool],
    secure: Callable[[Request, Response], None],
) -> None:
    """Answer every error as JSON on API paths and as a page elsewhere.

    ``secure`` adds the security headers: a 500 is answered outside the middleware.
    """

    def answer(request: Request, status: int, message: str, headers: Mapping[str, str]) -> Response:
        if is_api(request.url.path):
            response: Response = JSONResponse({"error": message}, status_code=status)
        else:
            response = page(request, status, message)
        response.headers.update(headers)
        secure(request, response)
        return response

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return answer(request, exc.status, exc.message, exc.headers)

    async def on_crosswire(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CrosswireError)
        status = status_of(exc)
        message = "the database is unavailable" if status == 503 else exc.message
        if status == 503:
            logger.error("database error: %s", exc)
        return answer(request, status, message, {})

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return answer(request, 422, _validation_message(exc), {})

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return answer(request, exc.status_code, message, dict(exc.headers or {}))

    async def on_bug(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return answer(request, 500, "internal error (logged on the server)", {})

    handlers: dict[Any, Any] = {
        ApiError: on_api_error,
        CrosswireError: on_crosswire,
        RequestValidationError: on_validation,
        StarletteHTTPException: on_http,
        Exception: on_bug,
    }
    for kind, handler in handlers.items():
        app.add_exception_handler(kind, handler)
