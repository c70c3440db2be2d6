"""One exception tree for crosswire.

    CrosswireError                 anything crosswire raises on purpose
    ├── InputError                 an input cannot be read or parsed (names file, line)
    │   ├── UnsupportedInput       binary, empty, or of no format crosswire reads
    │   └── CorruptInput           truncated gzip/WARC, malformed JSONL line, ...
    ├── NoArticleError             the input was read but holds no article text
    ├── PipelineError              stages do not fit together (missing requirements)
    ├── StoreError                 the database cannot be opened, migrated or written
    │   └── NotFoundError          no article with that id
    └── FetchError                 a URL cannot or may not be fetched

The CLI turns each into a single line ``crosswire: <where>: <problem>``; only an
unexpected exception (a bug) shows a traceback.
"""

from __future__ import annotations


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(CrosswireError):
    """An input cannot be read or parsed."""


class UnsupportedInput(InputError):
    """Binary, empty, or in no format crosswire reads."""


class CorruptInput(InputError):
    """Damaged input: truncated archive, malformed line, undecodable bytes."""


class NoArticleError(CrosswireError):
    """The input was read, but no article text could be found in it."""


class PipelineError(CrosswireError):
    """Stages that do not fit together, or an unknown stage name."""


class StoreError(CrosswireError):
    """The database cannot be opened, migrated or written."""


class NotFoundError(StoreError):
    """No article with that id."""


class FetchError(CrosswireError):
    """A URL cannot, or may not, be fetched."""
