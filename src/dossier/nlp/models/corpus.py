"""IOB2 column files and entity-level exact-match scoring (conlleval style).

Used by scripts/train_ner.py, bench/ner.py and the NER quality gate, so the
three agree on what a sentence, a span and a match are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int, str]


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    doc: int = 0  # index of the -DOCSTART- document it belongs to

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def char_spans(self) -> list[Span]:
        """Gold entities as character spans into ``self.text``."""
        starts, pos = [], 0
        for tok in self.tokens:
            starts.append(pos)
            pos += len(tok) + 1
        return [(starts[i], starts[j - 1] + len(self.tokens[j - 1]), label) for i, j, label in tag_spans(self.tags)]


def read_iob(path: str | Path, tag_column: int = -1) -> list[Sentence]:
    """Sentences of a CoNLL-style file: one token per line, blank lines between sentences."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    doc = 0

    def flush():
        if tokens:
            sentences.append(Sentence(list(tokens), list(tags), doc))
            tokens.clear()
            tags.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            doc += 1
            continue
        if not line.strip():
            flush()
            continue
        cols = line.split()
        tokens.append(cols[0])
        tags.append(cols[tag_column])
    flush()
    return sentences


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans [start, end) of entities in IOB1/IOB2 tags; a stray I- starts an entity (conlleval)."""
    spans = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in {"B", "I"} and start is None:
            start, label = i, kind
    return spans


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: list[Span], pred: list[Span]) -> None:
        gold_set, pred_set = Counter(gold), Counter(pred)
        for span, n in (gold_set & pred_set).items():
            self.tp[span[2]] += n
        for span, n in (pred_set - gold_set).items():
            self.fp[span[2]] += n
        for span, n in (gold_set - pred_set).items():
            self.fn[span[2]] += n

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 of one label, or micro-averaged over all when label is None."""
        pick = (lambda c: c[label]) if label else (lambda c: sum(c.values()))
        tp, fp, fn = pick(self.tp), pick(self.fp), pick(self.fn)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def table(self) -> str:
        rows = [f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
        for label in [*self.labels(), None]:
            p, r, f = self.prf(label)
            gold = self.tp[label] + self.fn[label] if label else sum(self.tp.values()) + sum(self.fn.values())
            rows.append(f"{label or 'micro':<8} {p:6.3f} {r:6.3f} {f:6.3f} {gold:6d}")
        return "\n".join(rows)
