"""Event deduplication across runs: a run merges its new reports with the stored events near them only,
and ends where one run over everything would."""

from __future__ import annotations

import json
from pathlib import Path

from dossier import Dossier
from dossier.events import stage as event_stage
from dossier.events.stage import REPORT_KIND, update_events
from dossier.model import Event

from .test_stage import ARTICLES

# The same sanctions again three months later: a new event, far from March's.
LATER = {"outlet": "Northern Wire", "url": "https://example.org/e", "date": "2024-06-11T09:00:00Z",
         "title": "Norway widens sanctions",
         "text": "Norway widens sanctions\n\nNorway imposed new sanctions on Belarus on Tuesday, officials in Oslo "
                 "said, citing further border incidents."}


def _feed(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps({k: a[k] for k in ("title", "text", "date", "outlet", "url")}) + "\n"
                            for a in articles), encoding="utf-8")
    return path


def _picture(d: Dossier) -> list[tuple]:
    return sorted((e.type, e.actor, e.target, e.date, e.num_mentions, e.num_sources, tuple(sorted(e.article_ids)))
                  for e in d.events())


def test_runs_article_by_article_end_where_one_run_over_everything_does(tmp_path):
    everything = [LATER, *ARTICLES]
    with Dossier(tmp_path / "once.db") as once:
        once.ingest([_feed(tmp_path / "all.jsonl", everything)])
        once.run()
        expected = _picture(once)
    with Dossier(tmp_path / "steps.db") as steps:
        for i, article in enumerate(everything):
            steps.ingest([_feed(tmp_path / f"{i}.jsonl", [article])])
            steps.run()
        assert _picture(steps) == expected
        sanctions = sorted((e for e in steps.events("SANCTION") if e.actor_country == "NOR"), key=lambda e: e.date)
        assert [e.date[:7] for e in sanctions] == ["2024-03", "2024-06"]  # three months apart: two events
        assert [e.num_sources for e in sanctions] == [2, 1]
        refs = steps.store.annotation_refs(REPORT_KIND)
        events = {e.id for e in steps.events()}
        reports = {r.id: r for r in steps.store.annotations(REPORT_KIND, Event)}
        assert all((ref in events) != reports[rid].negated for rid, _, ref in refs)  # each report points at its event


def test_a_run_redoes_only_the_events_near_its_reports(tmp_path, monkeypatch):
    with Dossier(tmp_path / "x.db") as d:
        d.ingest([_feed(tmp_path / "all.jsonl", [LATER, *ARTICLES])])
        d.run()
        before = _picture(d)
        june = next(e for e in d.events("SANCTION") if e.date.startswith("2024-06"))
        march_article = next(a.id for a in d.articles() if a.url == ARTICLES[0]["url"])
        redone: list[set[str]] = []
        replace = d.store.replace_objects

        def spy(conn, kind, stage, items, links=None, ids=None):
            redone.append(set(ids or ()))
            return replace(conn, kind, stage, items, links=links, ids=ids)

        monkeypatch.setattr(d.store, "replace_objects", spy)
        update_events(d.store, [march_article])
        assert redone and redone[0] and june.id not in redone[0]
        assert _picture(d) == before  # the same events as before, redone from the same reports


def test_the_windows_reach_every_event_a_report_could_join():
    report = Event(id="r", type="SANCTION", date="2024-03-10")
    (low, high), month = sorted(event_stage._windows([report]), key=lambda b: b[0] != "2024-03")[::-1]
    assert month == ("2024-03", "2024-03")  # an event dated to the month only
    assert low <= "2024-03-04" and "2024-03-12T23:00" <= high and not low <= "2024-03-03"
    assert event_stage._windows([Event(id="u", type="SANCTION")]) == {("", "")}
    assert event_stage._windows([Event(id="m", type="SANCTION", date="2024-12")]) == {("2024-12", "2025-01-01")}
