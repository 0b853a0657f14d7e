"""Temporal expressions in English news: find them and normalize them (TimeML TIMEX3 values).

A rule-based extractor: a small regex grammar (one rule per kind of expression)
finds candidate spans, the longest non-overlapping ones are kept, and each is
normalized against the anchor (the article's publication date) with calendar
arithmetic. Relative expressions follow news convention: "on Monday" in a
sentence about the past is the Monday on or before the anchor, in a sentence
about the future the Monday on or after it. Values keep the precision the text
gave ("in October" -> "2022-10", never a day).

``infer_publication_date`` goes the other way: it dates an undated article from
the expressions in its own body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

# --------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "hundred": 100, "a couple of": 2, "couple of": 2, "a couple": 2, "a half": 0.5, "half a": 0.5,
    "half an": 0.5,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": -1, "final": -1,
}
# unit word -> (TIMEX3 duration letter, how many of it, is it below a day)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False),
    "century": ("Y", 100, False), "centurie": ("Y", 100, False), "weekend": ("D", 2, False),
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
VAGUE_AMOUNTS = r"(?:a\s+few|few|several|some|many|a\s+number\s+of|numerous|dozens\s+of|hundreds\s+of|a\s+couple\s+of)"
FUTURE_WORDS = frozenset(
    "will 'll wo shall would going expected expects expect scheduled schedule due plans plan intends intend set "
    "next upcoming coming tomorrow soon deadline".split()
)
FUTURE_MODALS = frozenset("will 'll wo shall would".split())
PAST_WORDS = frozenset(
    "said was were had did told took gave made met went came began found left held sent got saw wrote spoke "
    "brought became fell rose won lost paid led struck ran stood thought knew kept heard felt sold bought built "
    "drew flew broke chose spent caught fought threw sought taught meant shot fled swore withdrew dealt ago "
    "earlier last yesterday since arrived".split()
)
PASSIVE_AUX = frozenset("be been being is are am get gets getting".split())
NOT_PAST_ED = frozenset("need feed speed red bed hundred united indeed seed breed embed shed proceed exceed".split())

# --------------------------------------------------------------------------- regex pieces

_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_APOS = r"['’]"
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|a\s+dozen|dozen|a\s+hundred|hundred|a\s+couple\s+of|a\s+couple|couple\s+of)"
)
_NUMBER = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMBER_WORD}(?:\s+and\s+a\s+half)?)"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_APPROX = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|fewer\s+than|at\s+least"
    r"|at\s+most|over|under|up\s+to|only|just|barely|upwards\s+of|close\s+to|well\s+over|just\s+over|just\s+under)"
)
_MOD_EDGE = r"(?:early|late|mid|earlier|later|the\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of)"
_PART = r"(?:morning|afternoon|evening|night)"
_TZ = r"(?:\s*\(?(?:[ECMP][SD]T|GMT|UTC|local\s+time)\)?)"


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Cal:
    """A calendar value at some precision, the thing a DATE or TIME TIMEX3 value spells out."""

    precision: str  # century decade year half quarter season month week day time
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    clock: str | None = None  # "17:00" or a part of day: "MO", "AF", "EV", "NI"
    weekday: int | None = None  # for yearless weekdays: "XXXX-WXX-1"

    @staticmethod
    def of(d: date, precision: str = "day") -> Cal:
        return Cal("day", d.year, d.month, d.day).coarsen(precision)

    def as_date(self) -> date | None:
        if self.year is None:
            return None
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.week is not None:
            return date.fromisocalendar(self.year, self.week, 1)
        return date(self.year, self.month or 1, 1)

    def coarsen(self, precision: str) -> Cal:
        """The same value at a coarser precision (a day to its month, week, quarter or year)."""
        if _RANK[precision] <= _RANK[self.precision] or self.year is None:
            return self
        d = self.as_date()
        if precision == "week":
            y, w, _ = d.isocalendar()
            return Cal("week", y, week=w)
        if precision == "month":
            return Cal("month", d.year, d.month)
        if precision == "quarter":
            return Cal("quarter", d.year, quarter=(d.month - 1) // 3 + 1)
        if precision == "half":
            return Cal("half", d.year, half=1 if d.month <= 6 else 2)
        if precision == "day":
            return Cal("day", d.year, d.month, d.day)
        return Cal(precision, d.year)

    @property
    def value(self) -> str:
        y = "XXXX" if self.year is None else f"{self.year:04d}"
        p = self.precision
        if p == "century":
            return y[:2]
        if p == "decade":
            return y[:3]
        if p == "year":
            return y
        if p == "half":
            return f"{y}-H{self.half}"
        if p == "quarter":
            return f"{y}-Q{self.quarter}"
        if p == "season":
            return f"{y}-{self.season}"
        if p == "month":
            return f"{y}-{self.month:02d}"
        if p == "week":
            week = "WXX" if self.week is None else f"W{self.week:02d}"
            return f"{y}-{week}" + (f"-{self.weekday}" if self.weekday else "")
        if self.month is None and self.weekday:
            return f"{y}-WXX-{self.weekday}" + (f"T{self.clock}" if self.clock else "")
        day = f"{y}-{self.month:02d}-{self.day:02d}"
        return f"{day}T{self.clock}" if p == "time" and self.clock else day


_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4, "half": 5, "year": 6,
         "decade": 7, "century": 8}


def shift(cal: Cal, amount: int, unit: str) -> Cal:
    """``cal`` moved by ``amount`` units (day, week, month, quarter, half, year, decade, century)."""
    if cal.year is None:
        return cal
    if unit in ("day", "week") and cal.precision in ("day", "time", "week"):
        d = cal.as_date() + timedelta(days=amount * (7 if unit == "week" else 1))
        base = Cal.of(d)
        return base.coarsen("week") if cal.precision == "week" else replace(cal, year=d.year, month=d.month, day=d.day)
    if unit in ("month", "quarter", "half") and cal.precision in ("day", "time", "month", "quarter", "half"):
        months = amount * {"month": 1, "quarter": 3, "half": 6}[unit]
        first = cal.month if cal.month else ((cal.quarter or 1) - 1) * 3 + 1 if cal.precision == "quarter" else (
            ((cal.half or 1) - 1) * 6 + 1)
        total = cal.year * 12 + first - 1 + months
        y, m = divmod(total, 12)
        moved = Cal("month", y, m + 1)
        if cal.precision in ("day", "time"):
            return replace(cal, year=y, month=m + 1, day=min(cal.day, _month_length(y, m + 1)))
        return moved.coarsen(cal.precision) if cal.precision != "month" else moved
    years = amount * {"year": 1, "decade": 10, "century": 100}.get(unit, 0)
    if years == 0:  # a unit finer than the value: the value stays, at its own precision
        return cal
    if cal.month == 2 and cal.day == 29:
        return replace(cal, year=cal.year + years, day=28)
    return replace(cal, year=cal.year + years)


def _month_length(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def parse_value(value: str) -> Cal | None:
    """The Cal a TIMEX3 date value spells ("2022-10-10", "2022-W11", "2023-Q1", "198"), or None."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T(\d\d:\d\d|MO|AF|EV|NI))?", value)
    if m:
        y, mo, d, clock = int(m[1]), int(m[2]), int(m[3]), m[4]
        return Cal("time" if clock else "day", y, mo, d, clock=clock)
    patterns: list[tuple[str, Callable[[re.Match], Cal]]] = [
        (r"(\d{4})-(\d\d)", lambda m: Cal("month", int(m[1]), int(m[2]))),
        (r"(\d{4})-W(\d\d)", lambda m: Cal("week", int(m[1]), week=int(m[2]))),
        (r"(\d{4})-Q([1-4])", lambda m: Cal("quarter", int(m[1]), quarter=int(m[2]))),
        (r"(\d{4})-H([12])", lambda m: Cal("half", int(m[1]), half=int(m[2]))),
        (r"(\d{4})-(SP|SU|FA|WI)", lambda m: Cal("season", int(m[1]), season=m[2])),
        (r"(\d{4})", lambda m: Cal("year", int(m[1]))),
        (r"(\d{3})", lambda m: Cal("decade", int(m[1]) * 10)),
        (r"(\d{2})", lambda m: Cal("century", int(m[1]) * 100)),
    ]
    for pattern, build in patterns:
        m = re.fullmatch(pattern, value)
        if m:
            return build(m)
    return None


