"""Rules for expressions relative to the anchor or an earlier date.

"last week", "two days ago", "that day", quarters, seasons and holidays.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from dossier.nlp.timex.calendar import RANK, Cal, month_length, shift
from dossier.nlp.timex.context import Doc, anchor_at, move_anchor, number, tense_near, unit_of
from dossier.nlp.timex.grammar import Found, approx_mod, capitalized, mod_of, preceded_by, relative_year, rule
from dossier.nlp.timex.lexicon import (
    APOS,
    APPROX,
    NUMBER,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_FIRST_MONTH,
    SEASONS,
    UNIT,
    VAGUE_AMOUNTS,
    YEAR,
)

# ---- relative to the anchor


_GRAIN = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter", "year": "year",
          "decade": "decade", "century": "century", "half": "half"}


@rule("this_unit", r"\b(?:(?P<mod>early|late|earlier|later|mid)\s*-?\s*)?(?P<rel>this|last|next|the\s+coming|"
      r"the\s+past|the\s+previous|the\s+current|the\s+last|past|previous|current|coming|the\s+following|"
      r"the\s+prior|the\s+same|that|the\s+next)\s+(?P<unit>week|weekend|month|year|decade|quarter)(?:{a}s)?\b"
      .format(a=APOS))
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
    cal = move_anchor(doc, offset, unit, _GRAIN[unit])
    return Found("DATE", cal, relative=True, mod=mod_of(m["mod"]))


def _anaphoric_unit(doc: Doc, rel: str, unit: str, start: int) -> Found:
    """ "that year", "the following week": relative to the last date mentioned, not to the anchor."""
    base = doc.recent_reference(start, 1500) or doc.anchor
    if base is None or RANK[base.precision] > RANK.get(_GRAIN[unit], 6):
        return Found("DATE", None, relative=True)
    offset = {"following": 1, "next": 1, "prior": -1}.get(rel, 0)
    grain = _GRAIN[unit] if unit != "weekend" else "week"
    moved = shift(base.coarsen("day") if base.precision == "time" else base, offset, unit if unit != "weekend"
                  else "week")
    return Found("DATE", moved.coarsen(grain), relative=True)


def _weekend(doc: Doc, offset: int, s: int, e: int) -> Found:
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
    return Found("DATE", cal, relative=True, mod=mod_of(m["mod"]))


@rule("edge_of_relative", r"\b(?P<mod>early|late|earlier|later|the\s+(?:beginning|start|end|middle)\s+of)\s+"
      r"(?P<rel>this|last|next|that)\s+(?P<unit>week|month|year|decade|century)\b")
def _edge_of_relative(m, doc, s, e):
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if rel == "that":
        found = _anaphoric_unit(doc, "that", unit, s)
        return replace(found, mod=mod_of(m["mod"]))
    offset = {"this": 0, "last": -1, "next": 1}[rel]
    return Found("DATE", move_anchor(doc, offset, unit, _GRAIN[unit]), relative=True, mod=mod_of(m["mod"]))


_AMOUNT = rf"(?:{NUMBER}|{VAGUE_AMOUNTS}|a|an)"


@rule("ago", rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<n>{_AMOUNT})[\s-]+)?(?:more\s+)?(?P<unit>{UNIT})s?\s+"
      rf"(?:or\s+(?:so|more|two)\s+)?(?P<dir>ago|earlier|later|from\s+now|hence|before|after)\b", priority=1)
def _ago(m, doc, s, e):
    """ "two days ago", "a year earlier", "three weeks from now": a count of units from the anchor or a date."""
    direction, unit = m["dir"].lower(), unit_of(m["unit"])
    amount = number(m["n"]) if m["n"] else None
    anaphoric = direction in ("earlier", "later", "before", "after")
    if unit == "weekend" or (direction in ("before", "after") and not re.match(r"\s*(?:that|this|then|[,.;]|$)",
                                                                                doc.text[e:e + 6])):
        return None  # "ten days before the shooting": a duration before an event, left to the duration rule
    if amount is None or amount != int(amount) or unit in ("second", "minute", "hour"):
        return _vague_ago(doc, direction, anaphoric, unit)
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    count = int(amount) * {"decade": 10, "century": 100}.get(unit, 1)
    unit = "year" if unit in ("decade", "century") else unit
    mod = approx_mod(m["approx"])
    if unit == "year" and count == 1 and doc.recent_quarter(s) is not None:
        return Found("DATE", shift(doc.recent_quarter(s), sign, "year"), relative=True, mod=mod)
    if anaphoric:
        return _from_reference(doc, s, sign * count, unit, mod)
    if unit == "quarter":
        base = anchor_at(doc, "quarter")
        return Found("DATE", shift(base, sign * count, "quarter") if base else None, relative=True, mod=mod)
    return Found("DATE", move_anchor(doc, sign * count, unit, unit), relative=True, mod=mod)


def _vague_ago(doc: Doc, direction: str, anaphoric: bool, unit: str) -> Found | None:
    """ "years ago" (the past), "hours ago" (today); "a few days later" is left to the duration rule."""
    if anaphoric:
        return None
    if unit in ("second", "minute", "hour") and doc.anchor is not None:
        return Found("DATE", doc.anchor, relative=True)
    return Found("DATE", "PAST_REF" if direction == "ago" else "FUTURE_REF", relative=True, precision="ref")


def _from_reference(doc: Doc, start: int, amount: int, unit: str, mod: str | None) -> Found:
    """ "two days later": counted from the date mentioned just before, or from the anchor."""
    base = doc.recent_reference(start, 300) or doc.anchor
    if base is None:
        return Found("DATE", None, relative=True)
    grain = unit if RANK.get(unit, 6) >= RANK[base.precision] else base.precision
    moved = shift(base.coarsen("day") if base.precision == "time" else base, amount, unit)
    return Found("DATE", moved.coarsen(grain), relative=True, mod=mod)


# ---- quarters, halves, seasons, holidays


_QUARTER_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"


@rule("quarter", rf"\b(?:(?:the|its|this\s+year{APOS}s|last\s+year{APOS}s|next\s+year{APOS}s|(?P<y1>{YEAR}))\s+)?"
      rf"(?:(?P<pre>fiscal|year-earlier|year-ago|calendar)[\s-]+)?(?P<y2>{YEAR}\s+)?(?P<ord>{_QUARTER_ORD})[\s-]+"
      rf"(?:fiscal[\s-]+)?(?P<what>quarter|half|period)s?(?:\s+of\s+(?:fiscal\s+)?(?:(?P<y3>{YEAR})|"
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
        year, relative = relative_year(doc, rel), True
    else:
        year, relative = _year_of_quarter(doc, n, total, s, e), True
        if m["pre"] and m["pre"].lower() in ("year-earlier", "year-ago") and year is not None:
            year -= 1
    cal = Cal("quarter", year, quarter=n) if what == "quarter" else Cal("half", year, half=n)
    return Found("DATE", cal, relative=relative)


def _year_of_quarter(doc: Doc, n: int, total: int, s: int, e: int) -> int | None:
    """A yearless quarter is this year's unless it has not begun and the sentence speaks of the past."""
    if doc.anchor is None or doc.anchor.month is None:
        return doc.anchor.year if doc.anchor else None
    current = (doc.anchor.month - 1) // (12 // total) + 1
    if n > current and tense_near(doc.text, s, e) != "future":
        return doc.anchor.year - 1
    return doc.anchor.year


