"""Event deduplication: one event per action, reports and distinct sources counted, copies once."""

from __future__ import annotations

from dossier.events.dedup import merge_events
from dossier.model import Event, Evidence


def report(aid: str, type="SANCTION", actor="Norway", country="NOR", target="Belarus", target_country="BLR",
           date="2024-03-05", **kw) -> Event:
    return Event(id=f"evm_{aid}_{type}", type=type, actor=actor, actor_country=country, target=target,
                 target_country=target_country, date=date, article_ids=[aid],
                 evidence=[Evidence(article_id=aid, start=0, end=5, sentence="...")], **kw)


META = {"a": {"outlet": "Times"}, "b": {"outlet": "Wire"}, "c": {"outlet": "Times", "duplicate_of": "a"},
        "d": {"outlet": "Post"}}


def test_same_action_across_outlets_is_one_event_copies_counted_once():
    events = merge_events([report("a"), report("b", date="2024-03-06"), report("c")], {}, META)
    assert len(events) == 1
    e = events[0]
    assert e.num_mentions == 3 and e.num_sources == 2 and e.date == "2024-03-05"
    assert set(e.article_ids) == {"a", "b", "c"} and len(e.evidence) == 3


def test_capital_stands_for_its_state_and_missing_target_joins():
    events = merge_events([report("a"), report("b", actor="Oslo", target=None, target_country=None)], {}, META)
    assert len(events) == 1 and events[0].num_sources == 2


def test_different_days_types_or_actors_stay_apart():
    reports = [report("a"), report("b", date="2024-04-20"), report("d", type="ACCUSE"),
               report("d", actor="Sweden", country="SWE")]
    assert len(merge_events(reports, {}, META)) == 4


def test_negated_reports_are_no_events_and_undated_ones_join_only_when_fully_named():
    reports = [report("a"), report("b", negated=True), report("d", date=None),
               report("b", date=None, target=None, target_country=None)]
    events = merge_events(reports, {}, META)
    assert sorted(e.num_mentions for e in events) == [1, 2]
