"""Opening databases: migration from empty and from older revisions, refusing what is not ours."""

from __future__ import annotations

import io
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, inspect

from crosswire.errors import StoreError
from crosswire.store import Store
from crosswire.store.migrate import HEAD, alembic_config
from crosswire.store.schema import metadata
from tests.store.conftest import raw
from tests.store.factory import TABLES as CROSSWIRE_TABLES
from tests.store.factory import full_article

TABLES = {"alembic_version", *CROSSWIRE_TABLES}


def sqlite_tables(path: Path) -> set[str]:
    """Names of the tables in a SQLite file."""
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def tables(url: str) -> set[str]:
    """Names of the tables in the database (its default schema), on any backend."""
    with raw(url) as conn:
        return set(inspect(conn).get_table_names())


def test_opening_a_new_file_creates_the_latest_schema(db_path: Path) -> None:
    with Store.open(str(db_path)) as store:  # a plain path means SQLite
        assert store.schema_revision() == HEAD
        assert store.count() == 0
    assert sqlite_tables(db_path) == TABLES
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_opening_a_new_database_creates_the_latest_schema(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert store.schema_revision() == HEAD
        assert store.count() == 0
    assert tables(db_url) == TABLES


def test_head_names_the_newest_shipped_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_heads() == [HEAD]


def test_foreign_keys_are_enforced(store: Store) -> None:
    with store.engine.connect() as conn, pytest.raises(Exception, match=r"(?i)FOREIGN KEY"):
        conn.exec_driver_sql("INSERT INTO raw_inputs (article_id, raw) VALUES ('nope', 'x')")


# SQLite cannot reflect expression indexes; the search index is PostgreSQL's only anyway.
@pytest.mark.filterwarnings("ignore:autogenerate skipping .* index 'ix_articles_search'")
def test_the_migrations_create_exactly_the_tables_the_code_uses(store: Store) -> None:
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_the_migrations_render_for_postgresql() -> None:
    # No server needed: offline mode writes the SQL the migrations would run.
    config = alembic_config()
    config.output_buffer = io.StringIO()
    config.set_main_option("sqlalchemy.url", "postgresql://")
    command.upgrade(config, "head", sql=True)
    sql = config.output_buffer.getvalue()
    assert "CREATE TABLE articles" in sql and "stages JSON NOT NULL" in sql
    assert "minhash BYTEA NOT NULL" in sql and "TIMESTAMP WITH TIME ZONE" in sql


def test_an_older_revision_is_upgraded_and_reopening_is_harmless(db_url: str) -> None:
    url = db_url
    Store.open(url).close()
    with Store.open(url) as store, store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    assert tables(url) == {"alembic_version"}
    with Store.open(url) as store:
        assert store.schema_revision() == HEAD
        assert store.add(full_article())
    with Store.open(url) as store:
        assert store.get(full_article().id) == full_article()


def test_a_database_from_a_newer_crosswire_is_refused(db_url: str) -> None:
    with Store.open(db_url) as store:
        name = store.name
    with raw(db_url) as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'f00d_from_the_future'")
    with pytest.raises(StoreError) as refused:
        Store.open(db_url)
    message = str(refused.value)
    assert "f00d_from_the_future" in message and "newer" in message
    assert name in message and "\n" not in message


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Gerasimov spoke to Liu by video call.\n" * 50)
    before = notes.read_bytes()
    with pytest.raises(StoreError, match="not a database") as refused:
        Store.open(str(notes))
    assert str(notes) in str(refused.value) and "\n" not in str(refused.value)
    assert notes.read_bytes() == before


def test_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unable to open"):
        Store.open(str(tmp_path / "no" / "such" / "dir.db"))


def test_the_password_never_appears_in_errors() -> None:
    with pytest.raises(StoreError) as refused:
        Store.open("nosuchdialect://user:s3cret@localhost/db")
    assert "s3cret" not in str(refused.value)
    with pytest.raises(StoreError) as refused:
        Store.open("not a url ://")
    assert "not a database URL" in str(refused.value)


def test_a_migration_that_fails_half_way_leaves_no_half_schema(db_url: str) -> None:
    def fail_on_mentions(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().startswith("CREATE TABLE mentions"):
            raise conn.dialect.dbapi.OperationalError("simulated crash")  # the driver's own

    event.listen(Engine, "before_cursor_execute", fail_on_mentions)
    try:
        with pytest.raises(StoreError, match="simulated crash"):
            Store.open(db_url)
    finally:
        event.remove(Engine, "before_cursor_execute", fail_on_mentions)
    assert tables(db_url) == set()  # articles, created before, was rolled back
    with Store.open(db_url) as store:
        assert store.schema_revision() == HEAD


def test_stepping_down_to_0001_and_back_keeps_the_v1_rows(db_url: str) -> None:
    url = db_url
    article = full_article()
    with Store.open(url) as store:
        store.add(article)
        with store.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
    # A table copy would have cascaded the articles' deletion to their child rows.
    assert tables(url) == {
        "alembic_version",
        "articles",
        "raw_inputs",
        "dropped",
        "mentions",
        "fingerprints",
    }
    with Store.open(url) as store:
        stored = store.get(article.id)
    # What v1 could not hold is gone; everything else is as it was.
    plain_mentions = tuple(replace(m, entity=None) for m in article.mentions)
    assert stored == article.evolve(entities=(), events=(), notes=(), mentions=plain_mentions)


def test_the_v2_tables_render_for_postgresql() -> None:
    config = alembic_config()
    config.output_buffer = io.StringIO()
    config.set_main_option("sqlalchemy.url", "postgresql://")
    command.upgrade(config, "0001:0002", sql=True)
    sql = config.output_buffer.getvalue()
    assert "CREATE TABLE events" in sql and "former BOOLEAN NOT NULL" in sql
    assert "ALTER TABLE mentions ADD COLUMN entity VARCHAR(64)" in sql


def test_events_stored_before_0005_read_back_as_told_once(db_url: str) -> None:
    article = full_article()
    assert any(e.mentions for e in article.events)
    with Store.open(db_url) as store:
        store.add(article)
        with store.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0004")
    with raw(db_url) as conn:
        assert "mentions" not in {c["name"] for c in inspect(conn).get_columns("events")}
    with Store.open(db_url) as store:  # upgraded to 0005 on open
        assert store.schema_revision() == HEAD
        stored = store.get(article.id)
        assert not store.add(article)  # re-ingesting changes nothing
        assert store.get(article.id) == stored
    told_once = tuple(replace(e, mentions=()) for e in article.events)
    assert stored == article.evolve(events=told_once)


def test_the_event_mentions_render_for_postgresql() -> None:
    config = alembic_config()
    config.output_buffer = io.StringIO()
    config.set_main_option("sqlalchemy.url", "postgresql://")
    command.upgrade(config, "0004:0005", sql=True)
    assert "ALTER TABLE events ADD COLUMN mentions JSON" in config.output_buffer.getvalue()
