"""The grammar's machinery (rules, their registration) and its rules for calendar dates, weekdays, times of day."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dossier.nlp.timex.calendar import Cal, parse_value, shift
from dossier.nlp.timex.context import (
    Doc,
    anchor_at,
    closest_year,
    month_number,
    move_anchor,
    tense_near,
    weekday_date,
)
from dossier.nlp.timex.lexicon import (
    APOS,
    DAY,
    MOD_EDGE,
    MONTH,
    ORDINALS,
    PART,
    PARTS_OF_DAY,
    TRIGGERS,
    TZ,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
)


@dataclass(frozen=True)
class Found:
    """What a rule says about its match: a type, a value (Cal or string) and flags."""

    type: str
    value: Cal | str | None
    relative: bool = False
    mod: str | None = None
    precision: str | None = None
    span: tuple[int, int] | None = None  # where the expression is, when narrower than the rule's match


Handler = Callable[[re.Match, Doc, int, int], Found | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handler: Handler
    priority: int = 0  # among equally long overlapping matches, the higher wins


RULES: list[Rule] = []
RULES_BY_TRIGGER: dict[str, list[Rule]] = {}


def rule(name: str, pattern: str, priority: int = 0, flags: int = re.IGNORECASE) -> Callable[[Handler], Handler]:
    """Register a grammar rule: a regex, the function that normalizes its matches, and (in TRIGGERS) its words."""

    def register(fn: Handler) -> Handler:
        r = Rule(name, re.compile(pattern, flags), fn, priority)
        RULES.append(r)
        for word in TRIGGERS[name]:
            RULES_BY_TRIGGER.setdefault(word, []).append(r)
        return fn

    return register


def mod_of(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w.startswith(("early", "earlier", "the beginning", "the start", "the first", "the early", "the opening")):
        return "START"
    if w.startswith(("late", "later", "the end", "the second half", "the last", "the final", "the closing",
                     "the late")):
        return "END"
    if w.startswith(("mid", "the middle")):
        return "MID"
    return None


def approx_mod(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower())
    if w in ("more than", "over", "at least", "upwards of", "well over", "just over"):
        return "MORE_THAN" if w != "at least" else "EQUAL_OR_MORE"
    if w in ("less than", "fewer than", "under", "up to", "at most", "just under"):
        return "LESS_THAN" if w not in ("up to", "at most") else "EQUAL_OR_LESS"
    return "APPROX" if w in ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "close to") \
        else None


def capitalized(word: str) -> bool:
    return word[:1].isupper()


def preceded_by(text: str, start: int, words: str) -> bool:
    """Whether one of ``words`` (a regex) comes right before ``start`` ("in the early", "since")."""
    return re.search(rf"\b{words}\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$", text[max(0, start - 20):start],
                     re.IGNORECASE) is not None


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence or a line."""
    return re.search(r"(?:^|[.!?\n][\s\"'`]*)$", text[max(0, start - 4):start]) is not None


def followed_by(text: str, end: int, words: str) -> bool:
    return re.match(rf"\s+{words}\b", text[end:end + 30], re.IGNORECASE) is not None


def _year_from_context(doc: Doc, start: int) -> int | None:
    """An explicit year given just before a yearless date: "last year, on February 24"."""
    if not doc.found:
        return None
    prev = doc.found[-1]
    gap = doc.text[prev.end:start]
    if len(gap) > 8 or not re.fullmatch(r"[\s,]*(?:on|in|of)?[\s,]*", gap):
        return None
    cal = parse_value(prev.value) if prev.value and prev.type == "DATE" else None
    return cal.year if cal and cal.precision == "year" else None


def date_with_month(doc: Doc, start: int, end: int, month: int, day: int | None,
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
    y = closest_year(doc.anchor, month, day, tense_near(doc.text, start, end), weekday)
    return Found("DATE", Cal(precision, y, month, day), relative=True)


# ---- explicit calendar dates


@rule("weekday_date", rf"\b(?P<wd>{WEEKDAY}),?\s+(?:(?P<m1>{MONTH})\s+(?P<d1>{DAY})|(?P<d2>{DAY})\s+(?:of\s+)?"
      rf"(?P<m2>{MONTH}))\b(?:,?\s+(?P<y>{YEAR})\b)?", priority=3)
def _weekday_date_rule(m, doc, s, e):
    month = month_number(m["m1"] or m["m2"])
    day = int(re.match(r"\d+", m["d1"] or m["d2"])[0])
    year = int(m["y"]) if m["y"] else None
    return date_with_month(doc, s, e, month, day, year, weekday=WEEKDAYS[m["wd"].lower()])


@rule("month_day_year", rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?:\s*,\s*|\s+)(?P<y>{YEAR})\b", priority=2)
def _month_day_year(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])))


