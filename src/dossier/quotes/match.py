"""Cross-outlet matching: which renderings (quotes) of one speaker are one statement.

Renderings are compared only within blocks: one speaker (a resolved entity) on
one occasion (the days they were made in at most MAX_DAYS apart, see
``occasion``). Two renderings are one statement when they share most of their
words ("words"), when a fragment in the speaker's words recurs in the other
("fragment": a partial quote and its fuller rendering), or when they mean the
same ("meaning": the cosine of their embeddings; stricter within one article,
where a speaker's quotes are mostly different statements, and for two undated
articles of different stories). A speaker known only by a name no entity was
resolved for ("Officials", "the ministry") links word-for-word copies only.
Groups join only while every pair across them is related, directly or through
a rendering both are one statement with, and on one occasion: one close pair
cannot chain two different claims of a speaker together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from dossier.model import Quote
from dossier.quotes.occasion import Span

MAX_DAYS = 7  # renderings published further apart are different occasions
SAME_WORDS = 0.5  # Jaccard of content words from which two renderings are one statement
RELATED_WORDS = 0.25  # ... and from which they are related (without embeddings)
FRAGMENT_WORDS = 4  # a fragment shares at least this many content words with the other's wording ...
FRAGMENT_SHARE = 0.5  # ... and at least this share of its own
PHRASE_TOKENS = 4  # or recurs word for word, at least this many words long
QUOTED_KINDS = {"direct", "partial"}
TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
QUOTED_PART = re.compile(r"[\"“„«]([^\"“”„«»]{3,})[\"”»]")
STOP = frozenset("""
the and that this with for are was were have has had not but they them their our you your from will would been its his
her she him who what which when there than then into also about such could should can may might must shall being
said says say told one all any out over more most some very just only even other these those here where while
""".split())


def stem(word: str) -> str:
    """A light suffix stripper, so that renderings of one statement share "borders"/"border",
    "trained"/"training", "forces"/"force", "countries"/"country"."""
    word = re.sub(r"['’]s?$", "", word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(text) if len(t) > 2 and t not in STOP and not t.isdigit())


@dataclass
class Rendering:
    """One quote as the matcher sees it."""

    id: str
    article_id: str
    kind: str
    text: str
    start: int = 0
    speaker: str | None = None
    speaker_kind: str = "none"
    speaker_mention_id: str | None = None
    speaker_entity_id: str | None = None
    span: Span | None = None  # the days it was said in (None: unknown)
    story: str | None = None  # the story of its article, the context of an undated one

    @classmethod
    def from_quote(cls, q: Quote) -> Rendering:
        return cls(q.id, q.article_id, q.kind, q.text, q.start, q.speaker, q.speaker_kind, q.speaker_mention_id,
                   q.speaker_entity_id)

    @cached_property
    def words(self) -> frozenset[str]:
        return content_words(self.text)

    @cached_property
    def joined(self) -> str:
        """Its words, lower case, between spaces: where a run of another's words is looked for."""
        return f" {' '.join(tokens(self.text))} "

    @cached_property
    def verbatim(self) -> list[tuple[frozenset[str], str]]:
        """The parts in the speaker's own words (the whole of a quote, the quoted parts of reported speech), as
        (content words, the words joined by spaces)."""
        parts = [self.text] if self.kind in QUOTED_KINDS else [m.group(1) for m in QUOTED_PART.finditer(self.text)]
        return [(content_words(p), " ".join(tokens(p))) for p in parts]

    @property
    def block(self) -> str | None:
        """Who said it: the resolved entity, else the unresolved name as written; None for nobody in particular."""
        if self.speaker_entity_id:
            return self.speaker_entity_id
        if self.speaker and self.speaker_kind in ("name", "role"):
            return "name:" + " ".join(tokens(self.speaker))
        return None


@dataclass(frozen=True)
class Thresholds:
    meaning: float  # cosine of two renderings from which they are one statement
    same_article: float  # ... when both are in one article
    strict: float  # ... when the occasion is uncertain (undated, different stories)
    related: float  # the least cosine of two renderings that may be in one statement through others


# minilm: all-MiniLM-L6-v2. static: word vectors distilled from it, whose cosines run higher and agree with it
# only loosely (unrelated claims of one speaker reach 0.75 on the seeds), so only near-paraphrases pass there.
THRESHOLDS = {
    "minilm": Thresholds(meaning=0.72, same_article=0.8, strict=0.9, related=0.5),
    "static": Thresholds(meaning=0.85, same_article=0.9, strict=0.95, related=0.6),
}


@dataclass(frozen=True)
class Link:
    score: float
    basis: str  # words, fragment or meaning
    same: bool  # one statement
    related: bool  # loosely related: may be in one statement through others


