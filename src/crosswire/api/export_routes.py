"""Exports over HTTP: the files ``crosswire export`` writes, as downloads.

The file is written whole by :func:`crosswire.export.export_from` into a private
temporary folder, sent a chunk at a time, then deleted. It is read through the app's
long-lived store (:mod:`crosswire.api.database`), as every other route reads: a page
of rows per read transaction (a REPEATABLE READ snapshot on PostgreSQL), and no
migration check per request.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from crosswire.api.auth import BEARER, require_read
from crosswire.api.database import store_of
from crosswire.api.filters import EventWhere
from crosswire.export import export_filter, export_format, export_from

#: Media type and file suffix of each export format.
MEDIA = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gdelt": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "graphml": ("application/graphml+xml", "graphml"),
}


def build_export_router() -> APIRouter:
    """``GET /api/export/{kind}``."""
    router = APIRouter(
        prefix="/api", dependencies=[Depends(require_read), Security(BEARER)], tags=["read"]
    )

    @router.get("/export/{kind}", response_class=FileResponse)
    def export_file(
        request: Request,
        kind: str,
        events: EventWhere,
        format: Annotated[
            str | None, Query(description="csv, jsonl, parquet; gdelt (events); graphml.")
        ] = None,
        q: Annotated[str | None, Query(description="Articles/stories: text.")] = None,
    ) -> FileResponse:
        """Articles, events or stories as CSV, JSONL or Parquet; events as GDELT-like CSV;
        the actor network (``kind=network``) as GraphML for Gephi.

        ``outlet``, ``since`` and ``until`` select every kind; ``q`` articles and stories;
        ``actor``, ``country``, ``sector``, ``type`` and ``modality`` events and the network.
        """
        # A placeholder name with no known suffix: the format is the one asked, or the default.
        chosen = export_format(kind, format, Path(f"{kind}.download"))
        where = export_filter(kind, events, q)
        media, suffix = MEDIA[chosen]
        folder = tempfile.mkdtemp(prefix="crosswire-export-")
        path = Path(folder) / f"crosswire-{kind}.{suffix}"
        try:
            store = store_of(request)
            export_from(store, kind, output=path, stdout=sys.stdout, fmt=chosen, where=where)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
        return FileResponse(path, media_type=media, filename=path.name, background=cleanup)

    return router
