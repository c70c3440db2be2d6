"""The tables, as SQLAlchemy Core objects: what the code queries.

The migrations in ``migrations/versions`` are what *creates* them; a test checks
that the two agree, so a column added here without a migration fails the build.
Only portable types are used, so the same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    func,
    literal_column,
)
from sqlalchemy import String as VarChar
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeEngine

#: Constraint names follow one pattern so that later migrations can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def String(length: int) -> TypeEngine[str]:
    """``VARCHAR(length)`` on SQLite, ``TEXT`` on PostgreSQL (migration 0004).

    SQLite never enforces the length, so longer text is stored there; PostgreSQL
    would refuse the whole article instead, and TEXT costs it nothing over VARCHAR.
    """
    return VarChar(length).with_variant(Text(), "postgresql")


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
    # Added in 0002; NULL in rows written before it (read back as no notes).
    Column("notes", JSON),
    Index("ix_articles_seq", "seq"),
    Index("ix_articles_published", "published"),
    Index("ix_articles_content_hash", "content_hash"),
    Index("ix_articles_outlet", "outlet"),
)

#: What PostgreSQL's full-text search indexes (GIN, migration 0004) and searches
#: (:mod:`crosswire.store.search`): the same expression, or the index goes unused.
SEARCH_CONFIG = "english"
search_document = postgresql.to_tsvector(
    literal_column(f"'{SEARCH_CONFIG}'"),
    func.coalesce(articles.c.title, literal_column("''"))
    .op("||")(literal_column("' '"))
    .op("||")(articles.c.body),
)
Index("ix_articles_search", search_document, postgresql_using="gin", _table=articles).ddl_if(
    dialect="postgresql"
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
    # No foreign key: added in 0002, and SQLite cannot add one without rebuilding the table.
    Column("entity", String(64)),
    CheckConstraint('0 <= "start" AND "start" <= "end"', name="span"),
    Index("ix_mentions_entity", "entity"),
)

fingerprints = Table(
    "fingerprints",
    metadata,
    _article_fk(),
    Column("minhash", LargeBinary, nullable=False),
)

# One row per real-world actor, shared by every article that names it: the first
# article to store an entity writes its row, later ones only fill in what it lacks.
entities = Table(
    "entities",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", String(16)),
    Column("sector", String(16)),
    Index("ix_entities_name", "name"),
    Index("ix_entities_country", "country"),
    Index("ix_entities_kind", "kind"),
)


def _entity_fk(*, primary_key: bool) -> Column[str]:
    """An ``entity_id`` column: entities are shared, so deleting an article keeps them."""
    return Column(
        "entity_id", String(64), ForeignKey("entities.id"), primary_key=primary_key, nullable=False
    )


# The entity as this article saw it (name, coding), so that an article reads back
# exactly as it was stored even if another article coded the actor differently.
article_entities = Table(
    "article_entities",
    metadata,
    _article_fk(),
    _entity_fk(primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", String(16)),
    Column("sector", String(16)),
    Index("ix_article_entities_entity_id", "entity_id"),
)

entity_roles = Table(
    "entity_roles",
    metadata,
    _article_fk(),
    _entity_fk(primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("organisation", Text),
    Column("former", Boolean, nullable=False),
    Column("as_of", String(64)),
    Index("ix_entity_roles_entity_id", "entity_id"),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    _article_fk(),
    _entity_fk(primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("alias", Text, nullable=False),
    Index("ix_entity_aliases_entity_id", "entity_id"),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("position", Integer, primary_key=True),
    Column("id", String(64), nullable=False),
    Column("type", String(32), nullable=False),
    Column("mode", String(64)),
    Column("cameo", String(16)),
    # Entity ids without a foreign key: an event may name an actor the article's
    # entity list lacks, and that must not make the whole article unstorable.
    Column("source", String(64)),
    Column("target", String(64)),
    Column("trigger", Text),
    # ISO 8601 text like articles.published, so string order is date order.
    Column("date", String(64)),
    Column("date_text", Text),
    Column("place", Text),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("attributed_to", Text),
    Column("modality", String(32), nullable=False),
    Column("framing", Text),
    # Added in 0005: the later sentences that tell the event again, as a list of
    # {sentence, start, end, trigger}; NULL when told once (and in older rows).
    Column("mentions", JSON),
    CheckConstraint('0 <= "start" AND "start" <= "end"', name="span"),
    Index("ix_events_id", "id"),
    Index("ix_events_source", "source"),
    Index("ix_events_target", "target"),
    Index("ix_events_type", "type"),
    Index("ix_events_modality", "modality"),
    Index("ix_events_date", "date"),
)

# Stories (added in 0003). A story row holds what the story index needs to resume
# without recomputation: its centroid (feature -> weight) and date range; the
# blocking postings are in ``story_keys`` and document frequencies in ``story_terms``.
stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("thread_id", String(64), nullable=False),
    # ISO dates of the earliest and latest dated article (NULL when none is dated).
    Column("first", String(64)),
    Column("last", String(64)),
    Column("centroid", JSON, nullable=False),
    # Set when a manual merge folded this story into another; its articles moved there.
    Column("merged_into", String(64)),
    Index("ix_stories_thread_id", "thread_id"),
    Index("ix_stories_last", "last"),
)

# Which story an article is in, and how it got there (new, joined, copy, merge, split).
story_articles = Table(
    "story_articles",
    metadata,
    _article_fk(),
    Column("story_id", String(64), ForeignKey("stories.id"), nullable=False),
    Column("how", String(16), nullable=False),
    Index("ix_story_articles_story_id", "story_id"),
)

# Blocking postings: a story under each of its articles' strongest features, per date bucket.
story_keys = Table(
    "story_keys",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("bucket", Integer, primary_key=True),
    Column("story_id", String(64), ForeignKey("stories.id"), primary_key=True),
    Index("ix_story_keys_story_id", "story_id"),
)

# Document frequency of every feature the story index has seen.
story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(128), primary_key=True),
    Column("df", Integer, nullable=False),
)
