"""TIMEX3 extraction and normalization on TempEval-3 TimeBank + AQUAINT (TBAQ-cleaned).

Each document's creation time (DCT) is the anchor. Scored the TempEval-3 way,
over the TIMEX3 tags inside <TEXT> (the DCT itself is not counted):

- strict match: same character span; relaxed match: any overlap (one system
  timex per gold timex, greedily, largest overlap first);
- P = matched system timexes / system timexes, R = matched gold / gold timexes;
- value accuracy = matched pairs with the exact same value string / relaxed matches;
- value P/R/F1 = pairs with the right value / system (resp. gold) timexes, so
  value F1 = relaxed F1 x value accuracy (TempEval-3 "attribute F1");
- type accuracy likewise; speed = documents per second of find_timexes alone (best of 3 runs).

    python bench/time.py [--part AQUAINT|TimeBank|all] [--errors N]
    python bench/time.py --seeds    # also: publication dates inferred for the seed articles vs the gold

The seeds check runs the pipeline's clean and time stages on ../shared/seeds (which carry no
publication date) and compares, for each, what the time stage inferred (kept as the article's date
from confidence 0.5 on, at one precision) and what the article's own text supports at any confidence
(``infer_publication_date``) with the gold date and its earliest / latest bounds
(../shared/gold/seed_gold.json).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "time" / "tempeval3-tbaq"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_GOLD = ROOT.parent / "shared" / "gold" / "seed_gold.json"
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp.timex import find_timexes  # noqa: E402

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)(/?)>")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    name: str
    dct: str
    text: str
    timexes: list[GoldTimex]


def read_timeml(path: Path) -> Document:
    """The plain text of <TEXT>, its TIMEX3 spans (character offsets into that text) and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S).group(1)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
    pieces: list[str] = []
    length, pos, open_tag, timexes = 0, 0, None, []
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos:m.start()])
        pieces.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) != "TIMEX3" or m.group(4):
            continue
        if m.group(1):
            if open_tag is not None:
                text = "".join(pieces)[open_tag[0]:length]
                timexes.append(GoldTimex(open_tag[0], length, text, open_tag[1].get("type", ""),
                                         open_tag[1].get("value", "")))
            open_tag = None
        else:
            open_tag = (length, dict(re.findall(r"(\w+)=\"([^\"]*)\"", m.group(3))))
    pieces.append(html.unescape(body[pos:]))
    return Document(path.stem, dct, "".join(pieces), timexes)


def load(part: str) -> list[Document]:
    parts = ["AQUAINT", "TimeBank"] if part == "all" else [part]
    return [read_timeml(p) for name in parts for p in sorted((DATA / name).glob("*.tml"))]


def _pair(gold: list[GoldTimex], system: list) -> list[tuple[GoldTimex, object]]:
    """One-to-one relaxed pairs: overlapping spans, largest overlap first."""
    options = []
    for g in gold:
        for s in system:
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                options.append((overlap, g, s))
    options.sort(key=lambda o: -o[0])
    used_g, used_s, pairs = set(), set(), []
    for _, g, s in options:
        if id(g) in used_g or id(s) in used_s:
            continue
        used_g.add(id(g))
        used_s.add(id(s))
        pairs.append((g, s))
    return pairs


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: list[Document]) -> dict:
    """All the figures for a set of documents (see the module docstring)."""
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = 0
    errors: list[str] = []
    outputs, elapsed = _timed(docs)
    for doc, system in zip(docs, outputs):
        n_gold += len(doc.timexes)
        n_sys += len(system)
        pairs = _pair(doc.timexes, system)
        relaxed += len(pairs)
        strict += sum(1 for g, s in pairs if (g.start, g.end) == (s.start, s.end))
        for g, s in pairs:
            type_ok += g.type == s.type
            if (g.start, g.end) != (s.start, s.end):
                errors.append(f"SPAN {g.text!r} sys={s.text!r} ({s.rule})")
            if g.value == s.value:
                value_ok += 1
            else:
                errors.append(f"VALUE {doc.dct[:10]} {g.text!r} gold={g.value} sys={s.value} ({s.text!r}, {s.rule})"
                              f" | {_context(doc.text, g.start, g.end)}")
        paired_g = {id(g) for g, _ in pairs}
        paired_s = {id(s) for _, s in pairs}
        for g in doc.timexes:
            if id(g) not in paired_g:
                errors.append(f"MISS {doc.dct[:10]} {g.text!r} {g.type} {g.value} | "
                              f"{_context(doc.text, g.start, g.end)}")
        for s in system:
            if id(s) not in paired_s:
                errors.append(f"SPUR {doc.dct[:10]} {s.text!r} {s.type} {s.value} ({s.rule}) | "
                              f"{_context(doc.text, s.start, s.end)}")
    strict_prf = _prf(strict, n_sys, strict, n_gold)
    relaxed_prf = _prf(relaxed, n_sys, relaxed, n_gold)
    value_prf = _prf(value_ok, n_sys, value_ok, n_gold)
    return {
        "docs": len(docs), "gold": n_gold, "system": n_sys, "strict": strict_prf, "relaxed": relaxed_prf,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0, "value": value_prf,
        "type_accuracy": type_ok / relaxed if relaxed else 0.0, "docs_per_s": len(docs) / elapsed if elapsed else 0.0,
        "errors": errors,
    }