@rule("day_month_year", rf"\b(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:\s*,\s*|\s+)(?P<y>{YEAR})\b",
      priority=2)
def _day_month_year(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])))


@rule("iso_date", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", priority=2)
def _iso_date(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), int(m["m"]), int(m["d"])))


@rule("slash_date", r"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>(?:19|20)\d\d)\b", priority=2)
def _slash_date(m, doc, s, e):
    return Found("DATE", Cal("day", int(m["y"]), int(m["m"]), int(m["d"])))


@rule("month_day", rf"\b(?:(?P<mod>early|late|mid|last|next|this|coming)[- ]?\s*)?(?P<m>{MONTH})\s+(?P<d>{DAY})\b"
      rf"(?!\s*(?:%|percent|-|:|\d))(?:\s+(?:of\s+)?(?P<rel>last|this|next)\s+year)?", priority=1)
def _month_day(m, doc, s, e):
    if not capitalized(m["m"]):
        return None
    month, day = month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])
    if day > 31 or (m["m"].lower() == "may" and not m["d"][0].isdigit()):
        return None
    modifier = (m["mod"] or "").lower() or None
    if m["rel"]:
        year = relative_year(doc, m["rel"])
        return Found("DATE", Cal("day", year, month, day), relative=True) if year else Found(
            "DATE", Cal("day", None, month, day), relative=True)
    return date_with_month(doc, s, e, month, day, None, modifier if modifier in ("last", "next", "this", "coming")
                            else None)


@rule("day_month", rf"\b(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})\b(?!\s+\d)")
def _day_month(m, doc, s, e):
    if not capitalized(m["m"]) or (m["m"] == "May" and "of" not in m[0] and not m["d"][-2:].isalpha()):
        return None
    return date_with_month(doc, s, e, month_number(m["m"]), int(re.match(r"\d+", m["d"])[0]), None)


def relative_year(doc: Doc, word: str) -> int | None:
    if doc.anchor is None:
        return None
    return doc.anchor.year + {"last": -1, "this": 0, "next": 1, "past": -1, "previous": -1, "coming": 1}[word.lower()]


@rule("month_year", rf"\b(?:(?P<mod>{MOD_EDGE})[- ]?\s*)?(?P<m>{MONTH})(?:\s*,\s*|\s+of\s+|\s+)"
      rf"(?:(?P<y>{YEAR})\b|(?P<rel>last|this|next)\s+year\b)", priority=1)
def _month_year(m, doc, s, e):
    if not capitalized(m["m"]):
        return None
    year = int(m["y"]) if m["y"] else relative_year(doc, m["rel"])
    return Found("DATE", Cal("month", year, month_number(m["m"])), relative=not m["y"], mod=mod_of(m["mod"]))


@rule("month", rf"\b(?:(?P<mod>{MOD_EDGE}|last|next|this|coming|past)[- ]?\s*)?(?P<m>{MONTH})\b(?!\s*\d)(?!-)")
def _month(m, doc, s, e):
    word = m["m"]
    abbreviated = word.lower().rstrip(".") in _MONTH_ABBREVIATIONS
    if not capitalized(word) or (abbreviated and not word.endswith(".")) or (word.isupper() and len(word) > 3):
        return None  # "march", "Mar" alone, "MAY" in a headline: rarely a month
    if word in ("May", "March") and not (m["mod"] or preceded_by(doc.text, s, r"(?:in|since|until|by|of|through|"
                                                                              r"from|during|before|after|and|or)")):
        return None  # the modal verb, the walk
    return _month_found(m, doc, s, e)


