"""The entity mention a speaker stands for: names directly, pronouns and roles by recent context.

Pronouns ("he said") and role descriptions ("the long-serving Belarusian
leader") go to the most recent compatible mention: the subject of the
sentence, else the speaker of a recent quote, else the previous sentence's
subject, else the latest person named. Unnamed speakers ("many experts",
"reports") resolve to nothing: they are marked, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.model import Mention
from dossier.nlp.roles import TITLE, heads_match

PERSON_PRONOUNS = {"he", "she", "i"}
GROUP_PRONOUNS = {"they", "it", "we"}
GROUP_TYPES = ("ORG", "GPE", "NORP")
TYPE_PREFERENCE = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "MISC": 5}
LOOKBACK_SENTENCES = 3


@dataclass
class Context:
    """What a speaker may point back to: mentions outside quotes, and earlier speakers."""

    mentions: list[Mention]  # sorted by start, none inside quoted text
    speakers: list[tuple[int, int, Mention]]  # (sentence index, offset, resolved mention) of earlier quotes


def resolve_speaker(kind: str, span: tuple[int, int], sentence: int, words: list[str], ctx: Context) -> Mention | None:
    """The mention a speaker phrase refers to, or None."""
    if kind in {"unnamed", "none"}:
        return None
    overlapping = [m for m in ctx.mentions if m.start < span[1] and span[0] < m.end]
    if overlapping:
        return _best_named(overlapping)
    if kind == "name":
        return None
    lows = [w.lower() for w in words]
    if kind == "pronoun" and lows[0] in GROUP_PRONOUNS:
        return _recent(ctx, span[0], sentence, GROUP_TYPES)
    if kind == "role":
        by_role = _by_role_head(lows[-1], span[0], ctx)
        if by_role or not TITLE.search(" ".join(lows)):
            return by_role or _recent(ctx, span[0], sentence, GROUP_TYPES, head=lows[-1])
    return _recent_person(ctx, span[0], sentence)


def _best_named(mentions: list[Mention]) -> Mention:
    """The head mention of a phrase: a person before an organisation, the last one of a type."""
    return sorted(mentions, key=lambda m: (TYPE_PREFERENCE.get(m.type, 9), -m.start))[0]


def _recent_person(ctx: Context, offset: int, sentence: int) -> Mention | None:
    people = [m for m in ctx.mentions if m.type == "PERSON" and m.end <= offset]
    same = [m for m in people if m.evidence.sentence_index == sentence]
    if same:
        return same[0]
    recent = [m for s, o, m in ctx.speakers if o < offset and sentence - s <= LOOKBACK_SENTENCES and m.type == "PERSON"]
    if recent:
        return recent[-1]
    previous = [m for m in people if m.evidence.sentence_index == sentence - 1]
    if previous:
        return previous[0]
    close = [m for m in people if sentence - (m.evidence.sentence_index or 0) <= LOOKBACK_SENTENCES * 2]
    return close[-1] if close else None


def _recent(ctx: Context, offset: int, sentence: int, types: tuple[str, ...], head: str | None = None) -> Mention | None:
    found = [m for m in ctx.mentions if m.type in types and m.end <= offset
             and sentence - (m.evidence.sentence_index or 0) <= LOOKBACK_SENTENCES * 2]
    if head:
        found = [m for m in found if head in m.text.lower()] or []
    return found[-1] if found else None


def _by_role_head(head: str, offset: int, ctx: Context) -> Mention | None:
    """ "the president" -> the latest person whose stated role has a matching head."""
    people = [m for m in ctx.mentions if m.type == "PERSON" and m.role and m.end <= offset]
    for m in reversed(people):
        heads = TITLE.findall(m.role or "")
        if heads and heads_match(head, heads[-1].lower()):
            return m
    return None
