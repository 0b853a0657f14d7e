"""Junk found by position: mastheads, what precedes the headline, the head and the tail of the text.

The head runs from the top to the first paragraph of prose; the tail from the
last on-topic paragraph of prose to the end. Bylines, date lines, bios and
teasers live there; the body between is left alone.
"""

from __future__ import annotations

import re
from collections import Counter

from dossier.clean.dates import date_line
from dossier.clean.lines import Doc, Known
from dossier.clean.metalines import bare_name, bio, is_masthead_shape
from dossier.clean.shape import is_headline_like, is_prose, is_snippet, words
from dossier.clean.topic import Topic

HEAD_LINES = 3  # a masthead stands among the first lines ...
TAIL_LINES = 5  # ... or the last ones
BIO_WINDOW = 4  # an author bio is among the last lines still unmarked
MAX_NAME_CHARS = 40
MAX_PREFIX_SHARE = 0.3  # text before the headline is dropped only when it is a small part of the page


def normalized(line: str) -> str:
    """A line compared loosely: case, spacing and surrounding punctuation ignored."""
    return re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\W_]+$", "", line)).casefold()


def mark_mastheads(doc: Doc, known: Known) -> None:
    """Mark a site name printed above or below the article: a short line repeated, or the known outlet."""
    nonblank = doc.nonblank
    edges = set(nonblank[:HEAD_LINES] + nonblank[-TAIL_LINES:])
    counts = Counter(normalized(doc.lines[i]) for i in nonblank)
    title = normalized(known.title or "")
    outlet = normalized(known.outlet or "")
    for i in doc.open():
        line = doc.lines[i]
        key = normalized(line)
        if not is_masthead_shape(line) or not key or key == title:
            continue
        repeated = counts[key] >= 2 and any(normalized(doc.lines[j]) == key for j in edges)
        if repeated or (key == outlet and i in edges):
            doc.mark(i, "masthead", "outlet", line)


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
        elif n > 0 and _is_author_line(line):
            doc.mark(i, "byline", "author", bare_name(line))


def mark_tail(doc: Doc, topic: Topic) -> None:
    """Mark what follows the body: bios, bylines, date lines, snippets and off-topic lines."""
    mark_bios(doc, topic)
    end = body_end(doc, topic)
    if end is None:
        return
    tail = [i for i in doc.open() if i > end]
    for n, i in enumerate(tail):
        following = doc.lines[tail[n + 1]] if n + 1 < len(tail) else ""
        reason, field, value = _tail_verdict(doc.lines[i], following, topic)
        if reason:
            doc.mark(i, reason, field, value)


def mark_bios(doc: Doc, topic: Topic) -> None:
    """Mark an author bio among the last lines when it is set apart from the body."""
    last = doc.open()[-BIO_WINDOW:]
    for n, i in enumerate(last):
        found = bio(doc.lines[i])
        if not found:
            continue
        after_name = n > 0 and bare_name(doc.lines[last[n - 1]]) is not None
        if after_name or topic.off_topic(doc.lines[i], counted=True):
            doc.mark(i, "author bio", "bio", doc.lines[i])


def body_end(doc: Doc, topic: Topic) -> int | None:
    """The last unmarked paragraph of prose about the body's topic."""
    for i in reversed(doc.open()):
        line = doc.lines[i]
        if is_prose(line) and not topic.off_topic(line, counted=True):
            return i
    return None


def _tail_verdict(line: str, following: str, topic: Topic) -> tuple[str | None, str | None, str | None]:
    """Why a line after the body is junk (reason, metadata field, value), or Nones to keep it."""
    if date_line(line):
        return "date line", "published", line
    if _is_author_line(line):
        return "byline", "author", bare_name(line)
    if is_snippet(line):
        return "teaser", None, None
    if is_headline_like(line) and is_snippet(following):
        return "teaser", None, None
    if (is_headline_like(line) or is_prose(line)) and topic.off_topic(line):
        return "off-topic line", None, None
    return None, None, None


def _is_author_line(line: str) -> bool:
    """A line that is only a person's name (a signature or a byline without "By")."""
    name = bare_name(line)
    return name is not None and len(name) <= MAX_NAME_CHARS
