"""Jinja2 templates with autoescaping always on, and the error page."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment: escapes every value, fails on undefined names."""
    env = Environment(
        loader=PackageLoader("crosswire.web", "templates"),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["query"] = lambda params: urlencode({k: v for k, v in params.items() if v})
    return env


def render(request: Request, name: str, *, status: int = 200, **context: Any) -> Response:
    """The template ``name`` rendered with ``context`` as an HTML response."""
    template = environment().get_template(name)
    html = template.render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    """An error as a page (the message escaped like everything else)."""
    return render(request, "error.html", status=status, code=status, message=message)
