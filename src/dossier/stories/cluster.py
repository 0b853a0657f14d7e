"""Online story clustering: each new article joins the most similar open story, or starts one.

Similarity mixes tf-idf cosine of the article's terms (title and lead boosted) to
the story's centroid, the cosine of their entity profiles, and optionally the
cosine of sentence embeddings of the title and lead. Publication dates gate it:
a story left quiet for ``max_gap_days`` is closed to newcomers, and a gap beyond
``window_days`` lowers the score. Candidates come from an inverted index over
each story's salient terms and entities, so an article is compared with a few
dozen stories, never with all of them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from dossier.ids import stable_id
from dossier.stories.features import StoryDoc
from dossier.stories.vectors import DocFreq, Vector, dot, top


@dataclass(frozen=True)
class Params:
    """Knobs of the clusterer; the defaults are tuned on the ECB+ train topics."""

    threshold: float = 0.24  # a story is joined from this score on
    entity_weight: float = 0.35  # share of the entity cosine in the score (when both sides have entities)
    member_weight: float = 0.5  # share of the best cosine to one of the story's latest members
    embedding_weight: float = 0.0  # share of the embedding cosine (when both sides have one)
    recent_members: int = 8  # members whose vectors are kept for the member cosine
    window_days: int = 7  # dates this close to a story's span cost nothing
    decay_days: float = 30.0  # beyond the window the score decays with this scale
    max_gap_days: int = 90  # a story quiet this long takes no new articles
    year_slack: int = 1  # an article's year this far outside its story's years costs nothing
    year_factor: float = 0.7  # the score is multiplied by this beyond the slack
    index_terms: int = 12  # salient terms of each article put in the candidate index
    query_terms: int = 12  # salient terms of a new article looked up
    max_candidates: int = 40  # stories scored exactly per article
    max_posting: int = 5000  # a term heading more stories than this is too common to block on
    centroid_terms: int = 300  # terms kept per story centroid (bounds memory)
    prior_docs: float = 0.0  # pseudo-articles smoothing idf while the corpus is small


@dataclass
class StoryState:
    """A story as the clusterer keeps it: centroids of its members' vectors and its dates."""

    id: str
    members: list[str] = field(default_factory=list)
    terms: Vector = field(default_factory=dict)
    entities: Vector = field(default_factory=dict)
    embedding: list[float] | None = None
    recent: list[Vector] = field(default_factory=list)
    term_norm: float = 0.0
    entity_norm: float = 0.0
    first: date | None = None
    last: date | None = None
    years: tuple[int, int] | None = None  # the earliest and latest year of its members

    def gap_days(self, day: date | None) -> int:
        """Days between ``day`` and the story's span (0 inside it or when either is undated)."""
        if day is None or self.first is None or self.last is None:
            return 0
        if day < self.first:
            return (self.first - day).days
        if day > self.last:
            return (day - self.last).days
        return 0


