from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from dossier.errors import NotFound, StoreError
from dossier.ingest.base import make_article
from dossier.model import Entity, Evidence, Mention, Sentence
from dossier.store import Store
from dossier.store import schema


def article(body: str, source: str = "a.txt"):
    return make_article(body, source, "text")


def test_fresh_store_is_migrated_to_current_version_in_wal_mode(tmp_path):
    s = Store.open(tmp_path / "x.db")
    assert s.schema_version() == schema.SCHEMA_VERSION
    with s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    s.close()
    again = Store.open(tmp_path / "x.db")  # reopening migrates nothing twice
    assert again.schema_version() == schema.SCHEMA_VERSION


def test_store_refuses_a_database_from_a_newer_dossier(tmp_path):
    s = Store.open(tmp_path / "x.db")
    s.set_meta("schema_version", str(schema.SCHEMA_VERSION + 5))
    s.close()
    with pytest.raises(StoreError, match="newer than this dossier"):
        Store.open(tmp_path / "x.db")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nope" / "x.db")


def test_same_article_twice_is_stored_once_and_both_sources_kept(store):
    a = article("The council met on Monday and voted to close the harbour.")
    b = a.model_copy(update={"source": "copy.txt"})
    assert store.add_articles([a]) == [a.id]
    assert store.add_articles([b]) == []
    assert store.count() == 1
    assert sorted(store.sources_of(a.id)) == ["a.txt", "copy.txt"]


def test_articles_round_trip_with_raw_text_and_hints(store):
    a = make_article("Body text of a story about ports.", "x.json", "json", hints={"title": "Ports", "date": "2024-01-02"})
    store.add_articles([a])
    back = store.get_article(a.id[:6])
    assert back.raw == a.raw and back.hints == {"title": "Ports", "date": "2024-01-02"}


def test_unknown_and_ambiguous_ids_are_not_found(store):
    store.add_articles([article(f"story number {i} about the river") for i in range(40)])
    with pytest.raises(NotFound, match="no article"):
        store.get_article("zzzz")
    with pytest.raises(NotFound, match="ambiguous"):
        store.get_article("")


@pytest.mark.parametrize(("kind", "command"), [("story", "dossier stories"), ("statement", "dossier quotes"),
                                               ("entity", "dossier entities"), ("event", "dossier events")])
def test_unknown_object_names_the_command_that_lists_its_kind(store, kind, command):
    with pytest.raises(NotFound, match=f"no single {kind} with id 'zzzz': list them with '{command}'"):
        store.get_object(kind, "zzzz", Entity)


def test_iter_articles_pages_in_ingest_order(store):
    bodies = [f"Report {i}: the ferry left port {i} minutes late." for i in range(25)]
    for b in bodies:
        store.add_articles([article(b)])
    got = [a.raw for a in store.iter_articles(batch_size=7)]
    assert got == bodies


def test_search_finds_saved_clean_text_and_survives_fts_syntax(store):
    a = article("Flood waters rose in Port Sarnova overnight.")
    store.add_articles([a])
    a.text, a.title = a.raw, "Sarnova flood"
    store.save_articles([a])
    hits = store.search("sarnova")
    assert [h["article_id"] for h in hits] == [a.id]
    assert "[Sarnova]" in hits[0]["snippet"]
    assert [h["article_id"] for h in store.search('sarnova "(')] == [a.id]  # not FTS syntax: read literally
    assert store.search("   ") == []


def test_replace_annotations_replaces_only_that_stage(store):
    a = article("Mayor Ilse Brandt opened the bridge.")
    store.add_articles([a])
    ev = Evidence(article_id=a.id, start=6, end=16, text="Ilse Brandt")
    m = Mention(id="m1", article_id=a.id, start=6, end=16, text="Ilse Brandt", type="PERSON", evidence=ev)
    s = Sentence(article_id=a.id, index=0, start=0, end=36, text=a.raw)
    with store.transaction() as conn:
        store.replace_annotations(conn, a.id, "entities", [("mention", m)])
        store.replace_annotations(conn, a.id, "sentences", [("sentence", s)])
    with store.transaction() as conn:
        store.replace_annotations(conn, a.id, "entities", [])
    assert store.annotations("mention", Mention, article_id=a.id) == []
    assert store.annotations("sentence", Sentence, article_id=a.id) == [s]


