"""How common a word is in English at large: an idf prior for corpora too small to tell.

Among five articles, idf cannot see that "deploy" is a rare, telling word and
"said" a common one. General English word frequencies (the optional
``wordfreq`` package) give each stem a prior document rate; the clusterer
blends it with the corpus's own counts, which take over as the corpus grows.
Without the package the prior is flat and only the corpus counts.

Stemming the vocabulary takes seconds, so the table is kept in dossier's cache
folder (the ``cache_dir`` setting), keyed by everything it is derived from: the
wordfreq version, the constants below and the stemmer's source. A cache that
cannot be read or written is only a slower start.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from dossier import settings
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
    path = _cache_path(getattr(wordfreq, "__version__", "unknown"))
    cached = _read(path)
    if cached is not None:
        return cached
    rates = _compute(wordfreq)
    _write(path, rates)
    return rates


def _compute(wordfreq) -> dict[str, float]:
    token_share: dict[str, float] = {}
    for word in wordfreq.top_n_list("en", VOCABULARY):
        if word.isalpha():
            stem = porter(word)
            token_share[stem] = token_share.get(stem, 0.0) + wordfreq.word_frequency(word, "en")
    return {s: 1.0 - math.exp(-TOKENS_PER_ARTICLE * f) for s, f in token_share.items()}


def cache_dir() -> Path:
    """Where dossier keeps what it derives once and reuses: the ``cache_dir`` setting, else the XDG cache."""
    configured = settings.get("cache_dir")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dossier"


def _cache_path(wordfreq_version: str) -> Path:
    source = Path(stemmer.__file__).read_bytes()
    key = f"{wordfreq_version}|{VOCABULARY}|{TOKENS_PER_ARTICLE}|".encode() + source
    return cache_dir() / f"stem-rates-{hashlib.sha1(key).hexdigest()[:16]}.json"


def _read(path: Path) -> dict[str, float] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not data:
        return None
    return data


def _write(path: Path, rates: dict[str, float]) -> None:
    """Write the table whole or not at all (a temporary file renamed into place), so that processes
    starting together never read half a table."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(rates, f)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def available() -> bool:
    return bool(stem_rates())


def rate(stem: str) -> float:
    return stem_rates().get(stem, RARE)


def rate_function():
    """``rate`` bound to the loaded table (a dict lookup per call), or None without wordfreq."""
    rates = stem_rates()
    return (lambda stem: rates.get(stem, RARE)) if rates else None
