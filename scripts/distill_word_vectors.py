"""Distill the static word vectors of the fast profile from the local all-MiniLM-L6-v2 (offline).

    python scripts/distill_word_vectors.py            # -> src/dossier/data/word-vectors-minilm.npz

Each of the most frequent English words (wordfreq's list, letters only) is
embedded alone by MiniLM; the vectors are centred, reduced by PCA and stored as
int8 with one scale, beside a weight per word that damps frequent words (SIF:
a / (a + p(word))). A text's vector is then the weighted mean of its words'
vectors (``dossier.nlp.embed``, "static" kind): no transformer at run time, a
few microseconds a quote. This is the model2vec recipe on whole words instead
of word pieces, so the fast profile needs neither torch nor a tokenizer. Needs
the ``ml`` extra; deterministic; about a minute of CPU; ~4 MB.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp import embed  # noqa: E402

SIF_A = 1e-4  # words much rarer than this keep weight ~1; "the" (p ~ 0.05) gets ~0.002


def vocabulary(size: int) -> list[str]:
    import wordfreq

    words = [w for w in wordfreq.top_n_list("en", size * 2) if re.fullmatch(r"[a-z]+", w)]
    return words[:size]


def sif_weights(words: list[str]) -> np.ndarray:
    import wordfreq

    p = np.array([wordfreq.word_frequency(w, "en") for w in words], dtype="float64")
    return (SIF_A / (SIF_A + p)).astype("float32")


def principal_components(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Centred vectors projected on their first ``dims`` principal axes (signs fixed, so reruns agree)."""
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:dims]
    axes *= np.sign(axes[np.arange(dims), np.abs(axes).argmax(axis=1)])[:, None]
    return centred @ axes.T


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, float]:
    scale = float(np.abs(vectors).max()) / 127.0
    return np.round(vectors / scale).astype("int8"), scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=32000)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "dossier" / "data" / embed.STATIC_FILE)
    parser.add_argument("--threads", type=int, default=1, help="torch threads (one is fastest on a busy machine)")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    words = vocabulary(args.words)
    vectors = np.asarray(embed.embed(words, kind="minilm"), dtype="float64")
    reduced = principal_components(vectors, args.dims)
    codes, scale = quantize(reduced)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=np.array("\n".join(words)), vectors=codes, scale=np.float32(scale),
                        weights=sif_weights(words))
    print(f"{len(words)} words x {args.dims} dims -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
