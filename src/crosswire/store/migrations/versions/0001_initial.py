"""Schema v1: articles with their raw input, dropped lines, mentions and fingerprints.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
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


def upgrade() -> None:
    """Create the v1 tables."""
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("input_id", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("raw_kind", sa.String(16), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.String(64)),
        sa.Column("language", sa.String(16)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(128)),
        sa.Column("duplicate_of", sa.String(64)),
        sa.Column("reposted_from", sa.String(64)),
        sa.Column("original_outlet", sa.Text),
        sa.Column("repost_evidence", sa.Text),
        sa.Column("stages", sa.JSON, nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("seq", "published", "content_hash", "outlet"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table("raw_inputs", _article_fk(), sa.Column("raw", sa.Text, nullable=False))
    op.create_table(
        "dropped",
        _article_fk(),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_table(
        "mentions",
        _article_fk(),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.CheckConstraint('0 <= "start" AND "start" <= "end"', name=op.f("ck_mentions_span")),
    )
    op.create_table(
        "fingerprints", _article_fk(), sa.Column("minhash", sa.LargeBinary, nullable=False)
    )


def downgrade() -> None:
    """Drop the v1 tables (children first, for the foreign keys)."""
    for table in ("fingerprints", "mentions", "dropped", "raw_inputs"):
        op.drop_table(table)
    op.drop_table("articles")
