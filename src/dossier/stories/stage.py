"""The stories stage: new articles join stories online; every story reports its sources.

Incremental: each article's clustering features are stored once (as a
signature), so a later run rebuilds from them, without re-reading any text,
the stories that can still take the new articles (those active within
``max_gap_days`` of them), and only the new or changed articles are clustered.
Changed articles leave their old story first. The new articles arrive as one
batch in publication order, undated ones last (see ``arrival_order``): each joins
or starts a story, then the stories they touched merge where their articles tell
of one event (``StoryClusterer.add_batch``). A copy found by the duplicate detector
then joins its original's story without being scored.

The clusterer's corpus counts (document frequencies of terms and names, and the
weekdays and people articles name) are kept in the store with the features they
count, written in one transaction with the stories, so a run reads the features
and metadata of the articles it reaches alone, not of every article.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise

from dossier import settings
from dossier.model import Article, Evidence, Story
from dossier.nlp.sentences import split_sentences
from dossier.pipeline import Stage, register
from dossier.store import Store
from dossier.stories.build import docs_from_store
from dossier.stories.cluster import Params, StoryClusterer
from dossier.stories.features import StoryDoc
from dossier.stories.sources import SourceInfo, independent_sources, wire_credit

SIGNATURE_KIND = "story-features-2"
COUNTS_KEY = f"counts:{SIGNATURE_KIND}"  # meta: the clusterer's corpus counts over every stored member
TITLE_CHARS = 160


@dataclass
class Member:
    """What the stage keeps of an article: its clustering features and what its story reports."""

    doc: StoryDoc
    relays: str | None = None
    lead: tuple[int, int, str] | None = None  # the lead's first sentence, for the story summary

    def to_bytes(self) -> bytes:
        d = self.doc
        data = {"id": d.id, "terms": d.terms, "entities": d.entities, "date": d.date.isoformat() if d.date else None,
                "year": d.year, "title": d.title, "weekdays": d.weekdays, "persons": d.persons,
                "relays": self.relays, "lead": self.lead}
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, value: bytes) -> Member:
        data = json.loads(zlib.decompress(value))
        day = date.fromisoformat(data["date"]) if data["date"] else None
        doc = StoryDoc(data["id"], data["terms"], data["entities"], date=day, year=data["year"], title=data["title"],
                       weekdays=tuple(data["weekdays"]), persons=tuple(data["persons"]))
        return cls(doc, data["relays"], tuple(data["lead"]) if data["lead"] else None)


def member_of(article: Article, doc: StoryDoc) -> Member:
    text = article.text or ""
    return Member(doc, wire_credit(text, article.title), _first_sentence(article))


def _first_sentence(article: Article) -> tuple[int, int, str] | None:
    """The first sentence after the title: a story's one-line summary."""
    text = article.text or ""
    skip = len(article.title) if article.title and text.startswith(article.title) else 0
    for start, end in split_sentences(text):
        if start >= skip and end - start > 20:
            return start, end, text[start:end]
    return None


@register
class StoriesStage(Stage):
    """Cluster articles into stories, online and incrementally."""

    name = "stories"
    version = "1"
    requires = ("resolve", "time", "dedupe")
    scope = "corpus"
    params: Params = Params()

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        params = replace(self.params, threshold=float(settings.get("story_threshold")),
                         merge_threshold=float(settings.get("story_merge_threshold")))
        update_stories(store, changed, params)