def parse_anchor(anchor: str | None) -> Cal | None:
    """The publication date as a Cal ("2022-10-10", "2022-10-10T06:18", "2022-10", "2022")."""
    if not anchor:
        return None
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", anchor.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if d:
        return Cal("day", y, mo, d)
    return Cal("month", y, mo) if mo else Cal("year", y)


# --------------------------------------------------------------------------- output


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


# --------------------------------------------------------------------------- context


@dataclass
class _Doc:
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


def _words_around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Lower-cased words of the sentence before and after a span (nearest first on the left)."""
    left_edge = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("? ", 0, start),
                    text.rfind("! ", 0, start), start - 300)
    right_stops = [i for i in (text.find(". ", end), text.find("\n", end), text.find("? ", end)) if i != -1]
    right_edge = min(right_stops + [end + 300])
    left = re.findall(r"[A-Za-z']+", text[left_edge + 1:start].lower())[::-1]
    right = re.findall(r"[A-Za-z']+", text[end:right_edge].lower())
    return left, right


def _word_tense(word: str, before: str | None, after: str | None, left_side: bool) -> str | None:
    """The tense a word marks, given its neighbours ("was held" is past, "will be held" is not)."""
    if word in FUTURE_MODALS or word.endswith("'ll"):
        return "future"
    if left_side and word in FUTURE_WORDS:
        if word in ("plan", "plans", "due", "expected", "scheduled", "set") and after != "to":
            return None
        return "future"
    participle = word.endswith("ed") and len(word) > 4 and word not in NOT_PAST_ED
    if participle or word in PAST_WORDS:
        if before in PASSIVE_AUX and word not in ("was", "were", "had", "did"):
            return None  # "is expected", "will be held": the auxiliary decides, further out
        return "past"
    return None


def tense_near(text: str, start: int, end: int) -> str | None:
    """'past' or 'future' from the verbs nearest the span in its sentence (left side first)."""
    left, right = _words_around(text, start, end)
    before_text = text[max(0, start - 40):start].lower()
    if re.search(r"\bas\s+(?:soon|early)\s+as\s*$", before_text):
        return "future"
    if left[:1] and left[0] in ("until", "till", "through") and len(left) > 1:
        return "future"
    if re.search(r"\b(?:is|are|am)\s+to\s+\w+\b", " ".join(reversed(left[:12]))):
        return "future"
    for i, word in enumerate(left[:12]):
        tense = _word_tense(word, left[i + 1] if i + 1 < len(left) else None, left[i - 1] if i else None, True)
        if tense:
            return tense
    for i, word in enumerate(right[:8]):
        tense = _word_tense(word, right[i - 1] if i else None, right[i + 1] if i + 1 < len(right) else None, False)
        if tense:
            return tense
    return None


# --------------------------------------------------------------------------- resolution helpers


def _number(text: str) -> float | None:
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


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT16H, P1W, PXD (amount unknown), P1Y6M for 1.5 years."""
    letter, per, below_day = UNITS[unit]
    prefix = "PT" if below_day else "P"
    if amount is None:
        return f"{prefix}X{'DE' if unit == 'decade' else 'CE' if unit.startswith('centur') else letter}"
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


def _unit_of(word: str) -> str:
    w = word.lower().rstrip("s")
    return "centurie" if w.startswith("centur") and w != "century" else w


def _closest_year(anchor: Cal, month: int, day: int | None, tense: str | None, weekday: int | None = None) -> int:
    """Year of a yearless month (day) near the anchor.

    A named weekday picks the year it matches; a date within two months of the
    anchor is the nearest one whatever the tense; otherwise the tense decides
    (past: on or before the anchor, future: after it), and news defaults to the past.
    """
    if anchor.precision == "year":
        return anchor.year
    a = anchor.as_date()
    options = [(y, date(y, month, min(day or 1, _month_length(y, month)))) for y in (anchor.year - 1,
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


def _weekday_date(anchor: Cal, weekday: int, tense: str | None, modifier: str | None) -> date:
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


def _relative(doc: _Doc, precision: str) -> Cal | None:
    """The anchor at ``precision``, or None when there is no anchor."""
    if doc.anchor is None:
        return None
    return doc.anchor.coarsen(precision)


def _move_anchor(doc: _Doc, amount: int, unit: str, precision: str) -> Cal | None:
    """The anchor moved by ``amount`` units, at ``precision`` (never finer than the anchor itself)."""
    if doc.anchor is None:
        return None
    base = doc.anchor
    if _RANK[precision] < _RANK[base.precision]:
        precision = base.precision  # an anchor given as a month cannot resolve "yesterday" to a day
    if unit in ("day", "week") and base.precision not in ("day", "time"):
        return base.coarsen(precision)
    return shift(base.coarsen("day") if base.precision == "day" else base, amount, unit).coarsen(precision)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Found:
    """What a rule says about its match: a type, a value (Cal or string) and flags."""

    type: str
    value: Cal | str | None
    relative: bool = False
    mod: str | None = None
    precision: str | None = None


Handler = Callable[[re.Match, _Doc, int, int], Found | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handler: Handler
    priority: int = 0  # among equally long overlapping matches, the higher wins


RULES: list[Rule] = []


def rule(name: str, pattern: str, priority: int = 0, flags: int = re.IGNORECASE) -> Callable[[Handler], Handler]:
    """Register a grammar rule: a regex and the function that normalizes its matches."""

    def register(fn: Handler) -> Handler:
        RULES.append(Rule(name, re.compile(pattern, flags), fn, priority))
        return fn

    return register


def _mod_of(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w.startswith(("early", "earlier", "the beginning", "the start", "the first half")):
        return "START"
    if w.startswith(("late", "later", "the end", "the second half")):
        return "END"
    if w.startswith(("mid", "the middle")):
        return "MID"
    return None


def _approx_mod(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower())
    if w in ("more than", "over", "at least", "upwards of", "well over", "just over"):
        return "MORE_THAN" if w != "at least" else "EQUAL_OR_MORE"
    if w in ("less than", "fewer than", "under", "up to", "at most", "just under"):
        return "LESS_THAN" if w not in ("up to", "at most") else "EQUAL_OR_LESS"
    return "APPROX" if w in ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "close to") \
        else None


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def _year_from_context(doc: _Doc, start: int) -> int | None:
    """An explicit year given just before a yearless date: "last year, on February 24"."""
    if not doc.found:
        return None
    prev = doc.found[-1]
    gap = doc.text[prev.end:start]
    if len(gap) > 8 or not re.fullmatch(r"[\s,]*(?:on|in|of)?[\s,]*", gap):
        return None
    cal = parse_value(prev.value) if prev.value and prev.type == "DATE" else None
    return cal.year if cal and cal.precision == "year" else None


def _date_with_month(doc: _Doc, start: int, end: int, month: int, day: int | None,
                     year: int | None, modifier: str | None = None, weekday: int | None = None) -> Found:
    precision = "day" if day else "month"
    if year is not None:
        return Found("DATE", Cal(precision, year, month, day))
    year = _year_from_context(doc, start)
    if year is not None:
        return Found("DATE", Cal(precision, year, month, day), relative=True)
    if doc.anchor is None:
        return Found("DATE", Cal(precision, None, month, day), relative=True)
    if modifier == "this":
        return Found("DATE", Cal(precision, doc.anchor.year, month, day), relative=True)
    if modifier in ("last", "next", "coming") and doc.anchor.month is not None:
        # "last October": the most recent October before this month; "next May": the first after it
        later = (month, day or 0) > (doc.anchor.month, doc.anchor.day or 0 if day else 0)
        earlier = (month, day or 0) < (doc.anchor.month, doc.anchor.day or 0 if day else 0)
        if modifier == "last":
            y = doc.anchor.year - 1 if later or not earlier else doc.anchor.year
        else:
            y = doc.anchor.year + 1 if earlier or not later else doc.anchor.year
        return Found("DATE", Cal(precision, y, month, day), relative=True)
    y = _closest_year(doc.anchor, month, day, tense_near(doc.text, start, end), weekday)
    return Found("DATE", Cal(precision, y, month, day), relative=True)


# ---- explicit calendar dates


@rule("weekday_date", rf"\b(?P<wd>{_WEEKDAY}),?\s+(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?:of\s+)?"
      rf"(?P<m2>{_MONTH}))\b(?:,?\s+(?P<y>{_YEAR})\b)?", priority=3)
def _weekday_date_rule(m, doc, s, e):
    month = _month_number(m["m1"] or m["m2"])
    day = int(re.match(r"\d+", m["d1"] or m["d2"])[0])
    year = int(m["y"]) if m["y"] else None
    return _date_with_month(doc, s, e, month, day, year, weekday=WEEKDAYS[m["wd"].lower()])


@rule("month_day_year", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?:\s*,\s*|\s+)(?P<y>{_YEAR})\b", priority=2)
def _month_day_year(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), _month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])))


