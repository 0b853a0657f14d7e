"""Storylines from story records alone: time, shared actors and themes (stories/storylines.py)."""

from __future__ import annotations

import pytest

from dossier.model import Evidence, Story, TimelineEntry
from dossier.stories.storylines import group_stories, storyline_of

HARBOUR = ["Mara Lind", "Port Authority", "Dockers Union", "Tessburg"]


def story(sid, start, actors, title, end=None, summary=""):
    ev = [Evidence(article_id="a" + sid, start=0, end=len(summary), text=summary)] if summary else []
    return Story(id=sid, title=title, start=start, end=end or start, actors=actors, summary=ev, article_ids=["a" + sid],
                 timeline=[TimelineEntry(date=start, text=title, story_id=sid)] if start else [])


def test_episodes_weeks_apart_with_the_same_actors_form_one_storyline():
    strike = story("s1", "2024-03-01", HARBOUR, "Dockers strike at Tessburg harbour over pay")
    talks = story("s2", "2024-03-20", HARBOUR[:3] + ["Labour Ministry"], "Harbour strike talks resume in Tessburg")
    deal = story("s3", "2024-04-25", HARBOUR, "Tessburg dockers accept pay deal, strike ends")
    groups = group_stories([deal, strike, talks])
    assert [[s.id for s in g] for g in groups] == [["s1", "s2", "s3"]]  # chained, in date order
    line = storyline_of(groups[0])
    assert line.actors[:2] == ["Mara Lind", "Port Authority"] and line.start == "2024-03-01"
    assert [e.date for e in line.timeline] == ["2024-03-01", "2024-03-20", "2024-04-25"]


def test_one_shared_head_of_state_or_a_long_gap_is_no_storyline():
    strike = story("s1", "2024-03-01", HARBOUR, "Dockers strike at Tessburg harbour over pay")
    quake = story("s2", "2024-03-05", ["Mara Lind", "Red Cross", "Kell Valley"], "Earthquake shakes Kell Valley")
    later = story("s3", "2024-09-01", HARBOUR, "Dockers strike at Tessburg harbour over pay again")
    assert group_stories([strike, quake, later]) == []


def test_undated_stories_link_only_on_strong_evidence():
    a = story("u1", None, HARBOUR, "Dockers strike at Tessburg harbour over pay")
    b = story("u2", None, HARBOUR, "Tessburg harbour strike: dockers demand pay rise")
    c = story("u3", None, HARBOUR[:2] + ["Kell Valley", "Red Cross"], "Earthquake shakes Kell Valley")
    assert [[s.id for s in g] for g in group_stories([a, b, c])] == [["u1", "u2"]]


# ------------------------------------------------------------- incremental


def _put(store, *stories, gone=()):
    """Write stories as the stories and details stages do, and queue them for relinking."""
    from dossier.stories.storylines import queue_for_relinking

    with store.transaction() as conn:
        store.replace_objects(conn, "story", "stories", stories, links={s.id: s.article_ids for s in stories},
                              ids=[s.id for s in stories] + list(gone))
        queue_for_relinking(store, conn, [s.id for s in stories])


def _lines(store):
    from dossier.model import Storyline

    lines = sorted(tuple(line.story_ids) for line in store.objects("storyline", Storyline))
    homes = {s.id: s.storyline_id for s in store.objects("story", Story)}
    return lines, homes


def _rebuilt(store):
    """What a run from scratch gives on the same stories."""
    expected = sorted(tuple(s.id for s in g) for g in group_stories(store.objects("story", Story)))
    return expected


def test_relinking_after_each_change_ends_where_a_rebuild_ends(store):
    from dossier.stories.storylines import update_storylines

    strike = story("s1", "2024-03-01", HARBOUR, "Dockers strike at Tessburg harbour over pay")
    quake = story("s5", "2024-03-05", ["Mara Lind", "Red Cross", "Kell Valley"], "Earthquake shakes Kell Valley")
    _put(store, strike, quake)
    update_storylines(store)  # the first run builds every storyline
    assert _lines(store)[0] == []
    talks = story("s2", "2024-03-20", HARBOUR[:3] + ["Labour Ministry"], "Harbour strike talks resume in Tessburg")
    _put(store, talks)
    update_storylines(store)
    assert _lines(store)[0] == _rebuilt(store) == [("s1", "s2")]
    deal = story("s3", "2024-04-25", HARBOUR, "Tessburg dockers accept pay deal, strike ends")
    aftermath = story("s4", "2024-06-10", HARBOUR[:2] + ["Dockers Union"], "Tessburg dockers back at work after strike")
    _put(store, deal, aftermath)
    update_storylines(store)
    lines, homes = _lines(store)
    assert lines == _rebuilt(store) == [("s1", "s2", "s3", "s4")]
    assert homes["s4"] == homes["s1"] and homes["s5"] is None
    # The talks story is merged into the deal story: the storyline holds through the merged story.
    merged = deal.model_copy(update={"article_ids": deal.article_ids + talks.article_ids})
    _put(store, merged, gone=["s2"])
    update_storylines(store)
    assert _lines(store)[0] == _rebuilt(store) == [("s1", "s3", "s4")]
    # The deal story turns out to be about the earthquake: the chain breaks in two, the link of s4 lost.
    retold = deal.model_copy(update={"actors": ["Red Cross", "Kell Valley", "Relief Fund"],
                                     "title": "Relief Fund pays out in Kell Valley", "storyline_id": None})
    _put(store, retold)
    update_storylines(store)
    lines, homes = _lines(store)
    assert lines == _rebuilt(store) == [("s5", "s3")]  # the earthquake and the relief: a storyline of their own
    assert homes["s1"] is None and homes["s4"] is None  # no longer linked to anything
    assert all(homes[sid] is not None for line in lines for sid in line)


def test_relinking_reads_only_the_stories_in_reach(store, monkeypatch):
    from dossier.stories.storylines import update_storylines

    old = [story(f"o{i}", f"2023-0{i}-01", HARBOUR, f"Old harbour dispute, episode {i}") for i in range(1, 6)]
    _put(store, *old)
    update_storylines(store)
    read: list[str] = []
    real = store.objects_with_ids

    def spy(kind, model, ids):
        out = real(kind, model, ids)
        read.extend(o.id for o in out)
        return out

    monkeypatch.setattr(store, "objects_with_ids", spy)
    monkeypatch.setattr(store, "objects", lambda *a, **k: pytest.fail("every stored object was read"))
    _put(store, story("n1", "2024-03-01", HARBOUR, "Dockers strike at Tessburg harbour over pay"),
         story("n2", "2024-03-15", HARBOUR, "Tessburg harbour strike: dockers demand pay rise"))
    lines = update_storylines(store)
    assert [line.story_ids for line in lines] == [["n1", "n2"]]
    assert not any(sid.startswith("o") for sid in read)  # a year away: neither read nor rewritten
