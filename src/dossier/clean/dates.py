"""Publication dates from explicit strings, kept at the precision the source gave.

Only absolute dates are read here (a year must be written); relative words such
as "yesterday" or "on Monday" are left to the time stage, which knows the
reference date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from dossier.model import Precision

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
_LABEL = re.compile(
    r"^[\W_]*(?:(?:first |originally )?published|posted|updated|last updated|last modified|modified|date|datum|fecha|"
    r"publié|publicado|pubblicato|veröffentlicht|aktualisiert|stand)(?: on| at| am| le| el)?\s*[:|]?\s*",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*))?", re.IGNORECASE
)
_TRAILING_NOISE = re.compile(r"\s*(?:[|•·]\s*\d+\s*min(?:ute)?s? read|[|•·].*)$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})([T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$")
MAX_DATE_LINE_WORDS = 12

_PERIOD_PRECISION: dict[str, Precision] = {
    "time": "second",
    "day": "day",
    "week": "day",
    "month": "month",
    "year": "year",
}


@dataclass(frozen=True)
class FoundDate:
    value: str  # ISO 8601 cut to its precision
    precision: Precision


@lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(settings={"RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"})


def iso_at(moment: datetime, precision: Precision) -> str:
    """``moment`` written in ISO 8601 down to ``precision`` ("2022-10", "2022-10-10", ...)."""
    if precision == "year":
        return f"{moment.year:04d}"
    if precision == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if precision == "second":
        return moment.isoformat(timespec="seconds")
    return moment.date().isoformat()


def parse_date(text: str) -> FoundDate | None:
    """An explicit date with its precision, or None when the text holds no date with a year."""
    text = text.strip()
    if _ISO.match(text):
        return _iso_date(text)
    if not text or not _YEAR.search(text) or len(text) > 120:
        return None
    data = _parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    precision = _PERIOD_PRECISION.get(data.period or "day", "day")
    return FoundDate(iso_at(data.date_obj, precision), precision)


def _iso_date(text: str) -> FoundDate | None:
    """An ISO 8601 date read without dateparser ("2022-10-10", "2022-10", "2022-10-10T08:00:00Z"); None if invalid."""
    m = _ISO.match(text)
    try:
        if m.group(4):
            return FoundDate(iso_at(datetime.fromisoformat(text), "second"), "second")
        if m.group(3):
            return FoundDate(datetime.fromisoformat(text).date().isoformat(), "day")
    except ValueError:
        return None
    year, month = int(m.group(1)), m.group(2)
    if month:
        return FoundDate(f"{year:04d}-{month}", "month") if 1 <= int(month) <= 12 else None
    return FoundDate(f"{year:04d}", "year") if 1000 <= year <= 2999 else None


def date_line(line: str) -> FoundDate | None:
    """The date of a line that is only a date, optionally labelled ("Published: 3 May 2023, 10:30")."""
    s = _TRAILING_NOISE.sub("", line.strip())
    if not s or len(s.split()) > MAX_DATE_LINE_WORDS:
        return None
    labelled = _LABEL.match(s)
    rest = s[labelled.end() :] if labelled else s
    if not _YEAR.search(rest) or _has_other_words(rest):
        return None
    return parse_date(rest)


def _has_other_words(text: str) -> bool:
    """True when, besides date words, the text has enough words to be a sentence."""
    without_clock = _CLOCK.sub(" ", text)
    letters = re.findall(r"[^\W\d_]{2,}", without_clock)
    return len(letters) > 4
