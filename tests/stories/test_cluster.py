"""The online clusterer on hand-written articles: events, a background mention, a gap in time, blocking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dossier.stories.cluster import Params, StoryClusterer
from dossier.stories.features import StoryDoc, make_doc

from .samples import ALL, QUAKE, STRIKE, entities


def doc(article: dict, dated: bool = True) -> StoryDoc:
    day = article["published"] if dated else None
    return make_doc(article["id"], article["title"], article["text"], day, day.year if day else None,
                    entities(article["text"]))


def groups(clusterer: StoryClusterer) -> list[list[str]]:
    return sorted(sorted(m) for m in clusterer.clusters().values())


def run(articles: list[dict], dated: bool = True, params: Params | None = None) -> StoryClusterer:
    clusterer = StoryClusterer(params)
    docs = [doc(a, dated) for a in articles]
    clusterer.observe(docs)
    for d in docs:
        clusterer.add(d)
    return clusterer


def test_articles_about_one_event_form_one_story_and_other_events_their_own():
    clusterer = run(STRIKE + QUAKE)
    assert groups(clusterer) == [["quake-1", "quake-2"], ["strike-1", "strike-2", "strike-3"]]


def test_a_passing_mention_of_another_event_does_not_pull_the_stories_together():
    # quake-1 recalls the Lindhaven dock strike in its last paragraph; it stays with the quake.
    clusterer = run(STRIKE + QUAKE, dated=False)
    assert clusterer.story_of["quake-1"] == clusterer.story_of["quake-2"]
    assert clusterer.story_of["quake-1"] != clusterer.story_of["strike-1"]


def test_the_same_actors_two_months_later_start_a_new_story():
    clusterer = run(ALL)
    assert clusterer.story_of["deal-1"] not in {clusterer.story_of[a["id"]] for a in STRIKE}


def test_story_id_comes_from_its_first_article_and_does_not_depend_on_later_ones():
    first = run(STRIKE[:1])
    later = run(STRIKE + QUAKE)
    assert first.story_of["strike-1"] == later.story_of["strike-1"] == later.story_of["strike-2"]


def test_adding_an_article_twice_returns_its_story():
    clusterer = run(STRIKE)
    assert clusterer.add(doc(STRIKE[0])) == clusterer.story_of["strike-1"]
    assert sum(len(m) for m in clusterer.clusters().values()) == 3


def test_restore_rebuilds_a_story_that_scores_like_the_original():
    original = run(STRIKE + QUAKE)
    rebuilt = StoryClusterer()
    docs = [doc(a) for a in STRIKE + QUAKE]
    rebuilt.observe(docs)
    for sid, members in original.clusters().items():
        rebuilt.restore(sid, [d for d in docs if d.id in members])
    newcomer = doc(STRIKE[1] | {"id": "strike-copy"})
    assert rebuilt.add(newcomer) == original.add(newcomer) == original.story_of["strike-2"]


def test_a_higher_threshold_splits_more():
    strict = run(STRIKE + QUAKE, params=Params(threshold=0.95))
    assert len(strict.clusters()) == 5


def test_closed_stories_leave_the_index_and_take_no_new_dated_articles():
    clusterer = run(STRIKE)
    assert clusterer.close_before(date(2024, 3, 5) + timedelta(days=Params().max_gap_days + 2)) == 1
    assert not any(clusterer.index.values())
    late = doc(STRIKE[1] | {"id": "strike-late", "published": date(2024, 9, 1)})
    assert clusterer.add(late) not in {clusterer.story_of["strike-1"]}


def test_candidates_are_bounded_by_max_candidates():
    params = Params(max_candidates=3, threshold=1.01)  # every article starts its own story
    clusterer = StoryClusterer(params)
    base = STRIKE[0]
    for i in range(20):
        clusterer.add(doc(base | {"id": f"copy-{i}"}))
    q = clusterer._query(doc(base | {"id": "probe"}))
    assert len(clusterer._candidates(q)) == 3


def test_undated_article_is_judged_by_its_approximate_date():
    clusterer = run(STRIKE)
    late = doc(STRIKE[1] | {"id": "undated"}, dated=False)
    late.approx_date = date(2024, 9, 1)
    on_time = doc(STRIKE[1] | {"id": "undated-2"}, dated=False)
    on_time.approx_date = date(2024, 3, 5)
    story = clusterer.stories[clusterer.story_of["strike-1"]]
    q_late, q_on_time = clusterer._query(late), clusterer._query(on_time)
    assert clusterer.score(story, q_late) < clusterer.score(story, q_on_time)


@pytest.mark.parametrize("year, dated, clash", [(2024, True, False), (2019, True, True), (2026, False, True),
                                                 (2021, False, False), (None, False, False)])
def test_years_clash_only_where_they_bound_the_date(year, dated, clash):
    clusterer = run(STRIKE)
    story = clusterer.stories[clusterer.story_of["strike-1"]]
    story.floor_year = 2023
    probe = doc(STRIKE[0] | {"id": "probe"}, dated=dated)
    probe.year = year
    assert clusterer._years_clash(story, probe) is clash
