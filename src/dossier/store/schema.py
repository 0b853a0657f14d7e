"""Tables (portable SQLAlchemy Core) and the ordered list of schema migrations."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("format", String(16), nullable=False),
    Column("raw", LargeBinary, nullable=False),  # zlib-compressed UTF-8
    Column("raw_text", Text),
    Column("text", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("published_precision", String(16)),
    Column("published_how", String(32)),
    Column("published_confidence", Float),
    Column("language", String(16)),
    Column("duplicate_of", String(40)),
    Column("data", Text, nullable=False, default="{}"),  # JSON: junk, offset map, hints
    Column("seq", Integer, nullable=False),  # ingest order, for stable paging
    Column("ingested_at", String(32), nullable=False),
    Column("updated_at", String(32)),
)
Index("ix_articles_seq", articles.c.seq)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)
ix_articles_duplicate_of = Index("ix_articles_duplicate_of", articles.c.duplicate_of)

article_sources = Table(
    "article_sources",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("source", Text, primary_key=True),
    Column("seen_at", String(32), nullable=False),
)

ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("problem", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

stage_runs = Table(
    "stage_runs",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("stage", String(64), primary_key=True),
    Column("key", String(200), nullable=False),  # stage version + versions of its inputs
    Column("ran_at", String(32), nullable=False),
)

# Per-article outputs of the annotating stages (sentences, mentions, dates, quotes ...).
annotations = Table(
    "annotations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("article_id", String(40), nullable=False),
    Column("stage", String(64), nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("label", String(64)),  # a type: PERSON, direct, ACCUSE ...
    Column("ref", String(64)),  # the corpus object it belongs to: entity, statement ...
    Column("data", Text, nullable=False),  # the model as JSON
)
Index("ix_annotations_article", annotations.c.article_id, annotations.c.kind)
Index("ix_annotations_stage", annotations.c.stage, annotations.c.article_id)
Index("ix_annotations_ref", annotations.c.kind, annotations.c.ref)

# Corpus-level outputs of the global stages (entities, statements, events, stories ...).
objects = Table(
    "objects",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("stage", String(64), nullable=False),
    Column("name", Text),
    Column("label", String(64)),
    Column("score", Float),
    Column("data", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("sort_key", String(40)),  # stories and storylines: their last day ("" when undated); events: their date
)
Index("ix_objects_kind", objects.c.kind, objects.c.name)
ix_objects_sorted = Index("ix_objects_sorted", objects.c.kind, objects.c.sort_key, objects.c.id)
Index("ix_objects_stage", objects.c.stage)

# Links between corpus objects and articles (entity <-> article, story <-> article ...).
object_articles = Table(
    "object_articles",
    metadata,
    Column("object_id", String(64), primary_key=True),
    Column("article_id", String(40), primary_key=True),
    Column("kind", String(32), nullable=False),
)
# Covering (object_id included): the objects of an article's kind are read from the index alone.
ix_object_articles_article = Index("ix_object_articles_article", object_articles.c.article_id, object_articles.c.kind,
                                   object_articles.c.object_id)

# Decisions a user made (merge, split ...): constraints every later run respects.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("data", Text, nullable=False),
    Column("made_at", String(32), nullable=False),
)

# Per-article vectors and signatures for incremental global stages (MinHash ...).
signatures = Table(
    "signatures",
    metadata,
    Column("article_id", String(40), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

# LSH buckets of the MinHash signatures: one row per band of an article (and one for its exact
# hash), so deduplication looks candidates up here instead of holding every signature in memory.
lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("key", BigInteger, primary_key=True),
    Column("article_id", String(40), primary_key=True),
    sqlite_with_rowid=False,
)
Index("ix_lsh_bands_article", lsh_bands.c.article_id)

# Incremental entity resolution (resolve/state.py): the chains of every name summed in cells,
# the groups of cells with the component and entity each belongs to, and the keys that find a
# group's possible partners (block, short-form and decision keys).
resolve_cells = Table(
    "resolve_cells",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),  # folded name
    Column("data", Text, nullable=False),
)
Index("ix_resolve_cells_name", resolve_cells.c.name)

resolve_groups = Table(
    "resolve_groups",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("component", String(64), nullable=False),
    Column("entity_id", String(64), nullable=False),
    Column("data", Text, nullable=False),  # what comparing it with another group needs
)
Index("ix_resolve_groups_name", resolve_groups.c.name)
Index("ix_resolve_groups_component", resolve_groups.c.component)

resolve_keys = Table(
    "resolve_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("group_id", String(64), primary_key=True),
    sqlite_with_rowid=False,
)
Index("ix_resolve_keys_group", resolve_keys.c.group_id)

# What a story's page shows besides the story itself (articles, statements by speaker with their
# renderings, events, entities), built by the story-pages stage so that the page reads one row. It holds
# for the story as stored when it was built: ``story_digest`` is a hash of that story's JSON.
story_pages = Table(
    "story_pages",
    metadata,
    Column("story_id", String(64), primary_key=True),
    Column("story_digest", String(32), nullable=False),
    Column("data", Text, nullable=False),
    Column("built_at", String(32), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)


def _create_v1(conn: Connection) -> None:
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                "article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS articles_fts (article_id VARCHAR(40) PRIMARY KEY,"
                " title TEXT, text TEXT, doc tsvector)"
            )
        )
        conn.execute(
            text("CREATE INDEX IF NOT EXISTS ix_articles_fts_doc ON articles_fts USING GIN (doc)")
        )


def _lsh_bands_v2(conn: Connection) -> None:
    """Deduplication's LSH buckets in the store; copies found by their representative."""
    lsh_bands.create(conn, checkfirst=True)
    for index in lsh_bands.indexes:
        index.create(conn, checkfirst=True)
    ix_articles_duplicate_of.create(conn, checkfirst=True)


