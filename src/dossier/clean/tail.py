"""Junk found by position at the end: what follows the last paragraph of the body.

After the body come bios, bylines, date lines, comment-form labels, teaser
headlines and their cut-off snippets, and promotions. Lexical overlap with the
body is a good signal on short headline-shaped lines and a weak one on prose
(body sentences often share few words with the rest), so prose goes only when
it shares no words with the body and stands under an off-topic heading.
"""

from __future__ import annotations

from dossier.clean.dates import date_line
from dossier.clean.lines import Doc
from dossier.clean.metalines import bare_name, bio, is_author_line, same_person
from dossier.clean.patterns import FORM_LABEL
from dossier.clean.shape import is_headline_like, is_post_attribution, is_prose, is_snippet
from dossier.clean.topic import Topic

BIO_WINDOW = 4  # an author bio is among the last lines still unmarked
PROMOTION_OVERLAP = 0.05


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
    indexes = doc.open()
    lines = [doc.lines[i] for i in indexes]
    for n in range(len(lines) - 1, -1, -1):
        line = lines[n]
        if is_post_attribution(line) or (is_prose(line) and not is_promotion(line, lines[n - 1] if n else "", topic)):
            return indexes[n]
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
    if not any(ch.isalpha() for ch in line):
        return "decoration", None, None
    if is_author_line(line):
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