@rule("day_month_year", rf"\b(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:\s*,\s*|\s+)(?P<y>{_YEAR})\b",
      priority=2)
def _day_month_year(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), _month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])))


@rule("iso_date", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", priority=2)
def _iso_date(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), int(m["m"]), int(m["d"])))


@rule("slash_date", r"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d)\b", priority=2)
def _slash_date(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), int(m["m"]), int(m["d"])))


@rule("month_day", rf"\b(?:(?P<mod>early|late|mid|last|next|this|coming)[- ]?\s*)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b"
      rf"(?!\s*(?:%|percent|-|:|\d))(?:\s+(?:of\s+)?(?P<rel>last|this|next)\s+year)?", priority=1)
def _month_day(m, doc, s, e):
    if not _capitalized(m["m"]):
        return None
    month, day = _month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])
    if day > 31 or (m["m"].lower() == "may" and not m["d"][0].isdigit()):
        return None
    modifier = (m["mod"] or "").lower() or None
    if m["rel"]:
        year = _relative_year(doc, m["rel"])
        return Found("DATE", Cal("day", year, month, day), relative=True) if year else Found(
            "DATE", Cal("day", None, month, day), relative=True)
    return _date_with_month(doc, s, e, month, day, None, modifier if modifier in ("last", "next", "this", "coming")
                            else None)


@rule("day_month", rf"\b(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})\b(?!\s+\d)")
def _day_month(m, doc, s, e):
    if not _capitalized(m["m"]) or (m["m"] == "May" and "of" not in m[0] and not m["d"][-2:].isalpha()):
        return None
    return _date_with_month(doc, s, e, _month_number(m["m"]), int(re.match(r"\d+", m["d"])[0]), None)


def _relative_year(doc: _Doc, word: str) -> int | None:
    if doc.anchor is None:
        return None
    return doc.anchor.year + {"last": -1, "this": 0, "next": 1, "past": -1, "previous": -1, "coming": 1}[word.lower()]


@rule("month_year", rf"\b(?:(?P<mod>{_MOD_EDGE})[- ]?\s*)?(?P<m>{_MONTH})(?:\s*,\s*|\s+of\s+|\s+)"
      rf"(?:(?P<y>{_YEAR})\b|(?P<rel>last|this|next)\s+year\b)", priority=1)
def _month_year(m, doc, s, e):
    if not _capitalized(m["m"]):
        return None
    year = int(m["y"]) if m["y"] else _relative_year(doc, m["rel"])
    return Found("DATE", Cal("month", year, _month_number(m["m"])), relative=not m["y"], mod=_mod_of(m["mod"]))


@rule("month", rf"\b(?:(?P<mod>{_MOD_EDGE}|last|next|this|coming|past)[- ]?\s*)?(?P<m>{_MONTH})\b(?!\s*\d)(?!-)")
def _month(m, doc, s, e):
    word = m["m"]
    if not _capitalized(word) or word.lower().rstrip(".") in ("jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                                             "sep", "sept", "oct", "nov", "dec"):
        return None if not word.endswith(".") else _month_found(m, doc, s, e)
    if word in ("May", "March") and not (m["mod"] or _preceded_by(doc.text, s, r"(?:in|since|until|by|of|through|"
                                                                              r"from|during|before|after|and|or)")):
        return None
    if word.isupper() and len(word) > 3:
        return None
    return _month_found(m, doc, s, e)


def _month_found(m, doc, s, e):
    modifier = (m["mod"] or "").lower()
    rel = modifier if modifier in ("last", "next", "this", "coming", "past") else None
    found = _date_with_month(doc, s, e, _month_number(m["m"]), None, None, "last" if rel == "past" else rel)
    return replace(found, mod=_mod_of(modifier))


def _preceded_by(text: str, start: int, words: str) -> bool:
    return re.search(rf"\b{words}\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", text[max(0, start - 20):start],
                     re.IGNORECASE) is not None


_NOT_A_YEAR_AFTER = (
    r"(?:\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|men|women|children|km|kilometers|kilometres|miles|"
    r"meters|metres|feet|ft|tons|tonnes|votes|cases|deaths|dollars|euros|pounds|members|units|shares|barrels|"
    r"acres|hectares|square|degrees|pages|words|points|seats|jobs|workers|employees|residents|students|"
    r"vehicles|cars|homes|houses|beds|calories|yards|rpm|mph|kg|lb|lbs|cc|mm|cm|m\b|kw|mw|hp))"
)


@rule("year", rf"(?<![\d$€£#.,/:-])(?<!No\. )(?<!No )(?:(?P<mod>{_MOD_EDGE})[- ]?\s*)?(?:(?P<fy>fiscal|calendar|"
      rf"FY|the\s+year)\s*-?\s*)?(?P<y>{_YEAR})(?!\d|,\d|\.\d|/|-\d|:\d|{_NOT_A_YEAR_AFTER})")
def _year(m, doc, s, e):
    year = int(m["y"])
    if year < 1000:
        return None
    if not (m["mod"] or m["fy"]) and year < 1800 and not _preceded_by(doc.text, s, r"(?:in|since|until|by|of|from|"
                                                                                  r"around|circa|before|after)"):
        return None
    if _preceded_by(doc.text, s, r"(?:flight|route|highway|room|number|no\.?|model|page|resolution|article|code)"):
        return None
    return Found("DATE", Cal("year", year), mod=_mod_of(m["mod"]))


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule("decade", rf"\b(?:the\s+)?(?:(?P<mod>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of(?:\s+the)?)"
      rf"[- ]?\s*)?(?:(?P<full>1[0-9]\d0|20\d0){_APOS}?s|(?P<short>{_APOS}[1-9]0){_APOS}?s|"
      rf"(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b")
def _decade(m, doc, s, e):
    if m["full"]:
        year = int(m["full"])
    elif m["short"]:
        year = 1900 + int(m["short"][1:])
    else:
        if not m[0].lower().startswith("the"):
            return None
        year = 1900 + 10 * _DECADE_WORDS[m["word"].lower()]
    return Found("DATE", Cal("decade", year), mod=_mod_of(m["mod"]))


@rule("century", r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]?\s*)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>first|"
      r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
      r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)|(?P<rel>this|last|next|"
      r"past|previous))[- ]century\b")
