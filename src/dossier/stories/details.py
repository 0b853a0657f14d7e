"""What a story says beyond its members: summary, corroboration, contradictions, timeline, facts, actors.

Two stages. ``quantities`` (per article) stores each article's numbers with what
they count. ``story-details`` (corpus) fills in the details of every story that
has a changed article, or that has none yet (a story the stories stage
rewrote), and writes it back as the stories stage's object (the stories stage
stays the owner; details are a part of the Story record the UI reads).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from dossier.model import (
    Article,
    Corroboration,
    Evidence,
    Mention,
    Quantity,
    Sentence,
    Statement,
    Story,
    TimelineEntry,
    TimeMention,
)
from dossier.nlp.quantities import article_quantities
from dossier.nlp.sentences import split_sentences
from dossier.pipeline import ArticleOutput, Stage, register
from dossier.store import Store
from dossier.stories.disagree import (
    SourcedQuantity,
    SourcedSentence,
    denial_contradictions,
    fact_corroboration,
    quantity_contradictions,
)
from dossier.stories.outlets import registry
from dossier.stories.sources import SourceInfo, source_groups, wire_credit
from dossier.stories.storylines import queue_for_relinking
from dossier.stories.summary import Candidate, summarize, unit_vector
from dossier.stories.vectors import dot

TIMELINE_BEFORE_DAYS = 60  # dated sentences this long before a story's first article still belong to its timeline
TIMELINE_AFTER_DAYS = 14
MAX_TIMELINE = 20
MAX_PER_DAY = 3
MAX_ACTORS = 6
MAX_STATEMENTS = 40
# Bounds that keep a story of hundreds of articles quick (pairwise comparisons): its earliest originals.
MAX_SUMMARY_ARTICLES, MAX_SUMMARY_SENTENCES = 40, 15
MAX_FACT_ARTICLES = 150
MAX_DENIAL_SENTENCES = 2000


def sentence_spans(store: Store | None, article: Article) -> list[tuple[int, int]]:
    """The article's sentences as the entities stage split them (so sentence indexes agree), else split here."""
    text = article.text or ""
    if store is not None:
        stored = store.annotations("sentence", Sentence, article_id=article.id)
        if stored:
            return [(s.start, s.end) for s in sorted(stored, key=lambda s: s.index)]
    return split_sentences(text)


@register
class QuantitiesStage(Stage):
    """Numbers with what they count, normalized to a value or range (one annotation each)."""

    name = "quantities"
    version = "1"
    requires = ("entities",)

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        outputs = []
        for article in articles:
            items = article_quantities(article.id, article.text or "", sentence_spans(self.store, article))
            outputs.append(ArticleOutput(article, [("quantity", q) for q in items]))
        return outputs


@register
class StoryDetailsStage(Stage):
    """Summary, corroboration, contradictions, timeline, facts and actors of the stories that changed."""

    name = "story-details"
    version = "1"
    requires = ("stories", "statements", "quantities")
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        update_details(store, changed)


def update_details(store: Store, changed: Sequence[str]) -> list[Story]:
    """Describe the stories the stories stage rewrote (its queue) and those with a changed article; only
    they and their articles are read."""
    stories = stories_to_describe(store, changed)
    meta = store.article_meta({aid for st in stories for aid in st.article_ids})
    out = [describe_story(store, s, meta) for s in stories]
    with store.transaction() as conn:
        store.replace_objects(conn, "story", "stories", out, links={s.id: s.article_ids for s in out},
                              ids=[s.id for s in out])
        store.clear_queue(conn, DESCRIBE_QUEUE)
        queue_for_relinking(store, conn, [s.id for s in out])
    return out


DESCRIBE_QUEUE = "stories_to_describe"  # meta: ids of the stories the stories stage rewrote, not yet described


def queue_for_details(store: Store, conn, story_ids: Sequence[str]) -> None:
    """Add stories to the details stage's queue (in the stories stage's transaction)."""
    store.enqueue(conn, DESCRIBE_QUEUE, story_ids)


def stories_to_describe(store: Store, changed: Sequence[str]) -> list[Story]:
    queued = store.queued(DESCRIBE_QUEUE)
    if queued is None:  # a store from before the queue: every story without details, once
        changed_set = set(changed)
        return [s for s in store.objects("story", Story)
                if s.corroboration is None or changed_set.intersection(s.article_ids)]
    return store.objects_with_ids("story", Story, queued | store.object_ids("story", changed))


