"""Blocks opened by a heading: donation appeals and "Related"/"More like this" teaser lists."""

from __future__ import annotations

from dossier.clean.lines import Doc
from dossier.clean.metalines import appeal_outlet
from dossier.clean.patterns import APPEAL_CUES, APPEAL_HEADING, APPEAL_LINE, TAGS_LABEL, TEASER_HEADING
from dossier.clean.shape import is_headline_like, is_prose, words
from dossier.clean.topic import Topic

MAX_TAG_WORDS = 4
MIN_PROSE_BEFORE_APPEAL = 2  # an appeal follows an article; a letter to readers that *is* the article stays


def mark_appeals(doc: Doc) -> None:
    """Mark donation and subscription appeals: a heading and the lines addressing the reader under it."""
    for i in doc.open():
        if i in doc.marks:
            continue
        line = doc.lines[i]
        if APPEAL_HEADING.match(line) and doc.prose_before(i) >= MIN_PROSE_BEFORE_APPEAL:
            outlet = appeal_outlet(line)
            doc.mark(i, "donation appeal", "outlet" if outlet else None, outlet)
            _mark_appeal_body(doc, i)
        elif APPEAL_LINE.search(line) and APPEAL_CUES.search(line) and doc.prose_before(i) >= 1:
            doc.mark(i, "donation appeal")


def _mark_appeal_body(doc: Doc, heading: int) -> None:
    """Mark the lines after an appeal heading while they speak to the reader about support."""
    for j in doc.nonblank:
        if j <= heading or j in doc.marks:
            continue
        if not APPEAL_CUES.search(doc.lines[j]):
            return
        doc.mark(j, "donation appeal")


def mark_tag_lists(doc: Doc) -> None:
    """Mark the tags listed one per short line under a "Tags" or "Topics" label, up to a gap or a heading."""
    for i in doc.nonblank:
        if TAGS_LABEL.match(doc.lines[i]) and doc.prose_before(i) > 0:
            doc.mark(i, "tags")
            _mark_tags_under(doc, i)


def _mark_tags_under(doc: Doc, label: int) -> None:
    """Mark the short lines right under a tags label."""
    for j in range(label + 1, len(doc.lines)):
        line = doc.lines[j]
        if not line:
            if j > label + 1:
                return
            continue
        if j in doc.marks or TEASER_HEADING.match(line) or len(words(line)) > MAX_TAG_WORDS or is_prose(line):
            return
        doc.mark(j, "tags")


def body_topic(doc: Doc) -> Topic:
    """The vocabulary of what still looks like the article: its prose lines and its first headline."""
    lines = [doc.lines[i] for i in doc.open() if is_prose(doc.lines[i])]
    first = next(iter(doc.open()), None)
    if first is not None and is_headline_like(doc.lines[first]):
        lines.append(doc.lines[first])
    return Topic(lines)


def mark_teaser_blocks(doc: Doc, topic: Topic) -> None:
    """Mark teaser headings and the headlines and snippets listed under them, until the body resumes."""
    for i in doc.nonblank:
        if i in doc.marks or not TEASER_HEADING.match(doc.lines[i]):
            continue
        doc.mark(i, "teaser heading")
        _mark_teaser_list(doc, i, topic)


def _mark_teaser_list(doc: Doc, heading: int, topic: Topic) -> None:
    """Mark the entries of a teaser list; an on-topic paragraph of prose ends it."""
    for j in doc.nonblank:
        if j <= heading or j in doc.marks:
            continue
        line = doc.lines[j]
        if TEASER_HEADING.match(line):
            doc.mark(j, "teaser heading")
        elif is_prose(line) and not topic.off_topic(line):
            return
        else:
            doc.mark(j, "teaser")