def test_objects_replace_and_link_to_articles(store):
    a = article("Mayor Ilse Brandt opened the bridge.")
    store.add_articles([a])
    e = Entity(id="ent_1", name="Ilse Brandt", type="PERSON", mention_count=3)
    with store.transaction() as conn:
        store.replace_objects(conn, "entity", "resolve", [e], links={"ent_1": [a.id]})
    assert store.objects("entity", Entity, name="brandt") == [e]
    assert store.objects("entity", Entity, article_id=a.id) == [e]
    with store.transaction() as conn:
        store.replace_objects(conn, "entity", "resolve", [])
    assert store.objects("entity", Entity) == []


def test_a_crash_inside_a_transaction_keeps_what_was_committed(store):
    first = article("First story, committed.")
    store.add_articles([first])
    second = article("Second story, never committed.")
    with pytest.raises(RuntimeError):
        with store.transaction() as conn:
            conn.execute(schema.articles.insert().values(**store._article_row(second), seq=99))
            raise RuntimeError("power cut")
    assert store.article_ids() == [first.id]


def test_database_file_is_plain_sqlite(tmp_path):
    s = Store.open(tmp_path / "x.db")
    s.add_articles([article("Readable by any SQLite client.")])
    s.close()
    con = sqlite3.connect(tmp_path / "x.db")
    assert con.execute("select count(*) from articles").fetchone() == (1,)


def test_stories_are_listed_newest_first_by_an_index_also_in_a_store_from_before_it(tmp_path):
    from dossier.model import Story

    store = Store.open(tmp_path / "x.db")
    stories = [Story(id="sty_old", title="Old", start="2023-01-02", end="2023-01-05"),
               Story(id="sty_new", title="New", start="2023-03-01", end="2023-03-02"),
               Story(id="sty_undated", title="Undated"),
               Story(id="sty_mid", title="Mid", start="2023-02-10")]
    with store.transaction() as conn:
        store.replace_objects(conn, "story", "stories", stories)
    assert store.newest_object_ids("story", 10) == ["sty_new", "sty_mid", "sty_old", "sty_undated"]
    assert store.newest_object_ids("story", 2, offset=1) == ["sty_mid", "sty_old"]
    with store.engine.begin() as conn:  # as a store written before version 4 left it
        conn.execute(text("UPDATE objects SET sort_key = NULL"))
        conn.execute(text("DROP INDEX ix_objects_sorted"))
        conn.execute(text("DROP INDEX ix_object_articles_article"))
        conn.execute(text("CREATE INDEX ix_object_articles_article ON object_articles (article_id, kind)"))
    store.set_meta("schema_version", "3")
    store.close()
    again = Store.open(tmp_path / "x.db")
    assert again.schema_version() == schema.SCHEMA_VERSION
    assert again.newest_object_ids("story", 10) == ["sty_new", "sty_mid", "sty_old", "sty_undated"]
    with again.engine.connect() as conn:
        plan = " ".join(str(r) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT id FROM objects WHERE kind = 'story' ORDER BY sort_key DESC LIMIT 5")))
    assert "ix_objects_sorted" in plan
    with again.engine.connect() as conn:
        plan = " ".join(str(r) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT object_id FROM object_articles WHERE kind = 'statement' AND article_id IN ('a')")))
    assert "COVERING INDEX ix_object_articles_article" in plan


def test_article_listing_columns_read_from_a_covering_index_after_migrating(tmp_path):
    store = Store.open(tmp_path / "x.db")
    with store.engine.begin() as conn:  # as a store written before version 5 left it
        conn.execute(text(f"DROP INDEX {schema.ARTICLE_LISTING_INDEX}"))
    store.set_meta("schema_version", "4")
    store.close()
    again = Store.open(tmp_path / "x.db")
    assert again.schema_version() == schema.SCHEMA_VERSION
    columns = ", ".join(schema.ARTICLE_LISTING_COLUMNS)
    with again.engine.connect() as conn:
        plan = " ".join(str(r) for r in conn.execute(text(
            f"EXPLAIN QUERY PLAN SELECT {columns} FROM articles INDEXED BY {schema.ARTICLE_LISTING_INDEX}"
            " WHERE id IN ('a', 'b')")))
    assert f"COVERING INDEX {schema.ARTICLE_LISTING_INDEX}" in plan
