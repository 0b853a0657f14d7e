"""Finding timexes: candidates from the grammar, the longest kept, normalized in text order, clock times put on days."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dossier.ids import stable_id
from dossier.model import Article, TimeMention
from dossier.nlp.timex import grammar_relative, grammar_spans  # noqa: F401 - importing registers their rules
from dossier.nlp.timex.calendar import Cal, parse_anchor, parse_value
from dossier.nlp.timex.context import Doc, Timex
from dossier.nlp.timex.grammar import RULES_BY_TRIGGER, Found, Rule
from dossier.nlp.timex.lexicon import APOS, WINDOW


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


_LEADING_WORDS = re.compile(r"^(?:(?:at(?!\s+(?:least|most)\b)|by|until|before|after|on|in|for|during|within|"
                            r"since|from|over(?=\s+the\b))\s+)+", re.IGNORECASE)


_TOKEN = re.compile(r"[A-Za-z]+|\d+")


def _windows(text: str) -> dict[Rule, list[tuple[int, int]]]:
    """For each rule, the merged stretches of text around its trigger words."""
    spans: dict[Rule, list[tuple[int, int]]] = {}
    n = len(text)
    for tok in _TOKEN.finditer(text):
        word = tok[0]
        key = "#" if word[0].isdigit() else word.lower()
        for r in RULES_BY_TRIGGER.get(key, ()):
            lo, hi = max(0, tok.start() - WINDOW), min(n, tok.end() + WINDOW)
            stretches = spans.setdefault(r, [])
            if stretches and lo <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], hi)
            else:
                stretches.append((lo, hi))
    return spans


def _candidates(text: str) -> list[_Candidate]:
    found: dict[tuple[int, int, str], _Candidate] = {}
    for r, stretches in _windows(text).items():
        for lo, hi in stretches:
            while hi < len(text) and text[hi - 1].isalnum() and text[hi].isalnum():
                hi += 1  # never cut a word in two at the window's end
            for m in r.pattern.finditer(text, lo, hi):
                if m.end() > m.start() and m[0].strip():
                    start = m.start() + len(m[0]) - len(m[0].lstrip())
                    found.setdefault((start, m.end(), r.name), _Candidate(start, m.end(), r, m))
    return list(found.values())


def _select(cands: list[_Candidate], probe: Doc) -> list[_Candidate]:
    """Longest matches first (then rule priority); drop anything overlapping a kept one.

    A candidate its rule rejects (a handler returning None on a document without
    earlier dates) leaves its span free for shorter candidates.
    """
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start))
    taken: list[_Candidate] = []
    occupied = bytearray(len(probe.text) + 1)
    for c in cands:
        if any(occupied[c.start:c.end]):
            continue
        if _apply(c, probe) is None:
            continue
        taken.append(c)
        occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(taken, key=lambda c: c.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop prepositions TimeML leaves outside the TIMEX3 and trailing punctuation."""
    span = text[start:end]
    lead = _LEADING_WORDS.match(span)
    if lead and lead.end() < len(span):
        start += lead.end()
    while end > start and text[end - 1] in ",;:( ":
        end -= 1
    if re.search(rf"\w{APOS}s$", text[start:end]):
        end -= 2  # "Saturday's attack": the possessive is not part of the expression
    return start, end


def find_timexes(text: str, anchor: str | None = None) -> list[Timex]:
    """The temporal expressions in ``text``, normalized against ``anchor`` (ISO date, or coarser, or None)."""
    doc = Doc(text, parse_anchor(anchor))
    candidates = _select(_candidates(text), Doc(text, doc.anchor))
    for cand in candidates:
        timex = _normalize(doc, cand)
        if timex is None:
            continue
        doc.found.append(timex)
        _remember(doc, timex)
    return _merge_time_and_date(text, doc.found)


def _apply(cand: _Candidate, doc: Doc) -> Found | None:
    """The rule's reading of its match; a date pushed off the calendar ("2020 years ago" in 1900) has no value."""
    try:
        return cand.rule.handler(cand.match, doc, cand.start, cand.end)
    except (ValueError, OverflowError):
        return Found("DATE", None, relative=True)


def _normalize(doc: Doc, cand: _Candidate) -> Timex | None:
    found = _apply(cand, doc)
    if found is None:
        return None
    start, end = found.span or _trim(doc.text, cand.start, cand.end)
    value, precision = _spell(found)
    return Timex(start, end, doc.text[start:end], found.type, value, precision, found.relative, found.mod,
                 cand.rule.name)


