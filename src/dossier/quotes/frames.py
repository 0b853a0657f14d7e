"""Speech frames of a sentence: a cue verb, its speaker, and which side its content lies on.

"Lukashenko has accused Ukraine of ..." (content after the cue), "..., Lukashenko
said." (content before), "“...,” said Peskov" (inverted), "According to X, ...",
"X: ..." (a colon after a name), and participles that take the subject of
their sentence ("..., saying ...", "and has accused ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.quotes.lexicon import NOUN_LIKE, PRONOUNS, STRICT_NOUNS, cue_lemma
from dossier.quotes.speakers import is_adverb, np_after, subject_before
from dossier.quotes.tokens import DASHES, Sent, Tok

PARTICLES = {"point": {"out"}, "call": {"on", "for"}, "speak": {"of", "about"}, "warn": {"of", "against"},
             "talk": {"about"}, "complain": {"about", "of"}, "joke": {"about"}, "hint": {"at"},
             "refer": {"to"}}
PARTICIPLE_OPENERS = {",", "and", "by", "while", *DASHES}  # ", saying ...", "while adding ..."
NEEDS_PARTICLE = {"speak", "talk", "refer"}
BE = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s", "'re", "’re"}
COORDINATORS = {"and", "but", "or", "then"}
PREPOSITIONS = {"in", "on", "at", "during", "after", "before", "to", "with", "from", "via", "through", "by",
                "for", "about", "of", "earlier", "later", "last", "this", "yesterday", "today", "tonight",
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "according",
                "while", "when", "as", "outside", "inside", "ahead", "over", "under", "recently", "again",
                "afterward", "afterwards", "also", "late", "early", "told"}
NOT_SPEAKERS = {"source", "date", "photo", "image", "related", "update", "updated", "editor", "note", "read",
                "watch", "listen", "see", "also", "by", "advertisement", "share", "tags", "comments", "video",
                "copyright", "contact", "email", "tel", "phone", "fax", "q", "a", "question", "answer", "subscribe",
                "published", "posted", "updated", "filed", "modified", "created", "written", "credit", "credits"}
MAX_TRAILING = 12
RECIPIENT_CUES = {"tell", "inform", "assure", "warn", "remind", "promise", "advise", "ask", "urge", "convince",
                  "caution", "notify", "reassure"}


@dataclass
class Frame:
    """A cue with its speaker; token indices point into ``Sent.toks``."""

    sent: int
    cue: tuple[int, int]  # token range of the cue words: "said", "called on", "according to", ":"
    lemma: str
    cls: str  # speech | mental | evidence | frame | according | colon
    speaker: tuple[int, int] | None = None
    inherit: bool = False  # takes the subject of an earlier frame in its sentence ("..., saying")
    inverted: bool = False  # the speaker follows the cue ("said Trump")
    start: int = 0  # first token of the frame (speaker or coordinator or cue)
    carrier: tuple[int, int] | None = None  # "TASS quoted X as saying": TASS

    def cue_text(self, sent: Sent) -> str:
        return " ".join(t.text for t in sent.toks[self.cue[0] : self.cue[1]])


def find_frames(sent: Sent) -> list[Frame]:
    """Every speech frame of a sentence, in order."""
    frames: list[Frame] = []
    colon = colon_frame(sent)
    if colon:
        frames.append(colon)
    toks = sent.toks
    for i, tok in enumerate(toks):
        if tok.inside:
            continue
        if tok.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            frame = according_frame(sent, i)
        else:
            frame = cue_frame(sent, i, frames)
        if frame:
            frames.append(frame)
    return frames


def cue_frame(sent: Sent, i: int, earlier: list[Frame]) -> Frame | None:
    """The frame of the cue verb at token ``i``, if it is one: its subject, or the sentence's for participles."""
    toks = sent.toks
    if toks[i].low in {"quoted", "quotes", "quoting"}:
        return quoted_as_frame(sent, i)
    if toks[i].low.endswith("ing") and i > 0 and toks[i - 1].low == "as":
        return None  # "quoted X as saying": the frame is the "quoted" one
    found = cue_lemma(toks[i].low)
    if not found or _not_a_cue(toks, i):
        return None
    lemma, cls = found
    cue = (i, _particle_end(toks, i, lemma))
    if lemma in NEEDS_PARTICLE and cue[1] == i + 1:
        return None  # "spoke on Monday", "referred the case": only "spoke of", "referred to" report something
    before = skip_aux(toks, i - 1, toks[i].low.endswith("ing"))
    if before >= 0 and toks[before].low in BE and not toks[i].low.endswith("ing"):
        return None  # passive: "was told", "is expected"
    if toks[i].low.endswith("ing"):
        return _participle(sent, i, lemma, cls, cue, before, earlier)
    if before >= 0 and toks[before].low in COORDINATORS and earlier:
        return Frame(sent.index, cue, lemma, cls, inherit=True, start=before)
    speaker = subject_before(sent, i)
    if toks[i].low in NOUN_LIKE:
        return _verbal_reading(sent, i, lemma, cls, cue, speaker)
    if speaker and _plausible_subject(toks, speaker):
        return Frame(sent.index, cue, lemma, cls, speaker=speaker, start=speaker[0])
    return _inverted(sent, i, lemma, cls, cue)


