"""Storylines from story records alone: time, shared actors and themes (stories/storylines.py)."""

from __future__ import annotations

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
