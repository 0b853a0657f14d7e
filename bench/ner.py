"""NER quality and speed: entity-level exact-match F1 (conlleval style) through ``load_ner().predict``.

    python bench/ner.py              # fast and accurate profiles
    python bench/ner.py --fast       # only the fast profile (about a minute)
    python bench/ner.py --profiles spacy:/path/to/pipeline

Corpora (../shared/bench/ner): CoNLL-2003 dev (CoNLL++), each sentence a text,
scored on PER/ORG/LOC/MISC; worldwide-newswire-dev, whole articles as texts,
scored on Person/Organization/Location. Spans are compared as character
offsets, so the tokenizer's choices cost only where they move an entity edge.
Speed is sentences/s over CoNLL dev on this machine, model load excluded: in one
process (whose BLAS and torch threads use every core) and with the sentences shared
out to one single-threaded process per core (``--processes``, default 2), as the
local engine runs the pipeline.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp.models.corpus import Score, read_iob, tag_spans  # noqa: E402
from dossier.nlp.ner import load_ner  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench" / "ner"
TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "MISC": "MISC", "NORP": "MISC",
            "EVENT": "MISC"}
TO_NEWSWIRE = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
NEWSWIRE_TYPES = {"Person": "PER", "Organization": "ORG", "Location": "LOC"}


def conll_dev(path: Path = BENCH / "conll2003-train-dev" / "conllpp_dev.txt"):
    """(texts, gold char spans) of CoNLL dev, one text per sentence."""
    sentences = read_iob(path)
    return [s.text for s in sentences], [s.char_spans() for s in sentences]


def newswire(folder: Path = BENCH / "worldwide-newswire-dev"):
    """(texts, gold char spans) of the newswire articles: gold tokens aligned back onto the raw text."""
    texts, golds = [], []
    for tsv in sorted((folder / "annotated").glob("*.tsv")):
        text = (folder / "articles" / tsv.name.removesuffix(".tsv")).read_text(encoding="utf-8")
        tokens, tags, pos = [], [], 0
        for line in tsv.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if not cols[0].strip():
                continue
            found = text.find(cols[0], pos)
            if found < 0 or found - pos > 50:
                continue  # a token the article spells differently: skip it
            tokens.append((found, found + len(cols[0])))
            tags.append(cols[1] if len(cols) > 1 else "O")
            pos = found + len(cols[0])
        gold = [(tokens[i][0], tokens[j - 1][1], NEWSWIRE_TYPES[label]) for i, j, label in tag_spans(tags) if label in NEWSWIRE_TYPES]
        texts.append(text)
        golds.append(gold)
    return texts, golds


def score(golds, preds, mapping: dict[str, str]) -> Score:
    result = Score()
    for gold, pred in zip(golds, preds):
        result.add(gold, [(a, b, mapping[label]) for a, b, label in pred if label in mapping])
    return result


_WORKER = {}


def _load_worker(profile: str) -> None:
    from dossier.engine.pool import limit_threads

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    limit_threads(1)  # one thread a worker, BLAS included, as the local engine's workers run
    _WORKER["ner"] = load_ner(profile)
    _WORKER["ner"].predict(["Warm-up sentence in Paris with Ann Lee."])


def _predict_in_worker(texts: list[str]) -> int:
    return len(_WORKER["ner"].predict(texts))


def parallel_speed(profile: str, texts: list[str], processes: int) -> float:
    """Sentences/s with the texts shared out to ``processes`` worker processes, each with its own model."""
    chunks = [texts[i::processes] for i in range(processes)]
    with multiprocessing.get_context("spawn").Pool(processes, _load_worker, (profile,)) as pool:
        pool.map(_predict_in_worker, [t[:20] for t in chunks])  # every worker loaded and warm
        started = time.time()
        pool.map(_predict_in_worker, chunks, chunksize=1)
        return len(texts) / (time.time() - started)


def run(profile: str, conll, news, processes: int = 2) -> None:
    started = time.time()
    ner = load_ner(profile)
    print(f"\n== profile {profile} ({ner.name} v{ner.version}), loaded in {time.time() - started:.1f}s")
    ner.predict(conll[0][:50])  # warm-up
    started = time.time()
    preds = ner.predict(conll[0])
    elapsed = time.time() - started
    print(f"CoNLL dev: {len(conll[0])} sentences in {elapsed:.1f}s = {len(conll[0]) / elapsed:,.0f} sentences/s")
    if processes > 1:
        rate = parallel_speed(profile, conll[0], processes)
        print(f"CoNLL dev with {processes} processes (one a core): {rate:,.0f} sentences/s")
    print(score(conll[1], preds, TO_CONLL).table())
    if news:
        started = time.time()
        preds = ner.predict(news[0])
        elapsed = time.time() - started
        print(f"newswire dev: {len(news[0])} articles in {elapsed:.1f}s = {len(news[0]) / elapsed:.1f} articles/s")
        print(score(news[1], preds, TO_NEWSWIRE).table())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fast", action="store_true", help="only the fast profile")
    parser.add_argument("--profiles", default="fast,accurate", help="comma-separated profiles to measure")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for the parallel speed figure")
    parser.add_argument("--no-newswire", action="store_true", help="skip the newswire articles")
    args = parser.parse_args()
    if not BENCH.exists():
        sys.exit(f"{BENCH} is absent: the benchmark needs the shared data beside the repo")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch

        torch.set_num_threads(2)
    except ImportError:
        pass
    conll = conll_dev()
    news = None if args.no_newswire else newswire()
    for profile in ["fast"] if args.fast else args.profiles.split(","):
        run(profile, conll, news, args.processes)


if __name__ == "__main__":
    main()