def _century(m, doc, s, e):
    if m["rel"]:
        base = _relative(doc, "year")
        if base is None:
            return Found("DATE", None, relative=True)
        offset = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[m["rel"].lower()]
        return Found("DATE", Cal("century", (base.year // 100 + offset) * 100), relative=True, mod=_mod_of(m["mod"]))
    n = int(m["n"]) if m["n"] else ORDINALS[m["w"].lower()]
    return Found("DATE", Cal("century", (n - 1) * 100), mod=_mod_of(m["mod"]))


# ---- weekdays and parts of days


@rule("weekday", rf"\b(?:(?P<mod>last|next|this|coming|past|early|late|earlier|later)\s+)?(?P<wd>{_WEEKDAY})"
      rf"(?:{_APOS}s)?(?:\s+(?P<part>{_PART}))?\b(?!\s*,?\s*(?:{_MONTH}\s+\d|\d))")
def _weekday(m, doc, s, e):
    if not _capitalized(m["wd"]):
        return None
    weekday = WEEKDAYS[m["wd"].lower()]
    modifier = (m["mod"] or "").lower() or None
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else None
    kind = "TIME" if part else "DATE"
    if re.search(rf"{_WEEKDAY}s\b", m[0]) or _preceded_by(doc.text, s, r"(?:every|each)"):
        return Found("SET", Cal("day", None, weekday=weekday, clock=part, precision="time" if part else "day")
                     if False else f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""))
    if doc.anchor is None or doc.anchor.precision != "day":
        return Found(kind, Cal("time" if part else "day", None, weekday=weekday, clock=part), relative=True)
    possessive = re.search(rf"{_APOS}s\b", m[0]) is not None
    tense = "past" if possessive and not modifier else tense_near(doc.text, s, e)
    d = _weekday_date(doc.anchor, weekday, tense, modifier if modifier in ("last", "next", "this", "coming") else
                      "last" if modifier == "past" else None)
    cal = Cal.of(d)
    if part:
        cal = replace(cal, precision="time", clock=part)
    return Found(kind, cal, relative=True, mod=_mod_of(modifier))


@rule("weekday_plural_set", rf"\b(?P<wd>{_WEEKDAY})s(?:\s+(?P<part>{_PART}s?))?\b", flags=0)
def _weekday_set(m, doc, s, e):
    part = PARTS_OF_DAY[m["part"].rstrip("s").lower()] if m["part"] else None
    return Found("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}" + (f"T{part}" if part else ""))


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": -1}


@rule("day_word", rf"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|"
      rf"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:{_APOS}s)?(?:\s+(?P<part>{_PART}))?\b")
def _day_word(m, doc, s, e):
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(w, _DAY_WORDS.get(w, 0))
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else ("NI" if w == "tonight" else None)
    cal = _move_anchor(doc, offset, "day", "day")
    if cal is not None and part and cal.precision == "day":
        cal = replace(cal, precision="time", clock=part)
    return Found("TIME" if part and w != "tonight" else "DATE" if not part else "TIME", cal, relative=True,
                 mod=_mod_of(m["mod"]))


@rule("this_part_of_day", rf"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|that|the)\s+"
      rf"(?P<part>morning|afternoon|evening|night)\b")
def _this_part_of_day(m, doc, s, e):
    rel, part = m["rel"].lower(), PARTS_OF_DAY[m["part"].lower()]
    if rel in ("that", "the"):
        base = doc.recent_reference(s, 1500) if rel == "that" else (doc.recent_reference(s, 200) or doc.anchor)
        if base is None or base.precision not in ("day", "time") or (rel == "the" and not _preceded_by(
                doc.text, s, r"(?:in|during|by|since|until|overnight|on)")):
            return None if rel == "the" else Found("TIME", None, relative=True)
        return Found("TIME", replace(base.coarsen("day"), precision="time", clock=part), relative=True)
    offset = -1 if rel == "last" and part == "NI" else 0
    cal = _move_anchor(doc, offset, "day", "day")
    if cal is not None and cal.precision == "day":
        cal = replace(cal, precision="time", clock=part)
    return Found("TIME", cal, relative=True, mod=_mod_of(m["mod"]))


@rule("part_of_day_alone", r"\b(?P<part>midday|noon|midnight|mid-?afternoon|mid-?morning|overnight)\b")
def _part_of_day_alone(m, doc, s, e):
    word = m["part"].lower().replace("-", "")
    clock = {"midday": "12:00", "noon": "12:00", "midnight": "24:00", "midafternoon": "AF", "midmorning": "MO",
             "overnight": "NI"}[word]
    if word == "overnight" and not _followed_by(doc.text, e, r"(?:trading|session|losses|gains|rates?|lending)"):
        return None
    base = doc.anchor if doc.anchor is not None and doc.anchor.precision == "day" else None
    if base is None:
        return Found("TIME", None, relative=True)
    if word == "overnight":
        base = shift(base, -1, "day")
    return Found("TIME", replace(base, precision="time", clock=clock), relative=True)


def _followed_by(text: str, end: int, words: str) -> bool:
    return re.match(rf"\s+{words}\b", text[end:end + 30], re.IGNORECASE) is not None


@rule("clock_time", rf"\b(?:(?:at|about|around|approximately|by|until|before|after)\s+)?(?P<h>[01]?\d|2[0-3])"
      rf"(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|o{_APOS}clock)(?:{_TZ})?"
      rf"|\b(?P<h2>[01]?\d|2[0-3]):(?P<min2>[0-5]\d)(?!\d|:\d|\s*(?:-|to)\s*\d)(?:{_TZ})?"
      rf"|\b(?P<h3>[1-9]|1[0-2])\s+in\s+the\s+(?P<part>morning|afternoon|evening)")
def _clock_time(m, doc, s, e):
    hour = int(m["h"] or m["h2"] or m["h3"])
    minute = int(m["min"] or m["min2"] or 0)
    ampm = (m["ampm"] or "").lower().replace(" ", "")
    if m["h3"]:
        ampm = "am" if m["part"].lower() == "morning" else "pm"
    if ampm.startswith("p") and hour < 12:
        hour += 12
    if ampm.startswith("a") and hour == 12:
        hour = 0
    if m["h2"] and re.search(r"\d$", doc.text[max(0, s - 2):s]):
        return None
    clock = f"{hour:02d}:{minute:02d}"
    base = doc.anchor if doc.anchor is not None and doc.anchor.precision == "day" else None
    cal = replace(base, precision="time", clock=clock) if base else Cal("time", None, clock=clock)
    return Found("TIME", cal, relative=True)


# ---- relative to the anchor


_GRAIN = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter", "year": "year",
          "decade": "decade", "century": "century", "half": "half"}


@rule("this_unit", r"\b(?:(?P<mod>early|late|earlier|later|mid)\s*-?\s*)?(?P<rel>this|last|next|the\s+coming|"
      r"the\s+past|the\s+previous|the\s+current|the\s+last|past|previous|current|coming|the\s+following|"
      r"the\s+prior|the\s+same|that|the\s+next)\s+(?P<unit>week|weekend|month|year|decade|quarter)(?:{a}s)?\b"
      .format(a=_APOS))
def _this_unit(m, doc, s, e):
    rel = re.sub(r"^the\s+", "", m["rel"].lower())
    unit = m["unit"].lower()
    if rel in ("that", "same", "following", "prior") or (rel == "next" and m["rel"].lower().startswith("the")):
        return _anaphoric_unit(doc, rel, unit, s)
    offset = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[rel]
    if unit == "quarter":
        return _quarter_relative(doc, offset, m, s, e)
    if unit == "weekend":
        return _weekend(doc, offset, s, e)
    cal = _move_anchor(doc, offset, unit, _GRAIN[unit])
    return Found("DATE", cal, relative=True, mod=_mod_of(m["mod"]))


def _anaphoric_unit(doc: _Doc, rel: str, unit: str, start: int) -> Found:
    """ "that year", "the following week": relative to the last date mentioned, not to the anchor."""
    base = doc.recent_reference(start, 1500) or doc.anchor
    if base is None or _RANK[base.precision] > _RANK.get(_GRAIN[unit], 6):
        return Found("DATE", None, relative=True)
    offset = {"following": 1, "next": 1, "prior": -1}.get(rel, 0)
    grain = _GRAIN[unit] if unit != "weekend" else "week"
    moved = shift(base.coarsen("day") if base.precision == "time" else base, offset, unit if unit != "weekend"
                  else "week")
    return Found("DATE", moved.coarsen(grain), relative=True)


def _weekend(doc: _Doc, offset: int, s: int, e: int) -> Found:
    base = doc.anchor
    if base is None or base.precision != "day":
        return Found("DATE", None, relative=True)
    d = base.as_date()
    if offset == 0 and d.isoweekday() < 5 and tense_near(doc.text, s, e) != "future":
        offset = -1  # "this weekend" said on a Tuesday about what happened: the one just past
    if offset == -1 and d.isoweekday() >= 6:
        offset = 0
    y, w, _ = (d + timedelta(weeks=offset)).isocalendar()
    return Found("DATE", f"{y}-W{w:02d}-WE", relative=True, precision="week")


@rule("the_weekend", r"\b(?:over|during|on|at|for|this|last|next)?\s*(?P<the>the)\s+weekend\b")
def _the_weekend(m, doc, s, e):
    tense = tense_near(doc.text, s, e)
    return _weekend(doc, 1 if tense == "future" else -1, s, e)


@rule("day_anaphora", r"\b(?:(?P<mod>earlier|later)\s+)?(?P<rel>that|the\s+same|the\s+following|the\s+next|"
      r"the\s+previous|the\s+prior|the\s+preceding)\s+(?P<unit>day|morning|afternoon|evening|night)\b"
      r"|\b(?P<dayrel>the\s+day\s+(?:before|after)|a\s+day\s+(?:earlier|later|before|after))\b(?!\s+(?:the|a|his|her|"
      r"their|its|\w+day))")
def _day_anaphora(m, doc, s, e):
    base = doc.recent_reference(s, 1500) or doc.anchor
    if base is None or base.precision not in ("day", "time"):
        return Found("DATE", None, relative=True)
    if m["dayrel"]:
        offset = 1 if m["dayrel"].lower().endswith(("after", "later")) else -1
        return Found("DATE", shift(base.coarsen("day"), offset, "day"), relative=True)
    rel = re.sub(r"^the\s+", "", m["rel"].lower())
    offset = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}.get(rel, 0)
    cal = shift(base.coarsen("day"), offset, "day")
    unit = m["unit"].lower()
    if unit != "day":
        return Found("TIME", replace(cal, precision="time", clock=PARTS_OF_DAY[unit]), relative=True)
    return Found("DATE", cal, relative=True, mod=_mod_of(m["mod"]))


