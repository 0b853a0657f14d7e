"""Where a story's sources disagree, and how many carry each fact.

Two kinds of disagreement:

- Quantities: two independent sources give incompatible values for the same
  thing (the same counted thing, e.g. troops, with compatible qualifiers:
  "Russian" troops and unqualified troops may be the same, Russian and
  Belarusian ones are not). Incompatible means disjoint ranges ("12 killed" /
  "nearly 30 died") or a framing at odds with a figure ("a small number" /
  "more than 1,000", "thousands").
- Denials: a sentence that denies ("denied", "did not", "no ... were ever")
  and a sentence of another source that asserts the same content without
  negation. Content is compared on story-rare words (weighted by their inverse
  frequency among the story's sentences), so the shared setting of every
  sentence ("Valdoria", "the bridge") does not make a match on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from dossier.model import Claim, Contradiction, Corroboration, Evidence, Quantity
from dossier.nlp.quantities import describe, qualifier_key
from dossier.stories.features import words
from dossier.stories.vectors import Vector, dot

KNOWN_THINGS = frozenset(["troops", "deaths", "missing", "injured", "refugees", "displaced", "evacuated", "arrests"])
LARGE_FROM = 1000  # a figure from which "a small number" is at odds with it
SMALL_BELOW = 100  # a figure under which "thousands" / "a large number" is at odds with it
DENIAL_MATCH = 0.3  # idf-weighted cosine from which a sentence asserts what a denial denies
MAX_DENIALS = 4
_DENIAL = re.compile(
    r"(?i)\b(?:den(?:y|ies|ied|ying)|rejected|rejects|dismissed|refuted)\b|\bdid(?: not|n['’]t)\b|"
    r"\bno(?:\s+\w+){0,12}\s+(?:was|were)\s+(?:ever\s+)?(?:involved|received|given|made)\b|"
    r"\b(?:were|was|has|have|had)\s+never\b|\bnever\s+(?:received|happened|took)\b"
)
_NEGATED = re.compile(r"(?i)\b(?:not|no|never|n['’]t|nobody|none|neither|nor)\b")
_DENIAL_WORDS = frozenset(words("deny denies denied denying rejected rejects dismissed refuted never ever involvement"))


@dataclass
class SourcedQuantity:
    quantity: Quantity
    source: int  # independent-source group
    outlet: str | None


@dataclass
class SourcedSentence:
    article_id: str
    source: int
    outlet: str | None
    index: int
    start: int
    end: int
    text: str


def same_thing(a: Quantity, b: Quantity) -> bool:
    if a.kind != "count" or b.kind != "count" or a.thing != b.thing or a.thing in ("unspecified", "people"):
        return False
    qa, qb = qualifier_key(a.qualifier), qualifier_key(b.qualifier)
    return qa is None or qb is None or qa == qb


def _bounds(q: Quantity) -> tuple[float, float] | None:
    if q.low is None:
        return None
    return q.low, math.inf if q.high is None else q.high


def conflict(a: Quantity, b: Quantity) -> str | None:
    """'value', 'framing' or None: whether two readings of one thing cannot both be right."""
    ra, rb = _bounds(a), _bounds(b)
    if ra and rb and (ra[1] < rb[0] or rb[1] < ra[0]):
        return "value"
    for x, y, ry in ((a, b, rb), (b, a, ra)):
        if x.framing == "small" and (y.framing == "large" or (ry and ry[0] >= LARGE_FROM)):
            return "framing"
        if x.framing == "large" and (y.framing == "small" or (ry and ry[1] < SMALL_BELOW)):
            return "framing"
    return None


def _about(q: Quantity) -> str:
    return f"{q.thing} ({q.qualifier})" if q.qualifier else q.thing


def _claim(q: Quantity, outlet: str | None) -> Claim:
    return Claim(text=q.text, reading=describe(q), article_id=q.article_id, outlet=outlet, evidence=q.evidence)


def quantity_contradictions(items: Sequence[SourcedQuantity]) -> list[Contradiction]:
    """One Contradiction per thing on which at least two independent sources conflict."""
    clashes: dict[str, set[str]] = {}  # about -> kinds of conflict
    involved: dict[str, set[int]] = {}
    for i, a in enumerate(items):
        for j in range(i):
            b = items[j]
            if a.source == b.source or not same_thing(a.quantity, b.quantity):
                continue
            kind = conflict(a.quantity, b.quantity)
            if kind:
                about = _about(a.quantity if a.quantity.qualifier else b.quantity)
                clashes.setdefault(about, set()).add(kind)
                involved.setdefault(about, set()).update((i, j))
    out = []
    for about, members in involved.items():
        # Everything said about that thing in the story belongs to the picture, not only the clashing pairs.
        thing = next(items[k].quantity for k in members if _about(items[k].quantity) == about)
        everything = sorted(members | {k for k, it in enumerate(items) if same_thing(it.quantity, thing)})
        claims = [_claim(items[k].quantity, items[k].outlet) for k in everything]
        readings = sorted({c.reading for c in claims})
        sources = len({items[k].source for k in members})
        out.append(Contradiction(kind="framing" if "framing" in clashes[about] else "value", about=about,
                                 claims=claims, note=f"{sources} sources: " + " / ".join(readings)))
    return _merge_nested(out)


def _merge_nested(found: list[Contradiction]) -> list[Contradiction]:
    """'troops' and 'troops (Ostrenian)' over the same claims are one disagreement: keep the fuller one."""
    keep = []
    for c in sorted(found, key=lambda c: -len(c.claims)):
        spans = {(x.article_id, x.evidence.start) for x in c.claims}
        if any(spans <= {(x.article_id, x.evidence.start) for x in k.claims} for k in keep):
            continue
        keep.append(c)
    return keep


def fact_corroboration(items: Sequence[SourcedQuantity], limit: int = 30) -> list[Corroboration]:
    """For each distinct reported figure, how many independent sources carry a compatible one."""
    seen, told, out = set(), set(), []
    for it in sorted(items, key=lambda it: it.quantity.qualifier is None):  # "troops (Ostrenian)" before "troops"
        q = it.quantity
        if q.kind != "count" or not _fact_like(q):
            continue
        key = (q.thing, qualifier_key(q.qualifier), q.low, q.high, q.framing)
        if key in seen:
            continue
        seen.add(key)
        carriers = [o for o in items if same_thing(o.quantity, q) and carries(o.quantity, q)] or [it]
        said = (q.thing, describe(q), frozenset(o.quantity.id for o in carriers))
        if said in told:  # the same figure from the same articles, once qualified and once not
            continue
        told.add(said)
        out.append(Corroboration(
            kind="fact", text=f"{_about(q)}: {describe(q)}", ref=q.id,
            independent_sources=len({o.source for o in carriers}),
            outlets=sorted({o.outlet for o in carriers if o.outlet}),
            article_ids=sorted({o.quantity.article_id for o in carriers}),
        ))
    out.sort(key=lambda c: -c.independent_sources)
    return out[:limit]


def _fact_like(q: Quantity) -> bool:
    """A figure worth checking across sources: a known kind of count, or a sizeable count of a named thing."""
    if q.thing in ("unspecified", "people") or q.thing.endswith("ed"):
        return q.thing == "people" and (q.low or 0) >= 3
    return q.thing in KNOWN_THINGS or q.framing is not None or (q.low or 0) >= 3


def carries(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` says the same as ``b``: the same framing, the same open bound ("at least 12"), or
    overlapping figures ("27" and "nearly 30"). A bare bound does not carry a figure it merely allows."""
    if conflict(a, b) is not None or (a.low is None) != (b.low is None):
        return False
    if a.low is None:
        return a.framing == b.framing
    if (a.high is None) != (b.high is None):
        return False
    if a.high is None:
        return abs(a.low - b.low) <= 0.1 * max(a.low, b.low)
    return a.low <= b.high and b.low <= a.high


