"""Events of one article: each sentence coded, its actor and target tied to the article's entity
mentions (else to dictionary actors), dated by the time stage and placed where the text says."""

from __future__ import annotations

import re

from dossier.events.classify import Coding, code_sentence
from dossier.events.dictionaries import ActorHit, actor_code, agent_sector, find_actors
from dossier.ids import stable_id
from dossier.model import Article, Event, Evidence, Mention, Sentence, TimeMention

ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_TYPES = {"GPE", "LOC"}
PLACE_CUE = re.compile(r"\b(?:in|at|near|outside|from)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
MAX_SENTENCE = 600  # longer "sentences" are lists or broken text, not reports of one action


def article_events(article: Article, sentences: list[Sentence], mentions: list[Mention],
                   times: list[TimeMention]) -> list[Event]:
    """Every event the article reports, one per action, in text order."""
    text = article.text or ""
    out = []
    for sent in sentences:
        if sent.end - sent.start > MAX_SENTENCE:
            continue
        in_sent = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
        for coding in code_sentence(text[sent.start : sent.end]):
            event = _event(article, sent, coding, in_sent, times, mentions)
            if event is not None:
                out.append(event)
    return out


def _event(article: Article, sent: Sentence, c: Coding, mentions: list[Mention],
           times: list[TimeMention], article_mentions: list[Mention]) -> Event | None:
    when = _date(article, sent, times)
    source = _actor(sent, c.source_region, mentions, when) or _speaker(sent, c, article_mentions)
    target = _actor(sent, c.target_region, mentions, when, skip=source)
    if source is None and target is None:
        return None  # an action nobody is named doing or undergoing is no codable event
    if c.dictionary and not (isinstance(source, Mention) and isinstance(target, Mention)):
        return None  # a bare dictionary verb ("serving", "supplies") needs a named actor and target to count
    place = _place(sent, mentions, {_key(source), _key(target)})
    start, end = sent.start + c.trigger[0], sent.start + c.trigger[1]
    return Event(
        id=stable_id("evm", article.id, start, c.type), type=c.type, mode=c.mode, trigger=sent.text[c.trigger[0]:c.trigger[1]],
        **_fields("actor", source, when), **_fields("target", target, when),
        date=when[0] if when else None, date_precision=when[1] if when else None, location=place,
        negated=c.negated, hypothetical=c.hypothetical, reported_by=c.reported_by, confidence=c.confidence,
        evidence=[Evidence(article_id=article.id, start=start, end=end, text=sent.text[c.trigger[0]:c.trigger[1]],
                           sentence_index=sent.index, sentence=sent.text)],
        article_ids=[article.id], outlets=[article.outlet] if article.outlet else [])


def _actor(sent: Sentence, region: tuple[int, int], mentions: list[Mention], when, skip=None):
    """The first entity mention in the region (else a dictionary actor): who acts, or whom it is done to."""
    lo, hi = sent.start + region[0], sent.start + region[1]
    for m in mentions:
        inside = lo <= m.start and m.end <= hi and m.type in ACTOR_TYPES and _key(m) != _key(skip)
        # "in Minsk" is where it happened, not who acted
        if inside and (m.type not in PLACE_TYPES or not PLACE_CUE.search(sent.text[: m.start - sent.start])):
            return m
    for hit in find_actors(sent.text, when[0] if when else None, region[0], region[1]):
        if _key(hit) != _key(skip):
            return hit
    return None


def _speaker(sent: Sentence, c: Coding, mentions: list[Mention]) -> Mention | None:
    """No actor named before the action: "he" refers back to the last person named; in a statement
    ("…, Lukashenko said") the speaker is the source of what is said."""
    lead = sent.text[c.source_region[0] : c.source_region[1]]
    if PRONOUN_SUBJECT.search(lead):
        people = [m for m in mentions if m.type == "PERSON" and sent.start - 600 <= m.start < sent.start]
        if people:
            return people[-1]
    if c.report_region:
        lo, hi = sent.start + c.report_region[0], sent.start + c.report_region[1]
        for m in mentions:
            if lo <= m.start and m.end <= hi and m.type in ("PERSON", "ORG"):
                return m
    return None


def _key(actor) -> str | None:
    if actor is None:
        return None
    return actor.id if isinstance(actor, Mention) else f"{actor.start}:{actor.text}"


def _fields(prefix: str, actor, when: tuple[str, str] | None) -> dict:
    """Name, entity, country and sector of an actor, from its mention or its dictionary code as of
    the event's date (a minister then may be an opposition leader now)."""
    if actor is None:
        return {}
    if isinstance(actor, ActorHit):
        return {prefix: actor.text, f"{prefix}_country": actor.code.country, f"{prefix}_sector": actor.code.sector}
    name = actor.canonical or actor.text
    day = when[0] if when else None
    code = actor_code(name, day) or actor_code(actor.text, day)
    country = (code.country if code else None) or actor.country  # the curated dictionary first
    sector = _mention_sector(actor, code)
    return {prefix: name, f"{prefix}_entity_id": actor.entity_id, f"{prefix}_country": country,
            f"{prefix}_sector": sector, f"{prefix}_mention_id": actor.id}


def _mention_sector(m: Mention, code) -> str | None:
    if code and code.sector:
        return code.sector
    for word in reversed((m.role or "").lower().split()):
        sector = agent_sector(word)
        if sector:
            return sector
    return "government" if m.type == "GPE" else None  # a state named as actor stands for its government


def _place(sent: Sentence, mentions: list[Mention], taken: set[str | None]) -> str | None:
    """Where it happened, when the sentence says so: a place after 'in', 'at', 'near'."""
    for m in mentions:
        if m.type in PLACE_TYPES and m.id not in taken and PLACE_CUE.search(sent.text[: m.start - sent.start]):
            return m.canonical or m.text
    return None


def _date(article: Article, sent: Sentence, times: list[TimeMention]) -> tuple[str, str] | None:
    """The date the sentence gives (a calendar date), else the article's publication date."""
    for t in times:
        if sent.start <= t.start < sent.end and t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit():
            return (t.value[:10], "day") if t.precision == "second" else (t.value, t.precision)
    if article.published:
        precision = article.published_precision or "day"
        return article.published[:10], "day" if precision == "second" else precision
    return None
