"""The rules' findings and the learned tagger's together (``learned.py``).

The tagger's contents come with a cue and, usually, a source. Where a tagged
content touches an attribution the rules found, one of the two is kept: the
tagger's for the kinds its profile's ``Policy`` names (its boundaries and
sources are learned from annotated news; PolNeAR dev picks the kinds), the
rules' otherwise. A kept tagged claim inherits what only the rules know: the
speaker when the tagger found none, the carriers of the same speaker, and
the partial and scare quotes inside it. Tagged contents touching no rule
finding are added as they are; a tagged content without a cue, or one the
model doubts (below the policy's least confidence), is left out. The fast
profile's CRF replaces the rules' claims only; the accurate profile's network
places quote boundaries better than the rules too, so it replaces direct
quotes as well, is trusted at lower confidence and down to one-word contents,
and overrules the rules: an indirect claim of the rules that no tagged claim
touches is dropped (the network read the sentence and saw no attribution),
unless the rules found the agency or outlet that carried it. Members of a
replaced rule attribution that no tagged claim touches, such as a quote's
continuation paragraph, stay, in the attribution of the claims replacing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.quotes import learned
from dossier.quotes.speakers import speaker_kind
from dossier.quotes.state import Article, Found, copy_speaker, set_speaker
from dossier.quotes.tokens import sentence_of

CONTINUATION_SENTENCES = 3  # a speakerless tagged claim takes the speaker of a statement at most this far back
KEEP_RULE_SPEAKER = True
RULE_KINDS = frozenset({"direct", "indirect", "partial"})


@dataclass(frozen=True)
class Policy:
    """How a profile's tagger and the rules share the work (chosen on PolNeAR dev)."""

    replaced_kinds: frozenset[str]  # the rule attributions a touching tagged claim replaces, by their members' kinds
    least_confidence: float  # least tag probability of a content and its cue
    min_words: int  # a shorter tagged content is a topic ("criticized Machado"), not a claim
    kept_untouched: frozenset[str] = RULE_KINDS  # the kinds of rule finding kept when no tagged claim touches
    # them (one with carriers is always kept)


POLICIES = {
    "fast": Policy(frozenset({"indirect", "partial"}), 0.2, 2),
    "accurate": Policy(RULE_KINDS, 0.1, 1, kept_untouched=frozenset({"direct", "partial"})),
}


def add_learned(art: Article, found: list[Found], profile: str = "fast") -> list[Found]:
    """The rules' findings with the tagger of ``profile`` merged in."""
    model = learned.load(profile)
    if model is None:
        return found
    statements = [f for f in found if f.kind != "scare"]
    paragraphs = learned.pieces(art.sents, learned.rule_roles(art, statements))
    policy = POLICIES.get(profile, POLICIES["fast"])
    tagged = tagged_findings(art, paragraphs, model.tag(paragraphs), statements, policy)
    merged = merge(art.text, found, tagged, policy)
    for f in merged:
        if f.kind != "scare" and not f.speaker_text:
            _speaker_from_before(art, f, statements)
    return sorted(merged, key=lambda f: (f.start, f.end))


def tagged_findings(art: Article, paragraphs: list[learned.Piece], tags: list[tuple[list[str], list[float]]],
                    statements: list[Found], policy: Policy) -> list[Found]:
    """The tagger's claims with a cue; contents on both sides of one cue share a group."""
    speakers = [f.speaker for f in statements if f.speaker]
    out = []
    for piece, tagged in zip(paragraphs, tags):
        groups: dict[tuple[int, int], int] = {}
        for rel in learned.relations(piece, tagged):
            if rel.cue is None or rel.confidence < policy.least_confidence:
                continue  # a content without a cue, or one the model doubts, costs more precision than it brings
            f = _learned_finding(art, piece, rel, policy.min_words)
            if f is None or any(a < f.end and f.start < b for a, b in speakers):
                continue  # "..., TASS quoted the minister as saying": the rules' speaker is no claim
            f.group = groups.setdefault(rel.cue, f.group)
            out.append(f)
    return out


def merge(text: str, found: list[Found], tagged: list[Found], policy: Policy) -> list[Found]:
    """Rule attributions and tagged claims, one of the two where they touch (see the module docstring)."""
    groups: dict[int, list[Found]] = {}
    for f in found:
        if f.kind != "scare":
            groups.setdefault(f.group, []).append(f)
    dropped_tagged, replaced, untouched = set(), [], set()
    touched = [sum(any(_touch(f, t) for f in members) for members in groups.values()) for t in tagged]
    for members in groups.values():
        hits = [i for i, t in enumerate(tagged) if any(_touch(f, t) for f in members)]
        if not hits:
            untouched.update(id(f) for f in members if _dropped_untouched(f, policy))
            continue
        if {f.kind for f in members} <= policy.replaced_kinds and all(touched[i] == 1 for i in hits):
            replaced.append((members, [tagged[i] for i in hits]))
        else:
            dropped_tagged.update(hits)
    gone = untouched | {id(f) for members, claims in replaced for f in members
                        if f.kind != "partial" and _replaced_member(f, claims, policy)}
    for members, claims in replaced:
        _inherit(text, members, claims)
    out = [f for f in found if id(f) not in gone]
    return out + [t for i, t in enumerate(tagged) if i not in dropped_tagged]


