"""The events stage (per article: coded reports of actions) and the event-dedup stage (across articles)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from dossier.events.dedup import MAX_DAYS, merge_reports, report_day
from dossier.events.extract import article_events
from dossier.model import Article, Event, Mention, Quote, Sentence, TimeMention
from dossier.pipeline import ArticleOutput, Stage, register
from dossier.store import Store

REPORT_KIND = "event_report"  # one article's report of an action; the corpus event is kind "event"


@register
class EventsStage(Stage):
    name = "events"
    version = "2"
    requires = ("entities", "time", "quotes")

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        outputs = []
        for article in articles:
            sentences = self.store.annotations("sentence", Sentence, article_id=article.id)
            mentions = self.store.annotations("mention", Mention, article_id=article.id)
            times = self.store.annotations("time", TimeMention, article_id=article.id)
            quotes = self.store.annotations("quote", Quote, article_id=article.id)
            events = article_events(article, sentences, mentions, times, quotes)
            outputs.append(ArticleOutput(article, [(REPORT_KIND, e) for e in events]))
        return outputs


@register
class EventDedupStage(Stage):
    """Reports of one action by several articles merged into one event, incrementally."""

    name = "event_dedup"
    version = "2"  # 2: each report points at its event (ref), so a run redoes only the events near its reports
    requires = ("events", "resolve", "dedupe")
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        update_events(store, changed)


def update_events(store: Store, changed: Sequence[str]) -> list[Event]:
    """Merge the reports of the changed articles with those of the stored events they could join, and
    replace those events; the rest of the store is not read.

    The events redone are those the changed articles reported before, and those of a new report's type
    dated near it (events are found by date, ``Store.objects_sorted_between``;
    an undated report is compared with the undated events). Their reports (each points at its event)
    are merged again with the new ones; a first run merges every report at once."""
    changed = list(dict.fromkeys(changed))
    new = [r for r in store.annotations_of(REPORT_KIND, Event, changed) if not r.negated]
    near = store.objects_sorted_between("event", _windows(new))
    types = {r.type for r in new}
    redone = store.object_ids("event", changed) | {i for i, label in near.items() if label in types}
    gone = set(changed)
    kept = [(rid, aid) for rid, aid, _ in store.annotation_ids_by_ref(REPORT_KIND, redone) if aid not in gone]
    kept_ids = {rid for rid, _ in kept}
    older = [r for r in store.annotations_of(REPORT_KIND, Event, sorted({aid for _, aid in kept}))
             if r.id in kept_ids]
    reports = new + older
    articles = set(changed) | {aid for _, aid in kept}
    wanted = {r.actor_mention_id for r in reports} | {r.target_mention_id for r in reports}
    mentions = {m.id: m for m in store.annotations_of("mention", Mention, sorted(articles), refs=True)
                if m.id in wanted}
    merged = merge_reports(reports, mentions, store.article_meta(articles))
    events = [event for event, _ in merged]
    refs: dict[str, str | None] = {rid: event.id for event, members in merged for rid in members}
    refs.update({rid: None for rid, _, _ in store.annotation_refs(REPORT_KIND, article_ids=changed) if rid not in refs})
    with store.transaction() as conn:
        store.replace_objects(conn, "event", EventDedupStage.name, events,
                              links={e.id: e.article_ids for e in events}, ids=redone)
        store.set_annotation_refs(conn, refs)
    return events


# A stored event is dated by its earliest report, its first report up to 2 * MAX_DAYS later: a new report
# can join events dated from 3 * MAX_DAYS before it to MAX_DAYS after.
DAYS_BEFORE, DAYS_AFTER = 3 * MAX_DAYS, MAX_DAYS


def _windows(reports: list[Event]) -> set[tuple[str, str]]:
    """Sort-key bounds (inclusive ISO dates) of the events the reports could join: days around each date
    (the day after the last one bounds the times of day), the month of a partial date (and of a day: an
    event dated to a month only may take it), and the undated."""
    out = set()
    for r in reports:
        day = report_day(r.date)
        if day is not None:
            out.add(((day - timedelta(days=DAYS_BEFORE)).isoformat(), (day + timedelta(days=DAYS_AFTER + 1)).isoformat()))
            out.add((day.isoformat()[:7], day.isoformat()[:7]))
        elif r.date:
            out.add((r.date[:7], _next_month(r.date[:7])))
        else:
            out.add(("", ""))
    return out


def _next_month(month: str) -> str:
    """The first day of the month after a "YYYY-MM" (the month itself when it is no such thing)."""
    try:
        first = date.fromisoformat(month + "-01")
    except ValueError:
        return month
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1).isoformat()