def _quarter_relative(doc: Doc, offset: int, m, s, e) -> Found:
    base = anchor_at(doc, "quarter")
    if base is None:
        return Found("DATE", None, relative=True)
    return Found("DATE", shift(base, offset, "quarter"), relative=True)


@rule("quarter_anaphora", rf"\b(?P<the>the|its|this|that)\s+(?:(?P<adj>latest|current|same|recent|year-earlier|"
      rf"year-ago|comparable|(?P<y>{YEAR})|fiscal|just-ended|just\s+ended|corresponding|previous|prior)\s+)?"
      rf"(?:(?:fiscal|year-earlier|year-ago)\s+)?(?P<what>quarter|period)\b(?!s)")
def _quarter_anaphora(m, doc, s, e):
    adj = (m["adj"] or "").lower()
    what, the = m["what"].lower(), m["the"].lower()
    if what == "period" and (not adj or the in ("this", "that")):
        return None
    last_completed = move_anchor(doc, -1, "quarter", "quarter")
    if last_completed is None:
        return Found("DATE", None, relative=True)
    if adj in ("current",) or (the == "this" and not adj):
        return Found("DATE", anchor_at(doc, "quarter"), relative=True)
    base = doc.recent_quarter(s) if adj not in ("latest", "just-ended") else None
    base = base or last_completed
    if adj in ("previous", "prior"):
        return Found("DATE", shift(base, -1, "quarter"), relative=True)
    if "year-earlier" in m[0].lower() or "year-ago" in m[0].lower() or adj in ("comparable", "corresponding"):
        return Found("DATE", shift(base, -1, "year"), relative=True)
    if m["y"]:
        return Found("DATE", replace(base, year=int(m["y"])), relative=True)
    return Found("DATE", base, relative=True)


