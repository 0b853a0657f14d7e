"""Events of one article: each sentence coded, its actor and target tied to the article's entity
mentions (else to dictionary actors), dated by the time stage and placed where the text says. Inside a
direct quote, what has no named actor ("Please get ready ...", "We are coordinating ...") is the speaker's."""

from __future__ import annotations

import re

from dossier.events.classify import Coding, code_sentence
from dossier.events.dictionaries import ActorHit, actor_code, agent_sector, find_actors
from dossier.ids import stable_id
from dossier.model import Article, Event, Evidence, Mention, Quote, Sentence, TimeMention
from dossier.nlp.roles import role_before

# A place the tagger calls a location can act or be acted on ("accused neighbouring Freedonia"), unless
# the sentence places something there ("in Minsk").
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
PLACE_CUE = re.compile(r"\b(?:in|inside|within|at|near|outside|from)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
PRONOUN_SUBJECT = re.compile(r"\b(?:he|she)\s+(?:[\w’'-]+\s+){0,3}$|^\W*(?:he|she)\s+\w+\W*$", re.IGNORECASE)
FIRST_PERSON = re.compile(r"^\W*(?:[\w’'-]+\s+){0,2}(?:we|i|us|our)\b", re.IGNORECASE)
# What a speaker does by speaking: the speaker of a statement is its source. Other acts need a named actor.
SPOKEN = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
MAX_SENTENCE = 600  # longer "sentences" are lists or broken text, not reports of one action


def article_events(article: Article, sentences: list[Sentence], mentions: list[Mention],
                   times: list[TimeMention], quotes: list[Quote] | None = None) -> list[Event]:
    """Every event the article reports, one per action, in text order."""
    text = article.text or ""
    mentions = _with_article_roles(mentions)
    by_id = {m.id: m for m in mentions}
    out = []
    for sent in sentences:
        if sent.end - sent.start > MAX_SENTENCE:
            continue
        in_sent = [m for m in mentions if sent.start <= m.start and m.end <= sent.end]
        speaker = _quote_speaker(sent, quotes or [], by_id)
        for coding in code_sentence(text[sent.start : sent.end], quoted=speaker is not None):
            event = _event(article, sent, coding, in_sent, times, mentions, speaker)
            if event is not None:
                out.append(event)
    return out


def _with_article_roles(mentions: list[Mention]) -> list[Mention]:
    """Each mention with the role and country another mention of the same name has in the article
    ("Belarusian President Alexander Lukashenko" ... "Lukashenko"): the role as of the article's date."""
    known: dict[str, tuple[str | None, str | None]] = {}
    for m in mentions:
        role, country = known.get(m.canonical or m.text, (None, None))
        known[m.canonical or m.text] = (role or m.role, country or m.country)
    out = []
    for m in mentions:
        role, country = known[m.canonical or m.text]
        if (m.role is None and role) or (m.country is None and country):
            m = m.model_copy(update={"role": m.role or role, "country": m.country or country})
        out.append(m)
    return out


def _quote_speaker(sent: Sentence, quotes: list[Quote], mentions: dict[str, Mention]) -> Mention | None:
    """The speaker of a quote (direct or reported) that holds most of the sentence."""
    for q in quotes:
        if q.kind == "scare" or not q.speaker_mention_id:
            continue
        overlap = min(q.end, sent.end) - max(q.start, sent.start)
        if overlap > 0.5 * (sent.end - sent.start) and q.speaker_mention_id in mentions:
            return mentions[q.speaker_mention_id]
    return None


def _event(article: Article, sent: Sentence, c: Coding, mentions: list[Mention], times: list[TimeMention],
           article_mentions: list[Mention], quote_speaker: Mention | None = None) -> Event | None:
    when = _date(article, sent, times)
    source = _actor(sent, c.source_region, mentions, when) or _speaker(sent, c, article_mentions, quote_speaker)
    target = _actor(sent, c.target_region, mentions, when, skip=source)
    if source is None and target is None:
        return None  # an action nobody is named doing or undergoing is no codable event
    if c.dictionary and not (isinstance(source, Mention) and isinstance(target, Mention)):
        return None  # a bare dictionary verb ("serving", "supplies") needs a named actor and target to count
    place = _place(sent, mentions, {_key(source), _key(target)})
    start, end = sent.start + c.trigger[0], sent.start + c.trigger[1]
    return Event(
        id=stable_id("evm", article.id, start, c.type), type=c.type, mode=c.mode,
        trigger=sent.text[c.trigger[0] : c.trigger[1]],
        **_fields("actor", source, when), **_fields("target", target, when),
        date=when[0] if when else None, date_precision=when[1] if when else None, location=place,
        negated=c.negated, hypothetical=c.hypothetical, reported_by=c.reported_by, confidence=c.confidence,
        evidence=[Evidence(article_id=article.id, start=start, end=end, text=sent.text[c.trigger[0]:c.trigger[1]],
                           sentence_index=sent.index, sentence=sent.text)],
        article_ids=[article.id], outlets=[article.outlet] if article.outlet else [])


def _actor(sent: Sentence, region: tuple[int, int], mentions: list[Mention], when, skip=None):
    """The first entity mention in the region (else a dictionary actor): who acts, or whom it is done to.
    A country or people named in a person's title ("Ostrenian President Stanimir Orlov") stands for the
    person; a place after "in", "at" is where it happened, not who acted."""
    lo, hi = sent.start + region[0], sent.start + region[1]
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and _key(m) != _key(skip)]
    for m in inside:
        if m.type not in ACTOR_TYPES:
            continue
        if m.type in PLACE_TYPES and PLACE_CUE.search(sent.text[: m.start - sent.start]):
            continue
        return _title_holder(sent, m, inside) or m
    for hit in find_actors(sent.text, when[0] if when else None, region[0], region[1]):
        if _key(hit) != _key(skip):
            return hit
    return None


def _title_holder(sent: Sentence, m: Mention, mentions: list[Mention]) -> Mention | None:
    """The person whose title names ``m`` right before their name ("Ostrenian President" Stanimir Orlov,
    "Russian Foreign Minister" Sergei Lavrov), if any."""
    if m.type == "PERSON":
        return None
    for p in mentions:
        if p.type == "PERSON" and m.end <= p.start <= m.end + 60:
            role = role_before(sent.text, p.start - sent.start)
            gap = sent.text[m.start - sent.start : p.start - sent.start]
            if role is not None and gap.rstrip().endswith(role.text) and len(role.text.split()) > 1:
                return p if m.text in role.text else None
    return None


def _speaker(sent: Sentence, c: Coding, mentions: list[Mention], quote_speaker: Mention | None) -> Mention | None:
    """No actor named before the action: inside a quote "we" is its speaker; "he" refers back to the last
    person named; a statement ("…, Lukashenko said", or a quote) is its speaker's act when it is a
    spoken one (a demand, an accusation), not when it reports a deed ("…, the mayor said")."""
    lead = sent.text[c.source_region[0] : c.source_region[1]]
    if quote_speaker is not None and FIRST_PERSON.match(lead):
        return quote_speaker
    if PRONOUN_SUBJECT.search(lead):
        people = [m for m in mentions if m.type == "PERSON" and sent.start - 600 <= m.start < sent.start]
        if people:
            return people[-1]
    if c.type not in SPOKEN:
        return None
    if c.report_region:
        lo, hi = sent.start + c.report_region[0], sent.start + c.report_region[1]
        for m in mentions:
            if lo <= m.start and m.end <= hi and m.type in ("PERSON", "ORG"):
                return m
    return quote_speaker


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
