"""Find scraping junk in article text, line by line, with the reason for each."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lines that are page furniture wherever they appear.
BOILERPLATE = re.compile(
    r"^(please enter your (comment|name)( here)?!?|leave a reply|share( this)?( post)?:?|"
    r"subscribe|back to top( button)?|newsletter signup|remind me later\.?|"
    r"your email address will not be published\.?.*|required fields are marked.*|"
    r"(date|author|tags?|category):?)$",
    re.I,
)
# Headings that open a block of links or teasers to other stories.
TEASER_HEADING = re.compile(r"^(more like this|related( posts| articles| stories)?|popular|read more|"
                            r"recommended( for you)?|most read|you may also like|latest news)$", re.I)
APPEAL_HEADING = re.compile(r"^a message from .+:?$|^dear readers,?$", re.I)


@dataclass
class JunkLine:
    index: int
    reason: str


def find_junk(lines: list[str]) -> list[JunkLine]:
    """Indexes of junk lines with reasons; blank lines are neither junk nor body."""
    junk: list[JunkLine] = []
    tail_reason: str | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if tail_reason:
            junk.append(JunkLine(i, tail_reason))
        elif TEASER_HEADING.match(stripped):
            tail_reason = "teaser block"
            junk.append(JunkLine(i, "teaser heading"))
        elif APPEAL_HEADING.match(stripped):
            tail_reason = "donation appeal"
            junk.append(JunkLine(i, "donation appeal"))
        elif BOILERPLATE.match(stripped):
            junk.append(JunkLine(i, "page furniture"))
    return junk
