"""Expand what the user typed (files, folders, quoted globs, ``-``) into files to read.

Folders are walked recursively in sorted order, following symbolic links but never
into a folder already being walked (a link loop becomes a :class:`Failure`).
Hidden entries and obvious non-article files (images, scripts, archives of other
kinds) are skipped in folders; named explicitly, they are read and refused.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator

from crosswire.models import Failure

STDIN = "-"

#: Extensions that never hold an article; skipped silently when walking a folder.
SKIPPED_SUFFIXES = frozenset(
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico", ".svg",
        ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".avi", ".mov", ".mkv",
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt",
        ".zip", ".tar", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".zst",
        ".exe", ".dll", ".so", ".dylib", ".o", ".a", ".class", ".jar", ".pyc", ".whl",
        ".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".ttf", ".otf", ".eot",
        ".db", ".sqlite", ".sqlite3", ".cdx", ".cdxj", ".idx", ".lock", ".log",
    }
)  # fmt: skip


def expand(paths: list[str] | tuple[str, ...]) -> Iterator[str | Failure]:
    """Each file to read (``-`` for stdin), in order, or a Failure for what matches nothing."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = os.path.expanduser(given)
        if os.path.lexists(path):
            yield from _entry(path)
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield Failure(given, "glob matched no files")
            for match in matches:
                yield from _entry(match)
        else:
            yield Failure(given, "no such file or directory")


def _entry(path: str) -> Iterator[str | Failure]:
    if os.path.isdir(path):
        yield from _walk(path, ancestors=frozenset())
    elif os.path.islink(path) and not os.path.exists(path):
        yield Failure(path, "broken symbolic link")
    else:
        yield path


def _walk(folder: str, *, ancestors: frozenset[tuple[int, int]]) -> Iterator[str | Failure]:
    """Files under ``folder``, sorted, depth first; ``ancestors`` are the folders above it."""
    try:
        stat = os.stat(folder)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as error:
        yield Failure(folder, f"cannot list folder: {error.strerror or error}")
        return
    here = (stat.st_dev, stat.st_ino)
    if here in ancestors:
        yield Failure(folder, "symbolic link loop (folder contains itself)")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as error:
            yield Failure(entry.path, f"cannot read: {error.strerror or error}")
            continue
        if is_dir:
            yield from _walk(entry.path, ancestors=ancestors | {here})
        elif _looks_like_article(entry.name):
            yield from _entry(entry.path)


def _looks_like_article(name: str) -> bool:
    dot = name.rfind(".")
    return dot <= 0 or name[dot:].lower() not in SKIPPED_SUFFIXES
