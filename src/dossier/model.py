"""The one data model every stage reads and writes.

Offsets are character offsets into ``Article.text`` (the clean text) unless a
field says otherwise; ``Article.offset_map`` maps them back to ``Article.raw``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Precision = Literal["second", "day", "month", "year", "decade", "interval", "unknown"]
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"]


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Evidence(Model):
    """Where a statement comes from: an article, a character span, its sentence."""

    article_id: str
    start: int
    end: int
    text: str = ""
    sentence_index: int | None = None
    sentence: str = ""


class Junk(Model):
    """A piece of the raw text removed by cleaning, kept so a user can see why."""

    start: int  # offsets into Article.raw_text
    end: int
    text: str
    reason: str


class Segment(Model):
    """``length`` characters at ``clean_start`` in the clean text equal those at ``raw_start``."""

    clean_start: int
    raw_start: int
    length: int


class Article(Model):
    id: str  # hash of the raw bytes
    source: str  # path, URL or "stdin"
    url: str | None = None
    format: str = "text"  # text | html | json | warc | feed
    raw: str = ""  # decoded raw input (HTML markup kept)
    raw_text: str | None = None  # text before junk removal (== raw for plain text)
    text: str | None = None  # clean body; None until the clean stage ran
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601, cut to its precision ("2022-10", "2022")
    published_precision: Precision | None = None
    published_how: str | None = None  # metadata | field | text | inferred
    published_confidence: float | None = None
    language: str | None = None
    junk: list[Junk] = Field(default_factory=list)
    offset_map: list[Segment] = Field(default_factory=list)
    duplicate_of: str | None = None  # representative article of its near-duplicate group
    hints: dict[str, Any] = Field(default_factory=dict)  # metadata given at ingest
    ingested_at: str = Field(default_factory=utcnow)

    def raw_offset(self, clean_offset: int) -> int | None:
        """Map a clean-text offset back to ``raw_text``; None where the text was rewritten."""
        starts = [s.clean_start for s in self.offset_map]
        i = bisect_right(starts, clean_offset) - 1
        if i < 0:
            return None
        seg = self.offset_map[i]
        if clean_offset - seg.clean_start <= seg.length:
            return seg.raw_start + clean_offset - seg.clean_start
        return None


class Sentence(Model):
    article_id: str
    index: int
    start: int
    end: int
    text: str


class Mention(Model):
    id: str
    article_id: str
    start: int
    end: int
    text: str
    type: EntityType
    entity_id: str | None = None
    role: str | None = None  # "Kremlin spokesman"
    kind: Literal["name", "role", "pronoun", "demonym"] = "name"
    canonical: str | None = None  # the full name it stands for in its article ("Alexander Lukashenko")
    country: str | None = None  # ISO-3, from the role, the gazetteer or a demonym
    evidence: Evidence


class Entity(Model):
    id: str  # stable: derived from the canonical name and type
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    country: str | None = None  # ISO-3
    mention_count: int = 0
    attributes: dict[str, Any] = Field(default_factory=dict)


class TimeMention(Model):
    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: str | None  # TIMEX3 value at its precision ("2022-10-10", "2022-10", "P3Y", "2023-Q1")
    precision: Precision = "unknown"
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    relative: bool = False  # resolved against the publication date or an earlier date
    mod: str | None = None  # TIMEX3 mod: START, END, APPROX ...
    evidence: Evidence


class SourceLink(Model):
    """One link of an attribution chain: speaker -> carrier(s) -> outlet."""

    name: str
    role: Literal["speaker", "carrier", "outlet"]
    entity_id: str | None = None
    stated: bool = True  # False where the link is inferred


class Quote(Model):
    id: str
    article_id: str
    kind: Literal["direct", "indirect", "partial", "scare"]
    text: str
    start: int
    end: int
    cue: str | None = None
    speaker: str | None = None  # as written: "he", "the Belarusian leader"
    speaker_entity_id: str | None = None
    speaker_mention_id: str | None = None  # the entity mention the speaker resolves to
    speaker_kind: Literal["name", "pronoun", "role", "unnamed", "none"] = "none"
    chain: list[SourceLink] = Field(default_factory=list)
    statement_id: str | None = None
    evidence: Evidence


class Statement(Model):
    """One utterance or claim with every rendering of it across outlets and translations."""

    id: str
    speaker: str | None = None
    speaker_entity_id: str | None = None
    text: str  # the fullest rendering
    quote_ids: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    independent_sources: int = 0
    first_published: str | None = None
    scores: list[dict[str, Any]] = Field(default_factory=list)  # why renderings were linked


class Event(Model):
    id: str
    type: str  # PLOVER type
    mode: str | None = None
    actor: str | None = None
    actor_entity_id: str | None = None
    actor_country: str | None = None
    actor_sector: str | None = None
    target: str | None = None
    target_entity_id: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    date: str | None = None
    date_precision: Precision | None = None
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None
    confidence: float = 1.0
    evidence: list[Evidence] = Field(default_factory=list)
    trigger: str | None = None  # the words that code the action ("threatened", "imposed sanctions")
    actor_mention_id: str | None = None  # per-article events: the mentions that name actor and target
    target_mention_id: str | None = None
    article_ids: list[str] = Field(default_factory=list)  # corpus events: every article reporting it
    outlets: list[str] = Field(default_factory=list)
    num_mentions: int = 1  # reports of the event (GDELT's NumMentions)
    num_sources: int = 1  # distinct outlets, copies counted once (GDELT's NumSources)


class Quantity(Model):
    """A number with what it counts: "more than 1,000 people" -> troops, low 1001, high None (no bound)."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: Literal["count", "duration", "percent", "money", "measure"] = "count"
    thing: str  # what is counted, normalized: "troops", "deaths", "year" (durations), "agreement"
    counted: str | None = None  # the noun phrase as written: "Russian soldiers"
    qualifier: str | None = None  # whose: "Russian", "Ostrenia"
    value: float | None = None  # the figure as written (1000 in "more than 1,000")
    low: float | None = None  # the range it asserts; high None means unbounded
    high: float | None = None
    framing: Literal["small", "large"] | None = None  # "not a large number", "only a few", "thousands"
    approximate: bool = False
    evidence: Evidence


