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

from bisect import bisect_right

from dossier import settings
from dossier.ids import stable_id
from dossier.model import Evidence, Mention, Quote, SourceLink
from dossier.quotes.combine import add_learned
from dossier.quotes.chains import carriers, is_outlet
from dossier.quotes.direct import attach_direct
from dossier.quotes.frames import subject_of_sentence
from dossier.quotes.indirect import attach_indirect
from dossier.quotes.kinds import covers_sentence, is_scare
from dossier.quotes.marks import Quoted
from dossier.quotes.resolve import Context, resolve_speaker
from dossier.quotes.state import Article, Found, copy_speaker, set_speaker
from dossier.quotes.tokens import Sent, sentence_of

__all__ = ["Found", "extract_quotes", "find_attributions", "speaker_mention"]

CONTINUATION_SENTENCES = 3  # a frameless quote takes the speaker of a quote at most this many sentences back
INHERIT_CARRIER_SENTENCES = 3  # ... and a carrier from the same speaker's quote this close


def find_attributions(text: str, sentences: list[tuple[int, int]], learned: bool = True,
                      profile: str | None = None) -> list[Found]:
    """Every quote, claim and scare quote of a text, in order, with offsets and groups; ``learned`` adds
    what the trained tagger of ``profile`` (default: the ``profile`` setting) finds beyond the rules."""
    art = Article(text, sentences)
    found = rule_findings(art)
    if learned:
        found = _unique(add_learned(art, found, profile or settings.get("profile")))
    return found


def rule_findings(art: Article) -> list[Found]:
    """What the hand-written rules find: direct, partial, indirect and scare quotes."""
    attach_direct(art)
    attach_indirect(art)
    attach_leftovers(art)
    fill_inherited_speakers(art)
    for f in art.found:
        f.carriers = _carriers_of(art, f)
    fill_speakers_from_next(art)
    add_credit_lines(art)
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


# ------------------------------------------------------------------ quotes without a frame of their own


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
    """The text of the sentences a quoted span touches."""
    first = art.sents[sentence_of(art.sents, q.outer_start)]
    last = art.sents[sentence_of(art.sents, max(q.outer_start, q.outer_end - 1))]
    return art.text[first.start : last.end]


def _scare(art: Article, q: Quoted, sent: Sent) -> Found:
    """A scare-quoted term: whose term it is comes from the statement around it, else the sentence's speaker."""
    around = [f for f in art.found if f.start <= q.start and q.end <= f.end and f.speaker_text]
    found = Found("scare", q.start, q.end, sent.index, art.group_of(None))
    if around:
        copy_speaker(found, around[0])
    else:
        frame = next((f for f in art.frames[sent.index] if f.speaker and f.cls != "according"), None)
        if frame:
            set_speaker(art, found, sent, frame.speaker)
    return found


def _continuation(art: Article, q: Quoted, sent: Sent, kind: str) -> Found:
    """A quote with no frame: it goes on from the previous quote nearby, or from a speaker in its sentence."""
    found = Found(kind, q.start, q.end, sent.index, art.group_of(None))
    antecedent = _antecedent(art, q, sent)
    frame = next((f for f in art.frames[sent.index] if f.speaker and f.cls != "according"), None)
    if kind == "partial" and frame:
        found.frame = frame
        set_speaker(art, found, sent, frame.speaker)
        found.cue = frame.cue_text(sent)
    elif antecedent:
        copy_speaker(found, antecedent)
        found.inherited = True
        ends_in = sentence_of(art.sents, max(antecedent.start, antecedent.end - 1))
        if antecedent.kind == "direct" and kind == "direct" and sent.index - ends_in <= 1:
            found.group = antecedent.group  # "“...,” he said. “...”": one attribution in two parts
    return found


def _antecedent(art: Article, q: Quoted, sent: Sent) -> Found | None:
    """The latest statement with a speaker shortly before a quote, in its paragraph or the one before."""
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
            set_speaker(art, f, sent, subject)


def fill_speakers_from_next(art: Article) -> None:
    """A speakerless quote in the sentence right before a statement of the same paragraph ("The “hysterical
    reaction” ... was “absolutely necessary.” ..., TASS quoted the foreign minister as saying.") is that
    speaker's: narration sets up a quote whose frame comes next. Its carriers come along, as not stated."""
    for f in art.found:
        if f.speaker_text or f.kind == "indirect" or art.frames[f.sent]:
            continue
        para = art.sents[f.sent].paragraph
        after = [g for g in art.found if g.start >= f.end and g.speaker_text and not g.inherited
                 and g.sent == f.sent + 1 and art.sents[g.sent].paragraph == para and g.kind != "scare"]
        if after:
            nxt = min(after, key=lambda g: g.start)
            copy_speaker(f, nxt)
            f.inherited = True
            f.carriers = [(name, False) for name, _ in nxt.carriers]


def add_credit_lines(art: Article) -> None:
    """A sentence that is only an outlet's name right after quotes ("... said in a statement. Moscow Times.")
    credits that outlet as the carrier of the statements of its paragraph before it."""
    for sent in art.sents:
        words = [t.text for t in sent.toks if t.is_word]
        name = " ".join(words)
        if not words or len(words) > 4 or not is_outlet(name) or not all(w[:1].isupper() for w in words):
            continue
        for f in art.found:
            if f.sent < sent.index and art.sents[f.sent].paragraph == sent.paragraph and f.speaker_text \
                    and not any(n == name for n, _ in f.carriers):
                f.carriers.append((name, True))


def _carriers_of(art: Article, f: Found) -> list[tuple[str, bool]]:
    """Carriers stated around a finding's frame; a carried-over speaker brings its carriers along, unstated."""
    if f.frame is not None and not f.inherited:
        sent = art.sents[f.frame.sent]
        return [(name, True) for name in carriers(sent, f.frame, art.frames[sent.index], art.text)]
    if f.inherited:
        before = [g for g in art.found if g.end <= f.start and g.speaker == f.speaker and g.carriers]
        if before:
            return [(name, False) for name, _ in max(before, key=lambda g: g.end).carriers]
    return []


def _unique(found: list[Found]) -> list[Found]:
    """One finding per span (the first), none empty."""
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
    return max(0, bisect_right([start for start, _ in sentences], offset) - 1)


def _to_quote(article_id: str, text: str, sentences: list[tuple[int, int]], f: Found) -> Quote:
    """The model's Quote; its evidence sentence spans the quote and its frame."""
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
    """speaker -> carriers; the speaker by the full name it resolves to, else as written."""
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
