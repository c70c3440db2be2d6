"""Outlet profiles over JSON: list and read them; write the user's own table.

The profiles are :func:`crosswire.stories.outlets.load_profiles`: the shipped
table, overridden by the user's table. The user's table is
``ApiSettings.outlets_file`` (``CROSSWIRE_OUTLETS``), else ``outlets.tsv`` next to
a SQLite database. ``PUT /api/outlets/{name}`` rewrites that file whole: written
to a temporary file in the same folder, read back, then renamed over the old one,
so a reader (this server, the CLI) sees the old table or the new one, never half.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request, Security
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.engine import make_url

from crosswire.api.auth import BEARER, require_read, require_write, settings_of
from crosswire.api.errors import ApiError
from crosswire.api.settings import ApiSettings
from crosswire.stories.outlets import COLUMNS, OutletProfile, Profiles, load_profiles, read_table

#: One writer at a time in this process (two processes writing at once: the last wins).
_WRITING = threading.Lock()

Ownership = Literal["state", "party", "public", "private", "nonprofit", "cooperative"]
Name = Annotated[str, PathParam(min_length=1, max_length=200, description="The outlet's name.")]
Text = Annotated[str | None, Field(max_length=1000)]
Parts = Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=50)]


class OutletIn(BaseModel):
    """An outlet's profile (the name is in the path); missing fields are unknown."""

    model_config = ConfigDict(extra="forbid")

    aliases: Parts = []
    domains: Parts = []
    country: Annotated[str | None, Field(pattern=r"^[A-Za-z]{3}$")] = None
    language: Annotated[str | None, Field(max_length=35)] = None
    ownership: Ownership | None = None
    state_affiliation: Text = None
    lean: Annotated[str | None, Field(max_length=100)] = None
    notes: Text = None

    @field_validator("aliases", "domains")
    @classmethod
    def _one_cell(cls, parts: list[str]) -> list[str]:
        for part in parts:
            _check_cell(part)
            if "|" in part:
                raise ValueError("may not contain '|' (it separates the list in the table)")
        return parts

    @field_validator("language", "state_affiliation", "lean", "notes")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        if value is not None:
            _check_cell(value)
        return value


def _check_cell(value: str) -> None:
    """Refuse text a table cell cannot hold: line breaks and other control characters."""
    if any(ord(c) < 32 or c in "\x7f\x85\u2028\u2029" for c in value):
        raise ValueError("may not contain line breaks, tabs or control characters")


def outlets_file(settings: ApiSettings) -> Path | None:
    """The user's table: the configured file, else ``outlets.tsv`` beside a SQLite database."""
    if settings.outlets_file:
        return Path(settings.outlets_file)
    url = make_url(settings.db_url) if "://" in settings.db_url else None
    sqlite = url is None or url.get_backend_name() == "sqlite"
    database = url.database if url is not None else settings.db_url
    if not sqlite or database in (None, "", ":memory:"):
        return None
    return Path(str(database)).resolve().parent / "outlets.tsv"


def profiles_for(settings: ApiSettings) -> Profiles:
    """The shipped profiles overridden by the user's table (if it exists), read now."""
    path = outlets_file(settings)
    return load_profiles(path if path is not None and path.exists() else None, env={})


