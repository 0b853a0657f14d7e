"""Train the attribution taggers dossier ships, from the PolNeAR train part.

    python scripts/train_quotes.py fast       # linear CRF -> src/dossier/quotes/models/attribution.crfsuite
    python scripts/train_quotes.py accurate   # fine-tuned MiniLM, two seeds -> src/dossier/quotes/models/attribution*.safetensors

Both tag each paragraph's tokens as Source, Cue or Content (BIO), with the
rules' findings among their inputs (``dossier.quotes.learned``,
``dossier.quotes.neural``). Only the train part trains; the dev part picks the
accurate model's epoch, and bench/quotes.py scores both on dev. Only weights
are written into the repo, never text. Seeded and deterministic. The CRF takes
about five minutes on one core (3 MB); the MiniLM tagger about 45 minutes on 2
cores for each of its networks (all six layers fine-tuned, three epochs; 21 MB
each). The accurate profile averages two networks trained alike but for their
seed (``learned.NEURAL_SEEDS``); ``--seeds`` trains some of them.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp.sentences import split_sentences  # noqa: E402
from dossier.quotes.extract import rule_findings  # noqa: E402
from dossier.quotes.learned import (  # noqa: E402
    MODEL,
    NEURAL_SEEDS,
    features,
    neural_model,
    pieces,
    rule_roles,
    runs,
    seed_file,
    token_labels,
)
from dossier.quotes.state import Article  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "quotes" / "polnear-train-dev"
KINDS = {"Source": "SRC", "Cue": "CUE", "Content": "CON"}


def labelled_spans(path: Path) -> list[tuple[str, int, int]]:
    """(label, start, end) of every Source, Cue and Content span of a brat file; discontinuous ones in parts."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        kind, ranges = parts[1].split(" ", 1)
        if kind in KINDS:
            out += [(KINDS[kind], *map(int, r.split())) for r in ranges.split(";")]
    return out


