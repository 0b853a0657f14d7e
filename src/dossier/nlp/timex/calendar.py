"""Calendar values at a precision (TIMEX3 value strings) and the arithmetic on them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta


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
        if RANK[precision] <= RANK[self.precision] or self.year is None:
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
        if self.month is None:
            day = f"{y}-WXX-{self.weekday}" if self.weekday else f"{y}-XX-XX"
        else:
            day = f"{y}-{self.month:02d}-" + ("XX" if self.day is None else f"{self.day:02d}")
        return f"{day}T{self.clock}" if p == "time" and self.clock else day


RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4, "half": 5, "year": 6,
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
            return replace(cal, year=y, month=m + 1, day=min(cal.day, month_length(y, m + 1)))
        return moved.coarsen(cal.precision) if cal.precision != "month" else moved
    years = amount * {"year": 1, "decade": 10, "century": 100}.get(unit, 0)
    if years == 0:  # a unit finer than the value: the value stays, at its own precision
        return cal
    if cal.month == 2 and cal.day == 29:
        return replace(cal, year=cal.year + years, day=28)
    return replace(cal, year=cal.year + years)


def month_length(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def _year(text: str) -> int | None:
    return None if text == "XXXX" else int(text)


_VALUE_PATTERNS: list[tuple[str, Callable[[re.Match], Cal]]] = [
    (r"(\d{4}|XXXX)-(\d\d)-(\d\d)(?:T(\d\d:\d\d|MO|AF|EV|NI))?",
     lambda m: Cal("time" if m[4] else "day", _year(m[1]), int(m[2]), int(m[3]), clock=m[4])),
    (r"(\d{4}|XXXX)-(\d\d)", lambda m: Cal("month", _year(m[1]), int(m[2]))),
    (r"(\d{4})-W(\d\d)", lambda m: Cal("week", int(m[1]), week=int(m[2]))),
    (r"(\d{4})-Q([1-4])", lambda m: Cal("quarter", int(m[1]), quarter=int(m[2]))),
    (r"(\d{4})-H([12])", lambda m: Cal("half", int(m[1]), half=int(m[2]))),
    (r"(\d{4})-(SP|SU|FA|WI)", lambda m: Cal("season", int(m[1]), season=m[2])),
    (r"(\d{4})", lambda m: Cal("year", int(m[1]))),
    (r"(\d{3})", lambda m: Cal("decade", int(m[1]) * 10)),
    (r"(\d{2})", lambda m: Cal("century", int(m[1]) * 100)),
]


def parse_value(value: str) -> Cal | None:
    """The Cal a TIMEX3 date value spells ("2022-10-10", "XXXX-02-24", "2022-W11", "2023-Q1", "198"), or None."""
    for pattern, build in _VALUE_PATTERNS:
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
