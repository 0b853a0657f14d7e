"""Rules for durations ("three years"), sets ("every day") and references to the present, past and future ("now")."""

from __future__ import annotations

import re
from dataclasses import replace

from dossier.nlp.timex.calendar import Cal
from dossier.nlp.timex.context import duration_value, month_number, number, unit_of
from dossier.nlp.timex.grammar import (
    Found,
    approx_mod,
    capitalized,
    date_with_month,
    preceded_by,
    rule,
    sentence_start,
)
from dossier.nlp.timex.lexicon import (
    APOS,
    APPROX,
    DAY,
    MONTH,
    MONTHS,
    NUMBER,
    PARTS_OF_DAY,
    SEASONS,
    UNIT,
    VAGUE_AMOUNTS,
    YEAR,
)

# ---- durations


_DURATION_HEAD = (
    rf"(?:(?P<approx>{APPROX})\s+)?(?:(?P<the>the|its|their|his|her)\s+(?:(?P<dir>past|last|next|coming|"
    rf"previous|following|first|final|latest|remaining|ensuing|year-earlier|initial|same|other)\s+)?)?"
)


@rule("duration", rf"\b{_DURATION_HEAD}(?P<n>{NUMBER}|{VAGUE_AMOUNTS})[\s-]+(?:(?:more|full|additional|straight|"
      rf"consecutive|long|short)\s+)?(?P<unit>{UNIT})s?(?P<long>-long|-old)?\b")
def _duration(m, doc, s, e):
    unit = unit_of(m["unit"])
    if capitalized(m["unit"]) and not sentence_start(doc.text, s):
        return None  # "60 Minutes": a title
    if m["long"] and m["long"].lower() == "-old":
        return None  # ages are not temporal expressions in TimeML news annotation
    if re.match(r"\s*old\b", doc.text[e:e + 5], re.IGNORECASE) or re.match(r"-old\b", doc.text[e:e + 5]):
        return None
    n_text = m["n"].lower()
    amount = None if re.fullmatch(VAGUE_AMOUNTS, n_text) else number(n_text)
    if re.fullmatch(r"\d+(\.\d+)?", n_text) and unit in ("quarter",) and not m["the"]:
        return None
    if unit == "quarter" and m["dir"] and amount:
        return Found("DURATION", duration_value(amount, unit), precision="interval")
    if unit == "night" and amount is None:
        return None
    value = duration_value(amount, "day" if unit == "night" else unit)
    return Found("DURATION", value, mod=approx_mod(m["approx"]), precision="interval")


@rule("unit_duration", rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<a>a|an|one|half\s+an?|a\s+half|the\s+full|a\s+full|"
      rf"an\s+entire|the\s+entire|a\s+whole|the\s+whole)[\s-]+(?P<unit>second|minute|hour|day|week|fortnight|month|"
      rf"year|decade|century|quarter)(?P<long>-long)?\b(?!-old|\s+old|{APOS}s)", priority=-1)
def _unit_duration(m, doc, s, e):
    unit = unit_of(m["unit"])
    a = re.sub(r"\s+", " ", m["a"].lower())
    amount = 0.5 if "half" in a else 1
    if re.match(r"\s+(?:and\s+a\s+half)\b", doc.text[e:e + 14], re.I):
        return None
    rate_unit = unit in ("day", "week", "month", "year", "hour", "quarter")
    if a in ("a", "an", "one") and rate_unit and _is_rate(doc.text, s):
        return Found("SET", duration_value(1, unit), precision="set")
    if a in ("a", "an") and not m["approx"] and not preceded_by(doc.text, s, r"(?:for|within|in|over|after|than|"
                                                                              r"about|nearly|almost|of|last|past|"
                                                                              r"only|just|least|to|take|took|takes|"
                                                                              r"spent|spend|lasted|last)"):
        return None
    if unit == "quarter":
        return None
    return Found("DURATION", duration_value(amount, unit), mod=approx_mod(m["approx"]), precision="interval")


def _is_rate(text: str, start: int) -> bool:
    """ "$1 billion a year", "twice a day", "50,000 CDs a year": a frequency, not a length of time."""
    before = text[max(0, start - 40):start].lower()
    return re.search(r"(?:\d|percent|%|times|twice|once|thrice|dollars?|euros?|cents?|\w+s)\s*$", before) is not None \
        and not re.search(r"\b(?:for|within|in|over|after|than|about|nearly|almost|of|last|past|only|just)\s*$", before)