class Claim(Model):
    """One source's side of a disagreement, or one rendering of a corroborated fact."""

    text: str
    reading: str = ""  # "more than 1,000", "small (framing)", "denies"
    article_id: str
    outlet: str | None = None
    evidence: Evidence


class Corroboration(Model):
    """How many independent sources carry a statement, a fact or a summary sentence."""

    kind: Literal["statement", "fact", "sentence"]
    text: str
    ref: str | None = None  # statement or quantity id
    independent_sources: int = 0
    outlets: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)


class Contradiction(Model):
    """Sources that give incompatible values or framings for one thing, or where one asserts what another denies."""

    kind: Literal["value", "framing", "denial"]
    about: str  # "troops (Russian)", "deaths", or the disputed assertion
    claims: list[Claim] = Field(default_factory=list)
    note: str = ""


class TimelineEntry(Model):
    """A dated event or statement of a story or storyline."""

    date: str  # ISO at its precision
    precision: Precision = "day"
    kind: Literal["event", "statement", "article"] = "event"
    text: str
    story_id: str | None = None
    speaker: str | None = None
    evidence: Evidence | None = None


class Story(Model):
    id: str
    title: str
    article_ids: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    summary: list[Evidence] = Field(default_factory=list)
    independent_sources: int = 0
    outlets: dict[str, int] = Field(default_factory=dict)
    storyline_id: str | None = None
    # Filled by the story-details stage (None until it ran on the story).
    corroboration: list[Corroboration] | None = None
    contradictions: list[Contradiction] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    facts: list[Quantity] = Field(default_factory=list)  # the quantities its articles report
    actors: list[str] = Field(default_factory=list)  # main entities (names), most mentioned first
    outlet_kinds: dict[str, str] = Field(default_factory=dict)  # outlet -> wire, state media, ... or unknown


class Storyline(Model):
    """Stories linked over weeks by shared actors and themes."""

    id: str
    name: str
    story_ids: list[str] = Field(default_factory=list)  # in date order
    actors: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    timeline: list[TimelineEntry] = Field(default_factory=list)
