"""The :class:`Store`: articles in a SQL database, one transaction per article.

Queries are SQLAlchemy Core expressions with bound parameters only; user text
never becomes SQL. Every SQLAlchemy or OS error leaves as a :class:`StoreError`
naming the database (never its password).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    func,
    insert,
    nulls_last,
    or_,
    select,
)
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from crosswire.closing import Closing
from crosswire.config import Settings
from crosswire.errors import NotFoundError, StoreError
from crosswire.models import Article, ArticleFilter, Story
from crosswire.store import migrate, search, story_edits
from crosswire.store.actor_queries import actor_profile, select_actors
from crosswire.store.actor_rows import write_actors
from crosswire.store.engine import (
    WRITE,
    Retry,
    display_name,
    is_disconnect,
    lock_for_write,
    make_engine,
    retrying,
    to_url,
)
from crosswire.store.queries import (
    ActorProfile,
    ActorSummary,
    EventFilter,
    StoredEvent,
    count_events,
    date_range,
    select_events,
)
from crosswire.store.rows import Children, article_row, dropped_rows, mention_rows
from crosswire.store.schema import articles, fingerprints, raw_inputs
from crosswire.store.schema import dropped as dropped_table
from crosswire.store.schema import mentions as mentions_table
from crosswire.store.story_edits import Combine, Rebuild
from crosswire.store.story_queries import (
    IndexState,
    StoryDetail,
    StoryFilter,
    count_stories,
    index_state,
    resolve_story,
    select_stories,
    story_detail,
)
from crosswire.store.story_rows import write_change
from crosswire.store.text import storable
from crosswire.stories.change import StoryChange

#: Shortest id prefix accepted by :meth:`Store.get`.
MIN_PREFIX = 4

#: Rows fetched per query when streaming fingerprints.
_BATCH = 1000

Fingerprint = tuple[str, str | None, str | None, str | None, bytes | None]

T = TypeVar("T")


class Store(Closing):
    """Articles in a database: SQLite by default, any SQLAlchemy URL behind the same methods.

    Open with :meth:`open` (also a context manager). Adding is idempotent: an
    article id is content-derived, so re-ingesting an input changes nothing.
    """

    def __init__(self, engine: Engine, *, name: str, retry: Retry | None = None) -> None:
        """Wrap an engine whose schema is already current; use :meth:`open` instead."""
        self._engine = engine
        self.name = name
        self._retry = retry or Retry()

    @classmethod
    def with_settings(cls, settings: Settings, url: str | None = None) -> Store:
        """:meth:`open` ``url`` (default ``settings.db_url``) with the retry budget of
        ``settings`` (``db_retry_seconds``)."""
        return cls.open(url or settings.db_url, retry=Retry(seconds=settings.db_retry_seconds))

    @classmethod
    def open(cls, url: str, *, retry: Retry | None = None) -> Store:
        """Open (creating a SQLite file if needed) and migrate to the latest schema.

        ``url`` is a SQLAlchemy URL, or a plain path meaning a SQLite file. Raises
        :class:`StoreError` for a database that cannot be opened, is not a database,
        or was written by a newer crosswire. ``retry`` (default: ``db_retry_seconds`` of
        :meth:`Settings.from_env`) bounds how long :meth:`add` and :meth:`has` wait for an
        unreachable server.
        """
        retry = retry or Retry(seconds=Settings.from_env().db_retry_seconds)
        try:
            parsed = to_url(url)
        except ArgumentError as e:
            # The URL is not echoed: it may hold a password.
            raise StoreError("not a database URL (e.g. sqlite:///crosswire.db)") from e
        name = display_name(parsed)
        try:
            engine = make_engine(parsed)
        except (SQLAlchemyError, ImportError) as e:  # unknown dialect, missing driver
            raise StoreError(f"cannot use this database: {_reason(e)}", where=name) from e
        store = cls(engine, name=name, retry=retry)
        try:
            with store._transaction("cannot open or migrate the database", write=True) as conn:
                migrate.upgrade(conn)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        """Close every connection (the store cannot be used afterwards)."""
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for tools and tests that need to reach below this API."""
        return self._engine

    def schema_revision(self) -> str:
        """The Alembic revision of the database schema."""
        with self._transaction("cannot read the schema revision") as conn:
            return migrate.current_revision(conn) or ""

    def add(
        self,
        article: Article,
        *,
        fingerprint: bytes | None = None,
        story: StoryChange | None = None,
    ) -> bool:
        """Store ``article`` with its raw input, dropped lines, mentions, ``fingerprint``
        and its ``story`` assignment (the story row, link, postings and frequencies).

        All or nothing, in one transaction, run again while the server is unreachable
        (see :meth:`open`). Returns ``False`` and changes nothing if an article with
        this id is already stored (also when a retry finds that the lost connection's
        COMMIT went through). Lone surrogates, which no database can encode, are
        stored as U+FFFD.
        """

        def store(conn: Connection) -> bool:
            if _exists(conn, article.id):
                return False
            _insert(conn, article, fingerprint)
            if story is not None:
                write_change(conn, story)
            return True

        try:
            return self._retried(f"cannot store article {article.id}", store, write=True)
        except StoreError as e:
            # Another writer (PostgreSQL allows concurrent ones) stored it first.
            if isinstance(e.__cause__, IntegrityError) and self.has(article.id):
                return False
            raise

    def has(self, article_id: str) -> bool:
        """Whether an article with exactly this id is stored (retried as :meth:`add` is)."""
        return self._retried("cannot read articles", lambda conn: _exists(conn, article_id))

    def get(self, id_or_prefix: str) -> Article:
        """The article with this id, or the one whose id starts with this prefix (4+ chars).

        Raises :class:`NotFoundError` if there is none and :class:`StoreError` if
        the prefix is ambiguous. ``raw``, dropped lines and mentions are loaded.
        """
        with self._transaction("cannot read articles") as conn:
            article_id = _resolve(conn, id_or_prefix)
            row = conn.execute(select(articles).where(articles.c.id == article_id)).one()
            raw = conn.scalar(select(raw_inputs.c.raw).where(raw_inputs.c.article_id == row.id))
            return Children(conn, [row.id]).article(row, raw=raw or "")

    def articles(
        self, where: ArticleFilter = ArticleFilter(), *, limit: int = 50, offset: int = 0
    ) -> list[Article]:
        """Stored articles matching ``where``, newest published first (undated last),
        then in ingest order. ``raw`` is left empty."""
        _check_paging(limit, offset)
        conditions = _conditions(where, self._engine.dialect.name)
        query = (
            select(articles)
            .where(*conditions)
            .order_by(nulls_last(articles.c.published.desc()), articles.c.seq, articles.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self._transaction("cannot read articles") as conn:
            rows = conn.execute(query).all()
            children = Children(conn, [row.id for row in rows])
            return [children.article(row) for row in rows]

    def count(self, where: ArticleFilter = ArticleFilter()) -> int:
        """How many stored articles :meth:`articles` would list with ``where`` and no limit."""
        dialect = self._engine.dialect.name
        query = select(func.count()).select_from(articles).where(*_conditions(where, dialect))
        with self._transaction("cannot count articles") as conn:
            return int(conn.scalar(query) or 0)

    def events(
        self, where: EventFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[StoredEvent]:
        """Stored events matching ``where`` (default: all), newest first (by event date,
        else the article's; undated last), each with its article and actors' coding."""
        _check_paging(limit, offset)
        with self._transaction("cannot read events") as conn:
            return select_events(conn, where or EventFilter(), limit=limit, offset=offset)

    def count_events(self, where: EventFilter | None = None) -> int:
        """How many stored events :meth:`events` would list with ``where`` and no limit."""
        with self._transaction("cannot count events") as conn:
            return count_events(conn, where or EventFilter())

    def actors(
        self,
        *,
        text: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ActorSummary]:
        """Stored actors, most often named first, with their counts and first/last dates.

        ``text`` is an entity id or a case-insensitive substring of a name or alias;
        ``country`` (ISO alpha-3), ``sector`` and ``kind`` match codes in any case.
        """
        _check_paging(limit, offset)
        with self._transaction("cannot read actors") as conn:
            return select_actors(
                conn,
                text=text,
                country=country,
                sector=sector,
                kind=kind,
                limit=limit,
                offset=offset,
            )

    def actor(self, name_or_id: str) -> ActorProfile:
        """Everything stored about one actor: roles, aliases, articles, events over time.

        ``name_or_id`` is an entity id, a whole name or alias (any case), or a unique
        name substring. Raises :class:`NotFoundError` if no actor matches and
        :class:`StoreError` if several do.
        """
        with self._transaction("cannot read actors") as conn:
            return actor_profile(conn, name_or_id)

    def stories(
        self, where: StoryFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[Story]:
        """Stories matching ``where`` (default: all), latest first, undated last."""
        _check_paging(limit, offset)
        with self._transaction("cannot read stories") as conn:
            return select_stories(conn, where or StoryFilter(), limit=limit, offset=offset)

    def count_stories(self, where: StoryFilter | None = None) -> int:
        """How many stories :meth:`stories` would list with ``where`` and no limit."""
        with self._transaction("cannot count stories") as conn:
            return count_stories(conn, where or StoryFilter())

    def story(self, id_or_prefix: str) -> StoryDetail:
        """One story by id or unique prefix (4+ chars), with its articles; a story merged
        into another names that one. Raises :class:`NotFoundError` if there is none."""
        with self._transaction("cannot read stories") as conn:
            return story_detail(conn, resolve_story(conn, id_or_prefix))

    def merge_stories(self, target: str, other: str, *, combine: Combine) -> StoryDetail:
        """Fold story ``other`` into ``target`` (ids or prefixes), in one transaction.
        ``combine`` makes the merged story's state from the two."""
        with self._transaction("cannot merge stories", write=True) as conn:
            into = resolve_story(conn, target)
            story_edits.merge(conn, into, resolve_story(conn, other), combine)
            return story_detail(conn, into)

    def split_story(
        self, story_id: str, article_ids: Sequence[str], *, rebuild: Rebuild
    ) -> StoryDetail:
        """Move articles (ids or prefixes) of a story to a new story in the same thread,
        in one transaction; ``rebuild`` recomputes both stories' state. Returns the new one."""
        with self._transaction("cannot split the story", write=True) as conn:
            source = resolve_story(conn, story_id)
            ids = [_resolve(conn, article_id) for article_id in article_ids]
            return story_detail(conn, story_edits.split(conn, source, ids, rebuild))

    def story_index(self) -> IndexState:
        """What the story index persisted, for seeding it (see :class:`StoryIndex`)."""
        with self._transaction("cannot read the story index") as conn:
            return index_state(conn)

    def fingerprints(self) -> Iterator[Fingerprint]:
        """``(id, outlet, published, content_hash, minhash)`` of every article, in ingest order.

        For seeding the dedup index without recomputing; read in batches, so the
        database may be written while this is consumed.
        """
        query = (
            select(
                articles.c.seq,
                articles.c.id,
                articles.c.outlet,
                articles.c.published,
                articles.c.content_hash,
                fingerprints.c.minhash,
            )
            .outerjoin(fingerprints, fingerprints.c.article_id == articles.c.id)
            .order_by(articles.c.seq, articles.c.id)
            .limit(_BATCH)
        )
        after: tuple[int, str] | None = None
        while True:
            page = query if after is None else query.where(_after(*after))
            with self._transaction("cannot read fingerprints") as conn:
                rows = conn.execute(page).all()
            for row in rows:
                minhash = bytes(row.minhash) if row.minhash is not None else None
                yield row.id, row.outlet, row.published, row.content_hash, minhash
            if len(rows) < _BATCH:
                return
            after = (rows[-1].seq, rows[-1].id)

    def _retried(self, action: str, work: Callable[[Connection], T], *, write: bool = False) -> T:
        """``work`` in a transaction, all of it run again while the connection is lost."""

        def attempt() -> T:
            with self._transaction(action, write=write) as conn:
                return work(conn)

        try:
            return retrying(attempt, self._retry)
        except StoreError as e:
            if self._retry.seconds and is_disconnect(e):
                e.message += f" (still unreachable after {self._retry.seconds:g} s of retries)"
            raise

    @contextmanager
    def _transaction(self, action: str, *, write: bool = False) -> Iterator[Connection]:
        """A connection in a transaction, committed on success; errors become StoreError."""
        try:
            with self._engine.connect() as conn:
                if write:
                    conn.execution_options(**{WRITE: True})
                elif conn.dialect.name == "postgresql":
                    # One snapshot for all of a read's queries, as SQLite's WAL readers
                    # get (writers stay READ COMMITTED: they must see what they waited for).
                    conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    if write:
                        lock_for_write(conn)
                    yield conn
        except StoreError as e:
            e.where = e.where or self.name
            raise
        except (SQLAlchemyError, OSError) as e:
            raise StoreError(f"{action}: {_reason(e)}", where=self.name) from e


def _exists(conn: Connection, article_id: str) -> bool:
    """Whether ``article_id`` is stored."""
    query = select(articles.c.id).where(articles.c.id == article_id)
    return conn.execute(query).first() is not None


def _insert(conn: Connection, article: Article, fingerprint: bytes | None) -> None:
    """Insert the article row, then its children (the foreign keys need the row first)."""
    prior = articles.alias("prior")
    next_seq = select(func.coalesce(func.max(prior.c.seq), 0) + 1).scalar_subquery()
    conn.execute(insert(articles).values(**article_row(article), seq=next_seq))
    conn.execute(insert(raw_inputs).values(article_id=article.id, raw=storable(article.raw)))
    if article.dropped:
        conn.execute(insert(dropped_table), dropped_rows(article))
    if article.mentions:
        conn.execute(insert(mentions_table), mention_rows(article))
    write_actors(conn, article)
    if fingerprint is not None:
        conn.execute(insert(fingerprints).values(article_id=article.id, minhash=fingerprint))


def _resolve(conn: Connection, id_or_prefix: str) -> str:
    """The full id that ``id_or_prefix`` names (exactly, or as a unique prefix)."""
    if _exists(conn, id_or_prefix):
        return id_or_prefix
    if len(id_or_prefix) < MIN_PREFIX:
        raise NotFoundError(
            f"no article with id {id_or_prefix!r} (a prefix needs {MIN_PREFIX}+ characters)"
        )
    # substr, not LIKE: no wildcards to escape, and case-sensitive on every backend.
    head = func.substr(articles.c.id, 1, len(id_or_prefix))
    query = select(articles.c.id).where(head == id_or_prefix).order_by(articles.c.id).limit(3)
    found = list(conn.scalars(query))
    if not found:
        raise NotFoundError(f"no article with id {id_or_prefix!r}")
    if len(found) > 1:
        shown = ", ".join(found[:2]) + (", ..." if len(found) > 2 else "")
        raise StoreError(f"id prefix {id_or_prefix!r} is ambiguous: {shown}")
    return str(found[0])


def _conditions(where: ArticleFilter, dialect: str) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a filter (``None`` fields add none) on a ``dialect`` database."""
    outlet, language, text, duplicates = where.outlet, where.language, where.text, where.duplicates
    clauses = date_range(articles.c.published, where.since, where.until)
    if outlet is not None:
        clauses.append(func.lower(articles.c.outlet) == outlet.lower())
    if language is not None:
        clauses.append(articles.c.language == language)
    if text is not None:
        clauses.append(search.matches(text, dialect))
    if duplicates is not None:
        copy = or_(articles.c.duplicate_of.is_not(None), articles.c.reposted_from.is_not(None))
        clauses.append(copy if duplicates else ~copy)
    return clauses


def _check_paging(limit: int, offset: int) -> None:
    """Refuse a negative limit or offset with a StoreError a user can act on."""
    if limit < 0 or offset < 0:
        raise StoreError(f"limit and offset must be >= 0, got {limit} and {offset}")


def _after(seq: int, article_id: str) -> ColumnElement[bool]:
    """Rows after ``(seq, article_id)`` in ingest order (keyset pagination)."""
    return or_(articles.c.seq > seq, and_(articles.c.seq == seq, articles.c.id > article_id))


def _reason(error: BaseException) -> str:
    """The first line of the driver's own message (SQLAlchemy's adds SQL and a URL)."""
    original: Any = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    reason = lines[0] if lines else type(original).__name__
    code = getattr(original, "sqlite_errorname", "")
    if code.startswith("SQLITE_IOERR_"):  # "disk I/O error" alone hides that a write failed
        reason += f" ({code})"
    return reason
