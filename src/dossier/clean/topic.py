"""Is a line about the same thing as the body? Lexical overlap of content words.

Teasers for other stories (a robbery in another city, a football coach) share
almost no content words with the article; subheadings and body lines share many.
Words are cut to a five-letter stem, so "Belarusian" meets "Belarus" and
"soldiers" meets "soldier", in any language written with spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

STEM = 5
MIN_WORD = 3
OFF_TOPIC_BELOW = 0.2  # share of a line's content words found elsewhere in the body
MIN_TOPIC_STEMS = 20  # a body shorter than this says too little to call anything off its topic

_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just like made make many may me might more most much must my
    new no nor not now of off on once one only or other our ours out over own said same say says she should so
    some such than that the their theirs them then there these they this those through to too two under until up
    upon very was we were what when where which while who whom why will with would year years you your yours last
    first next week day today yesterday tomorrow time people told according get got will just""".split()  # noqa: SIM905
)


@lru_cache(maxsize=8192)
def stems(line: str) -> frozenset[str]:
    """The content-word stems of a line (lower-cased, stopwords and short words dropped)."""
    out = set()
    for word in _LETTERS.findall(line.lower()):
        word = word.replace("’", "'").split("'")[0]
        if len(word) >= MIN_WORD and word not in STOPWORDS:
            out.add(word[:STEM])
    return frozenset(out)


class Topic:
    """The vocabulary of the body, counted by the lines it appears in."""

    def __init__(self, lines: Iterable[str]):
        self.line_count: Counter[str] = Counter()
        self.counted: set[str] = set()
        for line in lines:
            self.line_count.update(stems(line))
            self.counted.add(line)

    def overlap(self, line: str) -> float | None:
        """Share of the line's stems found in other body lines; None for a line without content words."""
        own = stems(line)
        if not own:
            return None
        need = 2 if line in self.counted else 1  # a body line does not vouch for itself
        return sum(self.line_count[s] >= need for s in own) / len(own)

    def off_topic(self, line: str) -> bool:
        """True when the line shares (almost) no content words with a body long enough to judge."""
        if len(self.line_count) < MIN_TOPIC_STEMS:
            return False
        share = self.overlap(line)
        return share is not None and share < OFF_TOPIC_BELOW

    @property
    def empty(self) -> bool:
        return not self.line_count
