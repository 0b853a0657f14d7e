"""The lines of a text under inspection, and the marks the junk finder puts on them."""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.clean.shape import is_prose


@dataclass
class JunkLine:
    """A line judged junk: why, and the metadata it carried (field "outlet", "author", ...)."""

    index: int
    reason: str
    field: str | None = None
    value: str | None = None


@dataclass
class Known:
    """What the page's metadata already says, so the text can be matched against it."""

    title: str | None = None
    outlet: str | None = None
    author: str | None = None


@dataclass
class Doc:
    """Stripped lines with their junk marks; blank lines are never marked."""

    lines: list[str]
    marks: dict[int, JunkLine] = field(default_factory=dict)

    @classmethod
    def of(cls, lines: list[str]) -> Doc:
        return cls([line.strip() for line in lines])

    @property
    def nonblank(self) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line]

    def open(self) -> list[int]:
        """Indexes of non-blank lines not yet marked."""
        return [i for i, line in enumerate(self.lines) if line and i not in self.marks]

    def mark(self, index: int, reason: str, field: str | None = None, value: str | None = None) -> None:
        """Mark a line as junk; the first reason given stands."""
        if self.lines[index] and index not in self.marks:
            self.marks[index] = JunkLine(index, reason, field, value)

    def first_prose(self) -> int | None:
        """The first unmarked line that reads like body prose."""
        return next((i for i in self.open() if is_prose(self.lines[i])), None)

    def prose_before(self, index: int) -> int:
        """How many unmarked prose lines come before ``index``."""
        return sum(1 for i in self.open() if i < index and is_prose(self.lines[i]))
