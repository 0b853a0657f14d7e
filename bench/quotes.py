"""Quote extraction and speaker attribution on PolNeAR (train and dev parts), plus the seeds check.

PolNeAR annotates attribution relations (Source, Cue, Content spans) in US
political news. An extracted attribution is the union of the non-scare quotes
sharing one cue (``Found.group``: a quote split by its frame, a continuation,
an indirect claim with the partial quotes inside it), as PolNeAR annotates one
relation per cue. Contents are compared as sets of word tokens (``\\w+``):

- overlap/max (reported as the headline figure): a prediction P and a gold
  content G match when |P & G| / max(|P|, |G|) >= 0.5, one-to-one, best pairs
  first. This is the strict reading of "token overlap >= 0.5": each span
  covers at least half of the other.
- coverage: recall counts a gold G as found when some P covers half of it
  (|P & G| / |G| >= 0.5); precision counts a P as right when it lies half
  inside some G (|P & G| / |P| >= 0.5). This is the per-side reading used in
  partial-match scoring of attribution spans (Pareti 2015; Scheible et al. 2016).
- exact: same token set.

Texts annotated by several annotators (agreement studies) count once, with
the first annotator's file. Speaker accuracy: over the pairs matched by overlap/max whose gold relation
has a Source, the share whose predicted speaker span overlaps that Source, or names the same person
elsewhere in the text (same surname, a capitalised name word; pronouns and descriptions never match this
way), the bench's stand-in for "resolves to the same entity".
Scare quotes are not statements and are not scored. Extraction is the rules plus
the learned tagger (``dossier.quotes.learned``, trained on the train part by
scripts/train_quotes.py, so its train figures are optimistic); ``--rules-only``
scores the rules alone. Speed is articles per second of extraction, sentence
splitting included.

The seeds check scores quotes per article, speakers and carriers against
seed_gold.json, then runs the pipeline on the five seeds and checks the gold
quote matches: M1-M4 (one utterance in several renderings) must each come out
as one Statement, M8/M9 (one claim on different occasions) must stay apart, and
no two gold matches may share a statement.

    python bench/quotes.py [--part dev|train|both] [--errors N] [--no-seeds] [--rules-only]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "bench" / "quotes" / "polnear-train-dev"
sys.path.insert(0, str(ROOT / "src"))

from dossier.nlp.sentences import split_sentences  # noqa: E402
from dossier.quotes.extract import find_attributions  # noqa: E402

WORD = re.compile(r"\w+")
Span = tuple[int, int]


@dataclass
class Relation:
    """One attribution: its content as word-token ids, and its source character spans."""

    tokens: frozenset[int]
    sources: list[Span] = field(default_factory=list)
    text: str = ""
    direct: bool = False


@dataclass
class Document:
    name: str
    text: str
    gold: list[Relation]


# ------------------------------------------------------------------ loading


def load(part: str) -> list[Document]:
    """The documents of a PolNeAR part with their gold relations (one annotator's file per text)."""
    docs, seen = [], set()
    for ann in sorted((POLNEAR / part / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen:
            continue  # texts annotated by several annotators (agreement studies) count once
        seen.add(name)
        text = (POLNEAR / part / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs.append(Document(name, text, read_relations(ann, text)))
    return docs


def read_relations(path: Path, text: str) -> list[Relation]:
    """Relations of a brat file: every Content* span of an E line joined, with its Source spans."""
    spans: dict[str, list[Span]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T"):
            ranges = parts[1].split(" ", 1)[1]
            spans[parts[0]] = [tuple(map(int, r.split())) for r in ranges.split(";")]
        elif line.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                role, ref = arg.split(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            events.append(roles)
    index = token_index(text)
    out = []
    for roles in events:
        content = [s for ref in roles.get("Content", []) for s in spans.get(ref, [])]
        if not content:
            continue
        tokens = frozenset(t for s in content for t in tokens_in(index, s))
        if tokens:
            first = min(a for a, _ in content)
            out.append(Relation(tokens, [s for ref in roles.get("Source", []) for s in spans.get(ref, [])],
                                text=" ".join(text[a:b] for a, b in sorted(content)),
                                direct=text[first : first + 1] in "\"“'‘"))
    return out


def token_index(text: str) -> list[Span]:
    return [m.span() for m in WORD.finditer(text)]


def tokens_in(index: list[Span], span: Span) -> list[int]:
    """Ids of the word tokens overlapping a character span (``index`` is in text order)."""
    a, b = span
    first = bisect_left(index, a + 1, key=lambda token: token[1])  # the first token ending after a
    out = []
    for i in range(first, len(index)):
        s, e = index[i]
        if s >= b:
            break
        if a < e:
            out.append(i)
    return out


# ------------------------------------------------------------------ predicting


@dataclass
class Predicted:
    tokens: frozenset[int]
    speaker: Span | None
    text: str


LEARNED = True


def predict(doc: Document, profile: str = "fast") -> list[Predicted]:
    """Extracted attributions of a document: statements joined by group, scare quotes left out."""
    found = find_attributions(doc.text, split_sentences(doc.text), learned=LEARNED, profile=profile)
    found = [f for f in found if f.kind != "scare"]
    index = token_index(doc.text)
    groups: dict[int, list] = {}
    for f in found:
        groups.setdefault(f.group, []).append(f)
    out = []
    for members in groups.values():
        tokens = frozenset(t for f in members for t in tokens_in(index, (f.start, f.end)))
        speaker = next((f.speaker for f in members if f.speaker), None)
        if tokens:
            out.append(Predicted(tokens, speaker, " | ".join(doc.text[f.start : f.end] for f in members)))
    return out


# ------------------------------------------------------------------ scoring


@dataclass
class Score:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0  # overlap/max pairs
    exact: int = 0
    covered_gold: int = 0
    covered_pred: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    direct_gold: int = 0
    direct_found: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0

    def row(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        cp = self.covered_pred / self.predicted if self.predicted else 0.0
        cr = self.covered_gold / self.gold if self.gold else 0.0
        return {
            "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
            "P_cov": cp, "R_cov": cr, "F1_cov": 2 * cp * cr / (cp + cr) if cp + cr else 0.0,
            "exact_R": self.exact / self.gold if self.gold else 0.0,
            "speaker_acc": self.speaker_right / self.speaker_scored if self.speaker_scored else 0.0,
            "direct_R": self.direct_found / self.direct_gold if self.direct_gold else 0.0,
        }  # fmt: skip


def overlap_max(p: frozenset[int], g: frozenset[int]) -> float:
    return len(p & g) / max(len(p), len(g))


def score_document(doc: Document, preds: list[Predicted], score: Score) -> None:
    score.documents += 1
    score.gold += len(doc.gold)
    score.predicted += len(preds)
    score.direct_gold += sum(g.direct for g in doc.gold)
    pairs = sorted(((overlap_max(p.tokens, g.tokens), i, j) for i, p in enumerate(preds)
                    for j, g in enumerate(doc.gold) if p.tokens & g.tokens), reverse=True)
    used_p, used_g = set(), set()
    for value, i, j in pairs:
        if value < 0.5 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        _score_pair(doc, preds[i], doc.gold[j], score)
    score.covered_gold += sum(any(len(p.tokens & g.tokens) >= 0.5 * len(g.tokens) for p in preds) for g in doc.gold)
    score.covered_pred += sum(any(len(p.tokens & g.tokens) >= 0.5 * len(p.tokens) for g in doc.gold) for p in preds)
    score.misses += [f"{doc.name}: {g.text[:160]!r}" for j, g in enumerate(doc.gold) if j not in used_g]
    score.spurious += [f"{doc.name}: {p.text[:160]!r}" for i, p in enumerate(preds) if i not in used_p]


def _score_pair(doc: Document, p: Predicted, g: Relation, score: Score) -> None:
    score.matched += 1
    score.exact += p.tokens == g.tokens
    score.direct_found += g.direct
    if not g.sources:
        return
    score.speaker_scored += 1
    right = p.speaker is not None and any(a < p.speaker[1] and p.speaker[0] < b for a, b in g.sources)
    right = right or (p.speaker is not None and any(
        same_name(doc.text[p.speaker[0] : p.speaker[1]], doc.text[a:b]) for a, b in g.sources))
    score.speaker_right += right
    if not right:
        said = doc.text[p.speaker[0] : p.speaker[1]] if p.speaker else None
        gold = " / ".join(doc.text[a:b] for a, b in g.sources)
        score.wrong_speaker.append(f"{doc.name}: predicted {said!r}, gold {gold!r}: {p.text[:100]!r}")


NAME_WORD = re.compile(r"[A-Z][\w.-]*")


def same_name(predicted: str, gold: str) -> bool:
    """Another mention of the same named speaker in the document ("Reid" ... "Reid", "Sen. Harry Reid"): both
    end in a capitalised name word, and the surnames agree. Pronouns and descriptions never match this way."""
    def surname(phrase: str) -> str | None:
        words = re.sub(r"\(.*?\)|[’']s\b", "", phrase).replace(",", " ").split()
        last = words[-1] if words else ""
        return last.lower() if NAME_WORD.fullmatch(last) and last.lower() not in {"he", "she", "it", "they", "we",
                                                                                 "i", "you"} else None
    a, b = surname(predicted), surname(gold)
    return a is not None and a == b


def evaluate(part: str, limit: int | None = None, profile: str = "fast") -> tuple[Score, float]:
    """The score of a part, and the seconds spent extracting (sentence splitting included, scoring not);
    ``Score.cpu_seconds`` holds the CPU time of the same (all threads), steadier on a loaded machine."""
    docs = load(part)[:limit]
    score = Score()
    predict(docs[0], profile)  # load the model outside the timing
    spent = 0.0
    for doc in docs:
        started, cpu = time.perf_counter(), time.process_time()
        preds = predict(doc, profile)
        spent += time.perf_counter() - started
        score.cpu_seconds += time.process_time() - cpu
        score_document(doc, preds, score)
    return score, spent


# ------------------------------------------------------------------ seeds


def seed_text(path: Path, gold: dict) -> str:
    """The seed with only its article lines (title, dek, subheadings, body); other lines blanked, numbering kept."""
    keep = gold["body_keep"]
    lines = path.read_text(encoding="utf-8").split("\n")
    extra = keep.get("keep_also", {})
    wanted = set(range(keep["first_line_no"], keep["last_line_no"] + 1))
    wanted |= {extra.get("title_line"), extra.get("subtitle_line"), *extra.get("subheading_lines", [])}
    junk = set(gold.get("junk", []))
    return "\n".join(line if n + 1 in wanted and line not in junk else "" for n, line in enumerate(lines))


def seed_mentions(article_id: str, text: str, sentences: list[Span]):
    """Entity mentions from the project's NER and entities stage; None when the NER cannot load."""
    try:
        from dossier.nlp.entities import Sentences, build_mentions
        from dossier.nlp.ner import load_ner

        spans = load_ner("fast").predict([text])[0]
    except Exception as exc:  # noqa: BLE001 - the NER is optional for this check
        print(f"  (NER unavailable: {exc}; speakers stay as written)")
        return []
    return build_mentions(article_id, text, spans, Sentences(sentences, text))


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    if not gold:
        return predicted is None
    if not predicted:
        return False
    from rapidfuzz import fuzz

    gold_words = re.sub(r"\(.*?\)", "", gold).split()
    last = gold_words[-1].lower() if gold_words else ""
    return any(fuzz.ratio(last, w.lower()) >= 80 for w in predicted.split())


def seeds_check() -> dict[str, float]:
    from dossier.quotes.extract import extract_quotes

    gold_all = json.loads((SHARED / "gold" / "seed_gold.json").read_text(encoding="utf-8"))
    totals = Counter()
    print("\nSeeds (../shared/seeds vs seed_gold.json): quotes per article, found/gold by kind")
    for name in gold_all["_meta"]["files"]:
        gold = gold_all[name]
        text = seed_text(SHARED / "seeds" / name, gold)
        sentences = split_sentences(text)
        quotes = extract_quotes(name, text, sentences, seed_mentions(name, text, sentences))
        counts = _match_seed_quotes(text, gold["quotes"], quotes)
        totals.update(counts)
        kinds = Counter(q.kind for q in quotes)
        print(f"  {name}: predicted {len(quotes)} ({dict(kinds)}), gold {len(gold['quotes'])}, "
              f"matched {counts['matched']}, kind agrees {counts['kind_ok']}, speaker right {counts['speaker_ok']}")
    summary = {
        "gold": totals["gold"], "matched": totals["matched"],
        "recall": totals["matched"] / totals["gold"] if totals["gold"] else 0.0,
        "kind_acc": totals["kind_ok"] / totals["matched"] if totals["matched"] else 0.0,
        "speaker_acc": totals["speaker_ok"] / totals["matched"] if totals["matched"] else 0.0,
        "via_stated": f"{totals['via_stated_ok']}/{totals['via_stated']}",
        "via_implicit": f"{totals['via_implicit_ok']}/{totals['via_implicit']}",
    }  # fmt: skip
    print(f"  total: gold {summary['gold']}, matched {summary['matched']} (recall {summary['recall']:.3f}), "
          f"kind accuracy {summary['kind_acc']:.3f}, speaker accuracy {summary['speaker_acc']:.3f}, "
          f"carriers the gold names: stated {summary['via_stated']}, implicit {summary['via_implicit']}")
    return summary


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _gold_kinds(q: dict) -> set[str]:
    kind = "partial" if q["kind"] == "direct" and q.get("partial") else q["kind"]
    alts = q.get("acceptable_alt_kinds", [])
    alts = {"partial" if k == "direct" and kind in {"scare", "partial"} else k for k in alts}
    return {kind} | alts


def _match_seed_quotes(text: str, gold_quotes: list[dict], quotes) -> Counter:
    counts = Counter(gold=len(gold_quotes))
    used = set()
    for g in gold_quotes:
        g_words = set(WORD.findall(g["text"].lower()))
        best, best_value = None, 0.0
        for i, q in enumerate(quotes):
            if i in used or _line_of(text, q.start) != g["line"]:
                continue
            q_words = set(WORD.findall(q.text.lower()))
            value = len(g_words & q_words) / max(len(g_words), len(q_words), 1)
            if value > best_value:
                best, best_value = i, value
        if best is None or best_value < 0.5:
            continue
        used.add(best)
        q = quotes[best]
        counts["matched"] += 1
        counts["kind_ok"] += q.kind in _gold_kinds(g)
        speaker = q.chain[0].name if q.chain and q.chain[0].role == "speaker" and q.speaker_kind != "unnamed" else None
        counts["speaker_ok"] += same_speaker(g.get("speaker"), speaker)
        _check_via(g, q, counts)
    return counts


def _check_via(g: dict, q, counts: Counter) -> None:
    """The intermediary the gold names for a quote ("via"), among the predicted chain's carriers."""
    via = g.get("via")
    if not via or via == "(implicit)":
        return
    kind = "implicit" if "implicit" in via else "stated"
    key = re.sub(r"\(.*?\)", "", via).split()[0].lower()
    carriers = [link.name.lower() for link in q.chain if link.role == "carrier"]
    counts[f"via_{kind}"] += 1
    counts[f"via_{kind}_ok"] += any(key in c for c in carriers) or (q.speaker or "").lower() == key


# ------------------------------------------------------------------ seeds: statements across outlets

SAME_UTTERANCE = ("M1", "M2", "M3", "M4")  # each must come out as one Statement
DIFFERENT_OCCASIONS = ("M8", "M9")  # renderings from different articles must stay apart


def seed_statements_check() -> dict[str, str]:
    """The seeds through the whole pipeline: gold quote matches linked as one statement, or kept apart."""
    import tempfile

    from dossier import Dossier

    gold = json.loads((SHARED / "gold" / "seed_gold.json").read_text(encoding="utf-8"))
    matches = {m["id"]: m for m in gold["cross_document"]["quote_matches"]}
    with Dossier(Path(tempfile.mkdtemp()) / "seeds.db") as d:
        d.ingest([SHARED / "seeds"])
        d.run(["statements"])
        names = {a.id: Path(a.source).name for a in d.articles()}
        statement_of, quotes_by_doc = {}, {}
        for st, quotes in d.statements():
            for q in quotes:
                statement_of[q.id] = st.id
                quotes_by_doc.setdefault(names[q.article_id], []).append(q)
    print("\nSeeds: gold quote matches (cross_document.quote_matches) through the pipeline")
    linked = apart = 0
    for mid in SAME_UTTERANCE + DIFFERENT_OCCASIONS:
        found = [_statement_of_rendering(r, quotes_by_doc, statement_of) for r in matches[mid]["renderings"]]
        hit = [(r["doc"][:3], st) for r, st in zip(matches[mid]["renderings"], found) if st]
        if mid in SAME_UTTERANCE:
            ok = len(hit) >= 2 and len({st for _, st in hit}) == 1
            linked += ok
        else:
            by_doc = {}
            for doc, st in hit:
                by_doc.setdefault(doc, set()).add(st)
            docs = list(by_doc)
            ok = all(not (by_doc[a] & by_doc[b]) for i, a in enumerate(docs) for b in docs[i + 1 :])
            apart += ok
        statements = len({st for _, st in hit})
        together = max((sum(st == s for _, st in hit) for _, s in hit), default=0)
        print(f"  {mid}: renderings found {len(hit)}/{len(found)}, in {statements} statement(s), "
              f"at most {together} together: "
              f"{'ok' if ok else 'WRONG'} ({'one statement' if mid in SAME_UTTERANCE else 'kept apart'} wanted)")
    merged = _merged_matches(matches, quotes_by_doc, statement_of)
    summary = {"linked": f"{linked}/{len(SAME_UTTERANCE)}", "kept_apart": f"{apart}/{len(DIFFERENT_OCCASIONS)}",
               "wrongly_merged": ", ".join(merged) or "none"}
    print(f"  same utterance linked as one statement: {summary['linked']}; "
          f"different occasions kept apart: {summary['kept_apart']}; "
          f"different gold matches merged into one statement: {summary['wrongly_merged']}")
    return summary


def _merged_matches(matches: dict, quotes_by_doc: dict, statement_of: dict) -> list[str]:
    """Pairs of different gold matches whose renderings ended up in one statement (M1-M9 are distinct)."""
    ids = [m for m in matches if re.fullmatch(r"M\d+", m) and int(m[1:]) <= 9]
    found = {m: {_statement_of_rendering(r, quotes_by_doc, statement_of) for r in matches[m]["renderings"]} - {None}
             for m in ids}
    return [f"{a}+{b}" for i, a in enumerate(ids) for b in ids[i + 1 :] if found[a] & found[b]]


def _statement_of_rendering(rendering: dict, quotes_by_doc: dict, statement_of: dict) -> str | None:
    """The statement of the extracted quote that best covers a gold rendering (half its words or more)."""
    words = set(WORD.findall(rendering["text"].lower()))
    best, best_value = None, 0.0
    for q in quotes_by_doc.get(rendering["doc"], []):
        q_words = set(WORD.findall(q.text.lower()))
        value = len(words & q_words) / max(1, min(len(words), len(q_words)))
        if value > best_value and len(words & q_words) >= 3:
            best, best_value = q, value
    return statement_of.get(best.id) if best is not None and best_value >= 0.6 else None


# ------------------------------------------------------------------ main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="both", choices=["dev", "train", "both"])
    parser.add_argument("--profile", default="both", choices=["fast", "accurate", "both"],
                        help="the learned tagger: fast (CRF), accurate (MiniLM) or both side by side")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses, spurious and wrong speakers")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of a part")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--rules-only", action="store_true", help="leave the learned tagger out")
    args = parser.parse_args()
    global LEARNED
    LEARNED = not args.rules_only
    if not POLNEAR.exists():
        sys.exit(f"{POLNEAR} is absent: put the shared benchmark data beside the repository.")
    parts = ["train", "dev"] if args.part == "both" else [args.part]
    profiles = ["fast", "accurate"] if args.profile == "both" else [args.profile]
    if args.rules_only:
        profiles = profiles[:1]
    print("PolNeAR attribution contents (targets on held-out data: P >= 0.80, R >= 0.80, speaker >= 0.85)")
    for part in parts:
        for profile in profiles:
            report(part, "rules only" if args.rules_only else profile, args)
    if not args.no_seeds:
        for profile in profiles:
            print(f"\nprofile {profile}:")
            os.environ["DOSSIER_PROFILE"] = profile  # the seeds' pipeline runs NER and quotes in this profile
            seeds_check()
            seed_statements_check()


def report(part: str, profile: str, args) -> None:
    score, seconds = evaluate(part, args.limit, "fast" if profile == "rules only" else profile)
    row = score.row()
    print(f"  {part:5} {profile:8}: gold {score.gold}, predicted {score.predicted}, {seconds:.1f}s "
          f"({score.documents / seconds:.0f} articles/s extracting, sentence splitting included; "
          f"{score.cpu_seconds:.1f} CPU s)")
    print("    overlap/max>=0.5: P {P:.3f} R {R:.3f} F1 {F1:.3f} | coverage>=0.5: P {P_cov:.3f} R {R_cov:.3f} "
          "F1 {F1_cov:.3f} | exact R {exact_R:.3f} | direct R {direct_R:.3f} | speaker acc {speaker_acc:.3f} "
          .format(**row) + f"({score.speaker_right}/{score.speaker_scored})")
    for label, items in (("missed", score.misses), ("spurious", score.spurious), ("speaker", score.wrong_speaker)):
        for item in items[: args.errors]:
            print(f"    {label}: {item}")


if __name__ == "__main__":
    main()
