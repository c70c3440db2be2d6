"""Reads the service module has no paged form of yet (kept here, over the same Store)."""

from __future__ import annotations

from crosswire.store import ActorSummary, Store


def actors(
    *,
    db: str,
    text: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[ActorSummary]:
    """Like :func:`crosswire.service.actors`, from position ``offset`` (for paging)."""
    with Store.open(db) as store:
        return store.actors(
            text=text, country=country, sector=sector, kind=kind, limit=limit, offset=offset
        )
