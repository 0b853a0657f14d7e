"""The online clusterer on hand-written articles: events, a background mention, a gap in time, blocking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dossier.nlp.timex.extract import find_timexes
from dossier.stories.cluster import Params, StoryClusterer
from dossier.stories.cues import CueWeights
from dossier.stories.features import StoryDoc, make_doc

from .samples import ALL, HEISTS, QUAKE, STRIKE, entities, persons


def doc(article: dict, dated: bool = True) -> StoryDoc:
    day = article["published"] if dated else None
    text = article["text"]
    days = [(t.start, t.value, t.relative) for t in find_timexes(text, day.isoformat() if day else None)]
    return make_doc(article["id"], article["title"], text, day, day.year if day else None,
                    entities(text), persons=persons(text), days=days)


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


def test_higher_thresholds_split_more():
    strict = run(STRIKE + QUAKE, params=Params(threshold=0.95, merge_threshold=0.95))
    assert len(strict.clusters()) == 5


def test_stories_too_unsure_to_join_merge_once_their_articles_show_one_event():
    # Joining needs a near copy here, so every article starts a story; the merges regroup them by event.
    clusterer = run(STRIKE + QUAKE, params=Params(threshold=0.95))
    assert groups(clusterer) == [["quake-1", "quake-2"], ["strike-1", "strike-2", "strike-3"]]
    assert set(clusterer.merged) and all(clusterer.current(s) in clusterer.stories for s in clusterer.merged)
    assert all(clusterer.story_of[a] in clusterer.stories for a in clusterer.story_of)


def test_two_raids_of_one_kind_on_other_days_on_other_people_stay_two_stories():
    # The four reports share nearly all their words; the day (Saturday / Tuesday) and the robbed
    # jeweller tell the two raids apart. Without the event cues the raids merge into one story.
    docs = [doc(a) for a in HEISTS]
    assert [d.weekdays for d in docs] == [(6,), (6,), (2,), (2,)]
    with_cues = StoryClusterer()
    with_cues.add_batch(docs)
    assert groups(with_cues) == [["heist-sat-1", "heist-sat-2"], ["heist-tue-1", "heist-tue-2"]]
    blind = StoryClusterer(Params(cues=CueWeights(0, 0, 0, 0, 0, 0)))
    blind.add_batch([doc(a) for a in HEISTS])
    assert len(blind.clusters()) == 1


def test_linkage_is_the_mean_similarity_of_the_article_pairs():
    clusterer = run(STRIKE + QUAKE, params=Params(threshold=1.01, merge_threshold=1.01))
    strike = [clusterer.stories[clusterer.story_of[a["id"]]] for a in STRIKE]
    quake = [clusterer.stories[clusterer.story_of[a["id"]]] for a in QUAKE]
    pairs = [clusterer.linkage(s, q) for s in strike for q in quake]
    merged = clusterer.merge(clusterer.merge(strike[0], strike[1]), strike[2])
    assert len(merged.members) == 3 and set(clusterer.merged) == {strike[1].id, strike[2].id} - {merged.id} | (
        {strike[0].id} - {merged.id})
    assert clusterer.linkage(merged, quake[0]) == pytest.approx(sum(pairs[::2]) / 3, abs=0.02)


def test_a_batch_is_placed_then_merged_best_pair_first():
    clusterer = StoryClusterer(Params(threshold=0.95))
    docs = [doc(a) for a in STRIKE + QUAKE]
    placed = clusterer.add_batch(docs)
    assert groups(clusterer) == [["quake-1", "quake-2"], ["strike-1", "strike-2", "strike-3"]]
    assert placed == [clusterer.story_of[d.id] for d in docs]


def test_closed_stories_leave_the_index_and_take_no_new_dated_articles():
    clusterer = run(STRIKE)
    assert clusterer.close_before(date(2024, 3, 5) + timedelta(days=Params().max_gap_days + 2)) == 1
    assert not any(clusterer.index.values())
    late = doc(STRIKE[1] | {"id": "strike-late", "published": date(2024, 9, 1)})
    assert clusterer.add(late) not in {clusterer.story_of["strike-1"]}


def test_candidates_are_bounded_by_max_candidates():
    params = Params(max_candidates=3, threshold=1.01, merge_threshold=1.01)  # every article its own story
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