class StoryClusterer:
    """Online clustering of StoryDocs: ``add(doc)`` returns the id of the story it joined or started."""

    def __init__(self, params: Params | None = None, embed=None):
        self.params = params or Params()
        self.embed = embed  # optional: StoryDoc -> unit vector (list of floats) or None
        self.term_df = DocFreq(self.params.prior_docs)
        self.entity_df = DocFreq(self.params.prior_docs)
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.index: dict[str, dict[str, None]] = {}
        self.observed: set[str] = set()

    # -- document frequencies ---------------------------------------------

    def observe(self, docs: Iterable[StoryDoc]) -> None:
        """Count documents' terms before adding them: a batch known at once informs idf from its start."""
        for doc in docs:
            if doc.id not in self.observed:
                self._count(doc)

    def _count(self, doc: StoryDoc) -> None:
        self.observed.add(doc.id)
        self.term_df.add(doc.terms)
        self.entity_df.add(doc.entities)

    # -- clustering ---------------------------------------------------------

    def add(self, doc: StoryDoc) -> str:
        """Assign a new article to a story and return the story's id."""
        if doc.id in self.story_of:
            return self.story_of[doc.id]
        if doc.id not in self.observed:
            self._count(doc)
        tv, ev = self.term_df.weigh(doc.terms), self.entity_df.weigh(doc.entities)
        emb = self.embed(doc) if self.embed and self.params.embedding_weight else None
        best, best_score = None, self.params.threshold
        for story in self._candidates(tv, ev, doc.date):
            s = self.score(story, tv, ev, emb, doc.date, doc.year)
            if s >= best_score:
                best, best_score = story, s
        if best is None:
            best = StoryState(id=stable_id("sty", doc.id))
            self.stories[best.id] = best
        self._join(best, doc, tv, ev, emb)
        return best.id

    def join(self, story_id: str, doc: StoryDoc) -> str:
        """Put an article in a given story (a copy with its original; a member read back from the store)."""
        if doc.id in self.story_of:
            return self.story_of[doc.id]
        if doc.id not in self.observed:
            self._count(doc)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(id=story_id)
        emb = self.embed(doc) if self.embed and self.params.embedding_weight else None
        self._join(story, doc, self.term_df.weigh(doc.terms), self.entity_df.weigh(doc.entities), emb)
        return story_id

    def restore(self, story_id: str, docs: Iterable[StoryDoc]) -> None:
        """Rebuild a stored story from its members' features, without scoring them again."""
        for doc in docs:
            self.join(story_id, doc)

    def centrality(self, story_id: str, doc: StoryDoc) -> float:
        """How close an article is to the centre of its story (term cosine to the centroid)."""
        story = self.stories[story_id]
        return dot(self.term_df.weigh(doc.terms), story.terms) / story.term_norm if story.term_norm else 0.0

    def score(self, story: StoryState, tv: Vector, ev: Vector, emb, day: date | None, year: int | None = None) -> float:
        p = self.params
        text = dot(tv, story.terms) / story.term_norm if story.term_norm else 0.0
        parts = [(1.0, text)]
        if ev and story.entity_norm:
            parts.append((p.entity_weight / (1 - p.entity_weight), dot(ev, story.entities) / story.entity_norm))
        if p.member_weight and story.recent:
            parts.append((p.member_weight / (1 - p.member_weight), max(dot(tv, v) for v in story.recent)))
        if emb is not None and story.embedding is not None and p.embedding_weight:
            parts.append((p.embedding_weight / (1 - p.embedding_weight), _cosine(emb, story.embedding)))
        total = sum(w for w, _ in parts)
        s = sum(w * v for w, v in parts) / total
        gap = story.gap_days(day)
        if gap > p.window_days:
            s *= math.exp(-(gap - p.window_days) / p.decay_days)
        if year is not None and story.years is not None:
            if year < story.years[0] - p.year_slack or year > story.years[1] + p.year_slack:
                s *= p.year_factor
        return s

    def _candidates(self, tv: Vector, ev: Vector, day: date | None) -> list[StoryState]:
        p = self.params
        hits: dict[str, float] = {}
        keys = [(t, tv[t]) for t in top(tv, p.query_terms)] + [("@" + e, ev[e]) for e in top(ev, p.query_terms)]
        for key, weight in keys:
            posting = self.index.get(key)
            if not posting or len(posting) > p.max_posting:
                continue
            for sid in posting:
                hits[sid] = hits.get(sid, 0.0) + weight
        ranked = sorted(hits, key=hits.__getitem__, reverse=True)
        out = []
        for sid in ranked:
            story = self.stories[sid]
            if story.gap_days(day) <= p.max_gap_days:
                out.append(story)
                if len(out) >= p.max_candidates:
                    break
        return out

    def _join(self, story: StoryState, doc: StoryDoc, tv: Vector, ev: Vector, emb) -> None:
        p = self.params
        story.members.append(doc.id)
        self.story_of[doc.id] = story.id
        story.term_norm = _accumulate(story.terms, tv, story.term_norm, p.centroid_terms)
        story.entity_norm = _accumulate(story.entities, ev, story.entity_norm, p.centroid_terms)
        if p.member_weight:
            story.recent = (story.recent + [tv])[-p.recent_members :]
        if emb is not None:
            story.embedding = emb if story.embedding is None else [a + b for a, b in zip(story.embedding, emb)]
        if doc.year is not None:
            lo, hi = story.years or (doc.year, doc.year)
            story.years = (min(lo, doc.year), max(hi, doc.year))
        if doc.date is not None:
            story.first = min(story.first or doc.date, doc.date)
            story.last = max(story.last or doc.date, doc.date)
        for key in top(tv, p.index_terms) + ["@" + e for e in top(ev, p.index_terms)]:
            self.index.setdefault(key, {})[story.id] = None

    # -- maintenance --------------------------------------------------------

    def close_before(self, day: date) -> int:
        """Drop stories quiet since before ``day`` minus max_gap_days from the index; return how many."""
        cutoff = day.toordinal() - self.params.max_gap_days
        closed = {sid for sid, s in self.stories.items() if s.last is not None and s.last.toordinal() < cutoff}
        if closed:
            for key in list(self.index):
                posting = self.index[key]
                for sid in closed & posting.keys():
                    del posting[sid]
                if not posting:
                    del self.index[key]
        return len(closed)

    def clusters(self) -> dict[str, list[str]]:
        return {sid: list(s.members) for sid, s in self.stories.items()}


def _accumulate(centroid: Vector, vec: Vector, old_norm: float, cap: int) -> float:
    """Add a unit vector to a centroid in place; return the centroid's new norm."""
    cross = dot(vec, centroid)
    for t, w in vec.items():
        centroid[t] = centroid.get(t, 0.0) + w
    if len(centroid) > cap * 1.5:  # keep the heaviest terms; the light tail barely moves a cosine
        keep = set(top(centroid, cap))
        for t in [t for t in centroid if t not in keep]:
            del centroid[t]
        return math.sqrt(sum(w * w for w in centroid.values()))
    return math.sqrt(max(old_norm * old_norm + 2 * cross + dot(vec, vec), 0.0))


def _cosine(a, b) -> float:
    num = sum(x * y for x, y in zip(a, b))
    den = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    return num / den if den else 0.0
