"""Indirect speech: the content clause of each speech frame not used by a direct quote.

The content runs after the cue ("X said (that) ...", "X accused Y of ...") to
the end of the sentence or the next clause, or before a trailing frame
("..., X said."), or on both sides of a parenthetical one ("If ..., he said,
..."). Quoted fragments inside become partial (or scare) quotes of the same
attribution; a frame inside another's content belongs to that content.
"""

from __future__ import annotations

from dossier.quotes.chains import REPORTING, is_outlet, span_text
from dossier.quotes.frames import Frame, content_after, content_before, frame_end, parenthetical, trailing
from dossier.quotes.kinds import is_scare
from dossier.quotes.lexicon import cue_lemma
from dossier.quotes.marks import Quoted
from dossier.quotes.state import Article, from_frame
from dossier.quotes.tokens import DASHES, Sent, Tok

CLAUSE_OPENERS = {"but", "while", "although", "though", "whereas", "yet"}


def attach_indirect(art: Article) -> None:
    """Reported speech: the content clause of every frame not already used by a direct quote."""
    for sent, frames in zip(art.sents, art.frames):
        floor = 0
        swallowed: list[range] = []
        for k, f in enumerate(frames):
            if id(f) in art.used or f.cls == "frame" or is_carrier_frame(art, sent, f, frames):
                continue
            if _passes_to_inner(art, sent, f, frames[k + 1 :]):
                continue
            if any(f.start in g for g in swallowed):
                continue  # a frame inside the content of an earlier one: the earlier attribution holds it
            spans = _content_spans(sent, f, frames[k + 1 :], floor)
            if not spans:
                continue
            floor = max(floor, frame_end(sent, f), spans[-1][1])
            for span in spans:
                swallowed.append(range(span[0], span[1]))
                _add_content(art, sent, f, art.chars(sent, span))


def _passes_to_inner(art: Article, sent: Sent, f: Frame, later: list[Frame]) -> bool:
    """ "Reuters writes that the Kremlin declined to comment": the outlet carries the inner speaker's words."""
    if not f.speaker or f.lemma not in REPORTING or not is_outlet(span_text(sent, f.speaker, art.text)):
        return False
    span = content_after(sent, f, len(sent.toks))
    inner = next((g for g in later if span and g.start == span[0] and g.speaker and g.cls != "according"), None)
    if inner is None:
        return False
    inner.carrier = inner.carrier or f.speaker
    return True


def is_carrier_frame(art: Article, sent: Sent, f: Frame, frames: list[Frame]) -> bool:
    """ "according to X" or "..., X news agency reported" next to another speaker is a carrier, not a speaker."""
    others = [o for o in frames if o is not f and (o.speaker or o.inherit) and o.cls != "according"]
    if not others or not f.speaker:
        return False
    if f.cls == "according":
        return True
    before = any(o.cue[0] < f.cue[0] for o in others)
    return before and f.lemma in REPORTING and is_outlet(span_text(sent, f.speaker, art.text))


def _content_spans(sent: Sent, f: Frame, later: list[Frame], floor: int) -> list[tuple[int, int]]:
    """Token ranges of a frame's content: before it, after it, or on both sides of a parenthetical frame."""
    if trailing(sent, f):
        return [s for s in [content_before(sent, f, floor)] if s]
    if parenthetical(sent, f):
        before = content_before(sent, f, floor)
        after = _content_after(sent, f, later)
        return [s for s in (before, after) if s] if before else []
    return [s for s in [_content_after(sent, f, later)] if s]


def _content_after(sent: Sent, f: Frame, later: list[Frame]) -> tuple[int, int] | None:
    stop = min([o.start for o in later if o.start > f.cue[0] and starts_clause(sent, o)] or [len(sent.toks)])
    stop = min(stop, clause_break(sent, f.cue[1], stop))
    return content_after(sent, f, stop)


def starts_clause(sent: Sent, f: Frame) -> bool:
    """Whether a later frame starts a clause of its own rather than sitting inside an earlier content."""
    if f.inherit:
        return sent.toks[f.start].text in {",", *DASHES}  # ", saying ..." yes; "... and accused ..." no
    if f.cls == "according" or trailing(sent, f) or parenthetical(sent, f):
        return True
    before = sent.toks[f.start - 1].low if f.start > 0 else ""
    return before in {",", ";", "but", *DASHES, ".", "!", "?"} or glued_sentence(sent.toks, f.start)


def glued_sentence(toks: list[Tok], k: int) -> bool:
    """ "blame the west He was quoted": a capitalised pronoun after a lower-case word, a lost sentence end."""
    return (0 < k and toks[k].is_cap and toks[k].low in {"he", "she", "they", "we", "it"}
            and toks[k - 1].is_word and toks[k - 1].text[:1].islower())


def clause_break(sent: Sent, a: int, stop: int) -> int:
    """Index where a new clause starts within a content (";", ", but", ", while", "and said"), else ``stop``."""
    toks = sent.toks
    for k in range(a + 1, stop):
        if toks[k].inside:
            continue
        if toks[k].text == ";" or toks[k].text in {".", "!", "?"} and k + 1 < stop and toks[k + 1].is_cap:
            return k
        if glued_sentence(toks, k):
            return k
        if toks[k].text in {",", *DASHES} and k + 1 < stop and toks[k + 1].low in CLAUSE_OPENERS:
            return k
        if toks[k].low in {"and", "but"} and _speaker_predicate(toks, k + 1, stop):
            return k
    return stop


def _speaker_predicate(toks: list[Tok], k: int, stop: int) -> bool:
    """ "... and said ...", "... but has withheld ...": the speaker's next predicate, not more content."""
    while k < stop and toks[k].low in {"has", "have", "had", "also", "then", "later", "did", "was", "is"}:
        k += 1
    return k < stop and cue_lemma(toks[k].low) is not None and toks[k].low.endswith(("ed", "said", "told"))


def _add_content(art: Article, sent: Sent, f: Frame, span: tuple[int, int]) -> None:
    """An indirect claim, or a direct quote when its content is one quoted span; inner quotes become partials."""
    start, end = _before_taken(art, span)
    if art.text[start:end].count(" ") < 1:
        return
    inner = [(i, q) for i, q in enumerate(art.quoted) if i not in art.taken and start <= q.outer_start
             and q.outer_end <= end + 1]
    whole = [(i, q) for i, q in inner if _words_outside(art.text, start, end, q) <= 1
             and not any(c.isalnum() for c in art.text[q.outer_end : end])]
    if whole:
        i, q = whole[0]
        art.taken.add(i)
        art.found.append(from_frame(art, "direct", q.start, q.end, f))
        return
    art.found.append(from_frame(art, "indirect", start, end, f))
    for i, q in inner:
        art.taken.add(i)
        before = art.text[max(0, q.outer_start - 20) : q.outer_start]
        kind = "scare" if is_scare(art.text[q.start : q.end], before) else "partial"
        art.found.append(from_frame(art, kind, q.start, q.end, f))


def _before_taken(art: Article, span: tuple[int, int]) -> tuple[int, int]:
    """Cut a content where a quote already attributed to another frame begins."""
    start, end = span
    for i in art.taken:
        q = art.quoted[i]
        if start < q.outer_start < end:
            end = q.outer_start
    while end > start and not art.text[end - 1].isalnum() and art.text[end - 1] not in "”\"’'?!.":
        end -= 1
    return start, end


def _words_outside(text: str, start: int, end: int, q: Quoted) -> int:
    outside = text[start : q.outer_start] + " " + text[q.outer_end : end]
    return sum(1 for w in outside.split() if any(c.isalnum() for c in w))
