"""The entity mention a speaker stands for: names directly, pronouns and roles by recent context.

Pronouns ("he said") go to the subject of their sentence, else the speaker of a
recent quote, else the previous sentence's subject, else the latest person
named. A person description ("the president", "the long-serving Belarusian
leader") continues the latest speaker when that speaker's role fits, else
goes to the person holding a matching role. Descriptions of institutions
("the ministry") go to the latest organisation whose name holds the head word.
Unnamed speakers ("many experts", "reports") resolve to nothing: they are
marked, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dossier.model import Mention
from dossier.nlp.roles import TITLE, country_in, heads_match

GROUP_PRONOUNS = {"they", "it", "we"}
GROUP_TYPES = ("ORG", "GPE", "NORP")
TYPE_PREFERENCE = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "MISC": 5}
LOOKBACK_SENTENCES = 3
STATE_HEADS = {"country", "nation", "government", "state", "kingdom", "republic", "authorities", "regime"}
RECENT_SPEAKER_SENTENCES = 2
_NEXT_WORD = re.compile(r"[\s,]*([\w’'-]+)")
NOT_AFTER_SUBJECT = {"of", "and", "or", "in", "on", "at", "for", "to", "with", "from", "who", "which", "whose",
                     "s", "’s", "'s"}


@dataclass
class Context:
    """What a speaker may point back to: mentions outside quotes, and earlier speakers."""

    text: str
    mentions: list[Mention]  # sorted by start, none inside quoted text
    speakers: list[tuple[int, int, Mention]] = field(default_factory=list)  # (sentence, offset, mention)
    countries: dict[str, str] = field(default_factory=dict)  # person -> country, learned from role descriptions


def resolve_speaker(kind: str, span: tuple[int, int], sentence: int, words: list[str], ctx: Context) -> Mention | None:
    """The mention a speaker phrase refers to, or None."""
    if kind in {"unnamed", "none"} or not words:
        return None
    overlapping = [m for m in ctx.mentions if m.start < span[1] and span[0] < m.end]
    lows = [w.lower() for w in words]
    if kind == "name":
        return _best_named(overlapping) if overlapping else None
    if kind == "pronoun":
        if lows[0] in GROUP_PRONOUNS:
            return _recent(ctx, span[0], sentence, GROUP_TYPES)
        return _antecedent_person(ctx, span[0], sentence)
    titles = TITLE.findall(" ".join(lows))
    if titles:
        person = _person_for_role(ctx, span, sentence, " ".join(words), titles[-1], overlapping)
        country = country_in(" ".join(words))
        if person is not None and country:
            ctx.countries.setdefault(person.canonical or person.text, country)
        return person
    heads = [m for m in overlapping if lows[-1] in m.text.lower()]
    if heads:
        return heads[0]
    if lows[-1] in STATE_HEADS:
        return _recent(ctx, span[0], sentence, ("GPE",))
    return _recent(ctx, span[0], sentence, GROUP_TYPES, head=lows[-1])


def _best_named(mentions: list[Mention]) -> Mention:
    """The head mention of a phrase: a person before an organisation, the last one of a type."""
    return min(mentions, key=lambda m: (TYPE_PREFERENCE.get(m.type, 9), -m.start))


def _is_subject(m: Mention, text: str) -> bool:
    """A mention followed by its verb ("Lukashenko has faced"), not by "of", a comma or "'s"; or a name in
    apposition to the subject ("The chairman of the council, Ivo Marek, said")."""
    nxt = _NEXT_WORD.match(text, m.end)
    if not nxt:
        return False
    between = text[m.end : nxt.start(1)].strip()
    if between == "," and text[max(0, m.start - 3) : m.start].rstrip().endswith(","):
        between = ""  # set off by commas on both sides: in apposition
    if between:
        return False
    word = nxt.group(1)
    return word[:1].islower() and word.lower() not in NOT_AFTER_SUBJECT


def _antecedent_person(ctx: Context, offset: int, sentence: int) -> Mention | None:
    """The person a "he"/"she" at ``offset`` refers to, in the order the module docstring gives."""
    same_speaker = [m for s, o, m in ctx.speakers if s == sentence and o < offset and m.type == "PERSON"]
    if same_speaker:
        return same_speaker[-1]
    people = [m for m in ctx.mentions if m.type == "PERSON" and m.end <= offset]
    same = [m for m in people if m.evidence.sentence_index == sentence and _is_subject(m, ctx.text)]
    if same:
        return same[-1]
    recent = _recent_speakers(ctx, offset, sentence)
    if recent:
        return recent[-1]
    previous = [m for m in people if m.evidence.sentence_index == sentence - 1]
    subjects = [m for m in previous if _is_subject(m, ctx.text)]
    if subjects or previous:
        return (subjects or previous)[0]
    close = [m for m in people if sentence - (m.evidence.sentence_index or 0) <= LOOKBACK_SENTENCES * 2]
    return close[-1] if close else None


def _recent_speakers(ctx: Context, offset: int, sentence: int) -> list[Mention]:
    return [m for s, o, m in ctx.speakers
            if o < offset and sentence - s <= RECENT_SPEAKER_SENTENCES and m.type == "PERSON"]


def _person_for_role(ctx: Context, span: tuple[int, int], sentence: int, phrase: str, head: str,
                     overlapping: list[Mention]) -> Mention | None:
    """ "the president": the latest speaker if the role fits, else the article's holder of that role."""
    country = country_in(phrase)
    for m in reversed(_recent_speakers(ctx, span[0], sentence)):
        if _fits(m, head, country, unknown_ok=True, known=_country_of(m, ctx)):
            return m
    people = [m for m in overlapping if m.type == "PERSON"]
    if people:
        return people[-1]
    earlier = [m for m in ctx.mentions if m.type == "PERSON" and m.end <= span[0]]
    later = [m for m in ctx.mentions if m.type == "PERSON" and m.start >= span[1]]
    for candidates, unknown_ok in ((reversed(earlier), False), (reversed(earlier), True), (later, True)):
        for m in candidates:
            if _fits(m, head, country, unknown_ok, known=_country_of(m, ctx)):
                return m
    return None


def _country_of(m: Mention, ctx: Context) -> str | None:
    """A person's country from any mention of them in the article, or from the role description a speaker
    resolved through ("the Belarusian president" makes Lukashenko Belarusian)."""
    if m.country:
        return m.country
    name = m.canonical or m.text
    for other in ctx.mentions:
        if other.country and (other.canonical or other.text) == name:
            return other.country
    return ctx.countries.get(name)


def _fits(m: Mention, head: str, country: str | None, unknown_ok: bool, known: str | None = None) -> bool:
    """Whether a person may be described by a role head (and country): "president" fits "Belarusian President";
    "the Kremlin chief" (Russia) does not fit a Belarusian."""
    known = known or m.country
    if country and known and known != country:
        return False
    heads = TITLE.findall(m.role or "")
    if not heads:
        return unknown_ok
    return heads_match(head, heads[-1].lower())


def _recent(ctx: Context, offset: int, sentence: int, types: tuple[str, ...],
            head: str | None = None) -> Mention | None:
    """The latest mention of one of ``types`` before ``offset`` (whose text holds ``head``, if given)."""
    found = [m for m in ctx.mentions if m.type in types and m.end <= offset
             and sentence - (m.evidence.sentence_index or 0) <= LOOKBACK_SENTENCES * 2]
    if head:
        found = [m for m in found if head in m.text.lower()]
    return found[-1] if found else None
