"""Title, outlet, author and publication date from the page metadata, the ingest hints and the text.

Order of trust: what the input said in a field (hints), then the page's
metadata, then what the text itself shows (credit lines, bylines, bios,
mastheads, date lines). One exception: a credit line ("Source: X",
"Originally published on X") names the original outlet of a republished
text, so it wins over the name of the site that republished it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.clean.dates import FoundDate, date_line, parse_date
from dossier.clean.lines import JunkLine
from dossier.clean.metalines import bio, same_person
from dossier.clean.shape import is_headline_like, is_prose

# Outlet clues in the text, most explicit first.
OUTLET_REASONS = ("source line", "donation appeal", "author bio", "disclaimer", "masthead")
CONFIDENCE = {"field": 0.9, "metadata": 0.85, "text": 0.75}


@dataclass
class Dated:
    value: str
    precision: str
    how: str
    confidence: float


def title_from_text(lines: list[str], junk: dict[int, JunkLine]) -> str | None:
    """The first kept line when it is shaped like a headline; None when the text opens with body prose."""
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or i in junk:
            continue
        return s if is_headline_like(s) and not is_prose(s) else None
    return None


def outlet_from_junk(junk: list[JunkLine]) -> str | None:
    """The outlet named by a credit line, an appeal, a bio, a disclaimer or a masthead, in that order."""
    for reason in OUTLET_REASONS:
        for j in junk:
            value = _outlet_named(j) if j.reason == reason else None
            if value:
                return value
    return None


def _outlet_named(j: JunkLine) -> str | None:
    """The outlet a junk line names: its value, or the "for X" of an author bio."""
    if j.field == "bio" and j.value:
        found = bio(j.value)
        return found.outlet if found else None
    return j.value if j.field == "outlet" else None


def author_from_junk(junk: list[JunkLine]) -> str | None:
    """The byline's name; a bio's spelling wins when it names the same person differently."""
    bylines = [j.value for j in junk if j.field == "author" and j.value]
    bios = [b.name for j in junk if j.field == "bio" and j.value and (b := bio(j.value))]
    if not bylines:
        return bios[0] if bios else None
    for name in bios:
        if same_person(bylines[0], name):
            return name
    return bylines[0]


def published(hint: str | None, page_date: str | None, junk: list[JunkLine]) -> Dated | None:
    """The publication date: an ingest field, the page's metadata, or a date line in the text."""
    for how, text in (("field", hint), ("metadata", page_date)):
        found = parse_date(text) if text else None
        if found:
            return _dated(found, how)
    for j in junk:
        if j.field == "published" and j.value:
            found = date_line(j.value)
            if found:
                return _dated(found, "text")
    return None


def _dated(found: FoundDate, how: str) -> Dated:
    return Dated(found.value, found.precision, how, CONFIDENCE[how])
