"""Build the clean text from kept lines, with a map back to the raw text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dossier.model import Segment

LINE = re.compile(r"[^\n]*")


def split_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of the text, blank ones included."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def join_kept(lines: Iterable[tuple[int, str]]) -> tuple[str, list[Segment]]:
    """Join kept (offset, line) pairs: one newline between lines, one blank line between paragraphs."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    blank_pending = False
    for raw_start, line in lines:
        stripped = line.strip()
        if not stripped:
            blank_pending = bool(parts)
            continue
        if parts:
            sep = "\n\n" if blank_pending else "\n"
            parts.append(sep)
            pos += len(sep)
        blank_pending = False
        lead = len(line) - len(line.lstrip())
        segments.append(Segment(clean_start=pos, raw_start=raw_start + lead, length=len(stripped)))
        parts.append(stripped)
        pos += len(stripped)
    return "".join(parts), segments