@rule("edge_of_relative", r"\b(?P<mod>early|late|earlier|later|the\s+(?:beginning|start|end|middle)\s+of)\s+"
      r"(?P<rel>this|last|next|that)\s+(?P<unit>week|month|year|decade|century)\b")
def _edge_of_relative(m, doc, s, e):
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if rel == "that":
        found = _anaphoric_unit(doc, "that", unit, s)
        return replace(found, mod=_mod_of(m["mod"]))
    offset = {"this": 0, "last": -1, "next": 1}[rel]
    return Found("DATE", _move_anchor(doc, offset, unit, _GRAIN[unit]), relative=True, mod=_mod_of(m["mod"]))


_AMOUNT = rf"(?:{_NUMBER}|{VAGUE_AMOUNTS}|a|an)"


@rule("ago", rf"\b(?:(?P<approx>{_APPROX})\s+)?(?:(?P<n>{_AMOUNT})[\s-]+)?(?:more\s+)?(?P<unit>{_UNIT})s?\s+"
      rf"(?:or\s+(?:so|more|two)\s+)?(?P<dir>ago|earlier|later|from\s+now|hence|before|after)\b", priority=1)
def _ago(m, doc, s, e):
    direction = m["dir"].lower()
    unit = _unit_of(m["unit"])
    amount = _number(m["n"]) if m["n"] else None
    if direction in ("before", "after") and not re.match(r"\s*(?:that|this|then|[,.;]|$)", doc.text[e:e + 6]):
        return None  # "ten days before the shooting": a duration before an event, see the duration rule
    if amount is None or amount != int(amount) or unit in ("second", "minute", "hour") and direction != "ago":
        if direction in ("earlier", "later", "before", "after"):
            return None
        return Found("DATE", "PAST_REF" if direction == "ago" else "FUTURE_REF", relative=True, precision="ref")
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    grain_unit = "year" if unit in ("decade", "centurie", "century") else unit
    if unit == "weekend":
        return None
    count = int(amount) * (10 if unit == "decade" else 100 if unit.startswith("centur") else 1)
    if unit in ("second", "minute", "hour"):
        base = doc.anchor
        return Found("DATE", base.coarsen("day") if base else None, relative=True)
    if unit == "year" and count == 1 and doc.recent_quarter(s) is not None:
        return Found("DATE", shift(doc.recent_quarter(s), sign, "year"), relative=True)
    if direction in ("earlier", "later", "before", "after"):
        base = doc.recent_reference(s, 300) or doc.anchor
        if base is None:
            return Found("DATE", None, relative=True)
        grain = grain_unit if _RANK.get(grain_unit, 6) >= _RANK[base.precision] else base.precision
        moved = shift(base.coarsen("day") if base.precision == "time" else base, sign * count, grain_unit)
        return Found("DATE", moved.coarsen(grain), relative=True, mod=_approx_mod(m["approx"]))
    if unit == "quarter":
        base = _relative(doc, "quarter")
        return Found("DATE", shift(base, -count, "quarter") if base else None, relative=True)
    cal = _move_anchor(doc, sign * count, grain_unit, grain_unit)
    return Found("DATE", cal, relative=True, mod=_approx_mod(m["approx"]))


