"""Online story clustering: each new article joins the most similar open story, or starts one,
and stories merge when their articles turn out to tell of one event.

Similarity mixes tf-idf cosine of the article's terms (title and lead boosted) to
the story's centroid, the cosine of their entity profiles, and optionally the
cosine of sentence embeddings of the title and lead. Publication dates gate it:
a story left quiet for ``max_gap_days`` is closed to newcomers, and a gap beyond
``window_days`` lowers the score. Candidates come from an inverted index over
each story's salient terms and entities, so an article is compared with a few
dozen stories, never with all of them.

One article decides with little evidence, and a wrong join drags the next
articles along; so joins need a clear match (``threshold``), and two stories
merge when the mean similarity of the article pairs between them, event cues
included (the day the news fell on, the protagonist, the years told; see
``cues``), reaches ``merge_threshold``. ``add`` merges as each article arrives;
``add_batch``, for a batch known at once, merges after the whole batch has been
placed, best pair first (average-linkage agglomeration over the stories the
batch touched), which decides on the most evidence.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import count

from dossier.ids import stable_id
from dossier.stories import prior
from dossier.stories.cues import Cues, CueWeights, agreement
from dossier.stories.features import StoryDoc
from dossier.stories.vectors import DocFreq, Vector, dot, top


@dataclass(frozen=True)
class Params:
    """Knobs of the clusterer; the defaults are tuned on the ECB+ train topics."""

    threshold: float = 0.24  # a story is joined from this score on
    merge_threshold: float = 0.13  # two stories merge from this mean similarity of their article pairs on
    join_clash: float = 0.5  # share of the event cues' clashes an article's score against a story takes
    entity_weight: float = 0.35  # share of the entity cosine in the score (when both sides have entities)
    member_weight: float = 0.5  # share of the best cosine to one of the story's latest members
    embedding_weight: float = 0.0  # share of the embedding cosine (when both sides have one)
    recent_members: int = 8  # members whose vectors are kept for the member cosine
    member_terms: int = 40  # terms kept of each of those vectors
    window_days: int = 7  # dates this close to a story's span cost nothing
    decay_days: float = 30.0  # beyond the window the score decays with this scale
    max_gap_days: int = 90  # a story quiet this long takes no new articles
    approx_floor: float = 0.7  # the least factor an approximate date (of an undated article) can cost
    year_slack: int = 1  # years this far apart do not clash
    stale_years: int = 2  # a dated article this many years after all an undated story tells of clashes
    year_factor: float = 0.7  # the score is multiplied by this beyond the slack
    index_terms: int = 12  # salient terms of each article put in the candidate index
    query_terms: int = 12  # salient terms of a new article looked up
    max_candidates: int = 20  # stories scored exactly per article
    max_posting: int = 5000  # a term heading more stories than this is too common to block on
    centroid_terms: int = 200  # terms kept per story centroid (bounds memory)
    prior_docs: float = 1000.0  # pseudo-articles of general English smoothing term idf while the corpus is small
    cues: CueWeights = CueWeights()
    damp_common_names: bool = True  # a name most articles carry weighs next to nothing, however few names an article has


@dataclass
class Query:
    """An article weighed against the current document frequencies."""

    doc: StoryDoc
    terms: Vector
    entities: Vector
    embedding: list[float] | None = None
    cues: Cues = field(default_factory=Cues)


@dataclass
class StoryState:
    """A story as the clusterer keeps it: centroids of its members' vectors and its dates."""

    id: str
    members: list[str] = field(default_factory=list)
    terms: Vector = field(default_factory=dict)
    entities: Vector = field(default_factory=dict)
    embedding: list[float] | None = None
    recent: list[Vector] = field(default_factory=list)  # the latest members' heaviest terms
    keys: set[str] = field(default_factory=set)  # where it is in the candidate index
    term_norm: float = 0.0
    entity_norm: float = 0.0
    first: date | None = None
    last: date | None = None
    floor_year: int | None = None  # the latest year its undated members tell of: it is no older
    approx: tuple[date, date] | None = None  # when undated: the span of its members' approximate dates
    cues: Cues = field(default_factory=Cues)
    entity_members: int = 0  # members that name anyone

    def gap_days(self, day: date | None, approximate: bool = False) -> int:
        """Days between ``day`` and the story's span (0 inside it or when either is undated).

        With ``approximate``, a story of undated articles is given the span of their approximate dates.
        """
        first, last = self.first, self.last
        if first is None and approximate and self.approx:
            first, last = self.approx
        if day is None or first is None or last is None:
            return 0
        if day < first:
            return (first - day).days
        return max((day - last).days, 0)


