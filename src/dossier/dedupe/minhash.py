"""MinHash signatures of article text and a banded LSH index that finds copies.

A copy is an exact repeat of the normalized words, a near-duplicate (Jaccard
similarity of word 5-gram shingles above the threshold), or a text that
contains almost all of another of comparable length (a repost with a note
added, a syndicated copy cut short). Stories on the same topic written
separately share few 5-word sequences and stay apart.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import rensa

NUM_PERM = 128
BANDS = 32  # 4 rows a band: pairs above ~0.45 Jaccard become candidates
SEED = 1
SHINGLE = 5
FORMAT = 2  # version of the stored bytes
HEADER = 4  # format, shingle count, exact hash (two words)
MIN_SHINGLES = 10  # below this only exact repeats count: MinHash of tiny sets is noise
CONTAINMENT = 0.9  # share of the shorter text found in the longer one
MIN_LENGTH_RATIO = 0.5  # a copy is at least half as long as its original
WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased words: case, punctuation and spacing do not make two texts different."""
    return WORD.findall(text.lower())


def shingles(tokens: Sequence[str], n: int = SHINGLE) -> list[str]:
    """Word n-grams (the whole text as one shingle when it is shorter than n words)."""
    if len(tokens) <= n:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


@dataclass(frozen=True)
class Signature:
    """What dedupe keeps of a text: its MinHash digests, shingle count and a hash of its words."""

    digests: array
    size: int
    exact: int

    @property
    def empty(self) -> bool:
        return self.size == 0

    def to_bytes(self) -> bytes:
        header = array("I", [FORMAT, self.size, self.exact >> 32, self.exact & 0xFFFFFFFF])
        return (header + self.digests).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature | None:
        """The signature stored by ``to_bytes``; None for bytes of another format."""
        values = array("I")
        values.frombytes(data)
        if len(values) != HEADER + NUM_PERM or values[0] != FORMAT:
            return None
        return cls(values[HEADER:], values[1], (values[2] << 32) | values[3])


def signatures(texts: Sequence[str]) -> list[Signature]:
    """Signatures of many texts at once (rensa hashes the batch in native code)."""
    token_lists = [words(t or "") for t in texts]
    shingle_sets = [set(shingles(tokens)) for tokens in token_lists]
    digests = rensa.RMinHash.digests_from_token_sets(
        [list(s) or [""] for s in shingle_sets], num_perm=NUM_PERM, seed=SEED
    )
    return [
        Signature(array("I", d), len(s), _exact_hash(tokens))
        for d, s, tokens in zip(digests, shingle_sets, token_lists)
    ]


def _exact_hash(tokens: Sequence[str]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=8).digest(), "big")


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return sum(x == y for x, y in zip(a.digests, b.digests)) / NUM_PERM


def containment(a: Signature, b: Signature, similarity: float) -> float:
    """Estimated share of the smaller shingle set found in the larger, from the Jaccard estimate."""
    if not a.size or not b.size:
        return 0.0
    common = similarity * (a.size + b.size) / (1 + similarity)
    return min(1.0, common / min(a.size, b.size))


def copy_score(a: Signature, b: Signature, threshold: float) -> float | None:
    """How surely one text is a copy of the other (1.0 for an exact repeat); None when it is not."""
    if a.empty or b.empty:
        return None
    if a.exact == b.exact:
        return 1.0
    if min(a.size, b.size) < MIN_SHINGLES:
        return None
    similarity = jaccard(a, b)
    if similarity >= threshold:
        return similarity
    if min(a.size, b.size) / max(a.size, b.size) >= MIN_LENGTH_RATIO and containment(a, b, similarity) >= CONTAINMENT:
        return similarity
    return None


def bucket_keys(sig: Signature, bands: int = BANDS) -> list[int]:
    """The LSH buckets of a signature as signed 64-bit integers (a store's integer column holds
    them): one per band of rows, and one for the exact hash. Empty texts are in no bucket.
    Two texts sharing a bucket are candidates; ``copy_score`` decides, so a collision costs
    one comparison and nothing else."""
    if sig.empty:
        return []
    rows = NUM_PERM // bands
    raw = sig.digests.tobytes()
    keys = [_key64(bytes([b]) + raw[4 * b * rows : 4 * (b + 1) * rows]) for b in range(bands)]
    keys.append(_key64(b"=" + sig.exact.to_bytes(8, "big")))
    return keys


def _key64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def best_of(sig: Signature, candidates: Iterable[tuple[str, Signature]], threshold: float) -> tuple[str, float] | None:
    """The candidate this text most surely copies (or is copied by), with the score."""
    scored = []
    for key, other in candidates:
        score = copy_score(sig, other, threshold)
        if score is not None:
            scored.append((score, key))
    if not scored:
        return None
    score, key = max(scored)
    return key, score


class LSHIndex:
    """Candidate copies in memory: two signatures sharing any bucket (a band, or the exact hash)."""

    def __init__(self, bands: int = BANDS):
        self.bands = bands
        self.buckets: dict[int, list[str]] = defaultdict(list)
        self.signatures: dict[str, Signature] = {}

    def add(self, key: str, sig: Signature) -> None:
        """Index a signature (empty texts are not indexed: they are nobody's copy)."""
        if sig.empty:
            return
        self.signatures[key] = sig
        for k in bucket_keys(sig, self.bands):
            self.buckets[k].append(key)

    def candidates(self, sig: Signature) -> set[str]:
        return {key for k in bucket_keys(sig, self.bands) for key in self.buckets.get(k, ())}

    def best_match(self, sig: Signature, threshold: float) -> tuple[str, float] | None:
        """The indexed text this one most surely copies (or is copied by), with the score."""
        return best_of(sig, ((k, self.signatures[k]) for k in self.candidates(sig)), threshold)
