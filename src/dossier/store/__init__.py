"""The store: every read and write of dossier's data goes through ``Store``.

SQLite (one file, WAL, FTS5) is the default; a ``postgresql://`` URL selects
PostgreSQL behind the same interface. Portable SQL via SQLAlchemy Core; the only
dialect-specific part is full-text search.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel
from sqlalchemy import (
    ARRAY,
    Text,
    bindparam,
    cast,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB, array
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from dossier.errors import MissingExtra, NotFound, StoreError, require
from dossier.model import Article, utcnow
from dossier.store import schema as s

M = TypeVar("M", bound=BaseModel)

_ARTICLE_COLUMNS = (
    "raw_text text title outlet author published published_precision published_how "
    "published_confidence language duplicate_of url"
).split()
_ARTICLE_DATA = ("junk", "offset_map", "hints")
LISTING_COMMANDS = {"entity": "dossier entities", "story": "dossier stories", "statement": "dossier quotes", "storyline": "dossier storylines"}


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL from a file path or a URL."""
    db = str(db)
    if "://" in db:
        return db.replace("postgresql://", "postgresql+psycopg://", 1) if db.startswith("postgresql://") else db
    return f"sqlite:///{Path(db).expanduser()}"


def _shown(db: str | Path) -> str:
    """The database for messages, without a password."""
    db = str(db)
    return make_url(db).render_as_string(hide_password=True) if "://" in db else db


SQLITE_MMAP_BYTES = 1 << 30  # address space, not memory: the OS pages the file in as it is read
SQLITE_CACHE_KIB = 16 * 1024


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    # Reads through a memory map (no copy per page) and a larger page cache per connection: a page
    # such as a story's reads hundreds of rows spread over a large store.
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cur.close()


