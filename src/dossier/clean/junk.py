"""Find scraping junk in article text, line by line, with the reason for each.

Signals, in order: phrases of page furniture (comment forms, share widgets,
newsletter boxes); metadata lines (source credits, bylines, mastheads); blocks
opened by a heading (appeals, "Related" teasers); then position, shape and
topic: what follows the last body paragraph and is cut off ("..."), shaped like
a name, or about something else is not the article.
"""

from __future__ import annotations

import re

from dossier.clean import blocks, edges, mastheads, tail
from dossier.clean.lines import Doc, JunkLine, Known
from dossier.clean.metalines import byline, disclaimer_outlet, source_credit, syndication_credit
from dossier.clean.patterns import CONTAINED_TABLE, DISCLAIMER, FURNITURE_TABLE, PREFIXED_TABLE, SHARE_BAR_WORDS
from dossier.clean.shape import is_prose, words

__all__ = ["JunkLine", "Known", "find_junk"]

MAX_CONTAINED_WORDS = 40
MAX_PREFIXED_WORDS = 30
_BREADCRUMB = re.compile(r"(?:\s(?:>|»|›|/|\|)\s.*){2,}")


def find_junk(lines: list[str], known: Known | None = None) -> list[JunkLine]:
    """Junk lines with reasons, in text order; blank lines are neither junk nor body."""
    doc = Doc.of(lines)
    known = known or Known()
    mark_furniture(doc)
    mark_credits(doc, known)
    blocks.mark_appeals(doc)
    blocks.mark_tag_lists(doc)
    topic = blocks.body_topic(doc)
    blocks.mark_teaser_blocks(doc, topic)
    edges.mark_before_headline(doc, known)
    mastheads.mark_mastheads(doc, known, topic)
    edges.mark_head(doc)
    tail.mark_tail(doc, topic)
    return [doc.marks[i] for i in sorted(doc.marks)]


def mark_furniture(doc: Doc) -> None:
    """Mark lines that are page furniture by their words alone."""
    for i in doc.nonblank:
        reason = furniture_reason(doc.lines[i])
        if reason:
            doc.mark(i, reason)


def furniture_reason(line: str) -> str | None:
    """Why a line is page furniture, or None when its words do not say so."""
    reason = FURNITURE_TABLE.match(line)
    if reason:
        return reason
    n = len(words(line))
    if n <= MAX_CONTAINED_WORDS:
        reason = CONTAINED_TABLE.search(line)
        if reason:
            return reason
    if n <= MAX_PREFIXED_WORDS or line.lstrip("(").lower().startswith(("reporting", "additional reporting")):
        reason = PREFIXED_TABLE.match(line)
        if reason:
            return reason
    if n <= 12 and _BREADCRUMB.search(" " + line):
        return "navigation"
    if is_share_bar(line):
        return "share widget"
    return None


def is_share_bar(line: str) -> bool:
    """A row of share buttons: two or more words, all names of networks or share actions."""
    tokens = [t.lower() for t in words(line)]
    return len(tokens) >= 2 and all(t in SHARE_BAR_WORDS for t in tokens)


def mark_credits(doc: Doc, known: Known) -> None:
    """Mark credits ("Source: X", "Originally published on X"), "By X" bylines and opinion disclaimers."""
    prose = [i for i in doc.open() if is_prose(doc.lines[i])]
    for i in doc.open():
        line = doc.lines[i]
        outlet = source_credit(line) or syndication_credit(line)
        if outlet:
            doc.mark(i, "source line", "outlet", outlet)
            continue
        outside_body = not prose or i < prose[0] or i > prose[-1]
        author = byline(line, organisations=outside_body)
        if author:
            doc.mark(i, "byline", "author", author)
        elif DISCLAIMER.search(line) and len(words(line)) <= MAX_CONTAINED_WORDS:
            outlet = disclaimer_outlet(line)
            doc.mark(i, "disclaimer", "outlet" if outlet else None, outlet)


def clear_caches() -> None:
    """Forget the per-line shape, stem and normal-form caches (for fair timing and long runs)."""
    from dossier.clean import edges, shape, topic

    for cached in (shape.words, shape.is_prose, shape.is_headline_like, topic.stems, edges.normalized):
        cached.cache_clear()