def _weighted(text: str, idf: dict[str, float]) -> Vector:
    counts = Counter(w for w in words(text) if w not in _DENIAL_WORDS)
    vec = {t: c * idf.get(t, 1.0) for t, c in counts.items()}
    n = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / n for t, v in vec.items()}


def is_denial(text: str) -> bool:
    return bool(_DENIAL.search(text))


def denial_contradictions(sentences: Sequence[SourcedSentence]) -> list[Contradiction]:
    """Denials paired with the best-matching assertion of another independent source."""
    denials = [i for i, s in enumerate(sentences) if is_denial(s.text)]
    if not denials:
        return []
    assertions = [j for j, s in enumerate(sentences) if not _NEGATED.search(s.text) and not is_denial(s.text)]
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(set(words(s.text)))
    n = len(sentences) or 1
    idf = {t: math.log((1 + n) / (1 + c)) + 0.1 for t, c in df.items()}
    vectors = [_weighted(s.text, idf) for s in sentences]
    found = []
    for i in denials:
        best, best_score = None, DENIAL_MATCH
        for j in assertions:
            if sentences[j].source == sentences[i].source:
                continue
            score = dot(vectors[i], vectors[j])
            if score >= best_score:
                best, best_score = j, score
        if best is not None:
            found.append((best_score, i, best))
    out, used = [], set()
    for score, i, j in sorted(found, reverse=True):
        if (i, j) in used or len(out) >= MAX_DENIALS:
            continue
        used.add((i, j))
        d, a = sentences[i], sentences[j]
        out.append(Contradiction(
            kind="denial", about=_short(d.text),
            claims=[_sentence_claim(a, "asserts"), _sentence_claim(d, "denies")],
            note=f"match {score:.2f}",
        ))
    return out


def _sentence_claim(s: SourcedSentence, reading: str) -> Claim:
    ev = Evidence(article_id=s.article_id, start=s.start, end=s.end, text=s.text, sentence_index=s.index,
                  sentence=s.text)
    return Claim(text=s.text, reading=reading, article_id=s.article_id, outlet=s.outlet, evidence=ev)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"