class Store:
    """A dossier database. Open with ``Store.open(path_or_url)``."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self.migrate()
        self._key_fts_by_seq()

    @classmethod
    def open(cls, db: str | Path) -> Store:
        url = database_url(db)
        try:
            if url.startswith("sqlite:///"):
                path = Path(url.removeprefix("sqlite:///"))
                if path.parent and not path.parent.exists():
                    raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
                engine = create_engine(url)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                if url.startswith("postgresql+psycopg://"):
                    require("psycopg", "postgres", "A PostgreSQL database")
                engine = create_engine(url, pool_pre_ping=True)
            return cls(engine)
        except (StoreError, MissingExtra):
            raise
        except (SQLAlchemyError, ImportError) as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot open database {_shown(db)}: {reason}. Check the path or URL.") from exc

    @property
    def url(self) -> str:
        """The database URL, password included: for worker processes that open the same store."""
        return self.engine.url.render_as_string(hide_password=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return self._schema_version(conn)

    def _schema_version(self, conn: Connection) -> int:
        try:
            row = conn.execute(select(s.meta.c.value).where(s.meta.c.key == "schema_version")).first()
        except (OperationalError, SQLAlchemyError):
            conn.rollback()
            return 0
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Bring the schema up to date, one migration per transaction."""
        with self.engine.connect() as conn:
            current = self._schema_version(conn)
        if current > s.SCHEMA_VERSION:
            raise StoreError(
                f"database schema version {current} is newer than this dossier ({s.SCHEMA_VERSION}): upgrade dossier"
            )
        for version in range(current, s.SCHEMA_VERSION):
            try:
                with self.engine.begin() as conn:
                    s.MIGRATIONS[version](conn)
                    self._set_meta(conn, "schema_version", str(version + 1))
            except SQLAlchemyError as exc:
                raise StoreError(f"migrating the database to version {version + 1} failed: {exc}") from exc

    def _set_meta(self, conn: Connection, key: str, value: str) -> None:
        conn.execute(delete(s.meta).where(s.meta.c.key == key))
        conn.execute(insert(s.meta).values(key=key, value=value))

    def get_meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.meta.c.value).where(s.meta.c.key == key)).first()
        return row[0] if row else None

    def set_meta(self, key: str, value: str, conn: Connection | None = None) -> None:
        """Set a meta value, in the given transaction or in one of its own."""
        if conn is not None:
            return self._set_meta(conn, key, value)
        with self.engine.begin() as own:
            self._set_meta(own, key, value)

    # Queues: ids one stage leaves for a later one, kept in meta as a sorted JSON list.

    def queued(self, key: str) -> set[str] | None:
        """The ids queued under ``key``; None when no queue has been kept there yet."""
        value = self.get_meta(key)
        return None if value is None else set(json.loads(value))

    def enqueue(self, conn: Connection, key: str, ids: Iterable[str]) -> None:
        """Add ids to the queue under ``key``, in the caller's transaction (starting the queue if need be)."""
        self._set_meta(conn, key, json.dumps(sorted((self.queued(key) or set()) | set(ids))))

    def clear_queue(self, conn: Connection, key: str) -> None:
        """Empty the queue under ``key`` (it is kept, empty: the stage that reads it has run)."""
        self._set_meta(conn, key, "[]")

    # -- articles -----------------------------------------------------------

    def add_articles(self, batch: Sequence[Article]) -> list[str]:
        """Store new articles in one transaction; return the ids that were new.

        An article already stored (same raw bytes) is not stored again; its new
        source is remembered.
        """
        if not batch:
            return []
        new: list[str] = []
        rows: list[dict[str, Any]] = []
        with self.engine.begin() as conn:
            known = self._existing_ids(conn, [a.id for a in batch])
            seq = conn.execute(select(func.coalesce(func.max(s.articles.c.seq), 0))).scalar_one()
            for article in batch:
                if article.id not in known:
                    seq += 1
                    rows.append({**self._article_row(article), "seq": seq})
                    known.add(article.id)
                    new.append(article.id)
            if rows:  # one executemany: per-row statements cost more than the rows
                conn.execute(insert(s.articles), rows)
            self._add_sources(conn, batch)
        return new

    def _existing_ids(self, conn: Connection, ids: Sequence[str]) -> set[str]:
        rows = conn.execute(select(s.articles.c.id).where(s.articles.c.id.in_(list(ids))))
        return {r[0] for r in rows}

    def _add_sources(self, conn: Connection, batch: Sequence[Article]) -> None:
        """Remember where each article was read, once per (article, source)."""
        pairs = dict.fromkeys((a.id, a.source) for a in batch)
        t = s.article_sources
        query = select(t.c.article_id, t.c.source).where(t.c.article_id.in_({a for a, _ in pairs}))
        stored = {(r[0], r[1]) for r in conn.execute(query)}
        missing = [p for p in pairs if p not in stored]
        if missing:
            now = utcnow()
            conn.execute(insert(t), [dict(article_id=a, source=src, seen_at=now) for a, src in missing])

    @staticmethod
    def _article_fields(a: Article) -> dict[str, Any]:
        """The columns stages may change (not the raw input or where it came from)."""
        row = {c: getattr(a, c) for c in _ARTICLE_COLUMNS}
        row["data"] = json.dumps(a.model_dump(mode="json", include=set(_ARTICLE_DATA)))
        row["updated_at"] = utcnow()
        return row

    @classmethod
    def _article_row(cls, a: Article) -> dict[str, Any]:
        return {
            **cls._article_fields(a),
            "id": a.id,
            "source": a.source,
            "format": a.format,
            "raw": zlib.compress(a.raw.encode("utf-8"), 6),
            "ingested_at": a.ingested_at,
        }

    @staticmethod
    def _article_from_row(row) -> Article:
        m = row._mapping
        data = json.loads(m["data"] or "{}")
        fields = {c: m[c] for c in _ARTICLE_COLUMNS}
        return Article(
            id=m["id"],
            source=m["source"],
            format=m["format"],
            raw=zlib.decompress(m["raw"]).decode("utf-8"),
            ingested_at=m["ingested_at"],
            **fields,
            **{k: data.get(k, [] if k != "hints" else {}) for k in _ARTICLE_DATA},
        )

    def save_articles(self, batch: Iterable[Article]) -> None:
        """Write back the fields stages set (clean text, metadata) and refresh search."""
        with self.engine.begin() as conn:
            self.save_articles_in(conn, batch)

    def save_articles_in(self, conn: Connection, batch: Iterable[Article]) -> None:
        batch = list(batch)
        if not batch:
            return
        rows = [{**self._article_fields(a), "_id": a.id} for a in batch]
        conn.execute(update(s.articles).where(s.articles.c.id == bindparam("_id")), rows)
        self._index_text(conn, batch)

    def _index_text(self, conn: Connection, batch: Sequence[Article]) -> None:
        rows = [{"id": a.id, "title": a.title or "", "text": a.text if a.text is not None else (a.raw_text or "")}
                for a in batch]
        if self.dialect == "sqlite":
            # FTS5 cannot index article_id (UNINDEXED): key its rows by the article's seq,
            # so replacing one is a rowid lookup, not a scan of the whole index.
            ids = list({r["id"] for r in rows})
            seqs = dict(conn.execute(select(s.articles.c.id, s.articles.c.seq).where(s.articles.c.id.in_(ids))).all())
            for r in rows:
                r["seq"] = seqs[r["id"]]
            conn.execute(text("DELETE FROM articles_fts WHERE rowid = :seq"), rows)
            conn.execute(text("INSERT INTO articles_fts (rowid, article_id, title, text) "
                              "VALUES (:seq, :id, :title, :text)"), rows)
        else:
            conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), rows)
            conn.execute(
                text(
                    "INSERT INTO articles_fts (article_id, title, text, doc) VALUES (:id, :title, :text,"
                    " setweight(to_tsvector('simple', :title), 'A') || to_tsvector('simple', :text))"
                ),
                rows,
            )

    def _key_fts_by_seq(self) -> None:
        """Stores made before the search index was keyed by seq: re-key it once (fast replaces)."""
        if self.dialect != "sqlite" or self.get_meta("fts_rowid") == "seq":
            return
        with self.engine.begin() as conn:
            conn.execute(text("CREATE TEMP TABLE fts_old AS SELECT article_id, title, text FROM articles_fts"))
            conn.execute(text("DELETE FROM articles_fts"))
            conn.execute(text("INSERT INTO articles_fts (rowid, article_id, title, text) SELECT a.seq, o.article_id,"
                              " o.title, o.text FROM fts_old o JOIN articles a ON a.id = o.article_id"))
            conn.execute(text("DROP TABLE fts_old"))
            self._set_meta(conn, "fts_rowid", "seq")

    def article_meta(self, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """id -> published, outlet, duplicate_of, title: what global stages need, without text (of every
        article, or of ``ids``)."""
        names = ("id", "published", "outlet", "duplicate_of", "title", "language")
        q = select(*[s.articles.c[c] for c in names])
        with self.engine.connect() as conn:
            if ids is None:
                return {r[0]: dict(zip(names, r)) for r in conn.execute(q)}
            out = {}
            for chunk in _chunks(sorted(set(ids)), 500):
                out.update((r[0], dict(zip(names, r))) for r in conn.execute(q.where(s.articles.c.id.in_(chunk))))
            return out

    def articles_dated_between(self, low: str, high: str) -> list[str]:
        """Ids of the articles published on or after ``low`` and before ``high`` (ISO dates), by the index of
        publication dates."""
        q = select(s.articles.c.id).where(s.articles.c.published >= low, s.articles.c.published < high)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def articles_without_day(self) -> list[str]:
        """Ids of the articles whose publication date names no day: none, or a month or year alone."""
        published = s.articles.c.published
        q = select(s.articles.c.id).where(or_(published.is_(None), func.length(published) < 10))
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def duplicate_map(self) -> dict[str, str]:
        """article id -> representative id, for articles that are copies of another."""
        q = select(s.articles.c.id, s.articles.c.duplicate_of).where(s.articles.c.duplicate_of.is_not(None))
        with self.engine.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(q)}

    def set_duplicates(self, conn: Connection, assigned: dict[str, str | None]) -> None:
        if assigned:
            conn.execute(update(s.articles).where(s.articles.c.id == bindparam("_id")).values(duplicate_of=bindparam("rep")),
                         [{"_id": k, "rep": v} for k, v in assigned.items()])

    def representatives(self, article_ids: Iterable[str]) -> dict[str, str]:
        """article id -> its representative, for those of the given articles that are copies."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(article_ids), 500):
                q = select(s.articles.c.id, s.articles.c.duplicate_of).where(
                    s.articles.c.id.in_(chunk), s.articles.c.duplicate_of.is_not(None))
                out.update((r[0], r[1]) for r in conn.execute(q))
        return out

    def copies_of(self, article_ids: Iterable[str]) -> list[str]:
        """Articles whose representative is one of the given articles."""
        out: list[str] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(list(article_ids), 500):
                out += [r[0] for r in conn.execute(select(s.articles.c.id).where(s.articles.c.duplicate_of.in_(chunk)))]
        return out

    def in_ingest_order(self, article_ids: Iterable[str]) -> list[str]:
        """The given article ids (unknown ones dropped) in ingest order."""
        found: list[tuple[int, str]] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(list(set(article_ids)), 500):
                found += [(r[1], r[0]) for r in conn.execute(
                    select(s.articles.c.id, s.articles.c.seq).where(s.articles.c.id.in_(chunk)))]
        return [i for _, i in sorted(found)]

    def get_article(self, article_id: str) -> Article:
        """An article by id or unique id prefix."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.articles).where(s.articles.c.id.like(f"{_escape_like(article_id)}%", escape="\\")).limit(2)
            ).all()
        if not rows:
            raise NotFound(f"no article with id {article_id!r}: list ids with 'dossier articles'")
        if len(rows) > 1:
            raise NotFound(f"article id prefix {article_id!r} is ambiguous: give more characters")
        return self._article_from_row(rows[0])

    def iter_articles(self, ids: Sequence[str] | None = None, batch_size: int = 200) -> Iterator[Article]:
        """Articles in ingest order (or the given ids), fetched in batches."""
        if ids is not None:
            for i in range(0, len(ids), batch_size):
                chunk = list(ids[i : i + batch_size])
                with self.engine.connect() as conn:
                    rows = conn.execute(select(s.articles).where(s.articles.c.id.in_(chunk))).all()
                by_id = {r._mapping["id"]: r for r in rows}
                yield from (self._article_from_row(by_id[i]) for i in chunk if i in by_id)
            return
        last = 0
        while True:
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(s.articles).where(s.articles.c.seq > last).order_by(s.articles.c.seq).limit(batch_size)
                ).all()
            if not rows:
                return
            last = rows[-1]._mapping["seq"]
            yield from (self._article_from_row(r) for r in rows)

    def iter_texts(self, ids: Sequence[str], batch_size: int = 200) -> Iterator[tuple[str, str]]:
        """(id, clean text, else the raw text) of the given articles, in the given order, without
        building whole articles: what a stage that only compares texts needs."""
        cols = [s.articles.c.id, s.articles.c.text, s.articles.c.raw_text]
        for i in range(0, len(ids), batch_size):
            chunk = list(ids[i : i + batch_size])
            with self.engine.connect() as conn:
                rows = {r[0]: r for r in conn.execute(select(*cols).where(s.articles.c.id.in_(chunk)))}
                need_raw = [i for i, r in rows.items() if r[1] is None and not r[2]]
                raw = dict(conn.execute(select(s.articles.c.id, s.articles.c.raw).where(s.articles.c.id.in_(need_raw))
                                        ).all()) if need_raw else {}
            for article_id in chunk:
                if article_id in rows:
                    _, clean, raw_text = rows[article_id]
                    text_of = clean if clean is not None else raw_text or zlib.decompress(raw[article_id]).decode("utf-8")
                    yield article_id, text_of

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Light rows for listings (no raw or body text)."""
        cols = [s.articles.c[c] for c in ("id", "title", "outlet", "author", "published", "language", "source", "duplicate_of")]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).order_by(s.articles.c.seq).limit(limit).offset(offset)).all()
        return [dict(r._mapping) for r in rows]

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(s.articles.c.id).order_by(s.articles.c.seq))]

    def count(self, table: str = "articles", kind: str | None = None) -> int:
        t = s.metadata.tables[table]
        q = select(func.count()).select_from(t)
        if kind is not None:
            q = q.where(t.c.kind == kind)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def sources_of(self, article_id: str) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.article_sources.c.source).where(s.article_sources.c.article_id == article_id)
            )
            return [r[0] for r in rows]

    # -- search -------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and clean text, best first."""
        if not query.strip():
            return []
        if self.dialect == "sqlite":
            return self._search_sqlite(query, limit)
        sql = text(
            "SELECT article_id, title, ts_headline('simple', text, q, :opts) AS snippet, ts_rank(doc, q) AS score "
            "FROM articles_fts, plainto_tsquery('simple', :q) q WHERE doc @@ q ORDER BY score DESC LIMIT :n"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sql, {"q": query, "n": limit, "opts": _HEADLINE_OPTIONS})
            return [dict(r._mapping) for r in rows]

    def _search_sqlite(self, query: str, limit: int) -> list[dict[str, Any]]:
        sql = text(
            "SELECT article_id, title, snippet(articles_fts, 2, '[', ']', '…', 12) AS snippet,"
            " bm25(articles_fts) AS score FROM articles_fts WHERE articles_fts MATCH :q"
            " ORDER BY score LIMIT :n"
        )
        for q in (query, _fts_literal(query)):
            try:
                with self.engine.connect() as conn:
                    return [dict(r._mapping) for r in conn.execute(sql, {"q": q, "n": limit})]
            except OperationalError:
                continue  # not valid FTS5 syntax: search the words literally
        return []

    # -- ingest bookkeeping -------------------------------------------------

    def record_error(self, source: str, problem: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(s.ingest_errors).values(source=source, problem=problem, at=utcnow()))

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.ingest_errors).order_by(s.ingest_errors.c.id.desc()).limit(limit))
            return [dict(r._mapping) for r in rows]

    # -- stage bookkeeping --------------------------------------------------

    def stale_article_ids(self, stage: str, key: str) -> list[str]:
        """Articles the stage has not processed with this key (its version and inputs)."""
        done = select(s.stage_runs.c.article_id).where(s.stage_runs.c.stage == stage, s.stage_runs.c.key == key)
        q = select(s.articles.c.id).where(s.articles.c.id.not_in(done)).order_by(s.articles.c.seq)
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def mark_done(self, conn: Connection, article_ids: Iterable[str], stage: str, key: str) -> None:
        ids = list(article_ids)
        conn.execute(delete(s.stage_runs).where(s.stage_runs.c.stage == stage, s.stage_runs.c.article_id.in_(ids)))
        now = utcnow()
        if ids:
            conn.execute(insert(s.stage_runs), [dict(article_id=i, stage=stage, key=key, ran_at=now) for i in ids])

    def stage_keys(self) -> dict[str, dict[str, int]]:
        """For each stage, how many articles were processed under each key."""
        q = select(s.stage_runs.c.stage, s.stage_runs.c.key, func.count()).group_by(s.stage_runs.c.stage, s.stage_runs.c.key)
        out: dict[str, dict[str, int]] = {}
        with self.engine.connect() as conn:
            for stage, key, n in conn.execute(q):
                out.setdefault(stage, {})[key] = n
        return out

    def transaction(self):
        """A transaction for a stage's writes: outputs and bookkeeping commit together."""
        return self.engine.begin()

    # -- annotations (per-article outputs) ---------------------------------

    def replace_annotations(
        self, conn: Connection, article_id: str, stage: str, items: Iterable[tuple[str, BaseModel]]
    ) -> None:
        """Replace everything ``stage`` wrote for the article by ``items`` (kind, model)."""
        conn.execute(
            delete(s.annotations).where(s.annotations.c.article_id == article_id, s.annotations.c.stage == stage)
        )
        rows = [_annotation_row(kind, article_id, stage, item) for kind, item in items]
        if rows:
            conn.execute(insert(s.annotations), rows)

    def replace_annotations_many(
        self, conn: Connection, stage: str, per_article: Sequence[tuple[str, Iterable[tuple[str, BaseModel]]]]
    ) -> None:
        """``replace_annotations`` for a batch of articles, in two statements instead of two per article."""
        ids = [article_id for article_id, _ in per_article]
        for chunk in _chunks(ids, 500):
            conn.execute(
                delete(s.annotations).where(s.annotations.c.stage == stage, s.annotations.c.article_id.in_(chunk))
            )
        rows = [_annotation_row(kind, aid, stage, item) for aid, items in per_article for kind, item in items]
        if rows:
            conn.execute(insert(s.annotations), rows)

    def annotations(
        self, kind: str, model: type[M], article_id: str | None = None, ref: str | None = None, label: str | None = None
    ) -> list[M]:
        q = select(s.annotations.c.data, s.annotations.c.ref).where(s.annotations.c.kind == kind)
        if article_id is not None:
            q = q.where(s.annotations.c.article_id == article_id)
        if ref is not None:
            q = q.where(s.annotations.c.ref == ref)
        if label is not None:
            q = q.where(s.annotations.c.label == label)
        q = q.order_by(s.annotations.c.article_id, s.annotations.c.start)
        with self.engine.connect() as conn:
            return [_with_ref(model.model_validate_json(data), kind, ref) for data, ref in conn.execute(q)]

    def annotation_data(self, kind: str, article_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """article id -> its annotations of a kind as plain JSON objects (in text order): for a corpus stage that
        needs a few fields of many articles' annotations without building every model."""
        out: dict[str, list[dict[str, Any]]] = {}
        cols = (s.annotations.c.article_id, s.annotations.c.data)
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(article_ids)), 500):
                q = select(*cols).where(s.annotations.c.kind == kind, s.annotations.c.article_id.in_(chunk))
                for article_id, data in conn.execute(q.order_by(s.annotations.c.article_id, s.annotations.c.start)):
                    out.setdefault(article_id, []).append(json.loads(data))
        return out

    def annotation_refs(
        self, kind: str, ids: Iterable[str] | None = None, article_ids: Iterable[str] | None = None,
        refs: Iterable[str] | None = None,
    ) -> list[tuple[str, str, str | None]]:
        """(id, article id, ref) of the annotations of a kind with the given ids, articles or refs: no data parsed."""
        cols = (s.annotations.c.id, s.annotations.c.article_id, s.annotations.c.ref)
        column, values = next(((c, v) for c, v in ((s.annotations.c.id, ids), (s.annotations.c.article_id, article_ids),
                                                    (s.annotations.c.ref, refs)) if v is not None), (None, None))
        out: list[tuple[str, str, str | None]] = []
        with self.engine.connect() as conn:
            if column is None:
                return [tuple(r) for r in conn.execute(select(*cols).where(s.annotations.c.kind == kind))]
            for chunk in _chunks(sorted(set(values)), 500):
                q = select(*cols).where(s.annotations.c.kind == kind, column.in_(chunk))
                out += [tuple(r) for r in conn.execute(q)]
        return out

    def annotations_of(self, kind: str, model: type[M], article_ids: Sequence[str], refs: bool = False) -> list[M]:
        """Annotations of one kind for several articles, in article order then position; ``refs``: with the
        corpus object each points at now (a mention's resolved entity), as ``annotations`` reads them."""
        items: list[M] = []
        for chunk in _chunks(list(article_ids), 500):
            q = (select(s.annotations.c.data, s.annotations.c.ref)
                 .where(s.annotations.c.kind == kind, s.annotations.c.article_id.in_(chunk))
                 .order_by(s.annotations.c.article_id, s.annotations.c.start))
            with self.engine.connect() as conn:
                for data, ref in conn.execute(q):
                    item = model.model_validate_json(data)
                    items.append(_with_ref(item, kind, ref) if refs else item)
        return items

    def annotation_ids_by_ref(self, kind: str, refs: Iterable[str]) -> list[tuple[str, str, str]]:
        """(annotation id, article id, ref) of the annotations pointing at the given objects."""
        out: list[tuple[str, str, str]] = []
        t = s.annotations
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(refs)), 500):
                q = select(t.c.id, t.c.article_id, t.c.ref).where(t.c.kind == kind, t.c.ref.in_(chunk))
                out += [(r[0], r[1], r[2]) for r in conn.execute(q)]
        return out

    def move_refs(self, conn: Connection, kind: str, moves: dict[str, str]) -> None:
        """Point every annotation of ``kind`` that refers to an old object at its new one (old -> new);
        through temporary refs, so a chain of moves (a -> b, b -> c) moves each annotation once."""
        moves = {old: new for old, new in moves.items() if old != new}
        t = s.annotations
        for phase in ((lambda o, n: (o, "~" + n)), (lambda o, n: ("~" + n, n))):
            pairs = dict(phase(o, n) for o, n in moves.items())
            if pairs:
                conn.execute(update(t).where(t.c.kind == kind, t.c.ref == bindparam("old")).values(ref=bindparam("new")),
                             [{"old": o, "new": n} for o, n in pairs.items()])

    def set_annotation_refs(self, conn: Connection, refs: dict[str, str | None]) -> None:
        """Point annotations at corpus objects (a mention at its entity) by their ``ref``."""
        if refs:
            conn.execute(
                update(s.annotations).where(s.annotations.c.id == bindparam("ann_id")).values(ref=bindparam("ref_id")),
                [{"ann_id": k, "ref_id": v} for k, v in refs.items()],
            )

    # -- objects (corpus-level outputs) -------------------------------------

    def replace_objects(
        self,
        conn: Connection,
        kind: str,
        stage: str,
        items: Iterable[BaseModel],
        links: dict[str, Iterable[str]] | None = None,
        ids: Iterable[str] | None = None,
    ) -> None:
        """Replace objects of ``kind`` written by ``stage`` (all, or only ``ids``)."""
        items = list(items)
        existing = select(s.objects.c.id).where(s.objects.c.kind == kind, s.objects.c.stage == stage)
        if ids is not None:
            existing = existing.where(s.objects.c.id.in_(list(ids)))
        old = [r[0] for r in conn.execute(existing)]
        new_ids = [i.id for i in items]  # type: ignore[attr-defined]
        for chunk in _chunks(old + new_ids, 500):
            conn.execute(delete(s.object_articles).where(s.object_articles.c.object_id.in_(chunk)))
            conn.execute(delete(s.objects).where(s.objects.c.id.in_(chunk)))
        now = utcnow()
        rows = [_object_row(kind, stage, item, now) for item in items]
        if rows:
            conn.execute(insert(s.objects), rows)
        link_rows = [
            dict(object_id=oid, article_id=aid, kind=kind) for oid, aids in (links or {}).items() for aid in set(aids)
        ]
        if link_rows:
            conn.execute(insert(s.object_articles), link_rows)

    def put_objects(self, conn: Connection, kind: str, stage: str, items: Sequence[BaseModel]) -> None:
        """Write (or overwrite) objects by id, leaving their links to articles as they are."""
        ids = [i.id for i in items]  # type: ignore[attr-defined]
        for chunk in _chunks(ids, 500):
            conn.execute(delete(s.objects).where(s.objects.c.id.in_(chunk)))
        now = utcnow()
        if items:
            conn.execute(insert(s.objects), [_object_row(kind, stage, item, now) for item in items])

    def delete_objects(self, conn: Connection, ids: Iterable[str]) -> None:
        """Remove objects and their links to articles."""
        for chunk in _chunks(sorted(set(ids)), 500):
            conn.execute(delete(s.object_articles).where(s.object_articles.c.object_id.in_(chunk)))
            conn.execute(delete(s.objects).where(s.objects.c.id.in_(chunk)))

    def unlink(self, conn: Connection, kind: str, article_ids: Iterable[str] = (), object_ids: Iterable[str] = ()) -> None:
        """Remove the links of ``kind`` of the given articles and of the given objects."""
        t = s.object_articles
        for chunk in _chunks(sorted(set(article_ids)), 500):
            conn.execute(delete(t).where(t.c.kind == kind, t.c.article_id.in_(chunk)))
        for chunk in _chunks(sorted(set(object_ids)), 500):
            conn.execute(delete(t).where(t.c.object_id.in_(chunk)))

    def link(self, conn: Connection, kind: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (object id, article id) links."""
        rows = [dict(object_id=o, article_id=a, kind=kind) for o, a in dict.fromkeys(pairs)]
        if rows:
            conn.execute(insert(s.object_articles), rows)

    def link_from_refs(self, conn: Connection, kind: str, annotation_kind: str, object_ids: Iterable[str]) -> None:
        """Link objects to every article with an annotation of ``annotation_kind`` referring to them."""
        a = s.annotations
        for chunk in _chunks(sorted(set(object_ids)), 500):
            found = select(a.c.ref, a.c.article_id, literal(kind)).where(a.c.kind == annotation_kind,
                                                                        a.c.ref.in_(chunk)).distinct()
            conn.execute(insert(s.object_articles).from_select(["object_id", "article_id", "kind"], found))

    def link_counts(self, conn: Connection, object_ids: Iterable[str]) -> dict[str, int]:
        """Object id -> how many articles it is linked to."""
        t = s.object_articles
        out: dict[str, int] = {}
        for chunk in _chunks(sorted(set(object_ids)), 500):
            q = select(t.c.object_id, func.count()).where(t.c.object_id.in_(chunk)).group_by(t.c.object_id)
            out.update((r[0], r[1]) for r in conn.execute(q))
        return out

    def objects(
        self, kind: str, model: type[M], name: str | None = None, article_id: str | None = None, limit: int | None = None
    ) -> list[M]:
        if article_id is not None and name is None:
            return self._objects_of_article(kind, model, article_id, limit)
        q = select(s.objects.c.data).where(s.objects.c.kind == kind)
        if name is not None:
            q = q.where(func.lower(s.objects.c.name).like(f"%{_escape_like(name.lower())}%", escape="\\"))
        if article_id is not None:
            linked = select(s.object_articles.c.object_id).where(s.object_articles.c.article_id == article_id)
            q = q.where(s.objects.c.id.in_(linked))
        q = q.order_by(s.objects.c.score.desc().nulls_last(), s.objects.c.name, s.objects.c.id)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [model.model_validate_json(r[0]) for r in conn.execute(q)]

    def _objects_of_article(self, kind: str, model: type[M], article_id: str, limit: int | None) -> list[M]:
        """``objects`` of one article: its links first (an index), then the objects by primary key. (With
        the kind in one query, SQLite walks every object of the kind, about 40 ms an article at 3,000.)"""
        o = s.objects
        ids = sorted(self.object_ids(kind, [article_id]))
        with self.engine.connect() as conn:
            rows = [r for chunk in _chunks(ids, 500)
                    for r in conn.execute(select(o.c.kind, o.c.score, o.c.name, o.c.id, o.c.data).where(o.c.id.in_(chunk)))
                    if r[0] == kind]
        rows.sort(key=lambda r: (r[1] is None, -(r[1] or 0), r[2] is None, r[2] or "", r[3]))
        return [model.model_validate_json(r[4]) for r in rows[:limit]]

    def newest_object_ids(self, kind: str, limit: int, offset: int = 0) -> list[str]:
        """Ids of stories or storylines, newest first (by their indexed ``sort_key``), one page."""
        q = (select(s.objects.c.id).where(s.objects.c.kind == kind)
             .order_by(s.objects.c.sort_key.desc(), s.objects.c.id.desc()).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def object_digests(self, kind: str, ids: Iterable[str], leave_out: Sequence[str],
                       counted: Sequence[str] = ()) -> list[tuple[dict, dict[str, int]]]:
        """Objects of ``kind`` by id as plain JSON without the fields ``leave_out``, and the lengths of the
        list fields ``counted``. The database drops the fields, so what a listing does not show is neither
        sent nor parsed (a story's facts, timeline and corroboration are most of its size)."""
        data = s.objects.c.data
        if self.dialect == "postgresql":
            doc = cast(data, JSONB)
            kept = cast(doc.op("-")(cast(array(list(leave_out)), ARRAY(Text))), Text) if leave_out else data
            counts = [func.coalesce(func.jsonb_array_length(doc[name]), 0) for name in counted]
        else:
            kept = func.json_remove(data, *[f"$.{name}" for name in leave_out]) if leave_out else data
            counts = [func.coalesce(func.json_array_length(data, f"$.{name}"), 0) for name in counted]
        out = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids)), 500):
                q = select(s.objects.c.kind, kept, *counts).where(s.objects.c.id.in_(chunk))
                out += [(orjson.loads(row[1]), dict(zip(counted, row[2:]))) for row in conn.execute(q) if row[0] == kind]
        return out

    def object_fields(self, kind: str, ids: Iterable[str], fields: Sequence[str],
                      counted: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Objects of ``kind`` by id as a few of their top-level text fields (None where missing) and the
        lengths of the list fields ``counted``: the database reads them out of the stored JSON, so no
        object is sent or parsed whole (a story's statements, grouped by speaker before any is shown)."""
        data = s.objects.c.data
        if self.dialect == "postgresql":
            doc = cast(data, JSONB)
            values = [doc[name].astext for name in fields]
            counts = [func.coalesce(func.jsonb_array_length(doc[name]), 0) for name in counted]
        else:
            values = [func.json_extract(data, f"$.{name}") for name in fields]
            counts = [func.coalesce(func.json_array_length(data, f"$.{name}"), 0) for name in counted]
        names = ["id", *fields, *counted]
        out = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids)), 500):
                q = select(s.objects.c.kind, s.objects.c.id, *values, *counts).where(s.objects.c.id.in_(chunk))
                out += [dict(zip(names, row[1:])) for row in conn.execute(q) if row[0] == kind]
        return out

    def object_ids(self, kind: str, article_ids: Iterable[str]) -> set[str]:
        """Ids of the objects of a kind linked to any of the given articles."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(article_ids)), 500):
                q = select(s.object_articles.c.object_id).where(
                    s.object_articles.c.kind == kind, s.object_articles.c.article_id.in_(chunk))
                out.update(r[0] for r in conn.execute(q))
        return out

    def linked_article_ids(self, object_ids: Iterable[str]) -> set[str]:
        """Ids of the articles linked to any of the given objects."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(object_ids)), 500):
                q = select(s.object_articles.c.article_id).where(s.object_articles.c.object_id.in_(chunk))
                out.update(r[0] for r in conn.execute(q))
        return out

    def objects_sorted_between(self, kind: str, bounds: Iterable[tuple[str, str | None]]) -> dict[str, str | None]:
        """id -> label of the objects of ``kind`` whose sort key lies within any of the (low, high) bounds,
        inclusive, high None for no upper bound (events by date: an index range per bound). Bounds are ISO
        dates: they sort alike in every collation (no punctuation sentinels)."""
        o = s.objects
        out: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for low, high in sorted(set(bounds), key=lambda b: (b[0], b[1] or "")):
                q = select(o.c.id, o.c.label).where(o.c.kind == kind, o.c.sort_key >= low)
                if high is not None:
                    q = q.where(o.c.sort_key <= high)
                out.update((r[0], r[1]) for r in conn.execute(q))
        return out

    def objects_with_ids(self, kind: str, model: type[M], ids: Iterable[str]) -> list[M]:
        """Objects of ``kind`` by exact id (those that exist), in id order."""
        out: list[M] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids)), 500):
                q = select(s.objects.c.kind, s.objects.c.data).where(s.objects.c.id.in_(chunk)).order_by(s.objects.c.id)
                out += [model.model_validate_json(data) for k, data in conn.execute(q) if k == kind]
        return out

    def object_names(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> name of objects (an entity's name, a story's title), from the name column."""
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids)), 500):
                q = select(s.objects.c.id, s.objects.c.name).where(s.objects.c.id.in_(chunk))
                out.update((i, n) for i, n in conn.execute(q) if n)
        return out

    def object_json(self, kind: str, object_id: str) -> str | None:
        """An object's stored JSON text by exact id (None when there is none of ``kind``)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(s.objects.c.kind, s.objects.c.data).where(s.objects.c.id == object_id)).first()
        return row[1] if row and row[0] == kind else None

    # -- story pages (what a story page shows, read ahead) ------------------

    def story_page(self, story_id: str, story_digest: str) -> dict | None:
        """The page built for the story as it is now (its JSON's digest), else None."""
        t = s.story_pages
        with self.engine.connect() as conn:
            row = conn.execute(select(t.c.data).where(t.c.story_id == story_id, t.c.story_digest == story_digest)).first()
        return orjson.loads(row[0]) if row else None

    def put_story_pages(self, conn: Connection, pages: Sequence[tuple[str, str, dict]]) -> None:
        """Write pages: (story id, digest of the story's JSON, what the page shows)."""
        self.drop_story_pages(conn, [story_id for story_id, _, _ in pages])
        now = utcnow()
        if pages:
            conn.execute(insert(s.story_pages), [
                dict(story_id=i, story_digest=digest, data=orjson.dumps(data).decode(), built_at=now)
                for i, digest, data in pages])

    def drop_story_pages(self, conn: Connection, story_ids: Iterable[str]) -> None:
        for chunk in _chunks(sorted(set(story_ids)), 500):
            conn.execute(delete(s.story_pages).where(s.story_pages.c.story_id.in_(chunk)))

    def story_ids_without_page(self) -> list[str]:
        """Stories no page was built for (new, or their page dropped)."""
        o, p = s.objects, s.story_pages
        q = select(o.c.id).where(o.c.kind == "story", ~select(p.c.story_id).where(p.c.story_id == o.c.id).exists())
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def prune_story_pages(self, conn: Connection) -> None:
        """Remove the pages of stories that are gone (merged into others)."""
        o, p = s.objects, s.story_pages
        conn.execute(delete(p).where(~select(o.c.id).where(o.c.id == p.c.story_id, o.c.kind == "story").exists()))

    def get_object(self, kind: str, object_id: str, model: type[M]) -> M:
        """The object of ``kind`` whose id is (or starts with) ``object_id``."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.objects.c.data)
                .where(s.objects.c.kind == kind, s.objects.c.id.like(f"{_escape_like(object_id)}%", escape="\\"))
                .limit(2)
            ).all()
        if len(rows) != 1:
            listing = LISTING_COMMANDS.get(kind, f"dossier {kind}s")
            raise NotFound(f"no single {kind} with id {object_id!r}: list them with '{listing}'")
        return model.model_validate_json(rows[0][0])

    # -- decisions and signatures ------------------------------------------

    def add_decision(self, kind: str, data: dict[str, Any]) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(s.decisions).values(kind=kind, data=json.dumps(data), made_at=utcnow()))

    def decisions(self, kind: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.decisions.c.data).where(s.decisions.c.kind == kind).order_by(s.decisions.c.id))
            return [json.loads(r[0]) for r in rows]

    def put_signatures(self, conn: Connection, kind: str, values: dict[str, bytes]) -> None:
        ids = list(values)
        for chunk in _chunks(ids, 500):
            conn.execute(
                delete(s.signatures).where(s.signatures.c.kind == kind, s.signatures.c.article_id.in_(chunk))
            )
        if values:
            conn.execute(insert(s.signatures), [dict(article_id=i, kind=kind, value=v) for i, v in values.items()])

    def signatures(self, kind: str) -> Iterator[tuple[str, bytes]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.signatures.c.article_id, s.signatures.c.value).where(s.signatures.c.kind == kind))
            yield from ((r[0], r[1]) for r in rows)

    def signatures_of(self, kind: str, article_ids: Iterable[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(article_ids), 500):
                q = select(s.signatures.c.article_id, s.signatures.c.value).where(
                    s.signatures.c.kind == kind, s.signatures.c.article_id.in_(chunk))
                out.update((r[0], r[1]) for r in conn.execute(q))
        return out

    # -- LSH buckets (deduplication) ----------------------------------------

    def put_bands(self, conn: Connection, rows: Iterable[tuple[int, str]]) -> None:
        """Add (bucket key, article id) rows."""
        values = [{"key": k, "article_id": a} for k, a in dict.fromkeys(rows)]
        if values:
            conn.execute(insert(s.lsh_bands), values)

    def delete_bands(self, conn: Connection, article_ids: Iterable[str]) -> None:
        for chunk in _chunks(list(article_ids), 500):
            conn.execute(delete(s.lsh_bands).where(s.lsh_bands.c.article_id.in_(chunk)))

    def band_members(self, keys: Iterable[int]) -> dict[int, list[str]]:
        """Bucket key -> the articles in that bucket, for the given keys."""
        out: dict[int, list[str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(keys)), 500):
                q = select(s.lsh_bands.c.key, s.lsh_bands.c.article_id).where(s.lsh_bands.c.key.in_(chunk))
                for key, article_id in conn.execute(q):
                    out.setdefault(key, []).append(article_id)
        return out

    # -- incremental resolution state (resolve/state.py) -------------------

    def rows_where(self, table: str, column: str, values: Iterable[str]) -> list[dict[str, Any]]:
        """Rows of a state table whose ``column`` is one of ``values``."""
        t = s.metadata.tables[table]
        out: list[dict[str, Any]] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(values)), 500):
                out += [dict(r._mapping) for r in conn.execute(select(t).where(t.c[column].in_(chunk)))]
        return out

    def count_where(self, table: str, column: str, values: Iterable[str]) -> dict[str, int]:
        """value -> how many rows of a state table have it in ``column`` (values with none left out)."""
        t = s.metadata.tables[table]
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(values)), 500):
                q = select(t.c[column], func.count()).where(t.c[column].in_(chunk)).group_by(t.c[column])
                out.update((r[0], r[1]) for r in conn.execute(q))
        return out

    def delete_where(self, conn: Connection, table: str, column: str, values: Iterable[str]) -> None:
        t = s.metadata.tables[table]
        for chunk in _chunks(sorted(set(values)), 500):
            conn.execute(delete(t).where(t.c[column].in_(chunk)))

    def insert_rows(self, conn: Connection, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            conn.execute(insert(s.metadata.tables[table]), rows)

    def clear(self, conn: Connection, *tables: str) -> None:
        for table in tables:
            conn.execute(delete(s.metadata.tables[table]))

    def delete_kind(self, conn: Connection, kind: str) -> None:
        """Remove every object of ``kind`` and its links to articles."""
        conn.execute(delete(s.object_articles).where(s.object_articles.c.kind == kind))
        conn.execute(delete(s.objects).where(s.objects.c.kind == kind))

    def delete_signatures(self, conn: Connection, kind: str, article_ids: Iterable[str] | None = None) -> None:
        """Remove the signatures of a kind: all, or those of ``article_ids``."""
        if article_ids is None:
            conn.execute(delete(s.signatures).where(s.signatures.c.kind == kind))
            return
        for chunk in _chunks(sorted(set(article_ids)), 500):
            conn.execute(delete(s.signatures).where(s.signatures.c.kind == kind, s.signatures.c.article_id.in_(chunk)))

    def summary(self) -> dict[str, int]:
        out = {"articles": self.count("articles"), "ingest_errors": self.count("ingest_errors")}
        with self.engine.connect() as conn:
            for table in (s.annotations, s.objects):
                for kind, n in conn.execute(select(table.c.kind, func.count()).group_by(table.c.kind)):
                    out[_plural(kind)] = n
        return out


# Snippets mark hits as SQLite's snippet() does: [word] … [word].
_HEADLINE_OPTIONS = "StartSel=[, StopSel=], FragmentDelimiter=…, MaxFragments=2, MaxWords=24, MinWords=8"

# The model field an annotation's ``ref`` column fills when read back.
_REF_FIELDS = {"mention": "entity_id", "quote": "statement_id"}


def _with_ref(item: M, kind: str, ref: str | None) -> M:
    """An annotation read back with the corpus object its ``ref`` column points at now (a mention's entity)."""
    field = _REF_FIELDS.get(kind)
    if field and ref and hasattr(item, field):
        setattr(item, field, ref)
    return item


def _annotation_row(kind: str, article_id: str, stage: str, item: BaseModel) -> dict[str, Any]:
    d = item.model_dump(mode="json")
    return dict(
        id=d["id"] if "id" in d else f"{kind}:{article_id}:{d.get('index', d.get('start'))}",
        kind=kind,
        article_id=article_id,
        stage=stage,
        start=d.get("start"),
        end=d.get("end"),
        label=d.get("type") or d.get("kind") if kind != "sentence" else None,
        ref=d.get("entity_id") or d.get("statement_id"),
        data=json.dumps(d),
    )


def _object_row(kind: str, stage: str, item: BaseModel, now: str) -> dict[str, Any]:
    d = item.model_dump(mode="json")
    return dict(
        id=d["id"],
        kind=kind,
        stage=stage,
        name=d.get("name") or d.get("title"),
        label=d.get("type"),
        score=d.get("mention_count") or len(d.get("article_ids") or []) or None,
        data=json.dumps(d),
        updated_at=now,
        sort_key=s.sort_key(kind, d),
    )


def _plural(kind: str) -> str:
    return kind[:-1] + "ies" if kind.endswith("y") else kind if kind.endswith("s") else f"{kind}s"


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_literal(query: str) -> str:
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"' for w in words) or '""'