def _verbal_reading(sent: Sent, i: int, lemma: str, cls: str, cue: tuple[int, int],
                    speaker: tuple[int, int] | None) -> Frame | None:
    """A frame for a noun-like cue form ("attack", "claims") only where it reads as a verb."""
    toks = sent.toks
    if not speaker:
        return None
    first, last = toks[speaker[0]], toks[speaker[1] - 1]
    nxt = toks[cue[1]].low if cue[1] < len(toks) else ""
    if nxt in {"that", ":"}:
        return Frame(sent.index, cue, lemma, cls, speaker=speaker, start=speaker[0])
    plural_subject = not last.is_cap and last.low.endswith("s") and toks[i].low == lemma
    named = (last.low in PRONOUNS or last.is_cap) and first.low not in {"a", "an", "his", "her", "their", "its", "our"}
    if (named or plural_subject) and toks[i].low not in STRICT_NOUNS:
        return Frame(sent.index, cue, lemma, cls, speaker=speaker, start=speaker[0])
    return None


def _not_a_cue(toks: list[Tok], i: int) -> bool:
    """ "so-called", "the said", "all told": cue forms that are not cues here."""
    prev = toks[i - 1].low if i > 0 else ""
    if prev in {"-", "so", "the", "a", "an", "all"} or toks[i].low == "point":
        return True
    if toks[i].is_cap and i > 0 and not _title_case(toks):
        return True
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    return nxt in {"-"}


def _title_case(toks: list[Tok]) -> bool:
    """A headline in Title Case: "Trump Says He Will Win"."""
    words = [t for t in toks if t.is_word and len(t.text) > 3]
    return len(words) >= 3 and sum(t.is_cap for t in words) >= 0.8 * len(words)


def _particle_end(toks: list[Tok], i: int, lemma: str) -> int:
    particles = PARTICLES.get(lemma, set())
    return i + 2 if i + 1 < len(toks) and toks[i + 1].low in particles else i + 1


def skip_aux(toks: list[Tok], j: int, skip_be: bool = False) -> int:
    """Index of the first token left of ``j`` that is not an adverb or auxiliary."""
    while j >= 0 and not toks[j].inside and (is_adverb(toks[j]) or (skip_be and toks[j].low in BE)):
        j -= 1
    return j


def _participle(sent: Sent, i: int, lemma: str, cls: str, cue: tuple[int, int], before: int,
                earlier: list[Frame]) -> Frame | None:
    """ "..., saying that ...": the subject is the sentence's; "X is saying": the subject is X."""
    toks = sent.toks
    if before >= 0 and toks[before].low in BE:
        speaker = subject_before(sent, before)
        return Frame(sent.index, cue, lemma, cls, speaker=speaker, start=speaker[0]) if speaker else None
    if cls not in {"speech", "frame"} or before < 0 or toks[before].text not in PARTICIPLE_OPENERS:
        return None
    return Frame(sent.index, cue, lemma, cls, inherit=True, start=before)