class StoryClusterer:
    """Online clustering of StoryDocs: ``add(doc)`` returns the id of the story it joined or started."""

    def __init__(self, params: Params | None = None, embed=None):
        self.params = params or Params()
        self.embed = embed  # optional: StoryDoc -> unit vector (list of floats) or None
        self.term_df = DocFreq(self.params.prior_docs, prior.rate_function())
        self.entity_df = DocFreq()
        self.stories: dict[str, StoryState] = {}
        self.open: dict[str, StoryState] = {}  # stories that can still take articles
        self.story_of: dict[str, str] = {}
        self.index: dict[str, dict[str, None]] = {}
        self.observed: set[str] = set()
        self.merged: dict[str, str] = {}  # story merged away -> the story it went into
        self.corpus_cues = Cues()  # the weekdays and people of every article seen

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
        self.corpus_cues.add(_corpus_cues_of(doc))

    def forget(self, doc: StoryDoc) -> None:
        """Take an article's features out of the corpus counts (its former ones, before it is counted anew)."""
        self.observed.discard(doc.id)
        self.term_df.remove(doc.terms)
        self.entity_df.remove(doc.entities)
        self.corpus_cues.subtract(_corpus_cues_of(doc))

    def corpus_counts(self) -> dict:
        """The corpus counts as JSON (counts of zero or less left out), for ``load_corpus_counts``."""
        def positive(counter) -> dict:
            return {k: v for k, v in counter.items() if v > 0}

        cues = self.corpus_cues
        return {
            "terms": {"df": positive(self.term_df.df), "n": self.term_df.n},
            "entities": {"df": positive(self.entity_df.df), "n": self.entity_df.n},
            "cues": {"members": cues.members, "weekday_members": cues.weekday_members,
                     "people": positive(cues.people), "weekdays": positive(cues.weekdays)},
        }

    def load_corpus_counts(self, data: dict) -> None:
        """Take the corpus counts of ``corpus_counts`` (counted elsewhere, of articles not ``observed`` here)."""
        for df, saved in ((self.term_df, data["terms"]), (self.entity_df, data["entities"])):
            df.df, df.n = Counter(saved["df"]), saved["n"]
        cues = self.corpus_cues
        cues.members, cues.weekday_members = data["cues"]["members"], data["cues"]["weekday_members"]
        cues.people = Counter(data["cues"]["people"])
        cues.weekdays = Counter({int(k): v for k, v in data["cues"]["weekdays"].items()})

    # -- clustering ---------------------------------------------------------

    def add(self, doc: StoryDoc) -> str:
        """Assign a new article to a story and return the story's id (merging stories it shows are one)."""
        if doc.id in self.story_of:
            return self.story_of[doc.id]
        self._merge_around(self._place(doc))
        return self.story_of[doc.id]

    def current(self, story_id: str) -> str:
        """The story a story id stands for now (itself, or the one it was merged into)."""
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def add_batch(self, docs: Iterable[StoryDoc]) -> list[str]:
        """Assign a batch of new articles known at once; return the story of each, in order.

        Each joins or starts a story as in ``add``, without merging; then the stories the
        batch touched merge, best pair first, while their linkage reaches ``merge_threshold``.
        ``observe`` the batch first to count its document frequencies from its start. The
        articles are read once, so ``docs`` may be a generator (a big batch is not held).
        """
        ids, touched = [], set()
        for doc in docs:
            ids.append(doc.id)
            if doc.id not in self.story_of:
                touched.add(self._place(doc).id)
        self.consolidate(touched)
        return [self.story_of[aid] for aid in ids]

    def _place(self, doc: StoryDoc) -> StoryState:
        """Join the best-matching open story from ``threshold`` on, else start one."""
        q = self._query(doc)
        best, best_score = None, self.params.threshold
        for story in self._candidates(q):
            s = self.score(story, q)
            if s >= best_score:
                best, best_score = story, s
        if best is None:
            best = self.stories[stable_id("sty", doc.id)] = StoryState(id=stable_id("sty", doc.id))
        self._join(best, q)
        return best

    def join(self, story_id: str, doc: StoryDoc) -> str:
        """Put an article in a given story (a copy with its original; a member read back from the store)."""
        if doc.id in self.story_of:
            return self.story_of[doc.id]
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = StoryState(id=story_id)
        self._join(story, self._query(doc))
        return story_id

    def restore(self, story_id: str, docs: Iterable[StoryDoc]) -> None:
        """Rebuild a stored story from its members' features, without scoring them again. They are counted
        already (``observe``, or counts read back from the store)."""
        for doc in docs:
            self.observed.add(doc.id)
            self.join(story_id, doc)

    def centrality(self, story_id: str, doc: StoryDoc) -> float:
        """How close an article is to the centre of its story (term cosine to the centroid)."""
        story = self.stories[story_id]
        return dot(self.term_df.weigh(doc.terms), story.terms) / story.term_norm if story.term_norm else 0.0

    def score(self, story: StoryState, q: Query) -> float:
        """Similarity of an article to a story, lowered by a gap in time and by event cues that clash
        (another day, another protagonist, other years: see ``cues``). Cues that agree add nothing
        here: one article's cues are thin evidence for a join; merges weigh them over many pairs."""
        p = self.params
        parts = [(1.0, dot(q.terms, story.terms) / story.term_norm if story.term_norm else 0.0)]
        if q.entities and story.entity_norm:
            parts.append((_odds(p.entity_weight), dot(q.entities, story.entities) / story.entity_norm))
        if p.member_weight and story.recent:
            parts.append((_odds(p.member_weight), max(dot(q.terms, v) for v in story.recent)))
        if q.embedding is not None and story.embedding is not None:
            parts.append((_odds(p.embedding_weight), _cosine(q.embedding, story.embedding)))
        s = sum(w * v for w, v in parts) / sum(w for w, _ in parts)
        clash = min(agreement(q.cues, story.cues, p.cues, self.corpus_cues), 0.0) / len(story.members)
        return s * self._time_factor(story, q.doc) + p.join_clash * clash

    def _time_factor(self, story: StoryState, doc: StoryDoc) -> float:
        p, factor = self.params, 1.0
        gap = story.gap_days(doc.date or doc.approx_date, approximate=True)
        if doc.date and gap > p.window_days:
            factor *= math.exp(-(gap - p.window_days) / p.decay_days)
        elif gap > 2 * p.window_days:
            # An undated article placed in the stream by its neighbours: a wider window, and the
            # date may be wrong (an archive ingested out of order), so it only tips the balance.
            factor *= max(math.exp(-(gap - 2 * p.window_days) / p.decay_days), p.approx_floor)
        if self._years_clash(story, doc):
            factor *= p.year_factor
        return factor

    def _years_clash(self, story: StoryState, doc: StoryDoc) -> bool:
        """Whether the years speak against the article joining the story.

        The year an undated article tells of is a lower bound of when it was written (it may
        recall an old event), so it clashes with a story published more than ``year_slack`` years
        before. A dated article clashes with a story that tells of later years, and with an
        undated story that tells of nothing within ``stale_years`` of it: news tells of its year.
        """
        if doc.year is None:
            return False
        p = self.params
        if doc.date is None:
            return story.last is not None and doc.year > story.last.year + p.year_slack
        if story.floor_year is None:
            return False
        if doc.year < story.floor_year - p.year_slack:
            return True
        return story.last is None and doc.year > story.floor_year + p.stale_years

    def _query(self, doc: StoryDoc) -> Query:
        if doc.id not in self.observed:
            self._count(doc)
        emb = self.embed(doc) if self.embed and self.params.embedding_weight else None
        entities = self.entity_df.weigh(doc.entities, damp_common=self.params.damp_common_names)
        protagonist = max((p for p in doc.persons if p in doc.entities), key=doc.entities.__getitem__, default=None)
        cues = Cues.of(doc.weekdays, doc.persons, protagonist, doc.date, doc.year)
        return Query(doc, self.term_df.weigh(doc.terms), entities, emb, cues)

    def _keys(self, q: Query, n: int) -> list[tuple[str, float]]:
        """The article's most salient terms and entities: what the candidate index is keyed on."""
        return [(t, q.terms[t]) for t in top(q.terms, n)] + [("#" + e, q.entities[e]) for e in top(q.entities, n)]

    def _candidates(self, q: Query) -> list[StoryState]:
        """Stories sharing salient keys with the article, most shared weight first, open ones only."""
        p = self.params
        hits: dict[str, float] = {}
        for key, weight in self._keys(q, p.query_terms):
            posting = self.index.get(key)
            if posting and len(posting) <= p.max_posting:
                for sid in posting:
                    hits[sid] = hits.get(sid, 0.0) + weight
        out = []
        for sid in sorted(hits, key=hits.__getitem__, reverse=True):
            story = self.stories[sid]
            if q.doc.date is None or story.gap_days(q.doc.date) <= p.max_gap_days:
                out.append(story)
                if len(out) >= p.max_candidates:
                    break
        return out

    def _join(self, story: StoryState, q: Query) -> None:
        p, doc = self.params, q.doc
        self.open[story.id] = story
        story.members.append(doc.id)
        self.story_of[doc.id] = story.id
        story.term_norm = _accumulate(story.terms, q.terms, story.term_norm, p.centroid_terms)
        story.entity_norm = _accumulate(story.entities, q.entities, story.entity_norm, p.centroid_terms)
        if p.member_weight:
            heavy = {t: q.terms[t] for t in top(q.terms, p.member_terms)}
            story.recent = (story.recent + [heavy])[-p.recent_members :]
        if q.embedding is not None:
            story.embedding = q.embedding if story.embedding is None else [a + b for a, b in zip(story.embedding, q.embedding)]
        story.cues.add(q.cues)
        story.entity_members += bool(q.entities)
        if doc.year is not None and doc.date is None:
            story.floor_year = max(story.floor_year or doc.year, doc.year)
        if doc.approx_date is not None:
            lo, hi = story.approx or (doc.approx_date, doc.approx_date)
            story.approx = (min(lo, doc.approx_date), max(hi, doc.approx_date))
        if doc.date is not None:
            story.first = min(story.first or doc.date, doc.date)
            story.last = max(story.last or doc.date, doc.date)
        for key, _ in self._keys(q, p.index_terms):
            self.index.setdefault(key, {})[story.id] = None
            story.keys.add(key)

    # -- merging ------------------------------------------------------------

    def linkage(self, a: StoryState, b: StoryState) -> float:
        """Mean similarity of the article pairs between two stories, from their sums.

        Text (and names, for the pairs where both name someone) as the mean pairwise cosine
        (the dot product of the two sums of unit vectors over the number of pairs), lowered
        by the gap between their dates, plus what the event cues of the pairs say.
        """
        p = self.params
        pairs = len(a.members) * len(b.members)
        if not pairs:
            return 0.0
        sim = dot(a.terms, b.terms) / pairs
        named = a.entity_members * b.entity_members
        if named:
            w = _odds(p.entity_weight)
            names = dot(a.entities, b.entities) / named
            sim += named / pairs * w * (names - sim) / (1 + w)
        return sim * self._gap_factor(a, b) + agreement(a.cues, b.cues, p.cues, self.corpus_cues) / pairs

    def _gap_factor(self, a: StoryState, b: StoryState) -> float:
        """The time factor between two stories: the gap between their dated members' spans lowers the
        pairs of dated members (the others have no date to compare)."""
        if a.first is None or b.first is None:
            return 1.0
        gap = max((b.first - a.last).days, (a.first - b.last).days, 0)
        if gap <= self.params.window_days:
            return 1.0
        dated = a.cues.dated_members() * b.cues.dated_members() / (len(a.members) * len(b.members))
        return 1.0 - dated + dated * math.exp(-(gap - self.params.window_days) / self.params.decay_days)

    def consolidate(self, story_ids: Iterable[str]) -> None:
        """Merge the given stories with each other and their candidates, the pair with the highest
        linkage first, while it reaches ``merge_threshold`` (average-linkage agglomeration)."""
        threshold, tie = self.params.merge_threshold, count()
        heap: list[tuple[float, int, str, str, int, int]] = []

        def push(story: StoryState) -> None:
            for other in self._story_candidates(story):
                link = self.linkage(story, other)
                if link >= threshold:
                    heapq.heappush(heap, (-link, next(tie), story.id, other.id, len(story.members), len(other.members)))

        for sid in story_ids:
            if sid in self.open:
                push(self.stories[sid])
        while heap:
            _, _, a_id, b_id, a_size, b_size = heapq.heappop(heap)
            a, b = self.open.get(a_id), self.open.get(b_id)
            if a is None or b is None:
                continue
            if (len(a.members), len(b.members)) != (a_size, b_size):  # grown since: weigh again
                link = self.linkage(a, b)
                if link >= threshold:
                    heapq.heappush(heap, (-link, next(tie), a.id, b.id, len(a.members), len(b.members)))
                continue
            push(self.merge(a, b))

    def _merge_around(self, story: StoryState) -> None:
        """Online: merge a story that just took an article with its best candidate while they link."""
        while True:
            best, best_link = None, self.params.merge_threshold
            for other in self._story_candidates(story):
                link = self.linkage(story, other)
                if link >= best_link:
                    best, best_link = other, link
            if best is None:
                return
            story = self.merge(story, best)

    def _story_candidates(self, story: StoryState) -> list[StoryState]:
        """Open stories sharing the story's salient keys, most shared weight first."""
        p = self.params
        hits: dict[str, float] = {}
        keys = [(t, story.terms[t]) for t in top(story.terms, p.query_terms)]
        keys += [("#" + e, story.entities[e]) for e in top(story.entities, p.query_terms)]
        for key, weight in keys:
            posting = self.index.get(key)
            if posting and len(posting) <= p.max_posting:
                for sid in posting:
                    if sid != story.id:
                        hits[sid] = hits.get(sid, 0.0) + weight
        ranked = sorted(hits, key=hits.__getitem__, reverse=True)[: p.max_candidates]
        return [self.stories[sid] for sid in ranked]

    def merge(self, a: StoryState, b: StoryState) -> StoryState:
        """Fold the smaller story into the larger (on a tie, into the one whose id sorts first); return the one kept."""
        keep, gone = (a, b) if (len(a.members), b.id) >= (len(b.members), a.id) else (b, a)
        p = self.params
        keep.members += gone.members
        for aid in gone.members:
            self.story_of[aid] = keep.id
        keep.term_norm = _add_into(keep.terms, gone.terms, p.centroid_terms)
        keep.entity_norm = _add_into(keep.entities, gone.entities, p.centroid_terms)
        keep.recent = (keep.recent + gone.recent)[-p.recent_members :]
        if gone.embedding is not None:
            keep.embedding = gone.embedding if keep.embedding is None else [x + y for x, y in zip(keep.embedding, gone.embedding)]
        keep.cues.add(gone.cues)
        keep.entity_members += gone.entity_members
        keep.first, keep.last = _span(keep.first, keep.last, gone.first, gone.last)
        keep.approx = _span(*(keep.approx or (None, None)), *(gone.approx or (None, None))) if gone.approx or keep.approx else None
        if gone.floor_year is not None:
            keep.floor_year = max(keep.floor_year or gone.floor_year, gone.floor_year)
        for key in gone.keys:
            posting = self.index.get(key)
            if posting is not None:
                posting.pop(gone.id, None)
                posting[keep.id] = None
        keep.keys |= gone.keys
        del self.stories[gone.id]
        self.open.pop(gone.id, None)
        self.merged[gone.id] = keep.id
        return keep

    # -- maintenance --------------------------------------------------------

    def close_before(self, day: date) -> int:
        """Close the stories quiet since before ``day`` minus max_gap_days: they leave the candidate index
        and drop their vectors (no dated article can join them any more). Return how many closed."""
        cutoff = day.toordinal() - self.params.max_gap_days
        closed = 0
        for sid in [sid for sid, s in self.open.items() if s.last is not None and s.last.toordinal() < cutoff]:
            story = self.open.pop(sid)
            for key in story.keys:
                posting = self.index.get(key)
                if posting is not None:
                    posting.pop(sid, None)
                    if not posting:
                        del self.index[key]
            story.terms, story.entities, story.recent, story.embedding, story.keys = {}, {}, [], None, set()
            closed += 1
        return closed

    def clusters(self) -> dict[str, list[str]]:
        return {sid: list(s.members) for sid, s in self.stories.items()}


