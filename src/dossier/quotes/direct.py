"""Direct quotes: quoted spans with a speech frame right before or after their marks.

"“...,” he said", "“...,” said Peskov", "X said: “...”", a frame closing the
sentence or paragraph before ("According to the agency, X said:" then the
quote), quotes running over several paragraphs, and a quote credited by a
dash after its closing mark ("“...” ― Mary Jones, Ohio.", as letters and
readers' voices are printed).
"""

from __future__ import annotations

import re

from dossier.quotes.frames import Frame, frame_end
from dossier.quotes.marks import Quoted
from dossier.quotes.state import Article, Found, from_frame, set_speaker
from dossier.quotes.tokens import DASHES, Sent, sentence_of

MAX_PRE_GAP = 8  # tokens between a cue and the quote it introduces: "said in a statement on Monday:"
# "” ― Mary Jones": a dash after a closing mark, spaces (not a line break) around it
DASH_CREDIT = re.compile(r"[^\S\n]*(?:[―—–]{1,2}|-{1,2}(?=[^\S\n]))[^\S\n]*")
MAX_CREDIT_WORDS = 5
NAME_PARTICLES = {"de", "da", "del", "van", "von", "der", "bin", "al", "la", "le"}


def attach_direct(art: Article) -> None:
    """Quotes with a speech frame right before or after their marks."""
    for qi, q in enumerate(art.quoted):
        frame = post_frame(art, q) or pre_frame(art, q)
        if frame is not None:
            art.used.add(id(frame))
            art.taken.add(qi)
            art.found.append(from_frame(art, "direct", q.start, q.end, frame))
        elif (credited := dash_credited(art, q)) is not None:
            art.taken.add(qi)
            art.found.append(credited)
    attach_paragraph_continuations(art)


def dash_credited(art: Article, q: Quoted) -> Found | None:
    """ "“...” ― Mary Jones, Ohio.": a quote credited to the name that follows a dash after its closing mark,
    the name closing its sentence (or followed by a comma and more about the person)."""
    if q.close_end is None or q.single:
        return None
    dash = DASH_CREDIT.match(art.text, q.close_end)
    if dash is None:
        return None
    sent = art.sents[sentence_of(art.sents, dash.end())]
    first = sent.token_at(dash.end())
    if first is None or sent.toks[first].start != dash.end():
        return None
    end = _name_end(sent, first)
    if not 1 <= sent.words(first, end) <= MAX_CREDIT_WORDS or not _closes_credit(art.text, sent, end):
        return None
    found = Found("direct", q.start, q.end, sentence_of(art.sents, q.start), art.group_of(None),
                  cue=dash.group().strip())
    set_speaker(art, found, sent, (first, end))
    return found if found.speaker_kind == "name" else None


def _closes_credit(text: str, sent: Sent, end: int) -> bool:
    """Whether a credited name ends there: at its sentence's or line's end, or before a comma or bracket."""
    if end >= len(sent.toks) or "\n" in text[sent.toks[end - 1].end : sent.toks[end].start]:
        return True
    return sent.toks[end].text in {",", ".", ";", "("}


def _name_end(sent: Sent, i: int) -> int:
    """The end of a personal name starting at token ``i``: capitalised words, initials ("G."), particles."""
    toks, end = sent.toks, i
    while end < len(toks):
        t = toks[end]
        initial = t.text == "." and end > i and len(toks[end - 1].text) == 1 and toks[end - 1].is_cap
        particle = t.low in NAME_PARTICLES and end + 1 < len(toks) and toks[end + 1].is_cap and end > i
        if not ((t.is_word and t.is_cap) or initial or particle):
            break
        end += 1
    return end


def attach_paragraph_continuations(art: Article) -> None:
    """A quote left open at a paragraph end that the next paragraph reopens shares that quote's frame."""
    for qi in range(len(art.quoted) - 2, -1, -1):
        q, nxt = art.quoted[qi], art.quoted[qi + 1]
        if qi in art.taken or not q.continues or qi + 1 not in art.taken:
            continue
        follow = next((f for f in art.found if f.start == nxt.start and f.kind == "direct" and f.frame), None)
        if follow is not None:
            art.taken.add(qi)
            art.found.append(from_frame(art, "direct", q.start, q.end, follow.frame))


def post_frame(art: Article, q: Quoted) -> Frame | None:
    """ "“...,” he said" / "“...,” said Peskov": a frame starting right after the closing mark."""
    if q.close_end is None:
        nxt = sentence_of(art.sents, q.end) + 1
        if q.open is not None and nxt < len(art.sents) and art.sents[nxt].start >= q.end:
            return next((f for f in art.frames[nxt] if f.start == 0 and f.speaker), None)
        return None
    sent = art.sents[sentence_of(art.sents, q.close_end - 1)]
    i = sent.token_at(q.close_end)
    while i is not None and i < len(sent.toks) and sent.toks[i].text in {",", *DASHES}:
        i += 1
    if i is None or i >= len(sent.toks):
        return None
    for f in art.frames[sent.index]:
        if f.start == i and (f.speaker or f.cls == "according") and not f.inherit:
            return f
    return None


def pre_frame(art: Article, q: Quoted) -> Frame | None:
    """ "Lukashenka said: “...”": a frame ending right before the opening mark (or closing the sentence before)."""
    if q.open is None or not _ends_clause(art.text, q.outer_end):
        return None
    sent = art.sents[sentence_of(art.sents, q.open)]
    t = sent.token_at(q.open)
    if t is None:
        return None
    if t == 0:
        return _frame_of_previous_colon(art, sent)
    for f in reversed(art.frames[sent.index]):
        end = frame_end(sent, f)
        if end > t or not (f.speaker or f.inherit) or f.cls == "according":
            continue
        gap = sent.toks[end:t]
        if len(gap) > MAX_PRE_GAP or any(g.inside or g.low == "that" for g in gap):
            return None
        if not gap or gap[-1].text in {":", ",", *DASHES}:
            return f
        return None
    return None


def _ends_clause(text: str, end: int) -> bool:
    """Whether a quote is followed by the end of its clause (not by more narration: "“very fruitful” talks")."""
    rest = text[end : end + 3].lstrip(" \t")
    return not rest or rest[0] in ".,;:!?)]—–-\n…"


def _frame_of_previous_colon(art: Article, sent: Sent) -> Frame | None:
    """ "Lukashenka said:" closing the sentence (or paragraph) before a quote that opens its own."""
    if sent.index == 0:
        return None
    prev = art.sents[sent.index - 1]
    if not prev.toks or prev.toks[-1].text != ":" or sent.paragraph - prev.paragraph > 1:
        return None
    frames = [f for f in art.frames[prev.index] if f.speaker or f.inherit]
    return frames[-1] if frames else None
