"""Sentences as token lists that know which tokens lie inside quotation marks and in which paragraph."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from dossier.nlp.sentences import tokenize
from dossier.quotes.marks import Quoted, paragraphs

QUOTE_CHARS = set("\"“”„«»‘’'`")
DASHES = frozenset({"—", "–", "―"})  # em and en dash, and the horizontal bar some outlets set as a dash


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    inside: bool = False  # within quotation marks (marks included)
    low: str = field(init=False, repr=False, compare=False)  # lower-cased text, read on every rule

    def __post_init__(self) -> None:
        self.low = self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_mark(self) -> bool:
        return all(c in QUOTE_CHARS for c in self.text)


@dataclass
class Sent:
    index: int
    start: int
    end: int
    paragraph: int
    toks: list[Tok] = field(default_factory=list)

    def token_at(self, offset: int) -> int | None:
        """Index of the first token starting at or after ``offset``; None past the end."""
        starts = [t.start for t in self.toks]
        i = bisect_right(starts, offset - 1)
        return i if i < len(self.toks) else None

    def words(self, a: int, b: int) -> int:
        return sum(1 for t in self.toks[a:b] if t.is_word)


def build_sentences(text: str, spans: list[tuple[int, int]], quoted: list[Quoted]) -> list[Sent]:
    """Token views of the sentences, with quote membership and paragraph index."""
    para_starts = [s for s, _ in paragraphs(text)]
    regions = sorted((q.outer_start, q.outer_end) for q in quoted if not q.single)
    out = []
    for i, (start, end) in enumerate(spans):
        toks = [Tok(a, b, text[a:b], _inside(a, regions)) for a, b in tokenize(text, start, end)]
        out.append(Sent(i, start, end, max(0, bisect_right(para_starts, start) - 1), toks))
    return out


def mark_inside(sents: list[Sent], quoted: list[Quoted]) -> list[Sent]:
    """The same sentences with quote membership recomputed for other quoted spans (tokens are not redone)."""
    regions = sorted((q.outer_start, q.outer_end) for q in quoted if not q.single)
    out = []
    for s in sents:
        toks = [Tok(t.start, t.end, t.text, _inside(t.start, regions)) for t in s.toks]
        out.append(Sent(s.index, s.start, s.end, s.paragraph, toks))
    return out


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    i = bisect_right(regions, (pos, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]


def sentence_of(sents: list[Sent], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the previous one when it falls in a gap)."""
    starts = [s.start for s in sents]
    return max(0, bisect_right(starts, offset) - 1)
