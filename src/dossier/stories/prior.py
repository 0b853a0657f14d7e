"""How common a word is in English at large: an idf prior for corpora too small to tell.

Among five articles, idf cannot see that "deploy" is a rare, telling word and
"said" a common one. General English word frequencies (the optional
``wordfreq`` package) give each stem a prior document rate; the clusterer
blends it with the corpus's own counts, which take over as the corpus grows.
Without the package the prior is flat and only the corpus counts.

Stemming the vocabulary takes seconds, so the table is kept in dossier's cache
folder (``dossier.cache``), keyed by the wordfreq version, the constants below
and the stemmer's source.
"""

from __future__ import annotations

import math
from functools import lru_cache

from dossier import cache
from dossier.stories import stem as stemmer
from dossier.stories.stem import porter

VOCABULARY = 60_000  # the most frequent English words read
TOKENS_PER_ARTICLE = 400  # to turn a word's share of running text into a share of articles
RARE = 1e-5  # the document rate of a stem outside that vocabulary


@lru_cache(maxsize=1)
def stem_rates() -> dict[str, float]:
    """Stem -> the share of news-length articles expected to contain it (empty without wordfreq)."""
    try:
        import wordfreq
    except ImportError:
        return {}
    return cache.cached_json("stem-rates", _cache_key(cache.package_version("wordfreq")), lambda: _compute(wordfreq))


def _compute(wordfreq) -> dict[str, float]:
    token_share: dict[str, float] = {}
    for word in wordfreq.top_n_list("en", VOCABULARY):
        if word.isalpha():
            stem = porter(word)
            token_share[stem] = token_share.get(stem, 0.0) + wordfreq.word_frequency(word, "en")
    return {s: 1.0 - math.exp(-TOKENS_PER_ARTICLE * f) for s, f in token_share.items()}


def _cache_key(wordfreq_version: str) -> str:
    return cache.key(wordfreq_version, str(VOCABULARY), str(TOKENS_PER_ARTICLE), cache.source_of(stemmer.__file__))


def available() -> bool:
    return bool(stem_rates())


def rate(stem: str) -> float:
    return stem_rates().get(stem, RARE)


def rate_function():
    """``rate`` bound to the loaded table (a dict lookup per call), or None without wordfreq."""
    rates = stem_rates()
    return (lambda stem: rates.get(stem, RARE)) if rates else None
