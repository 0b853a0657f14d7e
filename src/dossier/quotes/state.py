"""The working state of quote extraction for one article, and what it finds.

``Found`` is one quote or claim with the offsets benchmarks need (cue frame,
speaker span, attribution group); ``Article`` holds the sentences, quoted
spans and speech frames the finders share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.model import Mention
from dossier.quotes.frames import Frame, find_frames
from dossier.quotes.marks import Quoted, find_quoted
from dossier.quotes.speakers import speaker_kind
from dossier.quotes.tokens import Sent, Tok, build_sentences, mark_inside, sentence_of


@dataclass
class Found:
    """One quote or claim with the offsets a benchmark needs; ``group`` joins the parts of one attribution."""

    kind: str
    start: int
    end: int
    sent: int
    group: int
    frame: Frame | None = None
    cue: str | None = None
    speaker: tuple[int, int] | None = None  # char span of the speaker as written
    speaker_text: str | None = None
    speaker_kind: str = "none"
    inherited: bool = False  # the speaker is carried over from an earlier quote
    carriers: list[tuple[str, bool]] = field(default_factory=list)
    mention: Mention | None = None


class Article:
    """The working state of one article: sentences, quoted spans, frames, and what was found."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.text = text
        quoted = find_quoted(text)
        sents = build_sentences(text, spans, quoted)
        self.quoted = [cut_unclosed(q, sents) for q in quoted]
        self.sents = mark_inside(sents, self.quoted) if self.quoted != quoted else sents
        self.frames = [find_frames(s) for s in self.sents]
        self.found: list[Found] = []
        self.used: set[int] = set()  # ids of frames that introduce a direct quote
        self.taken: set[int] = set()  # indices of quoted spans already placed
        self._groups: dict[int, int] = {}

    def group_of(self, frame: Frame | None) -> int:
        """The attribution group of a frame; a new group for a finding without one."""
        key = id(frame) if frame is not None else -len(self._groups) - 1
        return self._groups.setdefault(key, len(self._groups))

    def chars(self, sent: Sent, span: tuple[int, int]) -> tuple[int, int]:
        """Character span of a token range of ``sent``."""
        return sent.toks[span[0]].start, sent.toks[span[1] - 1].end


def cut_unclosed(q: Quoted, sents: list[Sent]) -> Quoted:
    """End an unclosed quote before a later sentence that reads as its speech frame ("X said in a statement.")."""
    if q.close is not None or q.open is None:
        return q
    first = sentence_of(sents, q.start)
    for s in sents[first + 1 :]:
        if s.start >= q.end:
            break
        if _opens_with_frame(s):
            prev = sents[s.index - 1]
            return Quoted(q.start, min(prev.end, q.end), open=q.open, continues=False)
    return q


def _opens_with_frame(sent: Sent) -> bool:
    """Whether a sentence starts with a third-person speech frame, its quotation marks set aside."""
    plain = Sent(sent.index, sent.start, sent.end, sent.paragraph, [Tok(t.start, t.end, t.text) for t in sent.toks])
    for f in find_frames(plain):
        if f.start == 0 and f.speaker and f.cls == "speech" and not f.inverted:
            words = [t.low for t in plain.toks[f.speaker[0] : f.speaker[1]]]
            return words not in (["i"], ["we"], ["you"])
    return False


def from_frame(art: Article, kind: str, start: int, end: int, frame: Frame) -> Found:
    """A finding attributed by a frame: its cue, its speaker and its group."""
    sent = art.sents[frame.sent]
    found = Found(kind, start, end, sentence_of(art.sents, start), art.group_of(frame), frame=frame,
                  cue=frame.cue_text(sent))
    if frame.speaker:
        set_speaker(art, found, sent, frame.speaker)
    return found


def set_speaker(art: Article, found: Found, sent: Sent, span: tuple[int, int]) -> None:
    """Give a finding the speaker at token range ``span`` of ``sent``."""
    a, b = art.chars(sent, span)
    found.speaker = (a, b)
    found.speaker_text = art.text[a:b]
    found.speaker_kind = speaker_kind([t.text for t in sent.toks[span[0] : span[1]] if t.is_word])


def copy_speaker(found: Found, other: Found) -> None:
    """Carry a speaker over from an earlier finding."""
    found.speaker, found.speaker_text, found.speaker_kind = other.speaker, other.speaker_text, other.speaker_kind
