"""The JSON the API returns: articles as in docs/schema.md, the rest as plain data.

Articles are :meth:`crosswire.models.Article.to_dict`; events, actors and
profiles are their frozen dataclasses as JSON objects (tuples become lists),
with the derived ``when`` of an event added (an event's ``mentions``, the later
sentences that tell it again, are a list of ``{sentence, start, end, trigger}``).
docs/api.md shows each shape.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from crosswire.store import ActorProfile, ActorSummary, StoredEvent


def event_json(row: StoredEvent) -> dict[str, Any]:
    """A stored event: the event, its article's metadata, its actors' coding, and ``when``."""
    data = asdict(row)
    data["when"] = row.when
    return data


def actor_json(summary: ActorSummary) -> dict[str, Any]:
    """An actor in a listing: its entity, counts and first/last seen dates."""
    return asdict(summary)


def profile_json(profile: ActorProfile) -> dict[str, Any]:
    """Everything stored about one actor, events with their ``when``."""
    data = asdict(profile)
    data["as_source"] = [event_json(row) for row in profile.as_source]
    data["as_target"] = [event_json(row) for row in profile.as_target]
    return data