def _corpus_cues_of(doc: StoryDoc) -> Cues:
    """What an article adds to the corpus cues: the weekdays and people it names."""
    return Cues.of(doc.weekdays, doc.persons, None, None, None)


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


def _add_into(centroid: Vector, vec: Vector, cap: int) -> float:
    """Add a vector (a sum of unit vectors) to a centroid in place, keep its heaviest terms; return its norm."""
    for t, w in vec.items():
        centroid[t] = centroid.get(t, 0.0) + w
    if len(centroid) > cap * 1.5:
        keep = set(top(centroid, cap))
        for t in [t for t in centroid if t not in keep]:
            del centroid[t]
    return math.sqrt(sum(w * w for w in centroid.values()))


def _span(first: date | None, last: date | None, other_first: date | None, other_last: date | None):
    """The span covering two spans of dates (either may be None)."""
    firsts = [d for d in (first, other_first) if d is not None]
    lasts = [d for d in (last, other_last) if d is not None]
    return (min(firsts) if firsts else None), (max(lasts) if lasts else None)


def _odds(share: float) -> float:
    """A share of the score as a weight next to the text cosine's 1."""
    return share / (1 - share)


def _cosine(a, b) -> float:
    num = sum(x * y for x, y in zip(a, b))
    den = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    return num / den if den else 0.0
