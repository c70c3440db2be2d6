"""Outlet profiles: who publishes, from where, owned by whom, and how each outlet is labelled.

The profiles ship as a tab-separated table (``stories/data/outlets.tsv``) that the
user can edit, or extend with a file of their own (same columns): given as a path
to :func:`load_profiles`, or named by the ``CROSSWIRE_OUTLETS`` environment
variable. A user row overrides the shipped row of the same outlet. Profiles are
found by name, alias or web domain, ignoring case, punctuation and a leading "The".
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlsplit

from crosswire.errors import InputError
from crosswire.models import Article

#: The table shipped with crosswire.
SHIPPED = Path(__file__).parent / "data" / "outlets.tsv"
#: Environment variable naming a user table that extends and overrides the shipped one.
ENV_VAR = "CROSSWIRE_OUTLETS"
COLUMNS = (
    "name", "aliases", "domains", "country", "language", "ownership",
    "state_affiliation", "lean", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class OutletProfile:
    """What is known about an outlet: country (ISO alpha-3), language, ownership, lean, notes."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    ownership: str | None = None
    state_affiliation: str | None = None
    lean: str | None = None
    notes: str | None = None

    @property
    def state_media(self) -> bool:
        """True when the state owns or controls the outlet (not only funds a public broadcaster)."""
        return self.ownership in {"state", "party"}

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["domains"] = list(self.domains)
        return data


@dataclass(frozen=True)
class Profiles:
    """A lookup of outlet profiles by normalised name, alias and domain."""

    by_key: Mapping[str, OutletProfile]

    def find(self, name: str | None, *, url: str | None = None) -> OutletProfile | None:
        """The profile of the outlet called ``name`` (or serving ``url``), if any."""
        for key in _lookup_keys(name, url):
            if key in self.by_key:
                return self.by_key[key]
        return None

    def __len__(self) -> int:
        return len({id(p) for p in self.by_key.values()})


def load_profiles(path: Path | None = None, *, env: Mapping[str, str] | None = None) -> Profiles:
    """The shipped profiles, extended and overridden by ``path`` and ``$CROSSWIRE_OUTLETS``.

    Later tables win: shipped, then the environment's file, then ``path``.
    Raises :class:`~crosswire.errors.InputError` for a missing or malformed table.
    """
    environ = os.environ if env is None else env
    tables = [SHIPPED]
    if environ.get(ENV_VAR):
        tables.append(Path(environ[ENV_VAR]))
    if path is not None:
        tables.append(Path(path))
    by_key: dict[str, OutletProfile] = {}
    for table in tables:
        for profile in read_table(table):
            stale = by_key.get(_norm(profile.name))
            if stale is not None:  # an override drops every key of the row it replaces
                by_key = {k: p for k, p in by_key.items() if p is not stale}
            for key in _profile_keys(profile):
                by_key[key] = profile
    return Profiles(by_key)


def read_table(path: Path) -> list[OutletProfile]:
    """The profiles of one TSV (or CSV, by extension) table; ``#`` lines are comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot read outlet profiles ({error.strerror})") from error
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    reader = csv.DictReader(lines, delimiter=delimiter)
    if reader.fieldnames is None or "name" not in reader.fieldnames:
        raise InputError(f"{path}: an outlet table needs a header row with a 'name' column")
    return [_profile(row) for row in reader if (row.get("name") or "").strip()]


def _profile(row: Mapping[str, str | None]) -> OutletProfile:
    def value(column: str) -> str | None:
        cell = (row.get(column) or "").strip()
        return cell or None

    def listed(column: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in (value(column) or "").split("|") if p.strip())

    return OutletProfile(
        name=value("name") or "",
        aliases=listed("aliases"),
        domains=tuple(d.lower().removeprefix("www.") for d in listed("domains")),
        country=(value("country") or "").upper() or None,
        language=value("language"),
        ownership=(value("ownership") or "").lower() or None,
        state_affiliation=value("state_affiliation"),
        lean=value("lean"),
        notes=value("notes"),
    )


def _norm(name: str) -> str:
    """ "The New York Times" -> "new york times"; "CNN (Online News)" keeps its qualifier."""
    text = re.sub(r"[^\w\s]", " ", name.lower().replace("\u2019", "'").replace("'", ""))
    return " ".join(text.split()).removeprefix("the ")


def _profile_keys(profile: OutletProfile) -> Iterable[str]:
    for name in (profile.name, *profile.aliases):
        yield _norm(name)
    for domain in profile.domains:
        yield "domain:" + domain


def _lookup_keys(name: str | None, url: str | None) -> Iterable[str]:
    if name:
        yield _norm(name)
        bare = re.sub(r"\s*\([^)]*\)\s*$", "", name)  # "CNN (Online News)" -> "CNN"
        yield _norm(bare)
        if "." in name and " " not in name.strip():
            yield from _domain_keys(name if "//" in name else "//" + name)
    if url:
        yield from _domain_keys(url)


def _domain_keys(url: str) -> Iterable[str]:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):  # news.example.com, then example.com
        yield "domain:" + ".".join(parts[i:])


def outlet_label(article: Article) -> str:
    """The outlet's name; else its web host; else the input's file name (with its line).

    Articles with no known outlet stay apart: two files, or two lines of one JSONL
    file, are two labels.
    """
    if article.outlet:
        return article.outlet
    host = (urlsplit(article.url).hostname or "") if article.url else ""
    if host:
        return host.removeprefix("www.")
    source = article.source.split("#", 1)[0]
    path, _, line = source.rpartition(":") if re.search(r":\d+$", source) else (source, "", "")
    name = PurePath(path).name or article.source or article.id
    return f"{name}:{line}" if line else name
