"""Quotes and claims of one article, with their speakers and source chains.

``extract_quotes`` is a pure function over an article's text, sentence spans
and entity mentions. It finds direct quotes (whatever their marks), partial
quotes embedded in narration, indirect reported speech ("X said (that) ...",
"according to X, ...", "X accused Y of ..."), and scare-quoted terms, which are
kept apart as ``kind="scare"``. Each statement gets its cue verb, its speaker
as written (name, pronoun, role or unnamed), and the chain of carriers the
text credits ("according to the state news agency"). The outlet itself is
appended by the pipeline stage.

``find_attributions`` returns the same findings with token-level detail
(cue and speaker offsets, attribution groups) for benchmarks and debugging.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.ids import stable_id
from dossier.model import Evidence, Mention, Quote, SourceLink
from dossier.quotes.chains import REPORTING, carriers, is_outlet, span_text
from dossier.quotes.frames import (
    Frame,
    content_after,
    content_before,
    find_frames,
    frame_end,
    subject_of_sentence,
    parenthetical,
    trailing,
)
from dossier.quotes.kinds import covers_sentence, is_scare
from dossier.quotes.marks import Quoted, find_quoted
from dossier.quotes.resolve import Context, resolve_speaker
from dossier.quotes.speakers import speaker_kind
from dossier.quotes.tokens import Sent, build_sentences, sentence_of

MAX_PRE_GAP = 8  # tokens between a cue and the quote it introduces: "said in a statement on Monday:"
CONTINUATION_SENTENCES = 3
INHERIT_CARRIER_SENTENCES = 3
CLAUSE_OPENERS = set("but while although though whereas yet because compared including for".split())


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
        self.quoted = [cut_unclosed(q, sents, text) for q in quoted]
        self.sents = build_sentences(text, spans, self.quoted)
        self.frames = [find_frames(s) for s in self.sents]
        self.found: list[Found] = []
        self.used: set[int] = set()  # ids of frames that introduce a direct quote
        self.taken: set[int] = set()  # indices of quoted spans already placed
        self._groups: dict[int, int] = {}

    def group_of(self, frame: Frame | None) -> int:
        key = id(frame) if frame is not None else -len(self._groups) - 1
        return self._groups.setdefault(key, len(self._groups))

    def chars(self, sent: Sent, span: tuple[int, int]) -> tuple[int, int]:
        return sent.toks[span[0]].start, sent.toks[span[1] - 1].end


def find_attributions(text: str, sentences: list[tuple[int, int]]) -> list[Found]:
    """Every quote, claim and scare quote of a text, in order, with offsets and groups."""
    art = Article(text, sentences)
    attach_direct(art)
    attach_indirect(art)
    attach_leftovers(art)
    fill_inherited_speakers(art)
    for f in art.found:
        f.carriers = _carriers_of(art, f)
    names = {name for f in art.found for name, _ in f.carriers}
    for f in art.found:
        _unglue_speaker(art.text, f, names)
    return sorted(_unique(art.found), key=lambda f: (f.start, f.end))


def _unglue_speaker(text: str, f: Found, carrier_names: set[str]) -> None:
    """ "in an interview with GuardianArtyom Shraibman": a carrier glued to the speaker's name by scraping."""
    if not f.speaker or not f.speaker_text:
        return
    for name in carrier_names:
        rest = f.speaker_text[len(name) :]
        if f.speaker_text.startswith(name) and rest[:1].isupper():
            f.speaker = (f.speaker[0] + len(name), f.speaker[1])
            f.speaker_text = text[f.speaker[0] : f.speaker[1]]
            return


# ------------------------------------------------------------------ unclosed quotes


def cut_unclosed(q: Quoted, sents: list[Sent], text: str) -> Quoted:
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
    plain = Sent(sent.index, sent.start, sent.end, sent.paragraph, [type(t)(t.start, t.end, t.text) for t in sent.toks])
    for f in find_frames(plain):
        if f.start == 0 and f.speaker and f.cls == "speech" and not f.inverted:
            words = [t.low for t in plain.toks[f.speaker[0] : f.speaker[1]]]
            return words not in (["i"], ["we"], ["you"])
    return False


# ------------------------------------------------------------------ direct quotes


