"""The same store behaviour on SQLite and PostgreSQL: ingest, the pipeline on the demo,
search, decisions and exports (the PostgreSQL server comes from tests/store/conftest.py)."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.core import Dossier, demo_corpus
from dossier.ingest import ingest
from dossier.ingest.base import make_article
from dossier.model import Entity, Mention, Quote, Statement, Story
from tests.store.conftest import BACKENDS


@pytest.fixture(scope="module")
def demo_dbs(request, tmp_path_factory):
    """The demo corpus ingested and run through the whole pipeline, once per backend."""
    dbs = {"sqlite": str(tmp_path_factory.mktemp("demo") / "demo.db")}
    try:
        dbs["postgresql"] = request.getfixturevalue("postgres_cluster").new_database()
    except pytest.skip.Exception:
        pass  # no server here: the SQLite half still runs
    for url in dbs.values():
        with Dossier(url) as d:
            d.demo()
    return dbs


def _demo_db(demo_dbs, backend: str) -> str:
    if backend not in demo_dbs:
        pytest.skip(f"no {backend} server")
    return demo_dbs[backend]


def _picture(d: Dossier) -> dict:
    """What the pipeline made of the demo, in a form that does not depend on row order."""
    store = d.store
    return {
        "summary": d.summary(),
        "articles": sorted((a.id, a.title, a.outlet, a.published, a.duplicate_of) for a in d.articles()),
        "entities": sorted((e.name, e.type, e.mention_count) for e in store.objects("entity", Entity)),
        "mentions": sorted((m.article_id, m.start, m.end, m.type) for m in store.annotations("mention", Mention)),
        "quotes": sorted((q.article_id, q.start, q.end, q.speaker or "") for q in store.annotations("quote", Quote)),
        "stories": sorted(tuple(sorted(s.article_ids)) for s in store.objects("story", Story)),
    }


def test_demo_pipeline_makes_the_same_picture_on_both_backends(demo_dbs):
    _demo_db(demo_dbs, "postgresql")
    pictures = {}
    for backend, url in demo_dbs.items():
        with Dossier(url) as d:
            pictures[backend] = _picture(d)
    sqlite, postgres = pictures["sqlite"], pictures["postgresql"]
    assert sqlite["summary"]["articles"] == 14 and sqlite["summary"]["entities"] > 20
    for part in sqlite:
        assert postgres[part] == sqlite[part], part


@pytest.mark.parametrize("backend", BACKENDS)
def test_search_finds_planted_facts_ranked_and_marked(demo_dbs, backend):
    with Dossier(_demo_db(demo_dbs, backend)) as d:
        hits = d.search("Drovna bridge")
        assert hits and all("[" in h["snippet"] for h in hits)
        assert d.search("nothingmatchesthisword") == []
        assert d.search('bridge "(') != []  # not search syntax: read literally on both


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_rerun_after_the_demo_processes_nothing(demo_dbs, backend):
    with Dossier(_demo_db(demo_dbs, backend)) as d:
        report = d.run()
    assert set(report.processed.values()) == {0}, report.processed


@pytest.mark.parametrize("backend", BACKENDS)
def test_exports_write_every_kind(demo_dbs, backend, tmp_path):
    with Dossier(_demo_db(demo_dbs, backend)) as d:
        assert d.export("articles", "parquet", tmp_path / "a.parquet") == 14
        assert pq.read_table(tmp_path / "a.parquet").num_rows == 14
        n = d.export("stories", "jsonl", tmp_path / "s.jsonl")
        rows = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
        assert n == len(rows) == d.summary()["stories"] and all(r["article_ids"] for r in rows)


def _holding(d: Dossier, name: str) -> Entity:
    (entity,) = [e for e in d.entities() if name in e.aliases or e.name == name]
    return entity


def test_merge_decision_survives_a_rerun(db_url):
    with Dossier(db_url) as d:
        d.ingest(sorted(demo_corpus().glob("a0*.txt")))
        d.run(["resolve"])
        before = d.entities()
        a, b = [e for e in before if e.type == "PERSON"][:2]  # two people: a wrong merge, but the user's call
        d.merge_entities(a.id, b.id)
        assert d.store.decisions("merge")
        assert _holding(d, a.name).id == _holding(d, b.name).id
        d.store.add_articles([make_article(f"{a.name} met {b.name} in Kalmir on Friday.", "new.txt", "text")])
        d.run(["resolve"])
        assert _holding(d, a.name).id == _holding(d, b.name).id
        assert len(d.entities()) == len(before) - 1


def test_ingest_is_idempotent_and_keeps_every_source(db_url, tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(12):
        (tmp_path / "in" / f"{i}.txt").write_text(f"Dispatch {i}: the ferry to island {i} sailed.")
    (tmp_path / "in" / "copy.txt").write_text("Dispatch 3: the ferry to island 3 sailed.")
    with Dossier(db_url) as d:
        first = ingest(d.store, [tmp_path / "in"], batch_size=5)
        again = ingest(d.store, [tmp_path / "in"], batch_size=5)
        assert (first.new, first.already_stored, again.new) == (12, 1, 0)
        assert d.store.count() == 12
        (copied,) = [a for a in d.articles() if a.raw.startswith("Dispatch 3:")]
        assert len(d.store.sources_of(copied.id)) == 2


def test_cli_takes_a_database_url(db_url, tmp_path):
    (tmp_path / "a.txt").write_text("The harbour of Korvask reopened on Tuesday after the storm.")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db_url, "ingest", str(tmp_path / "a.txt")]).exit_code == 0
    assert runner.invoke(app, ["--db", db_url, "run", "--stage", "clean"]).exit_code == 0
    result = runner.invoke(app, ["--db", db_url, "search", "harbour", "--jsonl"])
    assert result.exit_code == 0 and "Korvask" in result.output


def test_nul_characters_are_dropped_so_every_backend_stores_the_text(db_url):
    with Dossier(db_url) as d:
        a = make_article("A long report. " * 700 + "\x00 stray NUL from a scraper.", "nul.txt", "text")
        assert "\x00" not in a.raw
        d.store.add_articles([a])
        assert d.article(a.id).raw == a.raw


@pytest.mark.parametrize("backend", BACKENDS)
def test_object_digests_leave_out_fields_and_count_lists_in_the_database(demo_dbs, backend):
    with Dossier(_demo_db(demo_dbs, backend)) as d:
        stories = {st.id: st.model_dump(mode="json") for st in d.store.objects("story", Story)}
        leave_out = ["facts", "timeline", "summary"]
        digests = d.store.object_digests("story", [*stories, "no-such-id"], leave_out, ["contradictions", "article_ids"])
        assert len(digests) == len(stories) > 0
        for data, counts in digests:
            full = stories[data["id"]]
            assert data == {k: v for k, v in full.items() if k not in leave_out}
            assert counts == {"contradictions": len(full["contradictions"]), "article_ids": len(full["article_ids"])}
        assert d.store.object_digests("entity", list(stories), leave_out) == []  # other kinds are not read as stories


@pytest.mark.parametrize("backend", BACKENDS)
def test_object_fields_read_named_fields_and_list_lengths_in_the_database(demo_dbs, backend):
    with Dossier(_demo_db(demo_dbs, backend)) as d:
        statements = {st.id: st.model_dump(mode="json") for st in d.store.objects("statement", Statement)}
        fields = ["speaker", "speaker_entity_id", "first_published"]
        rows = d.store.object_fields("statement", [*statements, "no-such-id"], fields, ["quote_ids"])
        assert len(rows) == len(statements) > 0
        assert any(r["speaker_entity_id"] for r in rows) and any(r["quote_ids"] > 1 for r in rows)
        for r in rows:
            full = statements[r["id"]]
            assert r == {"id": full["id"], **{f: full[f] for f in fields}, "quote_ids": len(full["quote_ids"])}
        assert d.store.object_fields("story", list(statements), fields) == []  # other kinds are not read


@pytest.mark.parametrize("backend", BACKENDS)
def test_story_pages_are_built_and_read_back_on_every_backend(demo_dbs, backend):
    from dossier.api import views

    with Dossier(_demo_db(demo_dbs, backend)) as d:
        assert d.stories() and d.store.story_ids_without_page() == []
        for story in d.stories():
            digest = views.story_digest(d.store.object_json("story", story.id))
            page = d.store.story_page(story.id, digest)
            assert page == json.loads(json.dumps(views.story_page_body(d, story)))
            assert d.store.story_page(story.id, "0" * 32) is None  # built from another version of the story


@pytest.mark.parametrize("backend", BACKENDS)
def test_objects_are_found_by_date_on_every_backend(demo_dbs, backend):
    from datetime import date, timedelta

    from dossier.model import Event

    with Dossier(_demo_db(demo_dbs, backend)) as d:
        event = next(e for e in d.store.objects("event", Event) if e.date and len(e.date) >= 10)
        day = date.fromisoformat(event.date[:10])
        around = ((day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat())
        found = d.store.objects_sorted_between("event", [around])
        assert found[event.id] == event.type
        assert all(around[0] <= e.date[:10] <= around[1] for e in d.store.objects("event", Event) if e.id in found)
        later = (day + timedelta(days=2)).isoformat()
        assert event.id not in d.store.objects_sorted_between("event", [(later, None)])
        stories = d.stories()
        newest = max(s.end for s in stories if s.end)
        assert set(d.store.objects_sorted_between("story", [(newest, None)])) == {s.id for s in stories
                                                                                   if s.end and s.end >= newest}


def test_articles_are_found_by_publication_day_on_every_backend(db_url):
    with Dossier(db_url) as d:
        dated = {}
        for i, published in enumerate(["2024-03-01", "2024-03-09T23:30:00+00:00", "2024-03-10", "2024-03",
                                       "2024", None, "2024-02-29T08:00:00"]):
            a = make_article(f"Dispatch {i}: the ferry to island {i} sailed.", f"{i}.txt", "text")
            d.store.add_articles([a])
            a.published = published
            d.store.save_articles([a])
            dated[published] = a.id
        assert set(d.store.articles_dated_between("2024-03-01", "2024-03-10")) == {
            dated["2024-03-01"], dated["2024-03-09T23:30:00+00:00"]}  # the high bound left out
        assert set(d.store.articles_without_day()) == {dated["2024-03"], dated["2024"], dated[None]}
