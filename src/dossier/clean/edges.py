"""Junk found by position: mastheads, what precedes the headline, the head and the tail of the text.

The head runs from the top to the first paragraph of prose; the tail from the
last on-topic paragraph of prose to the end. Bylines, date lines, bios and
teasers live there; the body between is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dossier.clean.dates import date_line
from dossier.clean.lines import Doc, Known
from dossier.clean.metalines import bare_name, bio, is_masthead_shape, same_person
from dossier.clean.patterns import FORM_LABEL
from dossier.clean.shape import is_headline_like, is_post_attribution, is_prose, is_snippet, words
from dossier.clean.topic import Topic

BIO_WINDOW = 4  # an author bio is among the last lines still unmarked
MAX_NAME_CHARS = 40
MAX_LONE_MASTHEAD_WORDS = 4
PUBLICATION_WORD = re.compile(
    r"\b(?:news|times|post|daily|herald|tribune|journal|gazette|today|online|press|agency|media|magazine|weekly|"
    r"chronicle|observer|courier|telegraph|express|mail|standard|review|report|tv|radio|info)\b|\.(?:com|net|org|[a-z]{2})\b",
    re.I,
)
MAX_PREFIX_SHARE = 0.3
# Body sentences often share few words with the rest (overlap is a weak signal on prose): a prose line
# after the body is junk only when it shares none and stands under an off-topic heading.
PROMOTION_OVERLAP = 0.05  # text before the headline is dropped only when it is a small part of the page


@lru_cache(maxsize=8192)
def normalized(line: str) -> str:
    """A line compared loosely: case, spacing and surrounding punctuation ignored."""
    return re.sub(r"\s+", " ", re.sub(r"^[\W_]+|[\W_]+$", "", line)).casefold()


def mark_mastheads(doc: Doc, known: Known, topic: Topic) -> None:
    """Mark a site name printed above and below the article (a short line repeated there), or the known outlet."""
    prose = [i for i in doc.open() if is_prose(doc.lines[i])]
    if not prose:
        return
    head = [i for i in doc.open() if i < prose[0]]
    tail = [i for i in doc.open() if i > prose[-1]]
    head_keys = {normalized(doc.lines[i]) for i in head}
    tail_keys = {normalized(doc.lines[i]) for i in tail}
    title = normalized(known.title or "")
    outlet = normalized(known.outlet or "")
    for i in head + tail:
        line = doc.lines[i]
        key = normalized(line)
        if not key or key == title or not is_masthead_shape(line):
            continue
        if (key in head_keys and key in tail_keys) or key == outlet:
            doc.mark(i, "masthead", "outlet", line)
    mark_lone_masthead(doc, head, topic, title)


def mark_lone_masthead(doc: Doc, head: list[int], topic: Topic, title: str) -> None:
    """Mark a site name printed once above the headline: a short first line, named like a publication
    or sharing no words with the body, with another headline-shaped line after it."""
    open_head = [i for i in head if i not in doc.marks]
    if len(open_head) < 2 or not is_headline_like(doc.lines[open_head[1]]):
        return
    first = doc.lines[open_head[0]]
    if normalized(first) == title or len(words(first)) > MAX_LONE_MASTHEAD_WORDS or not is_masthead_shape(first):
        return
    if PUBLICATION_WORD.search(first) or topic.off_topic(first):
        doc.mark(open_head[0], "masthead", "outlet", first)


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
    tail = [i for i in doc.open() if i >= end]
    for n in range(1, len(tail)):
        following = doc.lines[tail[n + 1]] if n + 1 < len(tail) else ""
        reason, field, value = _tail_verdict(doc.lines[tail[n]], doc.lines[tail[n - 1]], following, topic)
        if reason:
            doc.mark(tail[n], reason, field, value)


def mark_bios(doc: Doc, topic: Topic) -> None:
    """Mark an author bio among the last lines when it is set apart from the body: under a name,
    naming the byline's author, or about something other than the body."""
    last = doc.open()[-BIO_WINDOW:]
    bylines = [j.value for j in doc.marks.values() if j.field == "author" and j.value]
    for n, i in enumerate(last):
        found = bio(doc.lines[i])
        if not found or _body_after(doc, i):
            continue
        after_name = n > 0 and bare_name(doc.lines[last[n - 1]]) is not None
        of_author = any(same_person(found.name, name) for name in bylines)
        if after_name or of_author or topic.off_topic(doc.lines[i]):
            doc.mark(i, "author bio", "bio", doc.lines[i])


def _body_after(doc: Doc, index: int) -> bool:
    """True when a paragraph of prose other than a bio follows the line."""
    return any(is_prose(doc.lines[i]) and not bio(doc.lines[i]) for i in doc.open() if i > index)


def body_end(doc: Doc, topic: Topic) -> int | None:
    """The last unmarked paragraph of prose that is not a promotion, or the signature of a post the body quotes."""
    lines = [doc.lines[i] for i in doc.open()]
    for n in range(len(lines) - 1, -1, -1):
        line = lines[n]
        if is_post_attribution(line):
            return doc.open()[n]
        if is_prose(line) and not is_promotion(line, lines[n - 1] if n else "", topic):
            return doc.open()[n]
    return None


def is_promotion(line: str, previous: str, topic: Topic) -> bool:
    """Prose under an off-topic heading that shares no words with the body ("Pick Six Newsletter" / "Get the ...")."""
    share = topic.overlap(line)
    if share is None or share > PROMOTION_OVERLAP:
        return False
    return is_headline_like(previous) and topic.off_topic(previous)


def _tail_verdict(line: str, previous: str, following: str, topic: Topic) -> tuple[str | None, str | None, str | None]:
    """Why a line after the body is junk (reason, metadata field, value), or Nones to keep it."""
    if date_line(line):
        return "date line", "published", line
    if FORM_LABEL.match(line):
        return "comment form", None, None
    if not any(ch.isalnum() for ch in line):
        return "decoration", None, None
    if _is_author_line(line):
        return "byline", "author", bare_name(line)
    if is_snippet(line):
        return "teaser", None, None
    if is_headline_like(line) and is_snippet(following):
        return "teaser", None, None
    if is_headline_like(line) and topic.off_topic(line):
        return "off-topic line", None, None
    if is_prose(line) and is_promotion(line, previous, topic):
        return "promotion", None, None
    return None, None, None


def _is_author_line(line: str) -> bool:
    """A line that is only a person's name (a signature or a byline without "By")."""
    name = bare_name(line)
    return name is not None and len(name) <= MAX_NAME_CHARS