@rule("bare_units", r"\b(?:(?:for|in|over|within|during|after)\s+)?(?P<span>(?:(?:the\s+)?(?:past|coming|next|last)\s+|"
      r"recent\s+)?(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes))\b"
      r"(?!\s+(?:ago|of\s+(?:age|experience)|old|earlier|later))", priority=-1)
def _bare_units(m, doc, s, e):
    """ "for years", "in recent months", "the coming weeks": a stretch of unstated length."""
    if m.start("span") == m.start("unit") and m.start("span") == m.start():
        return None  # a bare plural needs a preposition or a modifier to be a duration
    span = (s + m.start("span") - m.start(), e)
    return Found("DURATION", duration_value(None, unit_of(m["unit"])), precision="interval", span=span)


@rule("units_long", r"\b(?P<unit>decades|years|months|weeks|days|hours|centuries|(?P<one>decade|year|month|week|day|hour|"
      r"century))-long\b")
def _units_long(m, doc, s, e):
    """ "decades-long": an unspecified number of decades; "a day-long meeting": one day."""
    return Found("DURATION", duration_value(1 if m["one"] else None, unit_of(m["unit"])), precision="interval")


@rule("units_around_event", r"\b(?:in|during|over)\s+the\s+(?P<unit>days|weeks|months|years|hours)\s+(?:just\s+)?"
      r"(?:before|after|that\s+followed|following|leading\s+up\s+to|since|prior\s+to)\b")
def _units_around_event(m, doc, s, e):
    """ "in the weeks before the shooting": an unspecified stretch next to an event (TimeML marks the unit word)."""
    unit_start = s + m.start("unit") - m.start()
    return Found("DURATION", duration_value(None, unit_of(m["unit"])), precision="interval",
                 span=(unit_start, unit_start + len(m["unit"])))


@rule("week_of", rf"\bthe\s+week\s+of\s+(?P<m>{MONTH})\s+(?P<d>{DAY})\b(?:,?\s+(?P<y>{YEAR}))?", priority=1)
def _week_of(m, doc, s, e):
    month, day = month_number(m["m"]), int(re.match(r"\d+", m["d"])[0])
    found = date_with_month(doc, s, e, month, day, int(m["y"]) if m["y"] else None)
    cal = found.value
    return replace(found, value=cal.coarsen("week") if isinstance(cal, Cal) and cal.year else None)


# ---- sets


@rule("set_adverb", r"\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly|"
      r"fortnightly|semiannually|bimonthly)\b")
def _set_adverb(m, doc, s, e):
    value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M", "biweekly": "P2W", "fortnightly": "P2W",
             "semiannually": "P6M", "bimonthly": "P2M"}[m["w"].lower()]
    if m["w"].lower() == "daily" and (re.match(r"\s+[A-Z]", doc.text[e:e + 2]) or (
            capitalized(m["w"]) and doc.text[s - 2:s].strip() not in ("", "."))):
        return None  # "the party daily Granma", "Daily Mail": a newspaper
    return Found("SET", value, precision="set")


@rule("set_every", rf"\b(?P<q>every|each|per|a|an)\s+(?:(?P<n>other|{NUMBER})\s+)?(?P<unit>second|minute|hour|day|"
      rf"night|week|weekend|month|quarter|year|decade|morning|afternoon|evening|{MONTH}|spring|summer|fall|autumn|"
      rf"winter)s?\b(?!\s+(?:ago|earlier|later|before|after))", priority=1)
def _set_every(m, doc, s, e):
    q = m["q"].lower()
    word = m["unit"]
    if q in ("a", "an") and (m["n"] or not _is_rate(doc.text, s) or word.lower() in PARTS_OF_DAY):
        return None
    if word[:1].isupper() and word.lower().rstrip(".") in MONTHS:
        return Found("SET", f"XXXX-{month_number(word):02d}", precision="set")
    low = word.lower()
    if low in SEASONS:
        return Found("SET", f"XXXX-{SEASONS[low]}", precision="set")
    if low in PARTS_OF_DAY:
        return Found("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[low]}", precision="set")
    n = 2 if (m["n"] or "").lower() == "other" else (number(m["n"]) if m["n"] else 1)
    return Found("SET", duration_value(n, unit_of(low) if low != "night" else "day"), precision="set")


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
    if w == "the future" and not preceded_by(doc.text, s, r"(?:in|for|into)"):
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