class StoryMaterial:
    """A story's articles with their sentences, quantities, sources and dates, read once."""

    def __init__(self, store: Store, story: Story, meta: dict[str, dict]):
        self.story = story
        self.articles = {a.id: a for a in store.iter_articles(story.article_ids)}
        self.order = [aid for aid in story.article_ids if aid in self.articles]
        self.meta = meta
        infos = [SourceInfo(aid, meta.get(aid, {}).get("outlet"), wire_credit(self.articles[aid].text or "",
                            self.articles[aid].title), meta.get(aid, {}).get("duplicate_of")) for aid in self.order]
        self.source = {aid: g for g, group in enumerate(source_groups(infos)) for aid in group}
        self.spans = {aid: sentence_spans(store, self.articles[aid]) for aid in self.order}
        self.originals = [aid for aid in self.order if not self._copy(aid)]

    def _copy(self, aid: str) -> bool:
        rep = self.meta.get(aid, {}).get("duplicate_of")
        return bool(rep and rep != aid and rep in self.articles)

    def outlet(self, aid: str) -> str | None:
        return self.meta.get(aid, {}).get("outlet")

    def body_sentences(self, aid: str) -> list[tuple[int, int, int, str]]:
        """(index, start, end, text) of the article's sentences after its title."""
        a = self.articles[aid]
        text = a.text or ""
        skip = len(a.title) if a.title and text.lstrip().startswith(a.title) else 0
        return [(i, s, e, text[s:e]) for i, (s, e) in enumerate(self.spans[aid]) if s >= skip]

    def sourced_sentences(self) -> list[SourcedSentence]:
        return [SourcedSentence(aid, self.source[aid], self.outlet(aid), i, s, e, t)
                for aid in self.originals for i, s, e, t in self.body_sentences(aid)]


def describe_story(store: Store, story: Story, meta: dict[str, dict], names: dict[str, str] | None = None) -> Story:
    """The story with its details filled in (``names``: entity id -> name, read from the store if not given)."""
    m = StoryMaterial(store, story, meta)
    summary, carried = story_summary(m)
    quantities = [SourcedQuantity(q, m.source[aid], m.outlet(aid))
                  for aid in m.originals[:MAX_FACT_ARTICLES]
                  for q in store.annotations("quantity", Quantity, article_id=aid)]
    statements = story_statements(store, m)
    corroboration = ([statement_corroboration(st, m) for st in statements[:MAX_STATEMENTS]]
                     + fact_corroboration(quantities) + carried)
    contradictions = (quantity_contradictions(quantities)
                      + denial_contradictions(m.sourced_sentences()[:MAX_DENIAL_SENTENCES]))
    return story.model_copy(update={
        "summary": summary or story.summary,
        "corroboration": corroboration,
        "contradictions": contradictions,
        "timeline": story_timeline(store, m, statements),
        "facts": [sq.quantity for sq in quantities if sq.quantity.kind == "count"][:60],
        "actors": story_actors(store, m, names),
        "outlet_kinds": {name: registry().describe(name).kind for name in story.outlets},
    })


def story_summary(m: StoryMaterial) -> tuple[list[Evidence], list[Corroboration]]:
    """Up to five sentences from the story's original articles, each with how many sources carry it."""
    cands = []
    for aid in m.originals[:MAX_SUMMARY_ARTICLES]:
        for pos, (i, s, e, t) in enumerate(m.body_sentences(aid)[:MAX_SUMMARY_SENTENCES]):
            cands.append(Candidate(aid, m.source[aid], i, s, e, t, pos))
    chosen = summarize(cands, m.order)
    evidence = [Evidence(article_id=c.article_id, start=c.start, end=c.end, text=c.text, sentence_index=c.index,
                         sentence=c.text) for c in chosen]
    carried = []
    for c in chosen:
        carriers = [o for o in cands if o.source in c.sources and dot(o.vector, c.vector) >= 0.35]
        aids = sorted({o.article_id for o in carriers} | {c.article_id})
        carried.append(Corroboration(kind="sentence", text=c.text, independent_sources=len(c.sources),
                                     outlets=sorted({m.outlet(a) for a in aids if m.outlet(a)}), article_ids=aids))
    return evidence, carried


