"""Events: PLOVER type accuracy and macro-F1 (bootstrap intervals) and actor country-code accuracy
on plover-dev; recall of the seed gold events and events wrongly taken from negated or hypothetical text.

Usage: python bench/events.py [--shared ../shared] [--no-seeds] [--errors] [--sentences] [--ablations]

Older type names in the gold (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) are mapped to PLOVER with
the CAMEO-to-PLOVER file before scoring. The coder was written with plover-dev in view, so its
dev figures are optimistic; the held-out set is what counts. ``--sentences`` also scores the
news-style sentences written for the tests (tests/events/unseen_sentences.py), with each batch's
figure from its first run, before the fixes it drove.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from dossier.events.plover import TYPES, old_name_map
from dossier.events.sentence import code_text

ROOT = Path(__file__).resolve().parents[1]
NO_EVENT = "NONE"


def load_plover(shared: Path) -> list[dict]:
    """Gold records with their type in PLOVER names; documentation records left out."""
    folder = shared / "bench" / "events" / "plover-dev"
    names = old_name_map((folder / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8"))
    records = json.loads((folder / "plover_gold_dev.json").read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        out.append({"id": r["id"], "text": r["text"], "type": names.get(r["event"], r["event"]),
                    "source": _codes(r.get("source")), "target": _codes(r.get("target"))})
    return out


def _codes(actors) -> list[str]:
    return [a["code"] for a in actors if a.get("code")] if isinstance(actors, list) else []


def predict(records: list[dict]) -> list[dict]:
    """The coder's main event of each record's sentence (type NONE when it finds none)."""
    out = []
    for r in records:
        events = code_text(r["text"])
        e = events[0] if events else None
        out.append({"type": e.type if e else NO_EVENT, "source": e.actor_country if e else None,
                    "target": e.target_country if e else None, "trigger": e.trigger if e else None})
    return out


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Mean F1 over the gold types present (a predicted type absent from the gold adds no class)."""
    scores = []
    for t in sorted(set(gold)):
        tp = sum(g == t and p == t for g, p in zip(gold, pred))
        fp = sum(g != t and p == t for g, p in zip(gold, pred))
        fn = sum(g == t and p != t for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def bootstrap(gold: list[str], pred: list[str], metric, n: int = 1000, seed: int = 7) -> tuple[float, float]:
    """95% percentile interval of the metric over resampled records."""
    rng = random.Random(seed)
    idx = range(len(gold))
    values = sorted(metric([gold[i] for i in s], [pred[i] for i in s])
                    for s in ([rng.choice(idx) for _ in idx] for _ in range(n)))
    return values[int(0.025 * n)], values[int(0.975 * n) - 1]


def evaluate_plover(records: list[dict], preds: list[dict]) -> dict:
    gold = [r["type"] for r in records]
    pred = [p["type"] for p in preds]
    src = [(r, p) for r, p in zip(records, preds) if r["source"]]
    tgt = [(r, p) for r, p in zip(records, preds) if r["target"]]
    return {
        "records": len(records),
        "type_accuracy": round(accuracy(gold, pred), 3),
        "type_accuracy_95ci": [round(v, 3) for v in bootstrap(gold, pred, accuracy)],
        "macro_f1": round(macro_f1(gold, pred), 3),
        "macro_f1_95ci": [round(v, 3) for v in bootstrap(gold, pred, macro_f1)],
        "source_country_accuracy": round(sum(p["source"] in r["source"] for r, p in src) / len(src), 3),
        "target_country_accuracy": round(sum(p["target"] in r["target"] for r, p in tgt) / len(tgt), 3),
        "per_type_f1": {t: round(macro_f1([g if g == t else "_" for g in gold], [q if q == t else "_" for q in pred])
                                 if t in gold else 0, 3) for t in TYPES if t in gold},
    }


# -- ablations: how far the parts that never saw the dev set get on it ---------------------------

def dictionary_only(records: list[dict]) -> dict:
    """The PETRARCH2 verb dictionary alone (the hand lexicon switched off)."""
    from dossier.events import classify

    kept, classify.COMPILED = classify.COMPILED, []
    try:
        return _scores(records, predict(records))
    finally:
        classify.COMPILED = kept


def embedding_centroids(records: list[dict], shared: Path) -> dict:
    """Nearest PLOVER centroid of MiniLM embeddings of the CAMEO-to-PLOVER code descriptions
    ("Express intent to cooperate economically"): nothing learned from the records."""
    import numpy as np

    from dossier.nlp.embed import embed

    text = (shared / "bench" / "events" / "plover-dev" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    code_line = re.compile(r"^\d{3,4}:\s*([A-Z]+)[^#\n]*#\s*(.+)$", re.MULTILINE)
    protos = [(m.group(1), m.group(2).strip()) for m in code_line.finditer(text)]
    vectors = embed([d for _, d in protos])
    types = sorted({t for t, _ in protos})
    centroids = np.stack([vectors[[i for i, (t, _) in enumerate(protos) if t == x]].mean(0) for x in types])
    scores = embed([r["text"] for r in records]) @ centroids.T
    return _scores(records, [{"type": types[i], "source": None, "target": None} for i in scores.argmax(1)])


def _scores(records: list[dict], preds: list[dict]) -> dict:
    gold, pred = [r["type"] for r in records], [p["type"] for p in preds]
    return {"type_accuracy": round(accuracy(gold, pred), 3), "macro_f1": round(macro_f1(gold, pred), 3)}


def written_sentences() -> dict:
    """Scores on the sentences written for the tests, per batch, with the first-run figure."""
    import importlib.util

    path = ROOT / "tests" / "events" / "unseen_sentences.py"
    spec = importlib.util.spec_from_file_location("unseen_sentences", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return {name: {**module.score(cases), "first_run_type_accuracy": module.FIRST_RUN[name]}
            for name, cases in module.BATCHES.items()}


# -- seeds ---------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def same_sentence(gold_evidence: str, sentence: str) -> bool:
    """The gold evidence and the system's sentence are the same text (token overlap of the shorter >= 0.6)."""
    a, b = _words(gold_evidence), _words(sentence)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= 0.6


def seed_reports(shared: Path) -> dict[str, list]:
    """Per-article event reports of the seeds, by file name (runs the whole pipeline)."""
    from dossier import Dossier
    from dossier.events.stage import REPORT_KIND
    from dossier.model import Event

    d = Dossier(Path(tempfile.mkdtemp()) / "seeds.db")
    d.ingest([shared / "seeds"])
    d.run(["event_dedup"])
    names = {a.id: Path(a.source).name for a in d.articles()}
    by_doc: dict[str, list] = defaultdict(list)
    for e in d.store.annotations(REPORT_KIND, Event):
        by_doc[names[e.evidence[0].article_id]].append(e)
    d.close()
    return by_doc


def evaluate_seeds(gold: dict, by_doc: dict[str, list]) -> dict:
    """Recall of the gold events that occurred (type or an accepted alternative, in a sentence of its
    evidence); of those found, the share whose actor (target, where the gold has one) names a gold actor
    (target); and reports taken as actual from sentences the gold marks negated or hypothetical."""
    found, missed, unflagged, flag_cases = 0, [], [], 0
    actor_right = target_right = with_target = 0
    for doc, article in gold.items():
        if not doc.endswith(".txt"):
            continue
        for g in article.get("events", []):
            accepted = {g["action"], *(g.get("acceptable_alt_actions") or [])}
            hits = [e for e in by_doc.get(doc, [])
                    if any(same_sentence(x, e.evidence[0].sentence) for x in g["evidence"])]
            modality = (g.get("modality") or "").lower()
            if modality.startswith(("negated", "hypothetical")):
                flag_cases += 1
                unflagged += [f"{g['id']} {e.type} '{e.trigger}'" for e in hits
                              if e.type == g["action"] and not (e.negated or e.hypothetical)]
                continue
            if "NO_EVENT" in accepted:
                continue
            typed = [e for e in hits if e.type in accepted]
            if typed:
                found += 1
                actor_right += any(same_actor(e.actor, e.actor_country, g.get("actors")) for e in typed)
                if any(g.get("targets") or []):
                    with_target += 1
                    target_right += any(same_actor(e.target, e.target_country, g["targets"]) for e in typed)
            else:
                missed.append(f"{g['id']} {g['action']} (got {sorted({e.type for e in hits}) or '-'})")
    total = found + len(missed)
    return {"gold_events": total, "recall": round(found / total, 3) if total else None,
            "actor_accuracy": round(actor_right / found, 3) if found else None,
            "target_accuracy": round(target_right / with_target, 3) if with_target else None,
            "report_precision_approx": _precision(gold, by_doc), "missed": missed,
            "negated_or_hypothetical_gold": flag_cases, "taken_as_actual": unflagged,
            "reports": sum(len(v) for v in by_doc.values())}


NAME_STOP = {"the", "of", "and", "president", "minister", "leader", "government", "forces", "army"}


def same_actor(predicted: str | None, country: str | None, gold: list[str | None] | None) -> bool:
    """The predicted actor names one of the gold actors: a shared name word ("Lukashenko" for "Alexander
    Lukashenko", "Belarusian" for "Belarus"; titles and function words do not count), or the gold actor is
    a country and the predicted actor is coded with it (Putin for "Russia", as CAMEO codes him)."""
    from dossier.nlp.gazetteer import gazetteer

    if not predicted:
        return False
    words = {w[:6] for w in _words(predicted) - NAME_STOP if len(w) > 2}
    for name in filter(None, gold or []):
        if words & {w[:6] for w in _words(name) - NAME_STOP if len(w) > 2}:
            return True
        place = gazetteer().place(name)
        if country and place is not None and place.kind == "country" and place.country == country:
            return True
    return False


def _precision(gold: dict, by_doc: dict[str, list]) -> float | None:
    """Share of reports that match a gold event (any modality) by sentence and type: a lower bound,
    since the gold leaves out minor actions."""
    reports = [(doc, e) for doc, events in by_doc.items() for e in events if not e.negated]
    good = 0
    for doc, e in reports:
        gold_events = gold.get(doc, {}).get("events", [])
        good += any(e.type in {g["action"], *(g.get("acceptable_alt_actions") or [])}
                    and any(same_sentence(x, e.evidence[0].sentence) for x in g["evidence"]) for g in gold_events)
    return round(good / len(reports), 3) if reports else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-seeds", action="store_true", help="Only the PLOVER dev set (no pipeline run).")
    parser.add_argument("--errors", action="store_true", help="Print the dev records coded wrongly.")
    parser.add_argument("--sentences", action="store_true", help="Also score the sentences written for the tests.")
    parser.add_argument("--ablations", action="store_true",
                        help="Also score the dictionary alone and embedding centroids (needs the ml extra).")
    args = parser.parse_args()
    records = load_plover(args.shared)
    preds = predict(records)
    print(json.dumps({"plover_dev": evaluate_plover(records, preds)}, indent=2))
    if args.errors:
        for r, p in zip(records, preds):
            if r["type"] != p["type"]:
                print(f"{r['id']}: gold {r['type']}, coded {p['type']} ('{p['trigger']}')")
    if args.sentences:
        print(json.dumps({"written_sentences": written_sentences()}, indent=2))
    if args.ablations:
        print(json.dumps({"dictionary_only": dictionary_only(records),
                          "embedding_centroids": embedding_centroids(records, args.shared)}, indent=2))
    if not args.no_seeds:
        gold = json.loads((args.shared / "gold" / "seed_gold.json").read_text(encoding="utf-8"))
        print(json.dumps({"seeds": evaluate_seeds(gold, seed_reports(args.shared))}, indent=2))


if __name__ == "__main__":
    main()