def build_outlet_router() -> APIRouter:
    """``GET /api/outlets``, ``GET /api/outlets/{name}``, ``PUT /api/outlets/{name}``."""
    router = APIRouter(prefix="/api")
    reading = APIRouter(dependencies=[Depends(require_read), Security(BEARER)], tags=["read"])
    writing = APIRouter(dependencies=[Depends(require_write), Security(BEARER)], tags=["write"])

    @reading.get("/outlets")
    def list_outlets(request: Request) -> dict[str, Any]:
        """Every outlet profile (shipped, or from the user's table), by name."""
        settings = settings_of(request)
        profiles = profiles_for(settings)
        users = {p.name for p in _user_rows(outlets_file(settings))}
        unique = {id(p): p for p in profiles.by_key.values()}.values()
        items = [_json(p, users) for p in sorted(unique, key=lambda p: p.name.casefold())]
        return {"items": items, "editable": outlets_file(settings) is not None}

    @reading.get("/outlets/{name}")
    def get_outlet(request: Request, name: Name) -> dict[str, Any]:
        """One profile, found by name, alias or web domain (any case)."""
        settings = settings_of(request)
        profile = profiles_for(settings).find(name)
        if profile is None:
            raise ApiError(404, f"no outlet profile for {name!r}")
        return _json(profile, {p.name for p in _user_rows(outlets_file(settings))})

    @writing.put("/outlets/{name}")
    def put_outlet(request: Request, name: Name, body: OutletIn) -> JSONResponse:
        """Add or replace this outlet's row in the user's table (201 new, 200 replaced)."""
        settings = settings_of(request)
        path = outlets_file(settings)
        if path is None:
            raise ApiError(409, "no outlet table to write: set CROSSWIRE_OUTLETS to a file path")
        profile = _profile(name, body)
        created = write_profile(path, profile)
        return JSONResponse(_json(profile, {profile.name}), status_code=201 if created else 200)

    router.include_router(reading)
    router.include_router(writing)
    return router


def write_profile(path: Path, profile: OutletProfile) -> bool:
    """Put ``profile`` in the table at ``path`` (replacing its row); True if it is new there."""
    with _WRITING:
        rows = _user_rows(path)
        key = _key(profile.name)
        kept = [row for row in rows if _key(row.name) != key]
        _replace(path, [*kept, profile])
        return len(kept) == len(rows)


def _profile(name: str, body: OutletIn) -> OutletProfile:
    name = name.strip()
    try:
        _check_cell(name)
    except ValueError as error:
        raise ApiError(422, f"outlet name {error}") from None
    if not name or name.startswith("#"):
        raise ApiError(422, "an outlet name may not be empty or start with '#'")
    return OutletProfile(
        name=name,
        aliases=tuple(a.strip() for a in body.aliases if a.strip()),
        domains=tuple(d.strip().lower().removeprefix("www.") for d in body.domains if d.strip()),
        country=body.country.upper() if body.country else None,
        language=body.language or None,
        ownership=body.ownership,
        state_affiliation=body.state_affiliation or None,
        lean=body.lean or None,
        notes=body.notes or None,
    )


def _replace(path: Path, profiles: list[OutletProfile]) -> None:
    """Write the table beside ``path``, check it reads back the same, then rename it over."""
    text = _table(profiles, delimiter="," if path.suffix.lower() == ".csv" else "\t")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Same suffix: read_table picks the delimiter by it.
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".outlets.", suffix=path.suffix)
    except OSError as error:
        raise ApiError(503, f"cannot write the outlet table ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if read_table(Path(temp)) != profiles:
            raise ApiError(422, "this profile does not survive being written as a table row")
        os.replace(temp, path)
    except OSError as error:
        raise ApiError(503, f"cannot write the outlet table ({error.strerror})") from error
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _table(profiles: list[OutletProfile], *, delimiter: str) -> str:
    buffer = io.StringIO()
    buffer.write("# Outlet profiles written by crosswire (PUT /api/outlets/NAME); columns as\n")
    buffer.write("# in the shipped table. Rows here override shipped rows of the same outlet.\n")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for profile in profiles:
        data = profile.to_dict()
        writer.writerow(
            "|".join(data[c]) if isinstance(data[c], list) else (data[c] or "") for c in COLUMNS
        )
    return buffer.getvalue()


def _user_rows(path: Path | None) -> list[OutletProfile]:
    """The rows of the user's table (none if it does not exist yet)."""
    if path is None or not path.exists():
        return []
    return read_table(path)


def _key(name: str) -> str:
    return " ".join(name.casefold().split()).removeprefix("the ")


def _json(profile: OutletProfile, users: set[str]) -> dict[str, Any]:
    return {**profile.to_dict(), "edited": profile.name in users}
