"""An extractive summary of a story from all its articles: at most five sentences, none saying the same thing.

Sentences are scored by how central they are to the story (cosine of their
stemmed words with the story's word profile), how many independent sources
carry something like them, and how early they stand in their article (news
puts the essentials first). They are picked greedily, skipping any that is a
near repeat of one already picked (maximal marginal relevance, lexical), so
the same lead sentence told by four outlets appears once. Lexical vectors keep
this fast and deterministic for any corpus size; the counts of sources behind
each sentence come out of the same comparison and feed corroboration.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from dossier.stories.features import words
from dossier.stories.vectors import Vector, dot

MAX_SENTENCES = 5
MIN_CHARS, MAX_CHARS = 40, 400
SAME_CONTENT = 0.5  # cosine from which two sentences say the same thing (never both in a summary)
CARRIES = 0.35  # cosine from which another source's sentence is taken to carry the same content
_JUNKY = re.compile(r"(?i)^(?:source|photo|image|read more|related|share|copyright|©)\b|https?://|\.\.\.$|…$")


@dataclass
class Candidate:
    article_id: str
    source: int  # independent-source group
    index: int  # sentence index in its article
    start: int
    end: int
    text: str
    position: int  # rank among its article's body sentences (0 = the lead)
    vector: Vector = field(default_factory=dict)
    sources: set[int] = field(default_factory=set)  # groups carrying it, its own included
    score: float = 0.0


def unit_vector(text: str) -> Vector:
    counts = Counter(words(text))
    n = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {t: v / n for t, v in counts.items()}


def usable(text: str) -> bool:
    """A sentence fit for a summary: a real sentence of reasonable length, not a credit line or teaser."""
    t = text.strip()
    return MIN_CHARS <= len(t) <= MAX_CHARS and not _JUNKY.search(t) and len(t.split()) >= 7


def score_candidates(cands: list[Candidate]) -> None:
    """Centrality, support across sources and position, in place."""
    profile: Counter[str] = Counter()
    for c in cands:
        c.vector = c.vector or unit_vector(c.text)
        for t, w in c.vector.items():
            profile[t] += w
    n = math.sqrt(sum(v * v for v in profile.values())) or 1.0
    centroid = {t: v / n for t, v in profile.items()}
    groups = {c.source for c in cands}
    for c in cands:
        c.sources = {c.source}
    for i, a in enumerate(cands):
        for b in cands[:i]:
            if a.source != b.source and dot(a.vector, b.vector) >= CARRIES:
                a.sources.add(b.source)
                b.sources.add(a.source)
    for c in cands:
        support = (len(c.sources) - 1) / max(1, len(groups) - 1)
        c.score = dot(c.vector, centroid) + 0.25 * support + 0.15 / (1 + c.position)


def select(cands: list[Candidate], k: int = MAX_SENTENCES) -> list[Candidate]:
    """Up to k best sentences, none a near repeat of another; in story order (by article order, then position)."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.article_id, c.index)):
        if len(chosen) >= k:
            break
        if any(dot(c.vector, o.vector) >= SAME_CONTENT for o in chosen):
            continue
        chosen.append(c)
    return chosen


def summarize(cands: list[Candidate], article_order: list[str], k: int = MAX_SENTENCES) -> list[Candidate]:
    cands = [c for c in cands if usable(c.text)]
    if not cands:
        return []
    score_candidates(cands)
    rank = {aid: i for i, aid in enumerate(article_order)}
    return sorted(select(cands, k), key=lambda c: (rank.get(c.article_id, 1 << 30), c.index))