def story_statements(store: Store, m: StoryMaterial) -> list[Statement]:
    seen: dict[str, Statement] = {}
    for aid in m.order:
        for st in store.objects("statement", Statement, article_id=aid):
            seen.setdefault(st.id, st)
    return sorted(seen.values(), key=lambda s: (-len(set(s.article_ids) & set(m.order)), s.first_published or ""))


def statement_corroboration(st: Statement, m: StoryMaterial) -> Corroboration:
    """A statement's independent sources within the story (copies and relays of one source count once)."""
    inside = [aid for aid in st.article_ids if aid in m.source]
    return Corroboration(kind="statement", text=(f"{st.speaker}: " if st.speaker else "") + st.text, ref=st.id,
                         independent_sources=len({m.source[a] for a in inside}) or st.independent_sources,
                         outlets=sorted({m.outlet(a) for a in inside if m.outlet(a)}), article_ids=inside)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def story_timeline(store: Store, m: StoryMaterial, statements: Sequence[Statement]) -> list[TimelineEntry]:
    """Dated events (sentences anchored by a day-precise date near the story's span) and statements, by date."""
    first, last = _day(m.story.start), _day(m.story.end)
    entries: list[TimelineEntry] = []
    for aid in m.originals:
        text = m.articles[aid].text or ""
        spans = m.spans[aid]
        for t in store.annotations("time", TimeMention, article_id=aid):
            day = _day(t.value)
            if t.type not in ("DATE", "TIME") or t.precision not in ("day", "second") or day is None:
                continue
            if first and (day < first - timedelta(days=TIMELINE_BEFORE_DAYS)
                          or day > (last or first) + timedelta(days=TIMELINE_AFTER_DAYS)):
                continue
            index = next((i for i, (s, e) in enumerate(spans) if s <= t.start < e), None)
            if index is None:
                continue
            s, e = spans[index]
            sentence = text[s:e]
            if len(sentence) < 40 or sentence.strip() == t.text.strip():  # a date line, not an event
                continue
            entries.append(TimelineEntry(date=day.isoformat(), precision="day", kind="event", text=sentence,
                                         story_id=m.story.id, evidence=Evidence(
                                             article_id=aid, start=s, end=e, text=sentence, sentence_index=index,
                                             sentence=sentence)))
    for st in statements[:10]:
        inside = [m.meta.get(aid, {}).get("published") for aid in st.article_ids if aid in m.source]
        day = min(filter(None, map(_day, inside)), default=None)  # when this story's sources first carried it
        if day:
            entries.append(TimelineEntry(date=day.isoformat(), kind="statement", text=st.text, speaker=st.speaker,
                                         story_id=m.story.id))
    return _dedupe_timeline(entries)


def _dedupe_timeline(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    kept: list[tuple[TimelineEntry, dict]] = []
    per_day: Counter[str] = Counter()
    for e in sorted(entries, key=lambda e: (e.date, e.kind != "event")):
        vec = unit_vector(e.text)
        if per_day[e.date] >= MAX_PER_DAY or any(dot(v, vec) >= (0.5 if o.date == e.date else 0.8) for o, v in kept):
            continue
        per_day[e.date] += 1
        kept.append((e, vec))
    if len(kept) > MAX_TIMELINE:  # keep every day's first entry, then fill in order
        firsts = {id(e) for e, _ in {e.date: (e, v) for e, v in reversed(kept)}.values()}
        kept = [kv for kv in kept if id(kv[0]) in firsts][:MAX_TIMELINE]
    return [e for e, _ in kept]


def story_actors(store: Store, m: StoryMaterial, known: dict[str, str] | None = None) -> list[str]:
    """The story's main entities: named in the most of its articles, then most often."""
    in_articles: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for aid in m.originals:
        ids = [x.entity_id for x in store.annotations("mention", Mention, article_id=aid)
               if x.entity_id and x.type in ("PERSON", "ORG", "GPE") and x.kind in ("name", "role")]
        total.update(ids)
        in_articles.update(set(ids))
    names: list[str] = []
    candidates = sorted(in_articles, key=lambda e: (-in_articles[e], -total[e], e))[: MAX_ACTORS * 2]
    known = known if known is not None else store.object_names(candidates)  # one dropped since has none
    for eid in candidates:
        name = known.get(eid)
        if name is not None and name not in names:
            names.append(name)
    return names[:MAX_ACTORS]
