"""Schema v2: entities shared across articles, their roles and aliases, events, notes.

Adds ``entities`` (one row per actor), ``article_entities`` (which article names
which actor, as it coded it), ``entity_roles``, ``entity_aliases``, ``events``,
the ``mentions.entity`` link and ``articles.notes``.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def _article_fk() -> sa.Column[str]:
    """The ``article_id`` key of a child table (the schema module is not imported:
    a migration must keep describing the schema of its own time)."""
    return sa.Column(
        "article_id",
        sa.String(64),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    )


def _entity_fk() -> sa.Column[str]:
    """The ``entity_id`` key of a table about one entity in one article."""
    return sa.Column(
        "entity_id", sa.String(64), sa.ForeignKey("entities.id"), primary_key=True, nullable=False
    )


def _coding() -> list[sa.Column[str]]:
    """Name, kind, country and sector, as ``entities`` and ``article_entities`` both hold them."""
    return [
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("country", sa.String(16)),
        sa.Column("sector", sa.String(16)),
    ]


def upgrade() -> None:
    """Create the v2 tables and columns."""
    op.add_column("articles", sa.Column("notes", sa.JSON))
    op.add_column("mentions", sa.Column("entity", sa.String(64)))
    op.create_index("ix_mentions_entity", "mentions", ["entity"])
    op.create_table("entities", sa.Column("id", sa.String(64), primary_key=True), *_coding())
    for column in ("name", "country", "kind"):
        op.create_index(f"ix_entities_{column}", "entities", [column])
    op.create_table(
        "article_entities",
        _article_fk(),
        _entity_fk(),
        sa.Column("position", sa.Integer, nullable=False),
        *_coding(),
    )
    op.create_table(
        "entity_roles",
        _article_fk(),
        _entity_fk(),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("organisation", sa.Text),
        sa.Column("former", sa.Boolean, nullable=False),
        sa.Column("as_of", sa.String(64)),
    )
    op.create_table(
        "entity_aliases",
        _article_fk(),
        _entity_fk(),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("alias", sa.Text, nullable=False),
    )
    for table in ("article_entities", "entity_roles", "entity_aliases"):
        op.create_index(f"ix_{table}_entity_id", table, ["entity_id"])
    _create_events()


def _create_events() -> None:
    """The ``events`` table and the indexes its filters use."""
    op.create_table(
        "events",
        _article_fk(),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("cameo", sa.String(16)),
        sa.Column("source", sa.String(64)),
        sa.Column("target", sa.String(64)),
        sa.Column("trigger", sa.Text),
        sa.Column("date", sa.String(64)),
        sa.Column("date_text", sa.Text),
        sa.Column("place", sa.Text),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("attributed_to", sa.Text),
        sa.Column("modality", sa.String(32), nullable=False),
        sa.Column("framing", sa.Text),
        sa.CheckConstraint('0 <= "start" AND "start" <= "end"', name=op.f("ck_events_span")),
    )
    for column in ("id", "source", "target", "type", "modality", "date"):
        op.create_index(f"ix_events_{column}", "events", [column])


def downgrade() -> None:
    """Drop the v2 tables and columns (children before the tables they refer to)."""
    for table in ("events", "entity_aliases", "entity_roles", "article_entities", "entities"):
        op.drop_table(table)
    op.drop_index("ix_mentions_entity", table_name="mentions")
    # Plain DROP COLUMN (SQLite 3.35+), not a batch copy: with foreign keys on,
    # dropping the old ``articles`` table would cascade to every child row.
    op.drop_column("mentions", "entity")
    op.drop_column("articles", "notes")