def documents(part: str, limit: int = 0):
    """(text, spans) of a part, one annotator's file per text."""
    seen = set()
    for ann in sorted((DATA / part / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen:
            continue
        seen.add(name)
        yield (DATA / part / "text" / f"{name}.txt").read_text(encoding="utf-8"), labelled_spans(ann)
        if limit and len(seen) >= limit:
            return


def paragraphs(part: str, limit: int = 0):
    """(paragraph, gold labels) of a part: paragraphs carry the rules' roles of their tokens."""
    for text, spans in documents(part, limit):
        art = Article(text, split_sentences(text))
        found = [f for f in rule_findings(art) if f.kind != "scare"]
        for piece in pieces(art.sents, rule_roles(art, found)):
            if piece.toks:
                yield piece, token_labels(piece, spans)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", nargs="?", default="fast", choices=["fast", "accurate"])
    parser.add_argument("--out", type=Path, help="where to write the model (default: inside the package)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training texts (smoke tests)")
    fast = parser.add_argument_group("fast (CRF)")
    fast.add_argument("--c1", type=float, default=1.0, help="L1 penalty (keeps the model small)")
    fast.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    fast.add_argument("--iterations", type=int, default=150)
    fast.add_argument("--minfreq", type=float, default=2, help="drop features seen fewer times than this")
    accurate = parser.add_argument_group("accurate (MiniLM)")
    accurate.add_argument("--seeds", type=int, nargs="+", default=list(NEURAL_SEEDS),
                          help="train the network of each of these seeds (default: all the profile averages)")
    accurate.add_argument("--epochs", type=int, default=3)
    accurate.add_argument("--lower", type=int, default=None, help="MiniLM layers kept frozen (default: neural.LOWER)")
    accurate.add_argument("--lr", type=float, default=2e-4, help="learning rate of the fine-tuned layers")
    accurate.add_argument("--init", type=Path, help="start from these trained weights (continued training)")
    accurate.add_argument("--cache", type=Path, help="a file keeping the frozen layers' output between runs")
    args = parser.parse_args(argv)
    started = time.time()
    if args.profile == "fast":
        train_fast(args, args.out or MODEL)
    else:
        for seed, out in accurate_outputs(args):
            train_accurate(args, seed, out)
    print(f"done in {(time.time() - started) / 60:.1f} min")


# ------------------------------------------------------------------ fast: CRF


def train_fast(args, out: Path) -> None:
    import pycrfsuite

    started = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for piece, labels in paragraphs("train", args.limit):
        trainer.append(features(piece), labels)
        count += 1
    print(f"{count} paragraphs read in {time.time() - started:.0f}s")
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": args.minfreq})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


# ------------------------------------------------------------------ accurate: MiniLM


@dataclass
class Window:
    """Words of (part of) a paragraph with their pieces, features and gold tag indices; ``state`` is the
    frozen lower layers' output for its pieces, computed once."""

    words: list[str]
    pieces: list[list[int]]
    features: list[tuple[int, int, int, int]]
    gold: list[int]
    state: object = None


def read_windows(part: str, batcher, limit: int = 0) -> list[Window]:
    from dossier.quotes.neural import TAGS, windows, word_features

    index = {t: i for i, t in enumerate(TAGS)}
    out = []
    for piece, labels in paragraphs(part, limit):
        words = [t.text for t in piece.toks]
        word_pieces = batcher.encoder.pieces(words)
        feats = word_features(piece)
        for a, b in windows(piece, word_pieces):
            out.append(Window(words[a:b], word_pieces[a:b], feats[a:b], [index[t] for t in labels[a:b]]))
    return out


def length(w: Window) -> int:
    return sum(len(p) for p in w.pieces) + 2


def batches(items: list[Window], budget: int, rng: random.Random | None = None) -> list[list[Window]]:
    """Length-sorted batches of about ``budget`` word pieces (padding included), shuffled when ``rng`` is given."""
    from dossier.nlp.models.tagger import piece_batches

    order = sorted(items, key=lambda w: length(w) + (rng.random() if rng else 0))
    out = list(piece_batches(order, length, budget))
    if rng:
        rng.shuffle(out)
    return out


def compute_lower(model, batcher, items: list[Window], cache: Path | None = None) -> None:
    """The frozen layers' output of every window, once, kept in float16 (and in ``cache``, a file that a
    later run with the same data and frozen layers reads instead)."""
    import torch

    if cache is not None and cache.exists():
        saved = torch.load(cache)
        if saved["lower"] == model.lower and saved["lengths"] == [length(w) for w in items]:
            for w, state in zip(items, saved["states"].split(saved["lengths"])):
                w.state = state
            return
    model.eval()  # no dropout: these states stand for the frozen layers at every epoch and at tagging time
    with torch.inference_mode():
        for batch in batches(items, 8192):
            ids, _, attention, _ = batcher.tensors([w.words for w in batch], [w.pieces for w in batch],
                                                   [w.features for w in batch])
            states = model.encode_lower(ids, attention)
            for w, row in zip(batch, states):
                w.state = row[: length(w)].half().clone()
    if cache is not None:
        torch.save({"lower": model.lower, "lengths": [length(w) for w in items],
                    "states": torch.cat([w.state for w in items])}, cache)


def upper_inputs(batcher, batch: list[Window]):
    """(lower states, features, attention, first, gold) tensors of a batch."""
    import torch

    _, feats, attention, first = batcher.tensors([w.words for w in batch], [w.pieces for w in batch],
                                                 [w.features for w in batch])
    states = torch.zeros(*attention.shape, batch[0].state.shape[-1])
    gold = torch.full(first.shape, -100, dtype=torch.long)
    for i, w in enumerate(batch):
        states[i, : w.state.shape[0]] = w.state.float()
        gold[i, : len(w.gold)] = torch.tensor(w.gold)
    return states, feats, attention, first, gold


def accurate_outputs(args) -> list[tuple[int, Path]]:
    """(seed, file) of each network to train: where the package looks for it, or ``--out`` for the first seed
    and files named after it for the others (``model.seed1.safetensors``)."""
    if args.out is None:
        return [(seed, neural_model(seed)) for seed in args.seeds]
    first = args.seeds[0]
    return [(seed, args.out if seed == first else seed_file(args.out, seed)) for seed in args.seeds]


def train_accurate(args, seed: int, out: Path) -> None:
    import torch
    from safetensors.torch import save_file

    from dossier.nlp.models.tagger import training_step
    from dossier.quotes.neural import LOWER, TAGS, AttributionTagger, Batcher

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    rng = random.Random(seed)
    lower = LOWER if args.lower is None else args.lower
    model = AttributionTagger(lower)
    model.load_base(layers=True)
    if args.init:
        from safetensors.torch import load_file

        model.load_state_dict({k: v.float() for k, v in load_file(str(args.init)).items()}, strict=False)
    model.freeze_lower()
    batcher = Batcher()
    started = time.time()
    train = read_windows("train", batcher, args.limit)
    dev = read_windows("dev", batcher, max(3, args.limit // 8) if args.limit else 0)
    print(f"{len(train)} train and {len(dev)} dev windows read in {time.time() - started:.0f}s", flush=True)
    compute_lower(model, batcher, train + dev, args.cache)
    print(f"frozen layers computed in {(time.time() - started) / 60:.1f} min", flush=True)
    total = sum(len(batches(train, 2048, random.Random(0))) for _ in range(args.epochs))
    head = [p for n, p in model.named_parameters() if n.startswith(("classifier", "case_", "role_", "lexicon_",
                                                                     "inside_"))]
    body = [p for n, p in model.named_parameters() if p.requires_grad and not any(p is h for h in head)]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head, "lr": 1e-3}], weight_decay=0.01)
    warmup = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    best, step = -1.0, 0
    for epoch in range(args.epochs):
        model.train()
        losses = []
        for batch in batches(train, 2048, rng):
            states, feats, attention, first, gold = upper_inputs(batcher, batch)
            logits = model.tag_upper(states, feats, attention, first)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(TAGS)), gold.reshape(-1), ignore_index=-100)
            losses.append(training_step(loss, model, opt, sched))
            step += 1
            if step % 50 == 0:
                print(f"epoch {epoch} step {step}/{total} loss {sum(losses[-50:]) / 50:.4f} "
                      f"({(time.time() - started) / 60:.1f} min)", flush=True)
        f1 = content_f1(model, batcher, dev)
        print(f"epoch {epoch}: dev content F1 {f1:.4f} ({(time.time() - started) / 60:.1f} min)", flush=True)
        if f1 > best:
            best = f1
            out.parent.mkdir(parents=True, exist_ok=True)
            save_file(model.trained_state(), str(out),
                      metadata={"lower": str(lower), "dev_content_f1": f"{f1:.4f}", "epoch": str(epoch)})
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, dev content F1 {best:.4f})")