def update_stories(store: Store, changed: Sequence[str], params: Params | None = None) -> list[Story]:
    """Cluster the changed articles into the stored stories; write and return the stories that changed."""
    params = params or Params()
    changed_set = set(changed)
    members = Members(store, stale=changed_set)
    clusterer = _clusterer_with_counts(store, members, params)
    arrivals = members.featurize(store, list(changed))
    clusterer.observe(Member.from_bytes(value).doc for value in members.new.values())  # known at once: counted first
    meta = store.article_meta([aid for aid, _ in arrivals])
    order = arrival_order(arrivals, params.max_gap_days)
    since = _open_since(order, params)
    stored = Stored(_stories_within_reach(store, changed, since), members, changed_set, clusterer, store)
    stored.restore_open(since)
    _cluster_arrivals(clusterer, stored, members, meta, order)
    stored.touched.update(clusterer.merged)  # stories merged into others: removed from the store
    written = [sid for sid in sorted(stored.touched) if sid in clusterer.stories]
    wanted = {aid for sid in written for aid in clusterer.stories[sid].members} - set(meta)
    meta.update(store.article_meta(wanted))
    members.load(wanted)
    stories = [story_object(clusterer, sid, members, meta) for sid in written]
    with store.transaction() as conn:
        store.delete_signatures(conn, SIGNATURE_KIND, members.stale - set(members.new))  # no features now
        store.put_signatures(conn, SIGNATURE_KIND, members.new)
        store.replace_objects(conn, "story", StoriesStage.name, stories,
                              links={s.id: s.article_ids for s in stories}, ids=stored.touched)
        save_counts(store, conn, clusterer)
        dossier.stories.details.queue_for_details(store, conn, [s.id for s in stories])  # (imported below)
    return stories


def _clusterer_with_counts(store: Store, members: Members, params: Params) -> StoryClusterer:
    """A clusterer holding the corpus counts of every stored article but the changed (stale) ones: the kept
    counts less the changed articles' former features, or counted afresh when most articles changed or no
    counts are kept yet (a store from before they were)."""
    clusterer = StoryClusterer(params)
    if len(members.stale) * 2 > store.count() or not load_counts(store, clusterer):
        clusterer.observe(members.stored_docs())
    else:
        for doc in members.stale_docs():
            clusterer.forget(doc)
    return clusterer


def load_counts(store: Store, clusterer: StoryClusterer) -> bool:
    """Put the stored corpus counts into the clusterer; False when the store has none yet."""
    value = store.get_meta(COUNTS_KEY)
    if value is None:
        return False
    clusterer.load_corpus_counts(json.loads(zlib.decompress(base64.b64decode(value))))
    return True


def save_counts(store: Store, conn, clusterer: StoryClusterer) -> None:
    """Store the clusterer's corpus counts (in the transaction that stores the features they count)."""
    packed = zlib.compress(json.dumps(clusterer.corpus_counts(), separators=(",", ":")).encode("utf-8"), 6)
    store.set_meta(COUNTS_KEY, base64.b64encode(packed).decode("ascii"), conn)


def _cluster_arrivals(clusterer: StoryClusterer, stored: Stored, members: Members, meta: dict[str, dict],
                      order: list[tuple[str, date | None]]) -> None:
    """The new originals as one batch (read one at a time), then each copy into its original's story."""
    copies: list[tuple[str, date | None, str]] = []

    def originals() -> Iterator[StoryDoc]:
        for aid, approx in order:
            rep = meta.get(aid, {}).get("duplicate_of")
            if rep:
                copies.append((aid, approx, rep))
                continue
            doc = members[aid].doc
            doc.approx_date = approx
            yield doc

    stored.touched.update(clusterer.add_batch(originals()))
    for aid, approx, rep in copies:
        doc = members[aid].doc
        doc.approx_date = approx
        home = stored.story_of(rep)
        stored.touched.add(clusterer.join(home, doc) if home else clusterer.add(doc))