_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _month_found(m, doc, s, e):
    modifier = (m["mod"] or "").lower()
    rel = modifier if modifier in ("last", "next", "this", "coming", "past") else None
    found = date_with_month(doc, s, e, month_number(m["m"]), None, None, "last" if rel == "past" else rel)
    return replace(found, mod=mod_of(modifier))


_NOT_A_YEAR_AFTER = (
    r"(?:\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|men|women|children|km|kilometers|kilometres|miles|"
    r"meters|metres|feet|ft|tons|tonnes|votes|cases|deaths|dollars|euros|pounds|members|units|shares|barrels|"
    r"acres|hectares|square|degrees|pages|words|points|seats|jobs|workers|employees|residents|students|"
    r"vehicles|cars|homes|houses|beds|calories|yards|rpm|mph|kg|lb|lbs|cc|mm|cm|m\b|kw|mw|hp))"
)


@rule("year", rf"(?<![\d$€£#.,/:-])(?<!No\. )(?<!No )(?:(?P<mod>{MOD_EDGE})[- ]?\s*)?(?:(?P<fy>fiscal|calendar|"
      rf"FY|the\s+year)\s*-?\s*)?(?P<y>{YEAR})(?!\d|,\d|\.\d|/|-\d|:\d|{_NOT_A_YEAR_AFTER})")
def _year(m, doc, s, e):
    year = int(m["y"])
    if year < 1000:
        return None
    if not (m["mod"] or m["fy"]) and year < 1800 and not preceded_by(doc.text, s, r"(?:in|since|until|by|of|from|"
                                                                                  r"around|circa|before|after)"):
        return None
    if preceded_by(doc.text, s, r"(?:flight|route|highway|room|number|no\.?|model|page|resolution|article|code)"):
        return None
    if not (m["mod"] or m["fy"]) and _counts_things(doc.text, s, e):
        return None
    return Found("DATE", Cal("year", year), mod=mod_of(m["mod"]))


def _counts_things(text: str, start: int, end: int) -> bool:
    """ "and 2000 rounds": a number of things, unless a determiner makes it a year ("the 1992 protests")."""
    if not re.match(r"\s+[a-z]+s\b", text[end:end + 30]):
        return False
    before = text[max(0, start - 12):start]
    return not re.search(r"(?:\b(?:the|its|his|her|their|this|that|of|in|since|by|until|from|during|before|after|"
                         r"between)|['’]s)\s+$", before, re.IGNORECASE)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@rule("decade", rf"\b(?:the\s+)?(?:(?P<mod>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of(?:\s+the)?)"
      rf"[- ]?\s*)?(?:(?P<full>1[0-9]\d0|20\d0){APOS}?s|(?P<short>{APOS}[1-9]0){APOS}?s|"
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
    return Found("DATE", Cal("decade", year), mod=mod_of(m["mod"]))


@rule("century", r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]?\s*)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>first|"
      r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|"
      r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)|(?P<rel>this|last|next|"
      r"past|previous))[- ]century\b")
