"""The events stage (per article: coded reports of actions) and the event-dedup stage (across articles)."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.events.dedup import merge_events
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
    name = "event_dedup"
    version = "1"
    requires = ("events", "resolve", "dedupe")
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        rebuild_events(store)


def rebuild_events(store: Store) -> list[Event]:
    """Merge every stored report into corpus events (rebuilt whole: merging is cheap next to coding)."""
    reports = store.annotations(REPORT_KIND, Event)
    wanted = {r.actor_mention_id for r in reports} | {r.target_mention_id for r in reports}
    mentions = {m.id: m for m in store.annotations("mention", Mention) if m.id in wanted}
    events = merge_events(reports, mentions, store.article_meta())
    with store.transaction() as conn:
        store.replace_objects(conn, "event", EventDedupStage.name, events, links={e.id: e.article_ids for e in events})
    return events