class Members:
    """Articles' stored features, read from the store when first needed and kept compressed. ``stale``: the
    changed articles, whose stored features no longer count; their new ones (``featurize``) stay in memory
    until the stage writes them with its stories."""

    def __init__(self, store: Store, stale: set[str] | None = None):
        self.store = store
        self.stale = stale or set()
        self.blobs: dict[str, bytes] = {}
        self.new: dict[str, bytes] = {}
        self._absent: set[str] = set()

    def load(self, article_ids: Iterable[str]) -> None:
        """Read the features of these articles (those not read yet) in one go."""
        wanted = [aid for aid in set(article_ids) if aid not in self.blobs and aid not in self._absent
                  and aid not in self.stale]
        if wanted:
            found = self.store.signatures_of(SIGNATURE_KIND, wanted)
            self.blobs.update(found)
            self._absent.update(aid for aid in wanted if aid not in found)

    def __getitem__(self, article_id: str) -> Member:
        self.load([article_id])
        return Member.from_bytes(self.blobs[article_id])

    def __contains__(self, article_id: str) -> bool:
        self.load([article_id])
        return article_id in self.blobs

    def stored_docs(self) -> Iterator[StoryDoc]:
        """The features of every stored article but the stale ones, streamed (not kept)."""
        for aid, value in self.store.signatures(SIGNATURE_KIND):
            if aid not in self.stale:
                yield Member.from_bytes(value).doc

    def stale_docs(self) -> Iterator[StoryDoc]:
        """The stored (former) features of the stale articles."""
        for value in self.store.signatures_of(SIGNATURE_KIND, sorted(self.stale)).values():
            yield Member.from_bytes(value).doc

    def featurize(self, store: Store, ids: list[str], chunk: int = 150) -> list[tuple[str, date | None]]:
        """Compute the features of the given articles, a chunk at a time; return (id, date) in order."""
        arrivals = []
        for i in range(0, len(ids), chunk):
            part = ids[i : i + chunk]
            articles = {a.id: a for a in store.iter_articles(part)}
            docs = {doc.id: doc for doc in docs_from_store(store, part)}
            new = {aid: member_of(articles[aid], doc).to_bytes() for aid, doc in docs.items()}
            self.new.update(new)
            self.blobs.update(new)
            arrivals += [(aid, docs[aid].date) for aid in part if aid in docs]
        return arrivals


def _stories_within_reach(store: Store, changed: Sequence[str], since: str | None) -> list[Story]:
    """The stored stories the new articles can reach: those still open on ``since`` (by their indexed
    last day; every story when None), the undated, and those holding a changed article. A closed story
    is read later only if a late copy of one of its articles arrives (``Stored.story_of``)."""
    if since is None:
        return store.objects("story", Story)
    open_ids = store.objects_sorted_between("story", [(since, None), ("", "")])
    return store.objects_with_ids("story", Story, set(open_ids) | store.object_ids("story", changed))


class Stored:
    """The stored stories within reach, rebuilt in the clusterer when they can still take the new articles."""

    def __init__(self, stories: Sequence[Story], members: Members, changed: set[str], clusterer: StoryClusterer,
                 store: Store | None = None):
        self.stories: dict[str, Story] = {}
        self.home: dict[str, str] = {}
        self._add(stories)
        self.members, self.changed, self.clusterer, self.store = members, changed, clusterer, store
        self.touched: set[str] = set()

    def _add(self, stories: Sequence[Story]) -> None:
        self.stories.update((s.id, s) for s in stories)
        self.home.update((aid, s.id) for s in stories for aid in s.article_ids)

    def restore_open(self, since: str | None) -> None:
        """Rebuild the stories still open on ``since`` (all when None), and those that lost changed articles."""
        for story in self.stories.values():
            lost = any(aid in self.changed for aid in story.article_ids)
            if lost or since is None or story.end is None or story.end >= since:
                self.restore(story.id)

    def restore(self, story_id: str) -> None:
        story = self.stories[story_id]
        self.members.load(story.article_ids)
        keep = [aid for aid in story.article_ids if aid not in self.changed and aid in self.members]
        if len(keep) != len(story.article_ids):
            self.touched.add(story_id)
        self.clusterer.restore(story_id, (self.members[aid].doc for aid in keep))

    def story_of(self, article_id: str) -> str | None:
        """The story an article is in, rebuilt if it was closed (a late copy joins its original's story)."""
        if article_id not in self.clusterer.story_of and article_id not in self.home and self.store is not None:
            self._add(self.store.objects_with_ids("story", Story, self.store.object_ids("story", [article_id])))
        if article_id not in self.clusterer.story_of and self.home.get(article_id) in self.stories:
            self.restore(self.home[article_id])
        return self.clusterer.story_of.get(article_id)