def _plausible_subject(toks: list[Tok], speaker: tuple[int, int]) -> bool:
    return any(t.is_word for t in toks[speaker[0] : speaker[1]])


def quoted_as_frame(sent: Sent, i: int) -> Frame | None:
    """ "TASS quoted the minister as saying" and "he was quoted by TASS as saying": a speaker and a carrier."""
    toks = sent.toks
    before = skip_aux(toks, i - 1)
    if before >= 0 and toks[before].low in BE:
        speaker = subject_before(sent, before)
        by = i + 1 if i + 1 < len(toks) and toks[i + 1].low == "by" else None
        carrier = np_after(sent, by + 1) if by else None
        if not speaker:
            return None
        return Frame(sent.index, (i, i + 1), "quote", "speech", speaker=speaker, start=speaker[0], carrier=carrier)
    speaker = np_after(sent, i + 1)
    carrier = subject_before(sent, i)
    if not speaker or not carrier:
        return None
    return Frame(sent.index, (i, i + 1), "quote", "speech", speaker=speaker, start=carrier[0], carrier=carrier)


def _inverted(sent: Sent, i: int, lemma: str, cls: str, cue: tuple[int, int]) -> Frame | None:
    """ "“...,” said Peskov", "..., said the minister" or "“...” — said the minister": the speaker follows the
    cue."""
    toks = sent.toks
    if i == 0 or not _after_break(toks, i) or cls not in {"speech", "frame"}:
        return None
    speaker = np_after(sent, cue[1])
    if not speaker or (toks[speaker[0]].low in PRONOUNS and toks[speaker[0]].low not in {"he", "she", "they"}):
        return None
    return Frame(sent.index, cue, lemma, cls, speaker=speaker, inverted=True, start=i)


def according_frame(sent: Sent, i: int) -> Frame | None:
    """ "according to the state news agency": the named source follows."""
    speaker = np_after(sent, i + 2)
    if not speaker:
        return None
    return Frame(sent.index, (i, i + 2), "according to", "according", speaker=speaker, inverted=True, start=i)


def colon_frame(sent: Sent) -> Frame | None:
    """ "Lukashenko: We are open ..." or a transcript line "PENCE: Well, ..." at a sentence start."""
    toks = sent.toks
    for k in range(1, min(5, len(toks) - 3)):
        if toks[k].text == ":":
            words = toks[:k]
            if not all(t.is_cap or t.text in {".", "-", "’s", "'s"} for t in words) or words[0].low in NOT_SPEAKERS:
                return None
            if sent.words(k + 1, len(toks)) < 3 or any(t.inside for t in words):
                return None
            return Frame(sent.index, (k, k + 1), ":", "colon", speaker=(0, k), start=0)
    return None


# ------------------------------------------------------------------ content


def frame_end(sent: Sent, frame: Frame) -> int:
    """Index of the token after a frame: after the cue, or after an inverted speaker and "as saying"."""
    end = frame.cue[1]
    if frame.speaker and (frame.inverted or frame.lemma == "quote") and frame.cls != "according":
        end = max(end, frame.speaker[1])
    toks = sent.toks
    if frame.lemma == "quote" and end + 1 < len(toks) and toks[end].low == "as":
        end += 2
    return end


def content_after(sent: Sent, frame: Frame, stop: int) -> tuple[int, int] | None:
    """Token range of the content following the cue, up to token ``stop`` (the next frame)."""
    toks = sent.toks
    a = frame_end(sent, frame) if frame.lemma == "quote" else frame.cue[1]
    if frame.cls == "according":
        a = _after_comma(toks, frame.speaker[1] if frame.speaker else a, stop)
        if a is None:
            return None
    a = _skip_complementizer(toks, a, stop, frame.lemma in RECIPIENT_CUES)
    b = _trim_end(toks, a, stop)
    if b - a < 1 or sent.words(a, b) < 2:
        return None
    if frame.cls in {"mental", "evidence"} and not _clause_follows(toks, frame.cue[1], a, b):
        return None
    return (a, b)


def _after_comma(toks: list[Tok], a: int, stop: int) -> int | None:
    return a + 1 if a < stop and toks[a].text == "," else None