def _timed(docs: list[Document], repeat: int = 3) -> tuple[list, float]:
    """The outputs and the best of ``repeat`` timings (the machines are shared and noisy)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        outputs = [find_timexes(d.text, d.dct) for d in docs]
        best = min(best, time.perf_counter() - started)
    return outputs, best


def _context(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 50):start] + "[" + text[start:end] + "]" + text[end:end + 40]).replace("\n", " ")


def report(name: str, r: dict) -> str:
    (sp, sr, sf), (rp, rr, rf), (vp, vr, vf) = r["strict"], r["relaxed"], r["value"]
    return (f"{name}: {r['docs']} docs, {r['gold']} gold TIMEX3, {r['system']} found\n"
            f"  strict   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}\n"
            f"  relaxed  P {rp:.3f}  R {rr:.3f}  F1 {rf:.3f}\n"
            f"  value    accuracy {r['value_accuracy']:.3f}  P {vp:.3f}  R {vr:.3f}  F1 {vf:.3f}"
            f"   (type accuracy {r['type_accuracy']:.3f})\n"
            f"  speed    {r['docs_per_s']:.0f} docs/s")


def seed_dates() -> list[dict]:
    """For each seed: the gold publication date and bounds, the date the time stage kept, and what its text supports."""
    import json
    import tempfile

    from dossier import Dossier
    from dossier.nlp.timex import infer_publication_date

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Dossier(Path(tmp) / "seeds.db") as d:
        d.ingest([SEEDS])
        d.run(["time"])
        for a in sorted(d.articles(), key=lambda a: a.source):
            name = Path(a.source).name
            g = gold[name]["published"]
            supported = infer_publication_date(a.text or "")
            rows.append({"seed": name[:3], "gold": g["date"], "earliest": g["earliest"], "latest": g["latest"],
                         "kept": a.published, "how": a.published_how, "confidence": a.published_confidence,
                         "supported": supported, "kept_ok": _within(a.published, g),
                         "supported_ok": _within(supported[0] if supported else None, g)})
    return rows


def _within(value: str | None, gold: dict) -> bool:
    """Whether a date (a day, a month, a year or an interval "a/b") covers a day within the gold bounds."""
    if not value:
        return False
    first, _, last = value.partition("/")
    last = last or first
    return first[: len(gold["latest"])] <= gold["latest"][: len(first)] and gold["earliest"][: len(last)] <= last


def seeds_report(rows: list[dict]) -> str:
    lines = [f"seeds: publication dates, {sum(r['kept_ok'] for r in rows)}/{len(rows)} kept within the gold bounds, "
             f"{sum(r['supported_ok'] for r in rows)}/{len(rows)} supported by their own text at any confidence"]
    for r in rows:
        kept = f"{r['kept']} ({r['how']}, {r['confidence']})" if r["kept"] else "none"
        value, precision, confidence = r["supported"] or ("none", "", "")
        supported = f"{value} ({precision}, {confidence})" if r["supported"] else "none"
        lines.append(f"  {r['seed']}: gold {r['gold']} [{r['earliest']} .. {r['latest']}]  kept {kept}  "
                     f"text supports {supported}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", default="both", choices=["AQUAINT", "TimeBank", "all", "both"])
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    parser.add_argument("--seeds", action="store_true", help="also compare the seeds' inferred publication dates with the gold")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"{DATA} is absent: the benchmark needs the shared TempEval-3 data beside the repo", file=sys.stderr)
        return 2
    parts = ["AQUAINT", "TimeBank"] if args.part == "both" else [args.part]
    for part in parts:
        r = evaluate(load(part))
        print(report(part + (" (dev)" if part == "AQUAINT" else " (check)" if part == "TimeBank" else ""), r))
        if args.errors:
            for kind in ("VALUE", "MISS", "SPUR", "SPAN"):
                for line in [e for e in r["errors"] if e.startswith(kind)][: args.errors]:
                    print("   ", line)
    if args.seeds:
        print(seeds_report(seed_dates()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
