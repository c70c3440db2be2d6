"""Reading an upload: a raw JSONL body or a multipart form's ``file``, size-limited."""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import UploadFile

from crosswire.api.errors import ApiError

#: Media types accepted as a raw JSONL body.
JSONL_TYPES = (
    "application/x-ndjson",
    "application/jsonl",
    "application/json",
    "application/octet-stream",
    "text/plain",
)


async def read_body(request: Request, *, limit: int) -> bytes:
    """The uploaded bytes; 413 past ``limit``, 415 for a media type that is not JSONL."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        return await _form_file(request, limit)
    if media and media not in JSONL_TYPES:
        raise ApiError(415, f"send JSONL (application/x-ndjson) or a multipart 'file', not {media}")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"upload over the {limit} byte limit")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"upload over the {limit} byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


async def _form_file(request: Request, limit: int) -> bytes:
    """The ``file`` field of a multipart form."""
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(422, "multipart upload needs a 'file' field holding JSONL")
        data = await upload.read(limit + 1)
    if len(data) > limit:
        raise ApiError(413, f"upload over the {limit} byte limit")
    return data
