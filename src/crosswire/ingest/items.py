"""Where an input came from, and building :class:`RawItem` with the user's defaults filled in."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from crosswire.config import InputDefaults, Settings
from crosswire.ingest.decode import Decoded
from crosswire.models import RawItem, RawKind

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Origin:
    """One input as the user named it: ``source`` to report, ``name`` as the fallback id."""

    source: str
    name: str
    defaults: InputDefaults = field(default_factory=InputDefaults)
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class Metadata:
    """What an input itself declares about an article (None where it says nothing)."""

    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None


def make_item(
    origin: Origin,
    *,
    source: str,
    input_id: str,
    decoded: Decoded,
    kind: RawKind,
    meta: Metadata = Metadata(),
) -> RawItem:
    """A :class:`RawItem`; the user's defaults fill only what the input left out."""
    if decoded.lossy:
        logger.warning(
            "%s: bytes not valid in %s were replaced or read as Windows-1252",
            source,
            decoded.encoding,
        )
    defaults = origin.defaults
    return RawItem(
        source=source,
        input_id=input_id,
        content=decoded.text,
        kind=kind,
        url=meta.url or defaults.url,
        outlet=meta.outlet or defaults.outlet,
        title=meta.title,
        published=meta.published or defaults.published,
        language=meta.language,
        encoding=decoded.encoding,
    )


def size_text(n: int) -> str:
    """A byte count for people: ``20 MB``, ``512 KB``, ``12 bytes``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} KB"
    return f"{n} bytes"