def attach_direct(art: Article) -> None:
    """Quotes with a speech frame right before or after their marks."""
    for qi, q in enumerate(art.quoted):
        frame = post_frame(art, q) or pre_frame(art, q)
        if frame is None:
            continue
        art.used.add(id(frame))
        art.taken.add(qi)
        art.found.append(_from_frame(art, "direct", q.start, q.end, frame))


def post_frame(art: Article, q: Quoted) -> Frame | None:
    """ "“...,” he said" / "“...,” said Peskov": a frame starting right after the closing mark."""
    if q.close_end is None:
        nxt = sentence_of(art.sents, q.end) + 1
        if q.open is not None and nxt < len(art.sents) and art.sents[nxt].start >= q.end:
            return next((f for f in art.frames[nxt] if f.start == 0 and f.speaker), None)
        return None
    sent = art.sents[sentence_of(art.sents, q.close_end - 1)]
    i = sent.token_at(q.close_end)
    while i is not None and i < len(sent.toks) and sent.toks[i].text in {",", "—", "–"}:
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
        if not gap or gap[-1].text in {":", ",", "—", "–"}:
            return f
        return None
    return None


def _ends_clause(text: str, end: int) -> bool:
    """Whether a quote is followed by the end of its clause (not by more narration: "“very fruitful” talks")."""
    rest = text[end : end + 3].lstrip(" \t")
    return not rest or rest[0] in ".,;:!?)]—–-\n…"


def _frame_of_previous_colon(art: Article, sent: Sent) -> Frame | None:
    if sent.index == 0:
        return None
    prev = art.sents[sent.index - 1]
    if not prev.toks or prev.toks[-1].text != ":" or sent.paragraph - prev.paragraph > 1:
        return None
    frames = [f for f in art.frames[prev.index] if f.speaker or f.inherit]
    return frames[-1] if frames else None


# ------------------------------------------------------------------ indirect speech


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
        return sent.toks[f.start].text in {",", "—", "–"}  # ", saying ..." yes; "... and accused ..." no
    if f.cls == "according" or trailing(sent, f) or parenthetical(sent, f):
        return True
    before = sent.toks[f.start - 1].low if f.start > 0 else ""
    return before in {",", ";", "but", "—", "–", ".", "!", "?"} or glued_sentence(sent.toks, f.start)


def glued_sentence(toks: list, k: int) -> bool:
    """ "blame the west He was quoted": a capitalised pronoun after a lower-case word, a lost sentence end."""
    return (0 < k and toks[k].is_cap and toks[k].low in {"he", "she", "they", "we", "it"}
            and toks[k - 1].is_word and toks[k - 1].text[:1].islower())


def clause_break(sent: Sent, a: int, stop: int) -> int:
    """Index where a new main clause starts within a content (";", ", but", ", while"), else ``stop``."""
    toks = sent.toks
    for k in range(a + 1, stop):
        if toks[k].inside:
            continue
        if toks[k].text == ";" or toks[k].text in {".", "!", "?"} and k + 1 < stop and toks[k + 1].is_cap:
            return k
        if glued_sentence(toks, k):
            return k
        if toks[k].text in {",", "—", "–"} and k + 1 < stop and toks[k + 1].low in CLAUSE_OPENERS:
            return k
    return stop


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
        art.found.append(_from_frame(art, "direct", q.start, q.end, f))
        return
    art.found.append(_from_frame(art, "indirect", start, end, f))
    for i, q in inner:
        art.taken.add(i)
        before = art.text[max(0, q.outer_start - 20) : q.outer_start]
        kind = "scare" if is_scare(art.text[q.start : q.end], before) else "partial"
        art.found.append(_from_frame(art, kind, q.start, q.end, f))


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


# ------------------------------------------------------------------ the rest


def attach_leftovers(art: Article) -> None:
    """Quoted spans without a frame of their own: continuations, embedded fragments, scare quotes."""
    for qi, q in enumerate(art.quoted):
        if qi in art.taken:
            continue
        sent = art.sents[sentence_of(art.sents, q.start)]
        before = art.text[max(0, q.outer_start - 20) : q.outer_start]
        content = art.text[q.start : q.end]
        whole = covers_sentence(_sentences_text(art, q), content)
        if is_scare(content, before) and not whole:
            art.found.append(_scare(art, q, sent))
        else:
            art.found.append(_continuation(art, q, sent, "direct" if whole else "partial"))