@dataclass(frozen=True)
class Pair:
    a: Rendering
    b: Rendering
    strict: bool  # the occasion is uncertain

    @property
    def needed(self) -> str:
        return "strict" if self.strict else "same_article" if self.a.article_id == self.b.article_id else "meaning"


class Scorer:
    """Scores pairs of renderings from their words and, when a vector kind is given, their embeddings."""

    def __init__(self, kind: str | None = None, embed: Callable[[list[str]], np.ndarray] | None = None):
        self.kind = kind if embed is not None else None
        self.limits = THRESHOLDS.get(self.kind or "")
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}

    def remember(self, vectors: dict[str, np.ndarray]) -> None:
        """Vectors already known, by text (a cache kept between runs)."""
        self._vectors.update(vectors)

    @property
    def computed(self) -> dict[str, np.ndarray]:
        return self._vectors

    def score_pairs(self, pairs: list[Pair]) -> list[Link]:
        lexical = [self.lexical(p.a, p.b) for p in pairs]
        if self.limits is None:
            return [link or _words_only(p.a, p.b) for link, p in zip(lexical, pairs)]
        undecided = [p for p, link in zip(pairs, lexical) if link is None]
        cosines = iter(self._cosines(undecided))
        return [link or self.semantic(p, next(cosines)) for link, p in zip(lexical, pairs)]

    def lexical(self, a: Rendering, b: Rendering) -> Link | None:
        """One statement by its words: most words shared, or a fragment in the speaker's words recurring."""
        if a.joined == b.joined:
            return Link(1.0, "words", True, True)
        jaccard = _jaccard(a, b)
        if jaccard >= SAME_WORDS:
            return Link(round(jaccard, 3), "words", True, True)
        basis = _recurs_in(a, b) or _recurs_in(b, a)
        return Link(1.0, basis, True, True) if basis else None

    def semantic(self, pair: Pair, cosine: float) -> Link:
        same = cosine >= getattr(self.limits, pair.needed)
        return Link(round(cosine, 3), "meaning", same, same or cosine >= self.limits.related)

    def _cosines(self, pairs: list[Pair]) -> list[float]:
        """Cosines of the pairs' texts, embedding the texts not seen yet in one batch."""
        if not pairs:
            return []
        texts = sorted({t for p in pairs for t in (p.a.text, p.b.text)})
        missing = [t for t in texts if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self._embed(missing)))
        row = {t: i for i, t in enumerate(texts)}
        matrix = np.stack([self._vectors[t] for t in texts])
        a = matrix[[row[p.a.text] for p in pairs]]
        b = matrix[[row[p.b.text] for p in pairs]]
        return np.einsum("ij,ij->i", a, b).tolist()


def _jaccard(a: Rendering, b: Rendering) -> float:
    union = len(a.words | b.words)
    return len(a.words & b.words) / union if union else 0.0


def _words_only(a: Rendering, b: Rendering) -> Link:
    jaccard = _jaccard(a, b)
    return Link(round(jaccard, 3), "words", False, jaccard >= RELATED_WORDS)


def _recurs_in(part: Rendering, whole: Rendering) -> str | None:
    """Whether words of one rendering in the speaker's own wording (a quote, or the quoted words of reported
    speech) recur in the other (most of their content words, or a run of words word for word): "words" for a
    whole quote, "fragment" for a partial quote or the quoted words of reported speech."""
    for words, run in part.verbatim:
        shared = len(words & whole.words)
        if (shared >= FRAGMENT_WORDS and shared >= FRAGMENT_SHARE * len(words)) or (
                run.count(" ") + 1 >= PHRASE_TOKENS and len(words) >= 2 and f" {run} " in whole.joined):
            return "words" if part.kind == "direct" else "fragment"
    return None


@dataclass
class Group:
    members: list[Rendering]
    scores: list[dict] = field(default_factory=list)  # the links that joined it: a, b, score, basis


def link(renderings: Sequence[Rendering], scorer: Scorer) -> list[Group]:
    """Renderings grouped into statements (every rendering in exactly one group)."""
    joiner = _Joiner(list(renderings))
    items = joiner.items
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(items):
        if r.block is not None:
            blocks[r.block].append(i)
    for key, members in blocks.items():
        heads = joiner.merge_copies(members)
        if key.startswith("name:"):
            continue  # a name no entity was resolved for ("Officials", "the ministry"): only copies are safe
        pairs = candidate_pairs(items, heads)
        links = scorer.score_pairs([Pair(items[i], items[j], _uncertain(items[i], items[j])) for i, j in pairs])
        joiner.learn(pairs, links)
        for (i, j), lk in sorted(zip(pairs, links), key=lambda x: (-x[1].score, x[0])):
            if lk.same:
                joiner.join(i, j, lk)
    return joiner.groups()


