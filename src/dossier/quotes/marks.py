"""Quotation marks paired into quoted spans, tolerant of the damage scraped text shows.

Curly, straight, guillemet and doubled-apostrophe (''NYT style'') marks are
paired per paragraph. A straight mark's direction comes from its context, so
mixed pairs ("...” or “...") work. A quote left open at the end of a paragraph
runs to the paragraph end and is flagged ``continues`` when the next paragraph
opens with a mark (the convention for quotes spanning paragraphs). A closing
mark whose opener was lost starts its content at the previous sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
AMBIGUOUS = ('"', "''")
_DOUBLE_MARK = re.compile(r"''|``|[\"“”„«»]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+")
MAX_SINGLE = 160


@dataclass
class Quoted:
    """A quoted span: ``start:end`` is the content, marks excluded; ``open``/``close`` are mark offsets."""

    start: int
    end: int
    open: int | None = None
    close: int | None = None
    close_end: int | None = None
    single: bool = False
    continues: bool = False  # the next paragraph goes on with the same quote

    @property
    def outer_start(self) -> int:
        return self.open if self.open is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_end if self.close_end is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines of ``text``: a line break ends a paragraph in scraped text."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_quoted(text: str) -> list[Quoted]:
    """Every double- and single-quoted span of ``text``, in order of position."""
    doubles: list[Quoted] = []
    paras = paragraphs(text)
    for i, (start, end) in enumerate(paras):
        found = _pair_doubles(text, start, end)
        if found and found[-1].close is None and i + 1 < len(paras):
            found[-1].continues = _opens_with_mark(text, paras[i + 1][0])
        doubles.extend(found)
    singles = [q for start, end in paras for q in _pair_singles(text, start, end, doubles)]
    return sorted(doubles + singles, key=lambda q: q.start)


def _opens_with_mark(text: str, start: int) -> bool:
    return bool(_DOUBLE_MARK.match(text, start)) and text[start] not in DOUBLE_CLOSE


def _direction(text: str, pos: int, mark: str, is_open: bool) -> str:
    """'open' or 'close' for a mark; straight marks are read from the characters around them, and so is a
    curly mark typed the wrong way round (”Fortunately, ...” at a paragraph start)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    opens = before.isspace() or before in "([{—–-/:" or pos == 0
    closes = after.isspace() or after in ".,;:!?)]}—–-…" or not after
    if mark in DOUBLE_OPEN or mark == "``":
        return "close" if is_open and closes and not opens else "open"  # "yes“ and": a closer typed backwards
    if mark in DOUBLE_CLOSE:
        return "open" if not is_open and opens and after.isalnum() else "close"  # ”Fortunately, ..."
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "close" if is_open else "open"


def _pair_doubles(text: str, start: int, end: int) -> list[Quoted]:
    """Double-quoted spans of one paragraph: an opener while one is open ends the first, unclosed."""
    out: list[Quoted] = []
    open_at: int | None = None
    open_len = 0
    for m in _DOUBLE_MARK.finditer(text, start, end):
        direction = _direction(text, m.start(), m.group(), open_at is not None)
        if direction == "open":
            if open_at is not None:  # an opener while one is open: the first one was never closed
                out.append(_unclosed(text, open_at, open_len, m.start()))
            open_at, open_len = m.start(), len(m.group())
        elif open_at is not None:
            out.append(_closed(text, open_at, open_len, m.start(), m.end()))
            open_at = None
        else:
            out.append(_orphan_close(text, start, m.start(), m.end()))
    if open_at is not None:
        out.append(_unclosed(text, open_at, open_len, end))
    return [q for q in out if q.end > q.start]


def _closed(text: str, open_at: int, open_len: int, close: int, close_end: int) -> Quoted:
    start, end = _strip(text, open_at + open_len, close)
    return Quoted(start, end, open=open_at, close=close, close_end=close_end)


def _unclosed(text: str, open_at: int, open_len: int, limit: int) -> Quoted:
    start, end = _strip(text, open_at + open_len, limit)
    return Quoted(start, end, open=open_at)


def _orphan_close(text: str, para_start: int, close: int, close_end: int) -> Quoted:
    """A closing mark without an opener: the quote starts after the last sentence end before it."""
    begin = para_start
    for m in _SENTENCE_END.finditer(text, para_start, close):
        begin = m.end()
    start, end = _strip(text, begin, close)
    return Quoted(start, end, close=close, close_end=close_end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ------------------------------------------------------------------ singles

_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\w)")


def _pair_singles(text: str, start: int, end: int, doubles: list[Quoted]) -> list[Quoted]:
    """‘Single’ and 'straight single' quoted terms outside double quotes (inner quotes are not separate)."""
    out = []
    for m in _SINGLE_OPEN.finditer(text, start, end):
        if _inside(m.start(), doubles) or (out and m.start() < out[-1].outer_end):
            continue
        close = _single_close(text, m.start() + 1, min(end, m.start() + MAX_SINGLE), m.group())
        if close is not None:
            s, e = _strip(text, m.start() + 1, close)
            if e > s:
                out.append(Quoted(s, e, open=m.start(), close=close, close_end=close + 1, single=True))
    return out


def _single_close(text: str, start: int, limit: int, opener: str) -> int | None:
    """The closing single mark for an opener: the first that ends a word and is not a plural possessive."""
    closers = "’" if opener == "‘" else "'"
    candidates = [i for i in range(start + 1, limit) if text[i] in closers and _ends_word(text, i)]
    if not candidates:
        return None
    for i in candidates:
        if not _plural_possessive(text, i):
            return i
    return None


def _ends_word(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum() and not text[i - 1].isspace()


def _plural_possessive(text: str, i: int) -> bool:
    """ "Belarus’ western border": an apostrophe after s, then a lower-case word."""
    return text[i - 1] in "sz" and bool(re.match(r"\s+[a-z]", text[i + 1 : i + 4]))


def _inside(pos: int, spans: list[Quoted]) -> bool:
    return any(q.outer_start <= pos < q.outer_end for q in spans)
