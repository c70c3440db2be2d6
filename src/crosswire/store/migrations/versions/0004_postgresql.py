"""Schema v4, PostgreSQL only: a full-text search index on articles, and unbounded text.

On PostgreSQL: a GIN index over ``to_tsvector('english', title || ' ' || body)``,
the expression ``crosswire.store.search`` queries; and every ``VARCHAR(n)`` column
becomes ``TEXT``. SQLite never enforced those lengths, so a value longer than one
(a JSONL line's non-ISO date, a long token in the story index) was stored there
but would make PostgreSQL refuse the whole article. Both changes are catalogue
updates for PostgreSQL (VARCHAR to TEXT rewrites no rows). On SQLite, which keeps
its own substring search, this revision changes nothing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

#: The search index and the document it indexes (queries must use the same expression).
SEARCH_INDEX = "ix_articles_search"
SEARCH_DOCUMENT = "to_tsvector('english', coalesce(title, '') || ' ' || body)"

#: The VARCHAR columns of schema v3 and their lengths (for the way back).
VARCHARS: dict[str, tuple[tuple[str, int], ...]] = {
    "articles": (
        ("id", 64),
        ("raw_kind", 16),
        ("published", 64),
        ("language", 16),
        ("content_hash", 128),
        ("duplicate_of", 64),
        ("reposted_from", 64),
    ),
    "raw_inputs": (("article_id", 64),),
    "dropped": (("article_id", 64),),
    "mentions": (("article_id", 64), ("label", 64), ("entity", 64)),
    "fingerprints": (("article_id", 64),),
    "entities": (("id", 64), ("kind", 32), ("country", 16), ("sector", 16)),
    "article_entities": (
        ("article_id", 64),
        ("entity_id", 64),
        ("kind", 32),
        ("country", 16),
        ("sector", 16),
    ),
    "entity_roles": (("article_id", 64), ("entity_id", 64), ("as_of", 64)),
    "entity_aliases": (("article_id", 64), ("entity_id", 64)),
    "events": (
        ("article_id", 64),
        ("id", 64),
        ("type", 32),
        ("mode", 64),
        ("cameo", 16),
        ("source", 64),
        ("target", 64),
        ("date", 64),
        ("modality", 32),
    ),
    "stories": (
        ("id", 64),
        ("thread_id", 64),
        ("first", 64),
        ("last", 64),
        ("merged_into", 64),
    ),
    "story_articles": (("article_id", 64), ("story_id", 64), ("how", 16)),
    "story_keys": (("key", 128), ("story_id", 64)),
    "story_terms": (("term", 128),),
}


def _postgresql() -> bool:
    """Whether the migration runs on PostgreSQL (online or writing SQL offline)."""
    return op.get_context().dialect.name == "postgresql"


def upgrade() -> None:
    """PostgreSQL: TEXT for every VARCHAR column, then the search index."""
    if not _postgresql():
        return
    for table, columns in VARCHARS.items():
        for column, length in columns:
            op.alter_column(table, column, type_=sa.Text, existing_type=sa.String(length))
    op.execute(f"CREATE INDEX {SEARCH_INDEX} ON articles USING gin ({SEARCH_DOCUMENT})")


def downgrade() -> None:
    """PostgreSQL: drop the search index, give the columns their lengths back."""
    if not _postgresql():
        return
    op.drop_index(SEARCH_INDEX, table_name="articles")
    for table, columns in VARCHARS.items():
        for column, length in columns:
            op.alter_column(table, column, type_=sa.String(length), existing_type=sa.Text)