def candidate_pairs(items: list[Rendering], members: list[int]) -> list[tuple[int, int]]:
    """Pairs of one block on compatible occasions (taken in order of day, so a long block stays local)."""
    dated = sorted((i for i in members if items[i].span), key=lambda i: items[i].span[0])
    undated = [i for i in members if not items[i].span]
    pairs = []
    for x, i in enumerate(dated):
        for j in dated[x + 1 :]:
            if (items[j].span[0] - items[i].span[1]).days > MAX_DAYS:
                break  # sorted by first day: every later one is further away
            pairs.append((i, j))
    pairs += [(i, j) for i in undated for j in members if j != i]
    return sorted({(min(i, j), max(i, j)) for i, j in pairs})


def _uncertain(a: Rendering, b: Rendering) -> bool:
    """Nothing dates either rendering and they come from different stories: maybe different occasions."""
    return a.span is None and b.span is None and a.story is not None and b.story is not None and a.story != b.story


class _Joiner:
    """Union-find whose joins keep every pair across two groups on one occasion and related (complete link),
    directly or through a rendering that is one statement with both (a partial quote and a paraphrase of one
    utterance are related through the full quote). Word-for-word copies are merged first and stand for one
    another, so a story repeated by many outlets costs one comparison, not one per pair of copies."""

    def __init__(self, items: list[Rendering]):
        self.items = items
        self.parent = list(range(len(items)))
        self.members = {i: [i] for i in range(len(items))}
        self.head = list(range(len(items)))  # the copy that stands for a rendering's word-for-word copies
        # per group, the earliest last day and the latest first day of its dated renderings: the group stays on
        # one occasion while these are at most MAX_DAYS apart
        self.edges = {i: (r.span[1], r.span[0]) if r.span else None for i, r in enumerate(items)}
        self.scores: dict[int, list[dict]] = defaultdict(list)
        self.related: set[tuple[int, int]] = set()
        self.same: dict[int, set[int]] = defaultdict(set)

    def merge_copies(self, members: list[int]) -> list[int]:
        """Join the renderings of a block that are word for word the same and on one occasion; return the heads
        (one rendering of each set of copies), the only ones the block's pairs need."""
        heads: dict[str, list[int]] = defaultdict(list)
        for i in sorted(members, key=lambda i: self.items[i].span[0] if self.items[i].span else date.min):
            text = self.items[i].joined
            head = next((h for h in heads[text] if self._on_one_occasion(self.find(h), i)), None)
            if head is None:
                heads[text].append(i)
            else:
                self.head[i] = head
                self._union(self.find(head), i)
                self.scores[self.find(head)].append({"a": self.items[head].id, "b": self.items[i].id, "score": 1.0,
                                                     "basis": "words"})
        return [h for hs in heads.values() for h in hs]

    def learn(self, pairs: list[tuple[int, int]], links: list[Link]) -> None:
        for (i, j), lk in zip(pairs, links):
            if lk.related:
                self.related.add((i, j))
            if lk.same:
                self.same[i].add(j)
                self.same[j].add(i)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, lk: Link) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            if not (self._on_one_occasion(ri, rj) and self._related_throughout(ri, rj)):
                return
            self._union(ri, rj)
        self.scores[ri].append({"a": self.items[i].id, "b": self.items[j].id, "score": lk.score, "basis": lk.basis})

    def _union(self, ri: int, rj: int) -> None:
        self.parent[rj] = ri
        self.members[ri] += self.members.pop(rj)
        self.edges[ri] = _combined(self.edges[ri], self.edges.pop(rj))
        self.scores[ri] += self.scores.pop(rj, [])

    def _on_one_occasion(self, ri: int, rj: int) -> bool:
        edges = _combined(self.edges[ri], self.edges[rj])
        return edges is None or (edges[1] - edges[0]).days <= MAX_DAYS

    def _related_throughout(self, ri: int, rj: int) -> bool:
        left = {self.head[x] for x in self.members[ri]}
        right = {self.head[y] for y in self.members[rj]}
        return all(self._related(x, y) for x in left for y in right)

    def _related(self, x: int, y: int) -> bool:
        return x == y or (min(x, y), max(x, y)) in self.related or bool(self.same[x] & self.same[y])

    def groups(self) -> list[Group]:
        return [Group([self.items[i] for i in sorted(members)], self.scores.get(root, []))
                for root, members in self.members.items()]


def _combined(a: tuple[date, date] | None, b: tuple[date, date] | None) -> tuple[date, date] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])