def _spell(found: Found) -> tuple[str | None, str]:
    if isinstance(found.value, Cal):
        return found.value.value, found.precision or found.value.precision
    if found.value is None:
        return None, found.precision or "unknown"
    if found.precision:
        return found.value, found.precision
    if found.type == "DURATION":
        return found.value, "interval"
    if found.type == "SET":
        return found.value, "set"
    return found.value, "ref" if found.value.endswith("_REF") else "unknown"


def _remember(doc: Doc, timex: Timex) -> None:
    """Keep the last calendar date mentioned, the reference for "that day" or "a year earlier"."""
    if timex.type not in ("DATE", "TIME") or not timex.value:
        return
    cal = parse_value(timex.value)
    if cal is None or cal.year is None:
        return
    if cal.precision == "quarter" and timex.rule == "quarter":
        doc.quarter, doc.quarter_end = cal, timex.end
    if cal.precision in ("day", "time", "month", "week") or (cal.precision == "year" and not timex.relative):
        doc.reference, doc.reference_end = cal, timex.end


_CLOCK_RULES = ("clock_time", "part_of_day_alone")


def _merge_time_and_date(text: str, timexes: list[Timex]) -> list[Timex]:
    """ "5 p.m. EST Nov. 9", "noon Thursday": a clock time right before a day becomes one TIME on that day."""
    out: list[Timex] = []
    for t in timexes:
        prev = out[-1] if out else None
        gap = text[prev.end:t.start] if prev else ""
        day = t.type == "DATE" and t.precision == "day" and t.value
        if prev and prev.rule in _CLOCK_RULES and day and re.fullmatch(r"[\s,]*(?:on\s+)?", gap):
            out[-1] = _on_day(prev, t, text, prev.start, t.end)
            continue
        out.append(t)
    return [_date_clock_time(text, out, i) if t.rule in _CLOCK_RULES else t for i, t in enumerate(out)]


def _on_day(clock: Timex, day: Timex, text: str, start: int, end: int) -> Timex:
    """One TIME: the day's date with the clock time's hour or part of day."""
    time_of_day = clock.value.split("T", 1)[1] if clock.value and "T" in clock.value else None
    value = f"{day.value}T{time_of_day}" if time_of_day else day.value
    return Timex(start, end, text[start:end], "TIME", value, "time", clock.relative or day.relative, None,
                 clock.rule + "+" + day.rule)


def _date_clock_time(text: str, timexes: list[Timex], i: int) -> Timex:
    """A clock time alone takes the day named next to it in its clause ("10:35 a.m. (0735 GMT) Friday")."""
    clock = timexes[i]
    if not clock.value or "T" not in clock.value:
        return clock
    neighbours = [(timexes[i + 1], text[clock.end:timexes[i + 1].start]) if i + 1 < len(timexes) else None,
                  (timexes[i - 1], text[timexes[i - 1].end:clock.start]) if i > 0 else None]
    for pair in neighbours:
        if pair is None:
            continue
        other, gap = pair
        day = other.value[:10] if other.value and re.match(r"\d{4}-\d\d-\d\d", other.value) else None
        if day and len(gap) <= 30 and not re.search(r"[;!?]|\.\s", gap):
            return replace(clock, value=f"{day}T{clock.value.split('T', 1)[1]}")
    return clock




# The model's coarser precision scale: weeks, quarters, halves and seasons are intervals of days.
MODEL_PRECISION = {"time": "second", "day": "day", "week": "interval", "month": "month", "quarter": "interval",
                   "half": "interval", "season": "interval", "year": "year", "decade": "decade", "century": "decade",
                   "interval": "interval"}


def time_mentions(article: Article) -> list[TimeMention]:
    """TimeMention annotations for an article's clean text, anchored on its publication date."""
    from dossier.nlp.entities import Sentences
    from dossier.nlp.sentences import split_sentences

    text = article.text or ""
    sentences = Sentences(split_sentences(text), text)
    mentions = []
    for t in find_timexes(text, article.published):
        mentions.append(TimeMention(
            id=stable_id("time", article.id, t.start, t.end), article_id=article.id, start=t.start, end=t.end,
            text=t.text, value=t.value, precision=MODEL_PRECISION.get(t.precision, "unknown"), type=t.type,
            relative=t.relative, mod=t.mod, evidence=sentences.evidence(article.id, t.start, t.end)))
    return mentions