def _century(m, doc, s, e):
    if m["rel"]:
        base = anchor_at(doc, "year")
        if base is None:
            return Found("DATE", None, relative=True)
        offset = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[m["rel"].lower()]
        return Found("DATE", Cal("century", (base.year // 100 + offset) * 100), relative=True, mod=mod_of(m["mod"]))
    n = int(m["n"]) if m["n"] else ORDINALS[m["w"].lower()]
    return Found("DATE", Cal("century", (n - 1) * 100), mod=mod_of(m["mod"]))


# ---- weekdays and parts of days


@rule("weekday", rf"\b(?:(?P<mod>last|next|this|coming|past|early|late|earlier|later)\s+)?(?P<wd>{WEEKDAY})"
      rf"(?:{APOS}s)?(?:\s+(?P<part>{PART}))?\b(?!\s*,?\s*(?:{MONTH}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}))")
def _weekday(m, doc, s, e):
    if not capitalized(m["wd"]):
        return None
    weekday = WEEKDAYS[m["wd"].lower()]
    modifier = (m["mod"] or "").lower() or None
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else None
    kind = "TIME" if part else "DATE"
    if preceded_by(doc.text, s, r"(?:every|each)"):
        return Found("SET", f"XXXX-WXX-{weekday}" + (f"T{part}" if part else ""), precision="set")
    if doc.anchor is None or doc.anchor.precision != "day":
        return Found(kind, Cal("time" if part else "day", None, weekday=weekday, clock=part), relative=True)
    possessive = re.search(rf"{APOS}s\b", m[0]) is not None
    tense = "past" if possessive and not modifier else tense_near(doc.text, s, e)
    d = weekday_date(doc.anchor, weekday, tense, modifier if modifier in ("last", "next", "this", "coming") else
                      "last" if modifier == "past" else None)
    cal = Cal.of(d)
    if part:
        cal = replace(cal, precision="time", clock=part)
    return Found(kind, cal, relative=True, mod=mod_of(modifier))


@rule("weekday_plural_set", rf"\b(?P<wd>{WEEKDAY})s(?:\s+(?P<part>{PART}s?))?\b", flags=0)
def _weekday_set(m, doc, s, e):
    part = PARTS_OF_DAY[m["part"].rstrip("s").lower()] if m["part"] else None
    return Found("SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}" + (f"T{part}" if part else ""))


_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": -1}


@rule("day_word", rf"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|"
      rf"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:{APOS}s)?(?:\s+(?P<part>{PART}))?\b")
def _day_word(m, doc, s, e):
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(w, _DAY_WORDS.get(w, 0))
    part = PARTS_OF_DAY[m["part"].lower()] if m["part"] else ("NI" if w == "tonight" else None)
    cal = move_anchor(doc, offset, "day", "day")
    if cal is not None and part and cal.precision == "day":
        cal = replace(cal, precision="time", clock=part)
    return Found("TIME" if part else "DATE", cal, relative=True, mod=mod_of(m["mod"]))


@rule("this_part_of_day", r"\b(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|that|the)\s+"
      r"(?P<part>morning|afternoon|evening|night)\b")
def _this_part_of_day(m, doc, s, e):
    rel, part = m["rel"].lower(), PARTS_OF_DAY[m["part"].lower()]
    if rel in ("that", "the"):
        base = doc.recent_reference(s, 1500) if rel == "that" else (doc.recent_reference(s, 200) or doc.anchor)
        if base is None or base.precision not in ("day", "time") or (rel == "the" and not preceded_by(
                doc.text, s, r"(?:in|during|by|since|until|overnight|on)")):
            return None if rel == "the" else Found("TIME", None, relative=True)
        return Found("TIME", replace(base.coarsen("day"), precision="time", clock=part), relative=True)
    offset = -1 if rel == "last" and part == "NI" else 0
    cal = move_anchor(doc, offset, "day", "day")
    if cal is not None and cal.precision == "day":
        cal = replace(cal, precision="time", clock=part)
    return Found("TIME", cal, relative=True, mod=mod_of(m["mod"]))


@rule("part_of_day_alone", r"\b(?P<part>midday|noon|midnight|mid-?afternoon|mid-?morning|overnight)\b")
def _part_of_day_alone(m, doc, s, e):
    word = m["part"].lower().replace("-", "")
    clock = {"midday": "12:00", "noon": "12:00", "midnight": "24:00", "midafternoon": "AF", "midmorning": "MO",
             "overnight": "NI"}[word]
    if re.search(r"\bhigh\s+$", doc.text[max(0, s - 6):s], re.IGNORECASE):
        return None  # "high noon"
    if word == "overnight" and not followed_by(doc.text, e, r"(?:trading|session|losses|gains|rates?|lending)"):
        return None
    base = doc.anchor if doc.anchor is not None and doc.anchor.precision == "day" else None
    if base is None:
        return Found("TIME", None, relative=True)
    if word == "overnight":
        base = shift(base, -1, "day")
    return Found("TIME", replace(base, precision="time", clock=clock), relative=True)


@rule("clock_time", rf"\b(?:(?:at|about|around|approximately|by|until|before|after)\s+)?(?P<h>[01]?\d|2[0-3])"
      rf"(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|o{APOS}clock)(?:{TZ})?"
      rf"|\b(?P<h2>[01]?\d|2[0-3]):(?P<min2>[0-5]\d)(?!\d|:\d|\s*(?:-|to)\s*\d)(?:{TZ})?"
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
