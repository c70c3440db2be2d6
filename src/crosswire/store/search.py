"""Searching article titles and bodies: each backend's own way.

- SQLite: a case-insensitive substring of the title or the body (``LIKE``, with
  ``%`` and ``_`` taken literally; case folding is ASCII-only there).
- PostgreSQL: its full-text search. The query is read by ``websearch_to_tsquery``
  (words, ``"quoted phrases"``, ``or``, ``-excluded``); words match whole and
  stemmed with the ``english`` configuration ("talks" finds "talk"), stop words
  and punctuation are ignored, so a query of punctuation alone matches nothing.
  It is served by the GIN index of migration 0004, built over the same expression.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, literal_column, or_
from sqlalchemy.dialects import postgresql

from crosswire.store.schema import SEARCH_CONFIG, articles, search_document


def matches(text: str, dialect: str) -> ColumnElement[bool]:
    """The condition that an article's title or body matches the search ``text``."""
    # Stored text has U+FFFD for NUL (store/text.py); a NUL would also end SQLite's
    # LIKE pattern early and match every article.
    text = text.replace("\x00", "\ufffd")
    if dialect == "postgresql":
        query = postgresql.websearch_to_tsquery(literal_column(f"'{SEARCH_CONFIG}'"), text)
        return search_document.bool_op("@@")(query)
    return or_(
        articles.c.title.icontains(text, autoescape=True),
        articles.c.body.icontains(text, autoescape=True),
    )