def _dropped_untouched(f: Found, policy: Policy) -> bool:
    """Whether a rule finding no tagged claim touches goes: its kind is not kept untouched, and it names no carrier."""
    return f.kind not in policy.kept_untouched and not f.carriers


def _replaced_member(f: Found, claims: list[Found], policy: Policy) -> bool:
    """Whether the tagged claims replacing its attribution replace this member too: those they touch, and
    those the policy would not keep untouched (a quote's continuation paragraph the tagger missed stays)."""
    return _touches_any(f, claims) or _dropped_untouched(f, policy)


def _inherit(text: str, members: list[Found], claims: list[Found]) -> None:
    """Tagged claims replacing a rule attribution keep its speaker, cue and carriers, take its partial quotes
    into their attribution, and start where its claim does when only a "that" lies before."""
    source = next((f for f in members if f.speaker_text), None)
    for claim in claims:
        for f in members:
            if claim.start < f.start < claim.end and text[claim.start : f.start].strip().lower() == "that":
                claim.start = f.start
    for claim in claims:
        if source is None:
            break
        if not claim.speaker_text or KEEP_RULE_SPEAKER:
            copy_speaker(claim, source)
            claim.inherited = source.inherited
        if claim.speaker == source.speaker:
            claim.carriers = list(source.carriers)
            claim.frame = claim.frame or source.frame
            claim.cue = source.cue or claim.cue
    for f in members:
        if f.kind == "partial" or not _touches_any(f, claims):
            f.group = next((c.group for c in claims if c.start <= f.start and f.end <= c.end), claims[0].group)


def _touch(a: Found, b: Found) -> bool:
    return a.start < b.end and b.start < a.end


def _touches_any(f: Found, claims: list[Found]) -> bool:
    return any(_touch(f, c) for c in claims)


def _speaker_from_before(art: Article, f: Found, statements: list[Found]) -> None:
    """A tagged claim with no speaker of its own continues the latest named statement just before it."""
    before = [g for g in statements if g.end <= f.start and g.speaker_text and f.sent - g.sent <= CONTINUATION_SENTENCES
              and art.sents[f.sent].paragraph - art.sents[g.sent].paragraph <= 1]
    if before:
        copy_speaker(f, max(before, key=lambda g: g.end))
        f.inherited = True


def _learned_finding(art: Article, piece: learned.Piece, rel: learned.Tagged, min_words: int) -> Found | None:
    """A tagged content as a claim (a direct quote when it is all quoted, closed or not), with its cue, frame
    and source."""
    toks = piece.toks
    a, b = rel.content
    start, end = toks[a].start, toks[b - 1].end
    content = art.text[start:end]
    if sum(1 for t in toks[a:b] if t.is_word) < min_words:
        return None
    opened = content[:1] in "\"“" and not any(c in content[1:-1] for c in "\"“”")
    quoted = opened and content[-1:] in "\"”"
    if opened:  # all quoted; a quote never closed ("“Our border stays closed. The minister said.") is one too
        start, end = start + 1, end - 1 if quoted else end
    found = Found("direct" if opened else "indirect", start, end, sentence_of(art.sents, start), art.group_of(None))
    if rel.cue:
        found.cue = " ".join(t.text for t in toks[rel.cue[0] : rel.cue[1]])
    frame = _frame_at(art, piece.sent[rel.cue[0]], toks[rel.cue[0]].start) if rel.cue else None
    if rel.source:
        first, last = rel.source[0], _name_end(toks, rel.source[0], rel.source[1])
        s0, s1 = toks[first].start, toks[last - 1].end
        found.speaker, found.speaker_text = (s0, s1), art.text[s0:s1]
        found.speaker_kind = speaker_kind([t.text for t in toks[first:last] if t.is_word])
    elif frame is not None and frame.speaker:
        set_speaker(art, found, art.sents[frame.sent], frame.speaker)
    return found


def _name_end(toks: list, start: int, end: int) -> int:
    """The end of a source cut inside a name: "The" of "The Post", "Jill" of "Jill Stein" run on over the
    capitalised words that follow (a tagger's source may stop a word short)."""
    while end < len(toks) and toks[end].is_word and toks[end].is_cap and (toks[end - 1].is_cap or toks[end - 1].low == "the"):
        end += 1
    return end


def _frame_at(art: Article, sent_index: int, offset: int):
    """The rules' speech frame whose cue holds the token starting at ``offset``, if any."""
    sent = art.sents[sent_index]
    for frame in art.frames[sent_index]:
        if any(t.start == offset for t in sent.toks[frame.cue[0] : frame.cue[1]]):
            return frame
    return None
