"""What rules know about a document: the anchor, earlier dates, the tense around a span, and the Timex."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from dossier.nlp.timex.calendar import RANK, Cal, month_length, shift
from dossier.nlp.timex.lexicon import (
    FUTURE_MODALS,
    FUTURE_WORDS,
    MONTHS,
    NOT_PAST_ED,
    PASSIVE_AUX,
    PAST_WORDS,
    SMALL_NUMBERS,
    TENS,
    UNITS,
)


@dataclass(frozen=True)
class Timex:
    """One temporal expression: its span, TIMEX3 type and value, and how it was resolved."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    precision: str  # day, week, month, quarter, season, half, year, decade, century, time, interval, ref, set
    relative: bool = False  # the value depends on the anchor or on an earlier date in the text
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, ...
    rule: str = ""




@dataclass
class Doc:
    text: str
    anchor: Cal | None
    reference: Cal | None = None  # the last date mentioned, for "that day", "a year earlier"
    reference_end: int = -1
    quarter: Cal | None = None  # the last quarter named ("the third quarter"), for "a year ago", "the quarter"
    quarter_end: int = -1
    found: list[Timex] = field(default_factory=list)

    def recent_quarter(self, start: int, within: int = 800) -> Cal | None:
        """The quarter named shortly before ``start`` (financial reports compare it with "a year ago")."""
        return self.quarter if self.quarter is not None and 0 <= start - self.quarter_end <= within else None

    def recent_reference(self, start: int, within: int = 10_000) -> Cal | None:
        return self.reference if self.reference is not None and 0 <= start - self.reference_end <= within else None


_SENTENCE_END = re.compile(r"[.!?][\"'’”]*\s+(?=[\"'“‘`(]*[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|No|Gen|Sen|Rep|Gov|Col|Sgt|Capt|Lt|Mt|Ft|"
                           r"Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec))$")


def _is_sentence_end(text: str, m: re.Match) -> bool:
    """A full stop that ends a sentence, not one closing "a.m.", "Mr." or "Oct."."""
    return m[0] == "\n" or m[0][0] != "." or not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start())


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: from after the last sentence end before it to the next one after it."""
    lo = max(0, start - 300)
    left_edge = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        if _is_sentence_end(text, m):
            left_edge = m.end()
    hi = min(len(text), end + 300)
    right_edge = next((m.start() for m in _SENTENCE_END.finditer(text, end, hi) if _is_sentence_end(text, m)), hi)
    return left_edge, right_edge


def _words_around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Lower-cased words of the sentence before and after a span (nearest first on the left)."""
    left_edge, right_edge = _sentence_bounds(text, start, end)
    left = re.findall(r"[A-Za-z']+", text[left_edge:start].lower())[::-1]
    right = re.findall(r"[A-Za-z']+", text[end:right_edge].lower())
    return left, right


def _word_tense(word: str, before: str | None, after: str | None, left_side: bool) -> str | None:
    """The tense a word marks, given its neighbours ("was held" is past, "will be held" is not)."""
    if word in FUTURE_MODALS or word.endswith("'ll"):
        return "future"
    if word == "next" and after == "to":  # "next to the embassy": a place, not a time
        return None
    if left_side and word in FUTURE_WORDS:
        if word in ("expected", "set") and after != "to":
            return None
        return "future"
    if not left_side and word in FUTURE_WORDS and after == "to" and word not in ("next", "set"):
        return "future"  # "On Tuesday, the league plans to ..."
    participle = word.endswith("ed") and len(word) > 4 and word not in NOT_PAST_ED
    if participle or word in PAST_WORDS:
        if before in PASSIVE_AUX and word not in ("was", "were", "had", "did"):
            return None  # "is expected", "will be held": the auxiliary decides, further out
        return "past"
    return None


_CLOCK_WORDS = frozenset("a m p est edt gmt cst cdt pst pdt utc at on noon midnight".split())


def tense_near(text: str, start: int, end: int) -> str | None:
    """'past' or 'future' from the verbs nearest the span in its sentence (left side first)."""
    left, right = _words_around(text, start, end)
    left = [w for w in left if w not in _CLOCK_WORDS]
    before_text = text[max(0, start - 40):start].lower()
    if re.search(r"\bas\s+(?:soon|early)\s+as\s*$", before_text):
        return "future"
    if left[:1] and left[0] in ("until", "till", "through") and len(left) > 1:
        return "future"
    if re.search(r"\b(?:is|are|am)\s+to\s+\w+\b", " ".join(reversed(left[:12]))):
        return "future"
    if right[:1] in (["was"], ["were"]):  # "the service planned for Saturday was canceled"
        return "past"
    for i, word in enumerate(left[:12]):
        if word in FUTURE_WORDS and "had" in left[i + 1 : i + 3] and left[i + 1] in ("had", "been"):
            return "past"  # "had been scheduled to expire at midnight Friday": a plan of the past
        tense = _word_tense(word, left[i + 1] if i + 1 < len(left) else None, left[i - 1] if i else None, True)
        if tense:
            return tense
    for i, word in enumerate(right[:12]):
        tense = _word_tense(word, right[i - 1] if i else None, right[i + 1] if i + 1 < len(right) else None, False)
        if tense:
            return tense
    return None




