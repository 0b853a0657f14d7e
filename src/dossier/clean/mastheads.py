"""Mastheads: the site's name printed above and below the article, or once above the headline."""

from __future__ import annotations

import re

from dossier.clean.edges import normalized
from dossier.clean.lines import Doc, Known
from dossier.clean.metalines import is_masthead_shape
from dossier.clean.shape import is_headline_like, is_prose, words
from dossier.clean.topic import Topic

MAX_LONE_MASTHEAD_WORDS = 4
PUBLICATION_WORD = re.compile(
    r"\b(?:news|times|post|daily|herald|tribune|journal|gazette|today|online|press|agency|media|magazine|weekly|"
    r"chronicle|observer|courier|telegraph|express|mail|standard|review|report|tv|radio|info)\b|\.(?:com|net|org|[a-z]{2})\b",
    re.IGNORECASE,
)


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
    """Mark a site name or section label printed once above the headline: a short first line, named like
    a publication or sharing no words with the body, with another headline-shaped line after it."""
    open_head = [i for i in head if i not in doc.marks]
    if len(open_head) < 2 or not is_headline_like(doc.lines[open_head[1]]):
        return
    first = doc.lines[open_head[0]]
    if normalized(first) == title or len(words(first)) > MAX_LONE_MASTHEAD_WORDS or not is_masthead_shape(first):
        return
    if PUBLICATION_WORD.search(first):
        doc.mark(open_head[0], "masthead", "outlet", first)
    elif topic.off_topic(first):
        doc.mark(open_head[0], "section label")
