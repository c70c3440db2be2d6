"""Server-rendered pages (Jinja2, autoescaped, no inline script) over the service functions."""

from crosswire.web.pages import build_router
from crosswire.web.render import error_page

__all__ = ["build_router", "error_page"]