# ---- quarters, halves, seasons, holidays


_QUARTER_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@rule("quarter", rf"\b(?:(?:the|its|this\s+year{_APOS}s|last\s+year{_APOS}s|next\s+year{_APOS}s|(?P<y1>{_YEAR}))\s+)?"
      rf"(?:(?P<pre>fiscal|year-earlier|year-ago|calendar)[\s-]+)?(?P<y2>{_YEAR}\s+)?(?P<ord>{_QUARTER_ORD})[\s-]+"
      rf"(?:fiscal[\s-]+)?(?P<what>quarter|half|period)s?(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y3>{_YEAR})|"
      rf"(?P<rel>this|last|next)\s+year))?\b", priority=1)
def _quarter(m, doc, s, e):
    what = m["what"].lower()
    if what == "period":
        return None
    ordinal = m["ord"].lower()
    total = 4 if what == "quarter" else 2
    n = total if ordinal in ("final", "last") else ORDINALS.get(ordinal, None) or int(ordinal[0])
    if n > total:
        return None
    year_text = m["y1"] or m["y2"] or m["y3"]
    rel = m["rel"] or (re.match(r"(this|last|next) year", m[0], re.I) or [None, None])[1]
    plural = re.search(r"(quarter|half|period)s\b", m[0], re.I)
    if plural:
        return Found("SET", f"XXXX-Q{n}" if what == "quarter" else f"XXXX-H{n}")
    if year_text:
        year, relative = int(year_text.strip()), False
    elif rel:
        year, relative = _relative_year(doc, rel), True
    else:
        year, relative = _year_of_quarter(doc, n, total, s, e), True
        if m["pre"] and m["pre"].lower() in ("year-earlier", "year-ago") and year is not None:
            year -= 1
    cal = Cal("quarter", year, quarter=n) if what == "quarter" else Cal("half", year, half=n)
    return Found("DATE", cal, relative=relative)


def _year_of_quarter(doc: _Doc, n: int, total: int, s: int, e: int) -> int | None:
    """A yearless quarter is this year's unless it has not begun and the sentence speaks of the past."""
    if doc.anchor is None or doc.anchor.month is None:
        return doc.anchor.year if doc.anchor else None
    current = (doc.anchor.month - 1) // (12 // total) + 1
    if n > current and tense_near(doc.text, s, e) != "future":
        return doc.anchor.year - 1
    return doc.anchor.year


def _quarter_relative(doc: _Doc, offset: int, m, s, e) -> Found:
    base = _relative(doc, "quarter")
    if base is None:
        return Found("DATE", None, relative=True)
    return Found("DATE", shift(base, offset, "quarter"), relative=True)


@rule("quarter_anaphora", rf"\b(?P<the>the|its|this|that)\s+(?:(?P<adj>latest|current|same|recent|year-earlier|"
      rf"year-ago|comparable|(?P<y>{_YEAR})|fiscal|just-ended|just\s+ended|corresponding|previous|prior)\s+)?"
      rf"(?:(?:fiscal|year-earlier|year-ago)\s+)?(?P<what>quarter|period)\b(?!s)")
def _quarter_anaphora(m, doc, s, e):
    adj = (m["adj"] or "").lower()
    what, the = m["what"].lower(), m["the"].lower()
    if what == "period" and (not adj or the in ("this", "that")):
        return None
    last_completed = _move_anchor(doc, -1, "quarter", "quarter")
    if last_completed is None:
        return Found("DATE", None, relative=True)
    if adj in ("current",) or (the == "this" and not adj):
        return Found("DATE", _relative(doc, "quarter"), relative=True)
    base = doc.recent_quarter(s) if adj not in ("latest", "just-ended") else None
    base = base or last_completed
    if adj in ("previous", "prior"):
        return Found("DATE", shift(base, -1, "quarter"), relative=True)
    if "year-earlier" in m[0].lower() or "year-ago" in m[0].lower() or adj in ("comparable", "corresponding"):
        return Found("DATE", shift(base, -1, "year"), relative=True)
    if m["y"]:
        return Found("DATE", replace(base, year=int(m["y"])), relative=True)
    return Found("DATE", base, relative=True)


@rule("year_earlier", rf"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?P<what>period|quarter|levels?|results|"
      rf"figures?|months))?\b")
def _year_earlier(m, doc, s, e):
    base = doc.recent_quarter(s) or _relative(doc, "year")
    if base is None:
        return Found("DATE", None, relative=True)
    return Found("DATE", shift(base, -1, "year"), relative=True)


@rule("this_year", r"\b(?:the|this)\s+(?:(?:current|full|fiscal|calendar|whole|entire)[\s-]+)+year\b|\bthe\s+year"
      r"\b(?!\s*(?:-|earlier|ago|before|after|\d|two\s+thousand))")
def _this_year(m, doc, s, e):
    return Found("DATE", _relative(doc, "year"), relative=True)


@rule("season", rf"\b(?:(?P<mod>early|late|mid|this|last|next|past|coming|the\s+(?:beginning|start|end|middle)"
      rf"\s+of(?:\s+the)?)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b")
def _season(m, doc, s, e):
    code = SEASONS[m["s"].lower()]
    modifier = (m["mod"] or "").lower()
    if m["y"]:
        return Found("DATE", Cal("season", int(m["y"]), season=code), mod=_mod_of(modifier))
    if not modifier and not _preceded_by(doc.text, s, r"(?:in|during|since|until|by|this|last|next|the)"):
        return None
    if m["s"].lower() == "fall" and not modifier and not _preceded_by(doc.text, s, r"(?:in|during|since|until|by)"):
        return None
    if re.match(r"\s+of\b", doc.text[e:e + 4]):
        return None
    if doc.anchor is None:
        return Found("DATE", Cal("season", None, season=code), relative=True)
    rel = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(modifier, 0)
    return Found("DATE", _season_year(doc.anchor, code, rel, tense_near(doc.text, s, e)), relative=True,
                 mod=_mod_of(modifier))


def _season_year(anchor: Cal, code: str, rel: int, tense: str | None) -> Cal:
    """The season meant by "last fall", "this summer", "next spring" relative to the anchor."""
    month = anchor.month or 6
    year = anchor.year if not (month <= 2 and code == "WI") else anchor.year - 1
    first = SEASON_FIRST_MONTH[code]
    started = (month >= first) if code != "WI" else True
    if rel == -1:
        in_it = first <= month < first + 3 if code != "WI" else month in (12, 1, 2)
        year = year - 1 if (not started or in_it) else year
    elif rel == 1:
        year = year + 1 if started else year
    elif tense == "past" and not started:
        year -= 1
    return Cal("season", year, season=code)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (n=-1: last) given ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, _month_length(year, month))
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24), "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25), "boxing day": lambda y: date(y, 12, 26),
    "new year's eve": lambda y: date(y, 12, 31), "new year's day": lambda y: date(y, 1, 1),
    "halloween": lambda y: date(y, 10, 31), "valentine's day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4), "the fourth of july": lambda y: date(y, 7, 4),
    "veterans day": lambda y: date(y, 11, 11), "armistice day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4), "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1), "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + timedelta(days=1),
    "easter": _easter, "easter sunday": _easter, "good friday": lambda y: _easter(y) - timedelta(days=2),
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 1, 3), "presidents day": lambda y: _nth_weekday(y, 2, 1, 3),
    "mother's day": lambda y: _nth_weekday(y, 5, 7, 2), "father's day": lambda y: _nth_weekday(y, 6, 7, 3),
    "may day": lambda y: date(y, 5, 1), "bastille day": lambda y: date(y, 7, 14),
}
_HOLIDAY_PATTERN = "|".join(sorted((re.escape(h).replace("'", _APOS) for h in HOLIDAYS), key=len, reverse=True))