def number(text: str) -> float | None:
    """A number written in digits or words ("16", "two", "twenty-one", "5 1/2", "a couple of")."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    if t in SMALL_NUMBERS:
        return SMALL_NUMBERS[t] + half
    parts = re.split(r"[- ]", t)
    if parts[0] in TENS:
        return TENS[parts[0]] + (SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0) + half
    return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT16H, P1W, PXD (amount unknown), P1Y6M for 1.5 years."""
    letter, per, below_day = UNITS[unit]
    prefix = "PT" if below_day else "P"
    if amount is None:
        return f"{prefix}X{'DE' if unit == 'decade' else 'CE' if unit == 'century' else letter}"
    total = amount * per
    if total != int(total):
        smaller = {"Y": ("M", 12), "M": ("D", 30) if not below_day else ("S", 60), "H": ("M", 60),
                   "D": ("H", 24), "W": ("D", 7)}
        if letter in smaller:
            sub, factor = smaller[letter]
            whole = int(total)
            rest = round((total - whole) * factor)
            head = f"{whole}{letter}" if whole else ""
            joiner = "T" if letter == "D" and not below_day else ""
            return f"{prefix}{head}{joiner}{rest}{sub}"
    return f"{prefix}{int(total)}{letter}"


def unit_of(word: str) -> str:
    """The unit a word names, singular: "Centuries" -> "century", "hours" -> "hour"."""
    w = word.lower()
    return "century" if w.startswith("centur") else w.rstrip("s")


def closest_year(anchor: Cal, month: int, day: int | None, tense: str | None, weekday: int | None = None) -> int:
    """Year of a yearless month (day) near the anchor.

    A named weekday picks the year it matches; a date within two months of the
    anchor is the nearest one whatever the tense; otherwise the tense decides
    (past: on or before the anchor, future: after it), and news defaults to the past.
    """
    if anchor.precision == "year":
        return anchor.year
    a = anchor.as_date()
    options = [(y, date(y, month, min(day or 1, month_length(y, month)))) for y in (anchor.year - 1,
                                                                                     anchor.year, anchor.year + 1)]
    if weekday and day:
        matching = [y for y, d in options if d.isoweekday() == weekday]
        if len(matching) == 1:
            return matching[0]
    if anchor.month == month:
        return anchor.year
    nearest_year, nearest = min(options, key=lambda yd: abs((yd[1] - a).days))
    if abs((nearest - a).days) <= (45 if day else 62):
        return nearest_year
    if tense == "future":
        return next(y for y, d in options if d >= a)
    return [y for y, d in options if d <= a][-1]


def weekday_date(anchor: Cal, weekday: int, tense: str | None, modifier: str | None) -> date:
    """The date of a weekday name near the anchor (news convention: the past one unless the future is meant)."""
    a = anchor.as_date()
    back = (a.isoweekday() - weekday) % 7
    ahead = (weekday - a.isoweekday()) % 7
    if modifier == "last":
        return a - timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return a + timedelta(days=ahead or 7)
    if modifier == "this":
        return a + timedelta(days=ahead) if tense == "future" else a - timedelta(days=back)
    if back == 0:
        return a
    if tense == "future":
        return a + timedelta(days=ahead)
    return a - timedelta(days=back)


def anchor_at(doc: Doc, precision: str) -> Cal | None:
    """The anchor at ``precision``, or None when there is no anchor."""
    if doc.anchor is None:
        return None
    return doc.anchor.coarsen(precision)


def move_anchor(doc: Doc, amount: int, unit: str, precision: str) -> Cal | None:
    """The anchor moved by ``amount`` units, at ``precision`` (never finer than the anchor itself)."""
    if doc.anchor is None:
        return None
    base = doc.anchor
    if RANK[precision] < RANK[base.precision]:
        precision = base.precision  # an anchor given as a month cannot resolve "yesterday" to a day
    if unit in ("day", "week") and base.precision not in ("day", "time"):
        return base.coarsen(precision)
    return shift(base.coarsen("day") if base.precision == "day" else base, amount, unit).coarsen(precision)