def _sentences_text(art: Article, q: Quoted) -> str:
    first = art.sents[sentence_of(art.sents, q.outer_start)]
    last = art.sents[sentence_of(art.sents, max(q.outer_start, q.outer_end - 1))]
    return art.text[first.start : last.end]


def _scare(art: Article, q: Quoted, sent: Sent) -> Found:
    """A scare-quoted term: whose term it is comes from the statement around it, else the sentence's speaker."""
    around = [f for f in art.found if f.start <= q.start and q.end <= f.end and f.speaker_text]
    found = Found("scare", q.start, q.end, sent.index, art.group_of(None))
    if around:
        _copy_speaker(found, around[0])
    else:
        frame = next((f for f in art.frames[sent.index] if f.speaker and f.cls != "according"), None)
        if frame:
            _set_speaker(art, found, sent, frame.speaker)
    return found


def _continuation(art: Article, q: Quoted, sent: Sent, kind: str) -> Found:
    """A quote with no frame: it goes on from the previous quote nearby, or from a speaker in its sentence."""
    found = Found(kind, q.start, q.end, sent.index, art.group_of(None))
    antecedent = _antecedent(art, q, sent)
    frame = next((f for f in art.frames[sent.index] if f.speaker and f.cls != "according"), None)
    if kind == "partial" and frame:
        found.frame = frame
        _set_speaker(art, found, sent, frame.speaker)
        found.cue = frame.cue_text(sent)
    elif antecedent:
        _copy_speaker(found, antecedent)
        found.inherited = True
        if antecedent.kind == "direct" and kind == "direct" and sent.index - antecedent.sent <= 1:
            found.group = antecedent.group
    return found


def _antecedent(art: Article, q: Quoted, sent: Sent) -> Found | None:
    candidates = [f for f in art.found if f.end <= q.start and f.kind in {"direct", "partial", "indirect"}
                  and f.speaker_text and sent.index - f.sent <= CONTINUATION_SENTENCES
                  and sent.paragraph - art.sents[f.sent].paragraph <= 1]
    return max(candidates, key=lambda f: f.end) if candidates else None


def fill_inherited_speakers(art: Article) -> None:
    """Participles and coordinated cues ("..., saying", "and has accused") take the subject of the
    nearest frame before them, else their sentence's opening noun phrase."""
    for f in art.found:
        if f.frame is None or not f.frame.inherit or f.speaker_text:
            continue
        sent = art.sents[f.frame.sent]
        before = [g for g in art.frames[sent.index] if g.cue[0] < f.frame.cue[0] and g.speaker
                  and g.cls != "according"]
        subject = before[-1].speaker if before else subject_of_sentence(sent, [])
        if subject:
            _set_speaker(art, f, sent, subject)


# ------------------------------------------------------------------ helpers


def _from_frame(art: Article, kind: str, start: int, end: int, frame: Frame) -> Found:
    sent = art.sents[frame.sent]
    found = Found(kind, start, end, sentence_of(art.sents, start), art.group_of(frame), frame=frame,
                  cue=frame.cue_text(sent))
    if frame.speaker:
        _set_speaker(art, found, sent, frame.speaker)
    return found


def _set_speaker(art: Article, found: Found, sent: Sent, span: tuple[int, int]) -> None:
    a, b = art.chars(sent, span)
    found.speaker = (a, b)
    found.speaker_text = art.text[a:b]
    found.speaker_kind = speaker_kind([t.text for t in sent.toks[span[0] : span[1]] if t.is_word])


def _copy_speaker(found: Found, other: Found) -> None:
    found.speaker, found.speaker_text, found.speaker_kind = other.speaker, other.speaker_text, other.speaker_kind
    found.frame = found.frame or None


def _carriers_of(art: Article, f: Found) -> list[tuple[str, bool]]:
    if f.frame is not None and not f.inherited:
        sent = art.sents[f.frame.sent]
        return [(name, True) for name in carriers(sent, f.frame, art.frames[sent.index], art.text)]
    if f.inherited:
        before = [g for g in art.found if g.end <= f.start and g.speaker == f.speaker and g.carriers]
        if before:
            return [(name, False) for name, _ in max(before, key=lambda g: g.end).carriers]
    return []


