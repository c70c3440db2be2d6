"""The data that flows through crosswire: plain, frozen, serialisable.

A :class:`RawItem` is one article as an input gave it (decoded text, not yet
cleaned). The pipeline turns it into an :class:`Article`, and each stage returns
a new ``Article`` with more fields filled in. Nothing here holds a spaCy object,
so articles cross process and machine boundaries as plain data.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal

RawKind = Literal["text", "html"]

#: Version of the JSON shape produced by :meth:`Article.to_dict`. Fields are only
#: ever added; a rename or a change of meaning bumps this.
SCHEMA_VERSION = 1


def content_id(*parts: str | None) -> str:
    """A stable 16-hex-digit id derived from content (sha256), for idempotent re-ingest."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")  # separator: ("ab", "c") and ("a", "bc") differ
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class RawItem:
    """One article as read from an input, before cleaning.

    ``source`` says where it came from precisely enough to find it again
    (``path``, ``path:line`` for JSONL, ``path#record-uri`` for WARC, ``-`` for stdin).
    Metadata fields hold what the input itself declared, or ``None``.
    """

    source: str
    input_id: str
    content: str
    kind: RawKind
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    encoding: str | None = None

    @property
    def id(self) -> str:
        """Content-derived id: the same input yields the same article id."""
        return content_id(self.kind, self.url, self.content)


@dataclass(frozen=True)
class Dropped:
    """Text removed from an article body, kept so that nothing is silently lost."""

    text: str
    reason: str


@dataclass(frozen=True)
class Failure:
    """An input or article that could not be processed: where, and the problem in one line."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass(frozen=True)
class Mention:
    """A named-entity mention in the body: ``body[start:end] == text``.

    ``entity`` is the id of the :class:`Entity` it refers to, once actors are resolved.
    """

    text: str
    label: str
    start: int
    end: int
    entity: str | None = None


@dataclass(frozen=True)
class Role:
    """A title or position the text gives an actor ("Chief of the General Staff")."""

    title: str
    organisation: str | None = None
    former: bool = False
    #: ISO date the text ties the role to, or the article date for a current role.
    as_of: str | None = None


#: Kinds of actor and thing an :class:`Entity` can be.
ENTITY_KINDS = ("PERSON", "STATE", "ORG", "GROUP", "EQUIPMENT", "EXERCISE", "PLACE", "OUTLET")


@dataclass(frozen=True)
class Entity:
    """One real-world actor or thing, however many ways an article names it.

    ``id`` is stable across articles (derived from the knowledge-base key or the
    canonical name), so the same person or body has one id everywhere.
    ``country`` is ISO 3166 alpha-3; ``sector`` a CAMEO-style code (GOV, MIL, ...).
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()


#: How an event is asserted in the text.
MODALITIES = ("asserted", "reported", "hedged", "negated", "future", "habitual")


@dataclass(frozen=True)
class EventMention:
    """A later sentence that tells an :class:`Event` again: ``body[start:end] == sentence``.

    (Not :class:`Mention`, which is a named entity in the body.)
    """

    sentence: str
    start: int
    end: int
    trigger: str | None = None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, typed in PLOVER (with a CAMEO code), with its evidence.

    ``source``/``target`` are entity ids. ``start``/``end`` are the offsets of the
    evidence sentence in the body (the first that tells the event). ``date`` is ISO
    when it can be resolved against the publication date; ``date_text`` keeps the
    phrase ("on Friday"). ``mentions`` are the later sentences that tell the same
    event again, in text order (see :mod:`crosswire.nlp.merging`).
    """

    id: str
    type: str
    sentence: str
    start: int
    end: int
    modality: str = "asserted"
    mode: str | None = None
    cameo: str | None = None
    source: str | None = None
    target: str | None = None
    trigger: str | None = None
    date: str | None = None
    date_text: str | None = None
    place: str | None = None
    attributed_to: str | None = None
    framing: str | None = None
    mentions: tuple[EventMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (``mentions`` a list of objects)."""
        data = asdict(self)
        data["mentions"] = [asdict(m) for m in self.mentions]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Inverse of :meth:`to_dict`: ``mentions`` may be absent (JSON written before
        it existed), and unknown keys are ignored, as :meth:`Article.from_dict` does."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["mentions"] = tuple(EventMention(**m) for m in data.get("mentions") or ())
        return cls(**values)