@rule("holiday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>{_HOLIDAY_PATTERN})(?:{_APOS}s)?(?:,?\s+(?P<y>{_YEAR}))?\b")
def _holiday(m, doc, s, e):
    name = re.sub(r"[’']", "'", m["h"].lower())
    if not _capitalized(m["h"].removeprefix("the ")) and not m["h"].lower().startswith("the"):
        return None
    compute = HOLIDAYS[name]
    if m["y"]:
        return Found("DATE", Cal.of(compute(int(m["y"]))))
    if doc.anchor is None:
        d = compute(2001)
        return Found("DATE", Cal("day", None, d.month, d.day), relative=True)
    a = doc.anchor.as_date()
    rel = (m["rel"] or "").lower()
    tense = "past" if rel == "last" else "future" if rel == "next" else tense_near(doc.text, s, e)
    options = [compute(y) for y in (doc.anchor.year - 1, doc.anchor.year, doc.anchor.year + 1)]
    if rel == "this":
        chosen = options[1]
    elif tense == "past":
        chosen = max(d for d in options if d <= a) if rel != "last" else max(d for d in options if d < a)
    elif tense == "future":
        chosen = min(d for d in options if d >= a)
    else:
        chosen = min(options, key=lambda d: abs((d - a).days))
    return Found("DATE", Cal.of(chosen), relative=True)


# ---- durations


_DURATION_HEAD = (
    rf"(?:(?P<approx>{_APPROX})\s+)?(?:(?P<the>the|a|its|their|his|her)\s+(?:(?P<dir>past|last|next|coming|"
    rf"previous|following|first|final|latest|remaining|ensuing|year-earlier|initial|same|other)\s+)?)?"
)


@rule("duration", rf"\b{_DURATION_HEAD}(?P<n>{_NUMBER}|{VAGUE_AMOUNTS})[\s-]+(?:(?:more|full|additional|straight|"
      rf"consecutive|long|short)\s+)?(?P<unit>{_UNIT})s?(?P<long>-long|-old)?\b")
def _duration(m, doc, s, e):
    unit = _unit_of(m["unit"])
    if m["long"] and m["long"].lower() == "-old":
        return None  # ages are not temporal expressions in TimeML news annotation
    if re.match(r"\s*old\b", doc.text[e:e + 5], re.IGNORECASE) or re.match(r"-old\b", doc.text[e:e + 5]):
        return None
    if m["the"] and m["the"].lower() == "a" and not m["dir"]:
        return None  # "a few years" is matched without the article by the same rule
    n_text = m["n"].lower()
    amount = None if re.fullmatch(VAGUE_AMOUNTS, n_text) else _number(n_text)
    if re.fullmatch(r"\d+(\.\d+)?", n_text) and unit in ("quarter",) and not m["the"]:
        return None
    if unit == "quarter" and m["dir"] and amount:
        return Found("DURATION", _duration_value(amount, unit), precision="interval")
    if unit == "night" and amount is None:
        return None
    value = _duration_value(amount, "day" if unit == "night" else unit)
    return Found("DURATION", value, mod=_approx_mod(m["approx"]), precision="interval")


@rule("unit_duration", rf"\b(?:(?P<approx>{_APPROX})\s+)?(?P<a>a|an|one|half\s+an?|a\s+half|the\s+full|a\s+full|"
      rf"an\s+entire|the\s+entire|a\s+whole|the\s+whole)[\s-]+(?P<unit>second|minute|hour|day|week|fortnight|month|"
      rf"year|decade|century|quarter)(?P<long>-long)?\b(?!-old|\s+old|{_APOS}s)", priority=-1)
def _unit_duration(m, doc, s, e):
    unit = _unit_of(m["unit"])
    a = re.sub(r"\s+", " ", m["a"].lower())
    amount = 0.5 if "half" in a else 1
    if re.match(r"\s+(?:and\s+a\s+half)\b", doc.text[e:e + 14], re.I):
        return None
    if a in ("a", "an", "one") and unit in ("day", "week", "month", "year", "hour", "quarter") and _is_rate(doc.text, s):
        return Found("SET", _duration_value(1, unit), precision="set")
    if a in ("a", "an") and not m["approx"] and not _preceded_by(doc.text, s, r"(?:for|within|in|over|after|than|"
                                                                              r"about|nearly|almost|of|last|past|"
                                                                              r"only|just|least|to|take|took|takes|"
                                                                              r"spent|spend|lasted|last)"):
        return None
    if unit == "quarter":
        return None
    return Found("DURATION", _duration_value(amount, unit), mod=_approx_mod(m["approx"]), precision="interval")


def _is_rate(text: str, start: int) -> bool:
    """ "$1 billion a year", "twice a day", "50,000 CDs a year": a frequency, not a length of time."""
    before = text[max(0, start - 40):start].lower()
    return re.search(r"(?:\d|percent|%|times|twice|once|thrice|dollars?|euros?|cents?|\w+s)\s*$", before) is not None \
        and not re.search(r"\b(?:for|within|in|over|after|than|about|nearly|almost|of|last|past|only|just)\s*$", before)


@rule("bare_units", rf"\b(?P<pre>for|in|over|within|during|recent|coming|past|the\s+past|the\s+coming|the\s+next|"
      rf"the\s+last|in\s+recent|in\s+the\s+coming|in\s+the\s+past|over\s+the\s+past|over\s+the\s+last|"
      rf"over\s+the\s+coming|over\s+the\s+next|for\s+many|for\s+several|after)\s+(?P<unit>years|months|weeks|days|"
      rf"decades|centuries|hours|minutes)\b(?!\s+(?:ago|of\s+(?:age|experience)|old|earlier|later))", priority=-1)
def _bare_units(m, doc, s, e):
    unit = _unit_of(m["unit"])
    pre = m["pre"].lower()
    value = _duration_value(None, unit)
    span_start = s + m.start("unit") - m.start()
    if "recent" in pre or "past" in pre or "last" in pre or "coming" in pre or "next" in pre:
        span_start = s + (m.start("pre") - m.start()) + (len(m["pre"]) - len(m["pre"].lstrip()))
        words = m["pre"].split()
        skip = 1 if words[0].lower() in ("in", "over") else 0
        if skip:
            span_start = s + len(" ".join(words[:1])) + 1 + (m.start("pre") - m.start())
    return Found("DURATION", value, precision="interval", mod=None) if span_start == s else \
        Found("DURATION", value, precision="interval", mod=f"@{span_start}")


# ---- sets


@rule("set_adverb", r"\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly|"
      r"fortnightly|semiannually|bimonthly)\b")
def _set_adverb(m, doc, s, e):
    value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W", "fortnightly": "P2W",
             "semiannually": "P6M", "bimonthly": "P2M"}[m["w"].lower()]
    if m["w"].lower() == "daily" and (_capitalized(m["w"]) and doc.text[s - 2:s].strip() not in ("", ".")):
        return None  # "Daily Mail"
    return Found("SET", value, precision="set")