def _unique(found: list[Found]) -> list[Found]:
    seen, out = set(), []
    for f in found:
        if (f.start, f.end) not in seen and f.end > f.start:
            seen.add((f.start, f.end))
            out.append(f)
    return out


# ------------------------------------------------------------------ public API


def extract_quotes(article_id: str, text: str, sentences: list[tuple[int, int]],
                   mentions: list[Mention]) -> list[Quote]:
    """Quotes, claims and scare quotes of one article, with speakers as written and source chains."""
    found = find_attributions(text, sentences)
    resolve_all(found, mentions, sentences, text)
    inherit_carriers(found)
    return [_to_quote(article_id, text, sentences, f) for f in found]


def resolve_all(found: list[Found], mentions: list[Mention], sentences: list[tuple[int, int]], text: str) -> None:
    """Set ``Found.mention`` for every speaker that points to a mention of the article."""
    quoted = [(f.start, f.end) for f in found if f.kind != "indirect"]
    outside = sorted((m for m in mentions if not any(a <= m.start < b for a, b in quoted)), key=lambda m: m.start)
    ctx = Context(text, outside)
    for f in sorted(found, key=lambda f: f.speaker[0] if f.speaker else f.start):
        if f.speaker is None:
            continue
        words = (f.speaker_text or "").split()
        index = _sentence_index(sentences, f.speaker[0])
        f.mention = resolve_speaker(f.speaker_kind, f.speaker, index, words, ctx)
        if f.mention is not None:
            ctx.speakers.append((index, f.speaker[0], f.mention))


def inherit_carriers(found: list[Found]) -> None:
    """A quote with no carrier of its own, shortly after one by the same speaker that has one, likely came
    through the same carrier: inherit it, marked as not stated."""
    ordered = sorted(found, key=lambda f: f.start)
    for i, f in enumerate(ordered):
        if f.carriers or f.mention is None:
            continue
        for g in reversed(ordered[:i]):
            if f.sent - g.sent > INHERIT_CARRIER_SENTENCES:
                break
            if g.carriers and g.mention is not None and g.mention.canonical == f.mention.canonical:
                f.carriers = [(name, False) for name, _ in g.carriers]
                break


def _sentence_index(sentences: list[tuple[int, int]], offset: int) -> int:
    index = 0
    for i, (start, _) in enumerate(sentences):
        if start <= offset:
            index = i
    return index


def _to_quote(article_id: str, text: str, sentences: list[tuple[int, int]], f: Found) -> Quote:
    first = _sentence_index(sentences, f.start)
    last = _sentence_index(sentences, max(f.start, f.end - 1))
    if f.frame is not None:
        first, last = min(first, f.frame.sent), max(last, f.frame.sent)
    sentence = text[sentences[first][0] : sentences[last][1]] if sentences else ""
    return Quote(
        id=stable_id("quo", article_id, f.start, f.end), article_id=article_id, kind=f.kind,
        text=text[f.start : f.end], start=f.start, end=f.end, cue=f.cue if f.kind != "scare" else None,
        speaker=f.speaker_text, speaker_kind=f.speaker_kind if f.speaker_text else "none", chain=_chain(f),
        evidence=Evidence(article_id=article_id, start=f.start, end=f.end, text=text[f.start : f.end],
                          sentence_index=first, sentence=sentence),
    )


def _chain(f: Found) -> list[SourceLink]:
    links = []
    if f.speaker_text:
        name = (f.mention.canonical or f.mention.text) if f.mention is not None else f.speaker_text
        links.append(SourceLink(name=name, role="speaker", stated=not f.inherited))
    links += [SourceLink(name=n, role="carrier", stated=stated) for n, stated in f.carriers]
    return links


def speaker_mention(quote: Quote, mentions: list[Mention]) -> Mention | None:
    """The mention a quote's speaker resolves to (for ``speaker_entity_id``); None for unnamed speakers."""
    if quote.speaker_kind in {"unnamed", "none"} or not quote.chain or quote.chain[0].role != "speaker":
        return None
    name = quote.chain[0].name
    same = [m for m in mentions if (m.canonical or m.text) == name] or [m for m in mentions if m.text == name]
    if not same:
        return None
    return min(same, key=lambda m: (m.start > quote.start, abs(quote.start - m.start)))
