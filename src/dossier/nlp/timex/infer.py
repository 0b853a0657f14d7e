"""Dating an undated article from the temporal expressions in its own body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import timedelta

from dossier.nlp.timex.calendar import Cal, parse_anchor, parse_value
from dossier.nlp.timex.context import Timex, tense_near
from dossier.nlp.timex.extract import find_timexes
from dossier.nlp.timex.lexicon import WEEKDAY, WEEKDAYS


@dataclass(frozen=True)
class _Clue:
    """One expression seen from an undated article: what it pins down and in which tense it is told."""

    timex: Timex
    cal: Cal | None
    tense: str | None
    weekday: int | None
    year_offset: int = 0  # "last year, on February 24": a yearless date in the year before the article's


_RELATIVE_YEAR = re.compile(r"(?i)(last|this|next)\s+year")


def _clues(text: str, timexes: Iterable[Timex]) -> list[_Clue]:
    clues, previous = [], None
    for t in timexes:
        weekday = _weekday_named(t) if t.type in ("DATE", "TIME") else None
        cal = None
        if t.type in ("DATE", "TIME") and t.value:
            cal = parse_value(t.value)
        if cal is not None or weekday is not None:
            clues.append(_Clue(t, cal, tense_near(text, t.start, t.end), weekday, _year_offset(text, previous, t)))
        previous = t
    return clues


def _year_offset(text: str, previous: Timex | None, t: Timex) -> int:
    if previous is None or not re.fullmatch(r"[\s,]*(?:on|in)?\s*", text[previous.end:t.start]):
        return 0
    m = _RELATIVE_YEAR.fullmatch(previous.text)
    return {"last": -1, "this": 0, "next": 1}[m[1].lower()] if m else 0


def _weekday_named(t: Timex) -> int | None:
    m = re.search(rf"\b({WEEKDAY})\b", t.text)
    return WEEKDAYS[m[1].lower()] if m and t.type != "SET" else None


def _year_bounds(clues: list[_Clue]) -> tuple[int | None, int | None]:
    """Years the article must be from: not before a year it tells in the past, not after one it awaits."""
    low = high = None
    for c in clues:
        if c.cal is None or c.cal.year is None or c.timex.relative or c.cal.precision in ("decade", "century"):
            continue
        if c.tense == "future":
            high = c.cal.year if high is None else min(high, c.cal.year)
        else:
            low = c.cal.year if low is None else max(low, c.cal.year)
    return low, high


def _news_weekday(clues: list[_Clue]) -> int | None:
    """The weekday of writing: the one that puts every past weekday mentioned in the shortest span before it.

    News names the days of the last week ("on Monday", "Saturday's attack"); the
    day of writing is the one after which they all fall closest.
    """
    past = {c.weekday for c in clues if c.weekday and c.tense != "future"}
    if not past:
        return None
    def spread(day: int) -> tuple[int, int]:
        backs = [(day - w) % 7 for w in past]
        return max(backs), sum(backs)
    return min(range(1, 8), key=spread)


def _latest_dated(clues: list[_Clue], year: int | None) -> tuple[Cal, _Clue] | None:
    """The latest day or month told in the past, its year filled in where the text left it out."""
    best = None
    for c in clues:
        if c.cal is None or c.tense == "future" or c.cal.precision not in ("day", "month", "time"):
            continue
        cal = c.cal if c.cal.year is not None else (
            replace(c.cal, year=year + c.year_offset) if year is not None else None)
        if cal is None or (c.weekday and cal.precision != "month" and cal.as_date().isoweekday() != c.weekday):
            continue
        if best is None or cal.as_date() > best[0].as_date():
            best = (cal.coarsen("day") if cal.precision == "time" else cal, c)
    return best


_REPORTED = re.compile(r"(?i)\b(?:said|says|told|announced|reported|stated|declared|added|confirmed|denied|warned)"
                       r"(?:\s+\w+)?\s+(?:on\s+)?$")


def infer_publication_date(text: str, timexes: Iterable[Timex] | None = None,
                           around: str | None = None) -> tuple[str, str, float] | None:
    """Date an article from its own body: (ISO value, precision, confidence in [0, 1]) or None.

    ``text`` is the clean body (never junk lines: teasers date other pages).
    ``around`` is an optional date known from elsewhere (a feed, a crawl, other
    articles of the same story): it fixes the year or the week that weekday names
    and yearless dates leave open. The estimate rests on news convention: an
    article is written on, or just after, the last day it reports ("said on
    Tuesday", "Saturday's attack"); years told in the past only bound it from
    below, so they alone date nothing. Precision is kept: a day, a month interval
    ("2022-10/2022-12") or a year.
    """
    clues = _clues(text, timexes if timexes is not None else find_timexes(text, None))
    hint = parse_anchor(around)
    weekday = _news_weekday(clues)
    if hint is not None and hint.precision == "day":
        return _near_hint(clues, weekday, hint)
    low, high = _year_bounds(clues)
    year, year_confidence = _estimate_year(low, high, hint)
    year_known = hint is not None or high is not None  # a year told in the past is only a lower bound
    latest = _latest_dated(clues, year if year_known else None)
    if hint is not None and hint.precision == "month" and latest is not None \
            and latest[0].coarsen("month").value != hint.value:
        latest = None  # a day outside the month we know of is background, not the news of the day
    if latest is not None and _is_news_peg(text, latest, weekday):
        return _on_news_peg(latest[0], weekday, year_confidence if latest[1].cal.year is None else 0.9)
    if year is None or not year_known:
        return None
    if hint is not None and hint.precision == "month":
        return hint.value, "month", 0.5
    if latest is not None and latest[0].year == year:
        start = latest[0].month
        return (f"{year}-{start:02d}/{year}-12", "interval", round(0.8 * year_confidence, 2)) if start < 12 else (
            f"{year}-12", "month", round(0.8 * year_confidence, 2))
    return str(year), "year", round(year_confidence, 2)


def _estimate_year(low: int | None, high: int | None, hint: Cal | None) -> tuple[int | None, float]:
    if hint is not None:
        return hint.year, 0.9
    if low is not None and high is not None and low <= high:
        return low, 0.5
    if high is not None:
        return high - 1, 0.3  # "could come in the early months of 2023": written the year before
    return low, 0.2


def _is_news_peg(text: str, latest: tuple[Cal, _Clue], weekday: int | None) -> bool:
    """The latest day told is the day's news when it is reported ("said on Jan. 24") or named with its weekday."""
    cal, clue = latest
    if cal.precision != "day":
        return False
    reported = _REPORTED.search(text, max(0, clue.timex.start - 40), clue.timex.start) is not None
    return reported or clue.weekday is not None or weekday == cal.as_date().isoweekday()


def _on_news_peg(day: Cal, weekday: int | None, year_confidence: float) -> tuple[str, str, float]:
    """Written on the news day, or on the first later day that has the weekday of writing."""
    d = day.as_date()
    if weekday is not None:
        d += timedelta(days=(weekday - d.isoweekday()) % 7)
    confidence = 0.75 if d == day.as_date() else 0.6
    return d.isoformat(), "day", round(confidence * year_confidence / 0.9, 2)


def _near_hint(clues: list[_Clue], weekday: int | None, hint: Cal) -> tuple[str, str, float]:
    """With a known date nearby: the day of the weekday of writing nearest it, else the latest day reported near it."""
    h = hint.as_date()
    if weekday is not None:
        ahead = (weekday - h.isoweekday()) % 7
        return (h + timedelta(days=ahead if ahead <= 3 else ahead - 7)).isoformat(), "day", 0.65
    latest = _latest_dated(clues, hint.year)
    if latest is not None and latest[0].precision == "day" and abs((latest[0].as_date() - h).days) <= 7:
        return latest[0].as_date().isoformat(), "day", 0.55
    return h.isoformat(), "day", 0.3