def _skip_complementizer(toks: list[Tok], a: int, stop: int, recipient: bool = False) -> int:
    """Skip ':', ',' and 'that', also after a time or place phrase ("said on Tuesday that") or,
    for verbs taking a recipient, after it ("told reporters that")."""
    while a < stop and toks[a].text in {":", ",", *DASHES}:
        a += 1
    for k in range(a, min(stop, a + 9)):
        if toks[k].inside or toks[k].text in {",", ";"} and k > a:
            break
        if toks[k].low == "that" and (k <= a + 1 or toks[a].low in PREPOSITIONS or recipient):
            return k + 1
    return a


def _clause_follows(toks: list[Tok], cue_end: int, a: int, b: int) -> bool:
    """Mental and evidence verbs report content only before a clause: "believe (that) he will ..."."""
    if a > cue_end and toks[a - 1].low == "that" or toks[a].low == "to" and b - a >= 2:
        return True
    first = toks[a] if a < b else None
    return bool(first) and b - a >= 4 and (first.low in PRONOUNS or first.low in {"the", "a", "an", "there"}
                                           or first.is_cap)


def _trim_end(toks: list[Tok], a: int, b: int) -> int:
    """End of a content without trailing punctuation (closing quotation marks stay)."""
    while b > a and not toks[b - 1].is_word and not toks[b - 1].is_mark:
        b -= 1
    while b > a and toks[b - 1].text in {",", ";", ":"}:
        b -= 1
    return b


def _after_break(toks: list[Tok], i: int) -> bool:
    """Whether token ``i`` follows a comma, a dash or a quotation mark, where a trailing frame can start."""
    return toks[i - 1].text in {",", *DASHES} or toks[i - 1].is_mark


def trailing(sent: Sent, frame: Frame) -> bool:
    """Whether a frame closes its sentence ("..., Lukashenko said on Monday."): the content is before it."""
    toks = sent.toks
    if frame.inherit or frame.start == 0:
        return False
    if frame.cls == "according":
        return toks[frame.start - 1].text == ","
    if not _after_break(toks, frame.start):
        return False
    end = frame_end(sent, frame)
    rest = [t for t in toks[end:] if t.is_word]
    if not rest:
        return True
    if toks[end].text == ",":
        return frame.inverted or _adjunct(rest[0])  # "said X, founder of ...", "he said, wiping his face"
    return len(rest) <= MAX_TRAILING and rest[0].low in PREPOSITIONS and "that" not in {t.low for t in rest}


def parenthetical(sent: Sent, frame: Frame) -> bool:
    """ "If it fails, he said, the party will split": a frame between commas with content on both sides."""
    toks = sent.toks
    end = frame_end(sent, frame)
    if frame.inherit or frame.start == 0 or toks[frame.start - 1].text != "," or end >= len(toks):
        return False
    after = toks[min(end + 1, len(toks) - 1)]
    return toks[end].text == "," and sent.words(end + 1, len(toks)) >= 2 and not _adjunct(after)


def _adjunct(tok: Tok) -> bool:
    """A participle or preposition opening what follows a frame: not more reported content."""
    return tok.low.endswith("ing") or tok.low in PREPOSITIONS or cue_lemma(tok.low) is not None


def content_before(sent: Sent, frame: Frame, floor: int) -> tuple[int, int] | None:
    """Token range of the content before a trailing frame, from token ``floor``."""
    b = _trim_end(sent.toks, floor, frame.start)
    a = floor
    while a < b and sent.toks[a].text in {",", *DASHES, ":"}:
        a += 1
    return (a, b) if sent.words(a, b) >= 3 else None


def subject_of_sentence(sent: Sent, frames: list[Frame]) -> tuple[int, int] | None:
    """The main subject of a sentence: the first speaker of its frames, else its opening noun phrase."""
    for f in frames:
        if f.speaker and not f.inverted:
            return f.speaker
    first = np_after(sent, 0)
    if not first:
        return None
    end = first[0]
    while end < first[1] and not (end > first[0] and _looks_verbal(sent.toks[end])):
        end += 1
    return (first[0], end)


def _looks_verbal(tok: Tok) -> bool:
    return not tok.is_cap and tok.low.endswith(("ed", "es")) and len(tok.low) > 4