def content_f1(model, batcher, dev: list[Window]) -> float:
    """F1 of content runs per window (a match: token overlap >= half of the longer run), for picking an epoch;
    bench/quotes.py measures the real path."""
    import torch

    from dossier.nlp.models.tagger import viterbi
    from dossier.quotes.neural import TAGS

    model.eval()
    matched = predicted = gold = 0
    with torch.inference_mode():
        for batch in batches(dev, 8192):
            states, feats, attention, first, _ = upper_inputs(batcher, batch)
            logp = model.tag_upper(states, feats, attention, first).log_softmax(-1)
            for w, row in zip(batch, logp):
                p = runs(viterbi(row, len(w.words), TAGS), "CON")
                g = runs([TAGS[i] for i in w.gold], "CON")
                matched += match_runs(p, g)
                predicted += len(p)
                gold += len(g)
    return 2 * matched / (predicted + gold) if predicted + gold else 0.0


def match_runs(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> int:
    """One-to-one matches (best first) of token ranges overlapping by at least half of the longer one."""
    pairs = sorted(((min(b, d) - max(a, c)) / max(b - a, d - c), i, j) for i, (a, b) in enumerate(pred)
                   for j, (c, d) in enumerate(gold))
    used_p, used_g, n = set(), set(), 0
    for value, i, j in reversed(pairs):
        if value >= 0.5 and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            n += 1
    return n


if __name__ == "__main__":
    main()
