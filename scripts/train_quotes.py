"""Train the attribution tagger dossier ships, from the PolNeAR train part.

    python scripts/train_quotes.py            # -> src/dossier/quotes/models/attribution.crfsuite

A linear CRF (python-crfsuite) tags each paragraph's tokens as Source, Cue or
Content (BIO), with the rules' findings among its features
(``dossier.quotes.learned``). Only the train part trains; bench/quotes.py
scores the result on dev. Only weights are written into the repo, never text.
Deterministic; about five minutes on one core, for a model of about 3 MB.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp.sentences import split_sentences  # noqa: E402
from dossier.quotes.extract import rule_findings  # noqa: E402
from dossier.quotes.learned import MODEL, features, pieces, rule_roles, token_labels  # noqa: E402
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


def sequences(part: str, limit: int = 0):
    """Feature and label sequences, one per paragraph."""
    for text, spans in documents(part, limit):
        art = Article(text, split_sentences(text))
        found = [f for f in rule_findings(art) if f.kind != "scare"]
        for piece in pieces(art.sents, rule_roles(art, found)):
            if piece.toks:
                yield features(piece), token_labels(piece, spans)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--c1", type=float, default=1.0, help="L1 penalty (keeps the model small)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--minfreq", type=float, default=2, help="drop features seen fewer times than this")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training texts (smoke tests)")
    args = parser.parse_args(argv)
    import pycrfsuite

    started = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for xseq, yseq in sequences("train", args.limit):
        trainer.append(xseq, yseq)
        count += 1
    print(f"{count} paragraphs read in {time.time() - started:.0f}s")
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": args.minfreq})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {(time.time() - started) / 60:.1f} min")


if __name__ == "__main__":
    main()