@dataclass(frozen=True)
class Article:
    """A cleaned article and everything the pipeline has learned about it.

    ``raw`` is the input text as given (kept for inspection and re-processing;
    not part of :meth:`to_dict` unless asked for).
    """

    id: str
    input_id: str
    source: str
    raw_kind: RawKind
    raw: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    body: str = ""
    dropped: tuple[Dropped, ...] = ()
    content_hash: str | None = None
    duplicate_of: str | None = None
    reposted_from: str | None = None
    original_outlet: str | None = None
    repost_evidence: str | None = None
    #: The story (reports of one development across outlets) the article belongs to.
    story_id: str | None = None
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = ()
    stages: tuple[str, ...] = field(default=())

    @classmethod
    def from_raw(cls, item: RawItem) -> Article:
        """Start an article from an input item: metadata copied, body not yet cleaned."""
        return cls(
            id=item.id,
            input_id=item.input_id,
            source=item.source,
            raw_kind=item.kind,
            raw=item.content,
            url=item.url,
            outlet=item.outlet,
            title=item.title,
            published=item.published,
            language=item.language,
        )

    def evolve(self, **changes: Any) -> Article:
        """A copy with ``changes`` applied (articles are immutable)."""
        return replace(self, **changes)

    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        """The documented JSON shape (see docs/schema.md)."""
        data = asdict(self)
        if not include_raw:
            del data["raw"]
        data["dropped"] = [asdict(d) for d in self.dropped]
        data["mentions"] = [asdict(m) for m in self.mentions]
        data["entities"] = [asdict(e) for e in self.entities]
        data["events"] = [e.to_dict() for e in self.events]
        data["notes"] = list(self.notes)
        data["stages"] = list(self.stages)
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict` (unknown keys are ignored, for forward compatibility)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values.setdefault("raw", "")
        values["dropped"] = tuple(Dropped(**d) for d in data.get("dropped", ()))
        values["mentions"] = tuple(Mention(**m) for m in data.get("mentions", ()))
        values["entities"] = tuple(_entity(e) for e in data.get("entities", ()))
        values["events"] = tuple(Event.from_dict(e) for e in data.get("events", ()))
        values["notes"] = tuple(data.get("notes", ()))
        values["stages"] = tuple(data.get("stages", ()))
        return cls(**values)


def _entity(data: dict[str, Any]) -> Entity:
    roles = tuple(Role(**r) for r in data.get("roles", ()))
    return Entity(**{**data, "roles": roles, "aliases": tuple(data.get("aliases", ()))})


@dataclass(frozen=True)
class Story:
    """Reports of one development from one or more outlets, grouped as they arrive.

    ``thread_id`` links stories of one long-running development (the first story's id).
    ``first``/``last`` are the earliest and latest publication dates of its articles.
    """

    id: str
    title: str
    article_ids: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    first: str | None = None
    last: str | None = None
    thread_id: str | None = None

    @property
    def size(self) -> int:
        """Number of articles in the story."""
        return len(self.article_ids)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = asdict(self)
        data["article_ids"] = list(self.article_ids)
        data["outlets"] = list(self.outlets)
        return data


@dataclass(frozen=True)
class ArticleFilter:
    """Which stored articles to list: every field ``None`` means "no filter".

    ``outlet`` matches case-insensitively; ``since``/``until`` bound the published
    date inclusively at the precision given (``until="2023-06"`` keeps all of June);
    ``text`` is a case-insensitive substring of title or body; ``duplicates`` True
    keeps only duplicates and reposts, False only originals.
    """

    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    duplicates: bool | None = None
