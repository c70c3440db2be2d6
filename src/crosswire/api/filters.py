"""Query parameters the API's listings and exports share, declared once.

:data:`EventWhere` is the one dependency that reads the event filter parameters
(``actor``, ``country``, ``sector``, ``type``, ``modality``, ``outlet``, ``since``,
``until``) and gives the :class:`~crosswire.store.EventFilter` they select, for
``/api/events`` and ``/api/export/{kind}`` alike.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from crosswire.store import EventFilter

Since = Annotated[str | None, Query(description="On or after this ISO date (YYYY[-MM[-DD]]).")]
Until = Annotated[
    str | None, Query(description="On or before this ISO date, inclusive at its precision.")
]


def event_filter(
    actor: Annotated[str | None, Query(description="Entity id, name part or alias.")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-3 of either side.")] = None,
    sector: Annotated[str | None, Query(description="Sector of either side: GOV, MIL.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. CONSULT.")] = None,
    modality: Annotated[
        str | None, Query(description="asserted, reported, hedged, ... (any case).")
    ] = None,
    outlet: Annotated[str | None, Query(description="The reporting outlet (any case).")] = None,
    since: Since = None,
    until: Until = None,
) -> EventFilter:
    """The events the query selects (a parameter left out selects all)."""
    return EventFilter(actor, country, type, modality, since, until, outlet, sector)


#: A route parameter of this type is the request's event filter.
EventWhere = Annotated[EventFilter, Depends(event_filter)]