@rule("set_every", rf"\b(?P<q>every|each|per|a|an)\s+(?:(?P<n>other|{_NUMBER})\s+)?(?P<unit>second|minute|hour|day|"
      rf"night|week|weekend|month|quarter|year|decade|morning|afternoon|evening|{_MONTH}|spring|summer|fall|autumn|"
      rf"winter)s?\b(?!\s+(?:ago|earlier|later|before|after))", priority=1)
def _set_every(m, doc, s, e):
    q = m["q"].lower()
    word = m["unit"]
    if q in ("a", "an") and (m["n"] or not _is_rate(doc.text, s) or word.lower() in PARTS_OF_DAY):
        return None
    if word[:1].isupper() and word.lower().rstrip(".") in MONTHS:
        return Found("SET", f"XXXX-{_month_number(word):02d}", precision="set")
    low = word.lower()
    if low in SEASONS:
        return Found("SET", f"XXXX-{SEASONS[low]}", precision="set")
    if low in PARTS_OF_DAY:
        return Found("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[low]}", precision="set")
    n = 2 if (m["n"] or "").lower() == "other" else (_number(m["n"]) if m["n"] else 1)
    return Found("SET", _duration_value(n, _unit_of(low) if low != "night" else "day"), precision="set")


# ---- references to the present, past and future


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "for now": "PRESENT_REF", "at this time": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "in the past": "PAST_REF",
    "the past": "PAST_REF", "formerly": "PAST_REF", "more recently": "PAST_REF", "most recently": "PAST_REF",
    "until recently": "PAST_REF", "in the future": "FUTURE_REF", "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "the distant future": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF", "someday": "FUTURE_REF", "one day": "FUTURE_REF",
}


@rule("reference", r"\b(?P<w>right\s+now|now|currently|current|at\s+present|presently|at\s+the\s+moment|nowadays|"
      r"these\s+days|for\s+now|recently|more\s+recently|most\s+recently|recent|lately|(?:in\s+)?the\s+past|"
      r"formerly|(?:in\s+)?the\s+(?:near\s+|foreseeable\s+|distant\s+)?future|as\s+soon\s+as\s+possible|"
      r"someday)\b", priority=-2)
def _reference(m, doc, s, e):
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "the future" and not _preceded_by(doc.text, s, r"(?:in|for|into)"):
        return None
    if w in ("now",) and re.match(r"\s+that\b", doc.text[e:e + 6]):
        return Found("DATE", "PRESENT_REF", relative=True, precision="ref")
    if w == "recent" and re.match(r"\s+(?:years|months|weeks|days|decades)\b", doc.text[e:e + 10]):
        return None
    if w in ("the past", "in the past") and re.match(r"\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?)\b",
                                                      doc.text[e:e + 20]):
        return None
    value = _REFS[w.removeprefix("in ") if w.startswith("in the") else w]
    return Found("DATE", value, relative=True, precision="ref")


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match


_LEADING_WORDS = re.compile(r"^(?:(?:at|about|around|approximately|by|until|before|after|on|in|for|over|during|"
                            r"within|since|from)\s+)+", re.IGNORECASE)


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for r in RULES:
        for m in r.pattern.finditer(text):
            if m.end() > m.start() and m[0].strip():
                start = m.start() + len(m[0]) - len(m[0].lstrip())
                found.append(_Candidate(start, m.end(), r, m))
    return found


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest matches first (then rule priority); drop anything overlapping a kept one."""
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), -c.rule.priority, c.start))
    taken: list[_Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: c.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop prepositions TimeML leaves outside the TIMEX3 and trailing punctuation."""
    span = text[start:end]
    lead = _LEADING_WORDS.match(span)
    if lead and lead.end() < len(span):
        start += lead.end()
    while end > start and text[end - 1] in ",;:( ":
        end -= 1
    return start, end


def find_timexes(text: str, anchor: str | None = None) -> list[Timex]:
    """The temporal expressions in ``text``, normalized against ``anchor`` (ISO date, or coarser, or None)."""
    doc = _Doc(text, parse_anchor(anchor))
    candidates = _select(_candidates(text))
    for cand in candidates:
        timex = _normalize(doc, cand)
        if timex is None:
            continue
        doc.found.append(timex)
        _remember(doc, timex)
    return _merge_time_and_date(text, doc.found)


def _normalize(doc: _Doc, cand: _Candidate) -> Timex | None:
    found = cand.rule.handler(cand.match, doc, cand.start, cand.end)
    if found is None:
        return None
    start, end = _trim(doc.text, cand.start, cand.end)
    mod = found.mod
    if mod and mod.startswith("@"):  # a rule moved the start of its span past a leading word
        start, mod = int(mod[1:]), None
    value, precision = _spell(found)
    return Timex(start, end, doc.text[start:end], found.type, value, precision, found.relative, mod, cand.rule.name)


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


def _remember(doc: _Doc, timex: Timex) -> None:
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


def _merge_time_and_date(text: str, timexes: list[Timex]) -> list[Timex]:
    """ "5 p.m. EST Nov. 9", "noon Thursday": a clock time right before a day becomes one TIME on that day."""
    out: list[Timex] = []
    for t in timexes:
        prev = out[-1] if out else None
        if prev and prev.type == "TIME" and prev.rule in ("clock_time", "part_of_day_alone") and t.type == "DATE" \
                and t.precision == "day" and re.fullmatch(r"[\s,]*(?:on\s+)?", text[prev.end:t.start]):
            clock = prev.value.split("T", 1)[1] if prev.value and "T" in prev.value else None
            value = f"{t.value}T{clock}" if clock and t.value else t.value
            out[-1] = Timex(prev.start, t.end, text[prev.start:t.end], "TIME", value, "time",
                            prev.relative or t.relative, None, prev.rule + "+" + t.rule)
            continue
        out.append(t)
    return out


# --------------------------------------------------------------------------- the pipeline's type


def time_mentions(article) -> list:
    """TimeMention annotations for an article's clean text, anchored on its publication date."""
    from dossier.ids import stable_id
    from dossier.model import Evidence, TimeMention

    text = article.text or ""
    model_precision = {"day": "day", "time": "second", "month": "month", "year": "year", "decade": "decade",
                       "century": "decade", "week": "interval", "quarter": "interval", "half": "interval",
                       "season": "interval", "interval": "interval"}
    mentions = []
    for t in find_timexes(text, article.published):
        evidence = Evidence(article_id=article.id, start=t.start, end=t.end, text=t.text)
        mentions.append(TimeMention(
            id=stable_id("time", article.id, t.start, t.end), article_id=article.id, start=t.start, end=t.end,
            text=t.text, value=t.value, precision=model_precision.get(t.precision, "unknown"), evidence=evidence))
    return mentions


# --------------------------------------------------------------------------- dating an undated article


def infer_publication_date(text: str, timexes: Iterable[Timex] | None = None,
                           around: str | None = None) -> tuple[str, str, float] | None:
    """Date an article from its own body: (ISO value, precision, confidence in [0, 1]) or None.

    ``around`` is an optional coarse date known from elsewhere (a feed, a crawl,
    other articles of the same story): it fixes the year or week that weekday
    names and yearless dates leave open.
    """
    from dossier.nlp import timex_infer

    return timex_infer.infer(text, list(timexes) if timexes is not None else find_timexes(text, None), around)
