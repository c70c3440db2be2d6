"""The tables, as SQLAlchemy Core objects: what the code queries.

The migrations in ``migrations/versions`` are what *creates* them; a test checks
that the two agree, so a column added here without a migration fails the build.
Only portable types are used, so the same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

#: Constraint names follow one pattern so that later migrations can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _article_fk() -> Column[str]:
    """The ``article_id`` column of a child table: deleting an article deletes its rows."""
    return Column(
        "article_id",
        String(64),
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
    )


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    # Ingest order: published dates are often missing, so listings and the dedup
    # index (the first seen is the original) need an order of their own.
    Column("seq", Integer, nullable=False),
    Column("input_id", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("raw_kind", String(16), nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("author", Text),
    # ISO 8601 text, so that string order is date order and the index serves ranges.
    Column("published", String(64)),
    Column("language", String(16)),
    Column("body", Text, nullable=False),
    Column("content_hash", String(128)),
    Column("duplicate_of", String(64)),
    Column("reposted_from", String(64)),
    Column("original_outlet", Text),
    Column("repost_evidence", Text),
    Column("stages", JSON, nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_seq", "seq"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_outlet", "outlet"),
)

raw_inputs = Table(
    "raw_inputs",
    metadata,
    _article_fk(),
    Column("raw", Text, nullable=False),
)

dropped = Table(
    "dropped",
    metadata,
    _article_fk(),
    Column("position", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    _article_fk(),
    Column("position", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("label", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    CheckConstraint('0 <= "start" AND "start" <= "end"', name="span"),
)

fingerprints = Table(
    "fingerprints",
    metadata,
    _article_fk(),
    Column("minhash", LargeBinary, nullable=False),
)
