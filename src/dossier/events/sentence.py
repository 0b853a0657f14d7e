"""Code a lone sentence into events with dictionary-coded actors (no pipeline needed).

This is what ``dossier events --text`` and the PLOVER benchmark run; the pipeline stage adds the
article's entity mentions, dates and places on top of the same coding.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.events.classify import Coding, code_sentence
from dossier.events.dictionaries import ActorHit, agent_sector, find_actors


@dataclass
class SentenceEvent:
    type: str
    mode: str | None
    trigger: str
    actor: str | None
    actor_country: str | None
    actor_sector: str | None
    target: str | None
    target_country: str | None
    target_sector: str | None
    negated: bool
    hypothetical: bool
    reported_by: str | None
    confidence: float


def code_text(sentence: str, when: str | None = None) -> list[SentenceEvent]:
    """Every event of a sentence, actors coded with the PETRARCH2 dictionaries as of ``when``."""
    out = []
    for c in code_sentence(sentence):
        source = _first(sentence, c.source_region, when)
        target = _first(sentence, c.target_region, when, skip=source)
        out.append(SentenceEvent(
            c.type, c.mode, sentence[c.trigger[0] : c.trigger[1]],
            source.text if source else None, source.code.country if source else None,
            _sector(sentence, source), target.text if target else None,
            target.code.country if target else None, _sector(sentence, target),
            c.negated, c.hypothetical, c.reported_by, c.confidence))
    return out


def _first(sentence: str, region: tuple[int, int], when: str | None, skip: ActorHit | None = None) -> ActorHit | None:
    """The first coded actor in the region (a second one with the same code is taken as the same actor)."""
    for hit in find_actors(sentence, when, region[0], region[1]):
        if skip is None or (hit.start, hit.end) != (skip.start, skip.end):
            return hit
    return None


def _sector(sentence: str, hit: ActorHit | None) -> str | None:
    """The sector of the code, else of the agent noun right after the name ("Hungarian officials")."""
    if hit is None:
        return None
    if hit.code.sector:
        return hit.code.sector
    following = sentence[hit.end : hit.end + 40].split()
    for n in (2, 1):
        sector = agent_sector(" ".join(w.strip(",.;:") for w in following[:n])) if len(following) >= n else None
        if sector:
            return sector
    return None


def codings(sentence: str) -> list[Coding]:
    return code_sentence(sentence)
