"""Schema v3: stories, the article -> story link, and the story index's postings and frequencies.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the v3 tables (empty: articles stored before have no story)."""
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("thread_id", sa.String(64), nullable=False),
        sa.Column("first", sa.String(64)),
        sa.Column("last", sa.String(64)),
        sa.Column("centroid", sa.JSON, nullable=False),
        sa.Column("merged_into", sa.String(64)),
    )
    op.create_index("ix_stories_thread_id", "stories", ["thread_id"])
    op.create_index("ix_stories_last", "stories", ["last"])
    op.create_table(
        "story_articles",
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    op.create_table(
        "story_keys",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("bucket", sa.Integer, primary_key=True),
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id"), primary_key=True),
    )
    op.create_index("ix_story_keys_story_id", "story_keys", ["story_id"])
    op.create_table(
        "story_terms",
        sa.Column("term", sa.String(128), primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    """Drop the v3 tables (links and postings before the stories they refer to)."""
    for table in ("story_terms", "story_keys", "story_articles", "stories"):
        op.drop_table(table)
