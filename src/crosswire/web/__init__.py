"""Server-rendered pages (Jinja2, autoescaped, no inline script) over the service functions."""

from crosswire.web.pages import build_router
from crosswire.web.render import error_page
from crosswire.web.story_pages import build_story_pages

__all__ = ["build_router", "build_story_pages", "error_page"]
