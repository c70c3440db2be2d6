"""Schema v5: the later sentences that tell an event again (``events.mentions``).

Adds a nullable JSON column ``events.mentions``: a list of ``{sentence, start,
end, trigger}``, one for each later sentence of the article that tells the event
again (``Event.mentions``). They are only ever read with their event, never
searched on their own, so they live in its row, as ``articles.notes`` does, and
every query that reads events gets them without another join. Rows written
before this revision hold NULL and read back as an event told once. Adding a
nullable column rewrites no rows on either backend.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add ``events.mentions``."""
    op.add_column("events", sa.Column("mentions", sa.JSON))


def downgrade() -> None:
    """Drop ``events.mentions`` (the events keep their first sentence)."""
    # Plain DROP COLUMN (SQLite 3.35+), not a batch copy, as in 0002's downgrade.
    op.drop_column("events", "mentions")
