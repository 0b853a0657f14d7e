"""The stories stage: new articles join stories online; every story reports its sources.

Incremental: each article's clustering features are stored once (as a
signature), so a later run rebuilds the stories' state from them cheaply and
only the new or changed articles are clustered. Changed articles leave their
old story first. A copy found by the duplicate detector joins its original's
story without being scored.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dossier.model import Article, Evidence, Story
from dossier.pipeline import Stage, register
from dossier.stories.build import docs_from_store
from dossier.stories.cluster import Params, StoryClusterer
from dossier.stories.features import StoryDoc
from dossier.stories.sources import SourceInfo, independent_sources, wire_credit
from dossier.store import Store

SIGNATURE_KIND = "story-features-1"
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
                "year": d.year, "title": d.title, "relays": self.relays, "lead": self.lead}
        return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, value: bytes) -> Member:
        data = json.loads(zlib.decompress(value))
        day = date.fromisoformat(data["date"]) if data["date"] else None
        doc = StoryDoc(data["id"], data["terms"], data["entities"], day, data["year"], data["title"])
        return cls(doc, data["relays"], tuple(data["lead"]) if data["lead"] else None)


def member_of(article: Article, doc: StoryDoc) -> Member:
    text = article.text or ""
    return Member(doc, wire_credit(text, article.title), _first_sentence(article))


def _first_sentence(article: Article) -> tuple[int, int, str] | None:
    """The first sentence after the title: a story's one-line summary."""
    from dossier.nlp.sentences import split_sentences

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
        update_stories(store, changed, self.params)


def update_stories(store: Store, changed: Sequence[str], params: Params | None = None) -> list[Story]:
    """Cluster the changed articles into the stored stories; write and return the stories that changed."""
    meta = store.article_meta()
    stored = {s.id: s for s in store.objects("story", Story)}
    changed_set = set(changed)
    members = {aid: Member.from_bytes(v) for aid, v in store.signatures(SIGNATURE_KIND) if aid not in changed_set}
    articles = {a.id: a for a in store.iter_articles(list(changed))}
    new = {doc.id: member_of(articles[doc.id], doc) for doc in docs_from_store(store, list(articles))}
    members.update(new)
    clusterer = StoryClusterer(params)
    clusterer.observe(m.doc for m in members.values())
    touched = _restore(clusterer, stored, members, changed_set)
    for doc in stream_order([m.doc for m in new.values()], meta):
        rep = meta.get(doc.id, {}).get("duplicate_of")
        if rep and rep in clusterer.story_of:
            touched.add(clusterer.join(clusterer.story_of[rep], doc))
        else:
            touched.add(clusterer.add(doc))
    stories = [story_object(clusterer, sid, members, meta) for sid in sorted(touched) if sid in clusterer.stories]
    with store.transaction() as conn:
        store.put_signatures(conn, SIGNATURE_KIND, {aid: m.to_bytes() for aid, m in new.items()})
        store.replace_objects(conn, "story", StoriesStage.name, stories,
                              links={s.id: s.article_ids for s in stories}, ids=touched)
    return stories


def _restore(clusterer: StoryClusterer, stored: dict[str, Story], members: dict[str, Member], changed: set[str]) -> set[str]:
    """Rebuild the stored stories without their changed articles; return the ids of those that lost some."""
    touched = set()
    for story in stored.values():
        keep = [aid for aid in story.article_ids if aid not in changed and aid in members]
        if len(keep) != len(story.article_ids):
            touched.add(story.id)
        clusterer.restore(story.id, (members[aid].doc for aid in keep))
    return touched


def stream_order(docs: list[StoryDoc], meta: dict[str, dict]) -> list[StoryDoc]:
    """Articles in the order news would have brought them: by publication day, an undated one
    where it was ingested (after the dated article before it)."""
    keyed, last = [], date.min
    for i, doc in enumerate(docs):
        last = doc.date or last
        keyed.append((doc.date or last, i, doc))
    return [d for _, _, d in sorted(keyed, key=lambda k: (k[0], k[1]))]


def story_object(clusterer: StoryClusterer, story_id: str, members: dict[str, Member], meta: dict[str, dict]) -> Story:
    """The Story record: members by date, title of its most central article, span, outlets and sources."""
    ids = clusterer.stories[story_id].members
    published = {aid: (meta.get(aid, {}).get("published") or "") for aid in ids}
    position = {aid: i for i, aid in enumerate(ids)}
    ordered = sorted(ids, key=lambda aid: (published[aid] or "9999", position[aid]))
    central = max(ordered, key=lambda aid: (members[aid].doc.title is not None and meta.get(aid, {}).get("duplicate_of") is None,
                                           clusterer.centrality(story_id, members[aid].doc)))
    dates = sorted(_day_or_coarser(p) for p in published.values() if p)
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


def _title(member: Member) -> str:
    if member.doc.title:
        return member.doc.title
    text = member.lead[2] if member.lead else member.doc.id
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _day_or_coarser(published: str) -> str:
    """A publication date cut to the day; a coarser one ("2022-10") kept at its precision."""
    return published[:10]


def _source(aid: str, members: dict[str, Member], meta: dict[str, dict], clusterer: StoryClusterer) -> SourceInfo:
    m = meta.get(aid, {})
    vector = clusterer.term_df.weigh(members[aid].doc.terms)
    return SourceInfo(aid, m.get("outlet"), members[aid].relays, m.get("duplicate_of"), vector)
