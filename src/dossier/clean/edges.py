"""Junk found by position at the top: what precedes the known headline, date lines and bare bylines.

The head runs from the top to the first paragraph of prose; bylines and date
lines live there, above the body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dossier.clean.dates import date_line
from dossier.clean.lines import Doc, Known
from dossier.clean.metalines import bare_name, is_author_line
from dossier.clean.shape import words

MAX_PREFIX_SHARE = 0.3  # text before the headline is dropped only when it is a small part of the page


@lru_cache(maxsize=8192)
def normalized(line: str) -> str:
    """A line compared loosely: case, spacing and surrounding punctuation ignored."""
    return re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\W_]+$", "", line)).casefold()


def mark_before_headline(doc: Doc, known: Known) -> None:
    """Mark what precedes the known headline (navigation, other stories' teasers) when it is short."""
    if not known.title:
        return
    title = normalized(known.title)
    nonblank = doc.nonblank
    at = next((i for i in nonblank if normalized(doc.lines[i]) == title), None)
    if at is None:
        return
    before = [i for i in nonblank if i < at]
    total = sum(len(words(doc.lines[i])) for i in nonblank)
    if before and sum(len(words(doc.lines[i])) for i in before) <= MAX_PREFIX_SHARE * total:
        for i in before:
            doc.mark(i, "before headline")
    for i in nonblank:
        if i > at and normalized(doc.lines[i]) == title:
            doc.mark(i, "repeated title")


def mark_head(doc: Doc) -> None:
    """Mark date lines and bare bylines between the top and the first paragraph of prose."""
    start = doc.first_prose()
    head = [i for i in doc.open() if start is None or i < start]
    for n, i in enumerate(head):
        line = doc.lines[i]
        if date_line(line):
            doc.mark(i, "date line", "published", line)
        elif n > 0 and is_author_line(line):
            doc.mark(i, "byline", "author", bare_name(line))
