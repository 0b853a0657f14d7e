"""MinHash signatures of article text and a banded LSH index over them."""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence

import rensa

NUM_PERM = 128
BANDS = 32  # 4 rows a band: pairs above ~0.45 Jaccard become candidates
SEED = 1
WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 5) -> list[str]:
    """Word n-grams of the lower-cased text (the whole text when it is shorter than n words)."""
    words = WORD.findall(text.lower())
    if len(words) <= n:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]


def signatures(texts: Sequence[str]) -> list[array]:
    sets = [shingles(t) or [""] for t in texts]
    return [array("I", d) for d in rensa.RMinHash.digests_from_token_sets(sets, num_perm=NUM_PERM, seed=SEED)]


def similarity(a: array, b: array) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return sum(x == y for x, y in zip(a, b)) / len(a)


class LSHIndex:
    """Candidate pairs by banding: two signatures sharing any band are candidates."""

    def __init__(self, bands: int = BANDS):
        self.rows = NUM_PERM // bands
        self.buckets: dict[tuple, list[str]] = defaultdict(list)
        self.signatures: dict[str, array] = {}

    def _keys(self, sig: array) -> Iterable[tuple]:
        for b in range(0, NUM_PERM, self.rows):
            yield (b, *sig[b : b + self.rows])

    def add(self, key: str, sig: array) -> None:
        self.signatures[key] = sig
        for k in self._keys(sig):
            self.buckets[k].append(key)

    def candidates(self, sig: array) -> set[str]:
        return {key for k in self._keys(sig) for key in self.buckets.get(k, ())}

    def best_match(self, sig: array, threshold: float) -> tuple[str, float] | None:
        scored = [(similarity(sig, self.signatures[c]), c) for c in self.candidates(sig)]
        scored = [(s, c) for s, c in scored if s >= threshold]
        if not scored:
            return None
        score, key = max(scored)
        return key, score
