"""Story pages built ahead (dossier.stories.pages): one row per story, used only while it holds."""

from __future__ import annotations

import json

from dossier.api import views
from dossier.core import Dossier
from dossier.model import Event, Statement, Story
from dossier.stories.pages import touched_stories, update_story_pages

import demo_store


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _live(d: Dossier, story_id: str) -> dict:
    """The story page read from the rows it is built from, as without a page."""
    story = d.story(story_id)
    body = views.story_page_body(d, story)
    views._rename_entities(d, body)
    return {"story": story.model_dump(mode="json"), **body, "timeline": views.timeline_chart(body["articles"], story),
            "storyline": views.storyline_of(d, story)}


def test_every_story_has_a_page_and_it_shows_what_reading_live_shows(demo_db, tmp_path):
    with Dossier(demo_store.copy_db(demo_db, tmp_path / "copy")) as d:
        stories = d.stories()
        assert stories and d.store.story_ids_without_page() == []
        for story in stories:
            digest = views.story_digest(d.store.object_json("story", story.id))
            assert d.store.story_page(story.id, digest) is not None
            page = views.story_detail(d, story.id)
            assert page["articles"] and _same(page, _live(d, story.id))


def test_a_story_rewritten_since_its_page_was_built_is_read_live(demo_db, tmp_path):
    with Dossier(demo_store.copy_db(demo_db, tmp_path / "copy")) as d:
        story = max(d.stories(), key=lambda s: len(s.article_ids))
        dropped = story.article_ids[-1]
        smaller = story.model_copy(update={"article_ids": story.article_ids[:-1]})
        with d.store.transaction() as conn:
            d.store.replace_objects(conn, "story", "stories", [smaller], links={story.id: smaller.article_ids},
                                    ids=[story.id])
        page = views.story_detail(d, story.id)
        assert dropped not in {a["id"] for a in page["articles"]}
        assert _same(page, _live(d, story.id))
        assert views.build_story_pages(d, [story.id]) == 1  # rebuilt, the page holds again
        digest = views.story_digest(d.store.object_json("story", story.id))
        assert dropped not in {a["id"] for a in d.store.story_page(story.id, digest)["articles"]}


def test_other_ways_of_asking_read_live(demo_db, tmp_path):
    with Dossier(demo_store.copy_db(demo_db, tmp_path / "copy")) as d:
        story = max(d.stories(), key=lambda s: len(s.article_ids))
        by_prefix = views.story_detail(d, story.id[:10])
        assert _same(by_prefix, views.story_detail(d, story.id))
        one_speaker = views.story_detail(d, story.id, speakers=1, per_speaker=1)
        assert len(one_speaker["speakers"]) == 1 and len(one_speaker["speakers"][0]["statements"]) == 1


def test_merging_entities_drops_the_pages_of_the_stories_that_mention_them_until_the_next_run(demo_db, tmp_path):
    with Dossier(demo_store.copy_db(demo_db, tmp_path / "copy")) as d:
        people = sorted((e for e in d.entities() if e.type == "PERSON"), key=lambda e: -e.mention_count)
        a, b = people[0], people[1]
        mentioned = d.store.object_ids("story", d.store.linked_article_ids([a.id, b.id]))
        untouched = {s.id for s in d.stories()} - mentioned
        d.merge_entities(a.id, b.id)
        assert mentioned and set(d.store.story_ids_without_page()) == mentioned
        merged = d.entity(a.name)
        for story_id in mentioned:  # read live meanwhile: one entity under its name now
            names = [e["name"] for e in views.story_detail(d, story_id)["entities"] if e["id"] == merged.id]
            assert names == [merged.name]
        assert update_story_pages(d.store, []) == len(mentioned)
        assert d.store.story_ids_without_page() == [] and untouched == {s.id for s in d.stories()} - mentioned


def test_a_run_rebuilds_the_pages_of_stories_sharing_a_statement_or_an_event_with_a_changed_article(store):
    def story(sid: str, articles: list[str]) -> Story:
        return Story(id=sid, title=sid, article_ids=articles)

    with store.transaction() as conn:
        store.replace_objects(conn, "story", "stories", [story("sty_a", ["a1", "a2"]), story("sty_b", ["b1"]),
                                                         story("sty_c", ["c1"]), story("sty_d", ["d1"])],
                              links={"sty_a": ["a1", "a2"], "sty_b": ["b1"], "sty_c": ["c1"], "sty_d": ["d1"]})
        store.replace_objects(conn, "statement", "statements", [Statement(id="stm_1", text="x")],
                              links={"stm_1": ["a2", "b1"]})
        store.replace_objects(conn, "event", "event_dedup", [Event(id="evt_1", type="ACCUSE")],
                              links={"evt_1": ["c1", "b1"]})
    assert touched_stories(store, ["b1"]) == {"sty_a", "sty_b", "sty_c"}  # not sty_d: nothing shared
    assert touched_stories(store, ["d1"]) == {"sty_d"}
    assert touched_stories(store, []) == set()


def test_a_story_that_storylines_rewrote_gets_its_page_on_the_next_build(demo_db, tmp_path):
    from dossier.stories.storylines import _write

    with Dossier(demo_store.copy_db(demo_db, tmp_path / "copy")) as d:
        story = d.stories()[0]
        # Relinking finds the story in no storyline now: it is rewritten, none of its articles changed.
        _write(d.store, [story.model_copy(update={"storyline_id": "stl_before"})], set(), [])
        digest = views.story_digest(d.store.object_json("story", story.id))
        assert d.story(story.id).storyline_id is None and d.store.story_page(story.id, digest) is None
        update_story_pages(d.store, [])  # a run that changed none of its articles
        assert d.store.story_page(story.id, digest) is not None
