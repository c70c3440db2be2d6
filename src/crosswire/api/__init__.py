"""The REST API and web UI: ``create_app(settings)`` builds the FastAPI application."""

from crosswire.api.app import create_app
from crosswire.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