def _open_since(order: list[tuple[str, date | None]], params: Params) -> str | None:
    """The day from which a stored story can take one of the new articles (ISO), or None for any."""
    days = [day for _, day in order]
    if not days or any(day is None for day in days):
        return None
    return (min(days) - timedelta(days=params.max_gap_days)).isoformat()


def arrival_order(arrivals: list[tuple[str, date | None]], max_jump_days: int = 90) -> list[tuple[str, date | None]]:
    """(id, date) of articles in ingest order -> (id, date or approximate date) in the order news would
    have brought them: by publication day, undated ones after the dated ones, which anchor the stories
    they meet. An undated article is taken to be from about the day of the dated one ingested before it,
    if the ingest order looks like a stream: consecutive dated articles typically within ``max_jump_days``
    (an archive ingested in another order gives no such clue)."""
    days = [day for _, day in arrivals if day]
    jumps = sorted(abs((b - a).days) for a, b in pairwise(days))
    stream = bool(jumps) and jumps[len(jumps) // 2] <= max_jump_days
    keyed, last = [], None
    for i, (aid, day) in enumerate(arrivals):
        last = day or last
        approx = day or (last if stream else None)
        keyed.append((day is None, approx or date.min, i, aid, approx))
    return [(k[3], k[4]) for k in sorted(keyed, key=lambda k: k[:3])]


def story_object(clusterer: StoryClusterer, story_id: str, members: Members, meta: dict[str, dict]) -> Story:
    """The Story record: members by date, title of its most central article, span, outlets and sources."""
    published = {aid: (meta.get(aid, {}).get("published") or "") for aid in clusterer.stories[story_id].members}
    ordered = sorted(published, key=lambda aid: published[aid] or "9999")  # stable: arrival order within a day
    central = _central(clusterer, story_id, ordered, members, meta)
    dates = sorted(p[:10] for p in published.values() if p)  # a day, or a coarser date at its precision
    outlets: dict[str, int] = {}
    for aid in ordered:
        outlet = meta.get(aid, {}).get("outlet") or "unknown outlet"
        outlets[outlet] = outlets.get(outlet, 0) + 1
    lead = members[central].lead
    return Story(
        id=story_id,
        title=_title(members[central]),
        article_ids=ordered,
        start=dates[0] if dates else None,
        end=dates[-1] if dates else None,
        summary=[Evidence(article_id=central, start=lead[0], end=lead[1], text=lead[2])] if lead else [],
        independent_sources=independent_sources([_source(aid, members, meta, clusterer) for aid in ordered]),
        outlets=outlets,
    )


def _central(clusterer: StoryClusterer, story_id: str, ordered: list[str], members: Members,
             meta: dict[str, dict]) -> str:
    """The member that best stands for the story: an original with a title, closest to the centroid."""
    def rank(aid: str) -> tuple[bool, float]:
        original = members[aid].doc.title is not None and not meta.get(aid, {}).get("duplicate_of")
        return original, clusterer.centrality(story_id, members[aid].doc)

    return max(ordered, key=rank)


def _title(member: Member) -> str:
    if member.doc.title:
        return member.doc.title
    text = member.lead[2] if member.lead else member.doc.id
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _source(aid: str, members: Members, meta: dict[str, dict], clusterer: StoryClusterer) -> SourceInfo:
    m = meta.get(aid, {})
    vector = clusterer.term_df.weigh(members[aid].doc.terms)
    return SourceInfo(aid, m.get("outlet"), members[aid].relays, m.get("duplicate_of"), vector)


# The stages that read stories register with this module (the pipeline imports it).
import dossier.stories.details
import dossier.stories.storylines  # noqa: F401
