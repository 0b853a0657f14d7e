"""Sparse vectors as dicts, and document frequencies that grow as articles arrive."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

Vector = dict[str, float]


def dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def norm(a: Vector) -> float:
    return math.sqrt(sum(w * w for w in a.values()))


def top(a: Vector, n: int) -> list[str]:
    """The n heaviest keys of a vector."""
    if len(a) <= n:
        return sorted(a, key=a.__getitem__, reverse=True)
    return sorted(a, key=a.__getitem__, reverse=True)[:n]


class DocFreq:
    """Document frequencies, updated online: idf reflects the articles seen so far.

    ``prior_docs`` pseudo-articles, in which every term occurs once, smooth idf
    towards uniform while the corpus is small: among five articles, the words
    three of them share are what makes them one story, not noise to discount.
    As articles accumulate, the observed frequencies take over.
    """

    def __init__(self, prior_docs: float = 0.0) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self.prior = prior_docs

    def add(self, keys: Iterable[str]) -> None:
        self.df.update(set(keys))
        self.n += 1

    def remove(self, keys: Iterable[str]) -> None:
        self.df.subtract(set(keys))
        self.n -= 1

    def idf(self, key: str) -> float:
        # A key found in every article weighs almost nothing; one found in a single article weighs most.
        if self.prior:
            return math.log((self.n + self.prior) / (self.df.get(key, 0) + 1.0))
        return math.log((self.n + 1) / (self.df.get(key, 0) + 0.5))

    def weigh(self, counts: Vector) -> Vector:
        """A unit tf-idf vector: sublinear term frequency times idf."""
        vec = {t: (1.0 + math.log(c)) * self.idf(t) if c >= 1 else c * self.idf(t) for t, c in counts.items()}
        vec = {t: w for t, w in vec.items() if w > 0}
        length = norm(vec)
        return {t: w / length for t, w in vec.items()} if length else {}
