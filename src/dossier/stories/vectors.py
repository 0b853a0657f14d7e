"""Sparse vectors as dicts, and document frequencies that grow as articles arrive."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

Vector = dict[str, float]
CORPUS_ONLY = "@"  # keys with this prefix (names) get their idf from the corpus alone
_UNSEEN = "\x00unseen"  # a key no article has


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

    ``prior_docs`` pseudo-articles smooth idf while the corpus is small: a key
    occurs in ``rate(key)`` of them (general English frequencies, see
    ``prior``), or in one when no rate is given. Among five articles, the words
    three of them share are what makes them one story, not noise to discount.
    As articles accumulate, the observed frequencies take over.
    """

    def __init__(self, prior_docs: float = 0.0, rate: Callable[[str], float] | None = None) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self.prior = prior_docs
        self.rate = rate  # a key's document rate in the pseudo-articles (default: once in all of them)

    def add(self, keys: Iterable[str]) -> None:
        self.df.update(set(keys))
        self.n += 1

    def remove(self, keys: Iterable[str]) -> None:
        self.df.subtract(set(keys))
        self.n -= 1

    def idf(self, key: str) -> float:
        return self.weigher()(key)

    def weigher(self) -> Callable[[str], float]:
        """The idf function for the current counts (the logs of the counts' totals computed once)."""
        df, log = self.df, math.log
        corpus_top = log(self.n + 1)
        if not self.prior:
            return lambda key: corpus_top - log(df.get(key, 0) + 0.5)
        top = log(self.n + self.prior + 1)
        # On the prior's scale: a name in one article weighs as much as a rare word, one in all of them nothing.
        scale = (top - log(0.5)) / (corpus_top - log(0.5))
        rate, prior = self.rate, self.prior

        def idf(key: str) -> float:
            if key.startswith(CORPUS_ONLY):
                return (corpus_top - log(df.get(key, 0) + 0.5)) * scale
            return top - log(df.get(key, 0) + (prior * rate(key) if rate else 1.0) + 0.5)

        return idf

    def weigh(self, counts: Vector, damp_common: bool = False) -> Vector:
        """A unit tf-idf vector: sublinear term frequency times idf.

        With ``damp_common`` it is scaled as if every key had the idf of an unseen one instead:
        keys every article has then weigh next to nothing, however few keys the article has.
        """
        idf, log = self.weigher(), math.log
        vec, tf = {}, {}
        for t, c in counts.items():
            tf[t] = (1.0 + log(c)) if c >= 1 else c
            w = tf[t] * idf(t)
            if w > 0:
                vec[t] = w
        length = norm(tf) * idf(_UNSEEN) if damp_common else norm(vec)
        return {t: w / length for t, w in vec.items()} if length > 0 and vec else {}