def _resolve_state_v3(conn: Connection) -> None:
    """Tables of incremental entity resolution."""
    for table in (resolve_cells, resolve_groups, resolve_keys):
        table.create(conn, checkfirst=True)
        for index in table.indexes:
            index.create(conn, checkfirst=True)


SORTED_KINDS = ("story", "storyline")


def sort_key(kind: str, data: dict) -> str | None:
    """What lists of ``kind`` are sorted by, newest first: a story's or storyline's last day; what events are
    found by: their date (event deduplication reads the events near a new report's date)."""
    if kind == "event":
        return str(data.get("date") or "")[:40]
    if kind not in SORTED_KINDS:
        return None
    return str(data.get("end") or data.get("start") or "")[:40]


def _sorted_objects_v4(conn: Connection) -> None:
    """Stories listed newest first by an index instead of reading every story; an article's linked objects
    read from an index alone."""
    import json

    from sqlalchemy import inspect

    if "sort_key" not in {c["name"] for c in inspect(conn).get_columns("objects")}:
        conn.execute(text("ALTER TABLE objects ADD COLUMN sort_key VARCHAR(40)"))
    ix_objects_sorted.create(conn, checkfirst=True)
    conn.execute(text("DROP INDEX IF EXISTS ix_object_articles_article"))  # it now covers the object id
    ix_object_articles_article.create(conn)
    rows = conn.execute(objects.select().with_only_columns(objects.c.id, objects.c.kind, objects.c.data)
                        .where(objects.c.kind.in_(SORTED_KINDS), objects.c.sort_key.is_(None))).all()
    for oid, kind, data in rows:
        conn.execute(objects.update().where(objects.c.id == oid).values(sort_key=sort_key(kind, json.loads(data))))


# The columns of an article that listings show (no text): ``ARTICLE_LISTING_INDEX`` covers them.
ARTICLE_LISTING_COLUMNS = ("id", "title", "outlet", "author", "published", "language", "duplicate_of", "url")
ARTICLE_LISTING_INDEX = "ix_articles_listing"


def _story_page_reads_v5(conn: Connection) -> None:
    """A story page read in one row (``story_pages``), events found by date (their ``sort_key``), and, in
    SQLite, an index covering the listing
    columns of an article. In a SQLite row they come after the raw input and the text, so reading them
    by id walks the row's overflow pages (about 0.1 ms an article on a store larger than memory; a story
    page lists tens). PostgreSQL keeps long values out of line (TOAST), so its rows read cheaply as they are."""
    import json

    story_pages.create(conn, checkfirst=True)
    rows = conn.execute(objects.select().with_only_columns(objects.c.id, objects.c.data)
                        .where(objects.c.kind == "event", objects.c.sort_key.is_(None))).all()
    for oid, data in rows:  # events found by date
        conn.execute(objects.update().where(objects.c.id == oid).values(sort_key=sort_key("event", json.loads(data))))
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {ARTICLE_LISTING_INDEX} ON articles "
                          f"({', '.join(ARTICLE_LISTING_COLUMNS)})"))


# Append only: each entry brings a store from version i to i + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [_create_v1, _lsh_bands_v2, _resolve_state_v3, _sorted_objects_v4,
                                                  _story_page_reads_v5]
SCHEMA_VERSION = len(MIGRATIONS)
