"""Bearer tokens: writes always need one; reads only when a read token is configured.

Tokens are compared in constant time. A browser cannot send a bearer header with
a link, so the web UI also accepts the token from an HttpOnly cookie that
``/login`` sets.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import APIRouter, Depends, Request, Security
from fastapi.security import HTTPBearer

from crosswire.api.errors import ApiError
from crosswire.api.settings import ApiSettings

#: Cookie holding a read token for the web UI.
COOKIE = "crosswire_token"

CHALLENGE = {"WWW-Authenticate": "Bearer"}

#: Declares the bearer scheme in the OpenAPI schema (so /docs can send a token);
#: the checks below do the work.
BEARER = HTTPBearer(
    auto_error=False,
    description="CROSSWIRE_API_TOKEN for writes; CROSSWIRE_API_READ_TOKEN, if set, for reads.",
)


def settings_of(request: Request) -> ApiSettings:
    """The settings the app was created with."""
    settings: ApiSettings = request.app.state.settings
    return settings


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def matches(given: str | None, *expected: str | None) -> bool:
    """Whether ``given`` equals one of the configured tokens (constant-time)."""
    if not given:
        return False
    given_bytes = given.encode()
    return any(hmac.compare_digest(given_bytes, token.encode()) for token in expected if token)


def require_write(request: Request) -> None:
    """Refuse unless the request carries the write token (403 when none is configured)."""
    settings = settings_of(request)
    if not settings.write_token:
        raise ApiError(
            403, "writes are disabled: no API token is configured (set CROSSWIRE_API_TOKEN)"
        )
    token = bearer(request)
    if token is None:
        raise ApiError(
            401, "writes need an 'Authorization: Bearer <token>' header", headers=CHALLENGE
        )
    if not matches(token, settings.write_token):
        raise ApiError(403, "this token may not write")


def require_read(request: Request) -> None:
    """Refuse a read without a valid token, if reads are protected."""
    settings = settings_of(request)
    if not settings.read_token:
        return
    token = bearer(request) or request.cookies.get(COOKIE)
    if token is None:
        raise ApiError(
            401, "reads need an 'Authorization: Bearer <token>' header", headers=CHALLENGE
        )
    if not matches(token, settings.read_token, settings.write_token):
        raise ApiError(403, "this token may not read")


def guarded_router(
    add_reads: Callable[[APIRouter], None], add_writes: Callable[[APIRouter], None]
) -> APIRouter:
    """An ``/api`` router whose read routes need the read token (if any) and whose write
    routes need the write token."""
    router = APIRouter(prefix="/api")
    reading = APIRouter(dependencies=[Depends(require_read), Security(BEARER)], tags=["read"])
    writing = APIRouter(dependencies=[Depends(require_write), Security(BEARER)], tags=["write"])
    add_reads(reading)
    add_writes(writing)
    router.include_router(reading)
    router.include_router(writing)
    return router
