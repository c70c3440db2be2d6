"""Storage: SQLite by default, any SQLAlchemy URL (PostgreSQL) behind one interface."""

from crosswire.store.database import Store
from crosswire.store.queries import (
    ActorProfile,
    ActorSummary,
    ArticleMentions,
    EventFilter,
    RoleSeen,
    StoredEvent,
)
from crosswire.store.story_queries import StoryDetail, StoryFilter

__all__ = [
    "ActorProfile",
    "ActorSummary",
    "ArticleMentions",
    "EventFilter",
    "RoleSeen",
    "Store",
    "StoredEvent",
    "StoryDetail",
    "StoryFilter",
]