@rule("year_earlier", r"\b(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?P<what>period|quarter|levels?|results|"
      r"figures?|months))?\b")
def _year_earlier(m, doc, s, e):
    base = doc.recent_quarter(s) or anchor_at(doc, "year")
    if base is None:
        return Found("DATE", None, relative=True)
    return Found("DATE", shift(base, -1, "year"), relative=True)


@rule("this_year", r"\b(?:the|this)\s+(?:(?:current|full|fiscal|calendar|whole|entire)[\s-]+)+year\b|\bthe\s+year"
      r"\b(?!\s*(?:-|earlier|ago|before|after|\d|two\s+thousand))")
def _this_year(m, doc, s, e):
    return Found("DATE", anchor_at(doc, "year"), relative=True)


@rule("season", rf"\b(?:(?P<mod>early|late|mid|this|last|next|past|coming|the\s+(?:beginning|start|end|middle)"
      rf"\s+of(?:\s+the)?)[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b")
def _season(m, doc, s, e):
    code = SEASONS[m["s"].lower()]
    modifier = (m["mod"] or "").lower()
    if m["y"]:
        return Found("DATE", Cal("season", int(m["y"]), season=code), mod=mod_of(modifier))
    if not modifier and not preceded_by(doc.text, s, r"(?:in|during|since|until|by|this|last|next|the)"):
        return None
    if m["s"].lower() == "fall" and not modifier and not preceded_by(doc.text, s, r"(?:in|during|since|until|by)"):
        return None
    if re.match(r"\s+of\b", doc.text[e:e + 4]):
        return None
    if doc.anchor is None:
        return Found("DATE", Cal("season", None, season=code), relative=True)
    rel = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(modifier, 0)
    return Found("DATE", _season_year(doc.anchor, code, rel, tense_near(doc.text, s, e)), relative=True,
                 mod=mod_of(modifier))


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
    last = date(year, month, month_length(year, month))
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
_HOLIDAY_PATTERN = "|".join(sorted((re.escape(h).replace("'", APOS) for h in HOLIDAYS), key=len, reverse=True))


@rule("holiday", rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<h>{_HOLIDAY_PATTERN})(?:{APOS}s)?(?:,?\s+(?P<y>{YEAR}))?\b")
def _holiday(m, doc, s, e):
    name = re.sub(r"[’']", "'", m["h"].lower())
    if not capitalized(m["h"].removeprefix("the ")) and not m["h"].lower().startswith("the"):
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
