"""Roles and titles of people from their context, and role descriptions that stand for them.

"Kremlin spokesman Dmitry Peskov" -> role "Kremlin spokesman", country RUS;
"Artyom Shraibman, a Belarusian political analyst" -> role "Belarusian political analyst";
"the long-serving Belarusian leader" -> a description to resolve to a person of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.nlp.gazetteer import fold, gazetteer

TITLES = (
    "president|vice president|prime minister|premier|minister|foreign minister|defen[cs]e minister|"
    "spokesman|spokeswoman|spokesperson|press secretary|secretary|state secretary|secretary general|"
    "secretary-general|leader|chief|head|chairman|chairwoman|chair|general|commander|governor|mayor|"
    "ambassador|envoy|chancellor|king|queen|prince|pope|dictator|strongman|ruler|autocrat|analyst|expert|"
    "official|lawmaker|senator|deputy|director|ceo|founder|professor|reporter|journalist|correspondent|"
    "editor|scholar|diplomat|negotiator|adviser|advisor|aide|lawyer|judge|prosecutor|police chief|"
    "army chief|commissioner|speaker|monarch|emir|sheikh|patriarch|bishop|coach|captain|activist"
)
TITLE = re.compile(rf"\b(?:{TITLES})\b", re.I)
# Heads that name the same office: "the Belarusian leader" may be its president.
SYNONYMS = {
    "leader": {"president", "prime minister", "premier", "chancellor", "head", "chief", "dictator", "strongman",
               "ruler", "autocrat", "king", "queen", "monarch", "emir", "leader"},
    "chief": {"head", "leader", "president", "chief"},
    "head": {"chief", "leader", "president", "head", "chairman"},
    "dictator": {"president", "leader", "strongman", "ruler", "dictator", "autocrat"},
    "strongman": {"president", "leader", "dictator", "strongman", "ruler"},
}
# Institutions that stand for a country.
INSTITUTIONS = {"kremlin": "RUS", "white house": "USA", "pentagon": "USA", "downing street": "GBR",
                "elysee": "FRA", "élysée": "FRA", "state department": "USA", "bundestag": "DEU"}

APPOSITIVE_AFTER = re.compile(r"^,\s+(?:a|an|the)\s+([^,.;:“”\"]{3,90}?)(?=,|\.|;| who\b| and\b| said\b|$)")
APPOSITIVE_BEFORE = re.compile(r"\b[Tt]he\s+([^,.;:“”\"]{3,90}?),\s*$")
PRE_NOMINAL_WORD = re.compile(r"(?:[A-Z][\w’'-]*|of|the|and|for|\w*-\w+)$")
DESCRIPTION = re.compile(
    rf"\b[Tt]he\s+((?:(?:[\w’'-]+)\s+){{0,3}}?)({TITLES})(?!\s+(?:of|to)\b)(?=[\s,.;:’'”\"]|$)", re.I
)


MAJOR_CITY = 500_000  # a city that stands for its country in a role ("Minsk", "Moscow")


@dataclass(frozen=True)
class Role:
    text: str  # "Kremlin spokesman"
    head: str  # "spokesman"
    country: str | None  # ISO-3 from a demonym, country or institution in the role


def role_before(text: str, start: int) -> Role | None:
    """A title right before a name: 'Russian Foreign Minister Sergei Lavrov'."""
    window = text[max(0, start - 120) : start]
    window = window[window.rfind("\n") + 1 :]  # a role never runs over a line break
    m = APPOSITIVE_BEFORE.search(window)
    if m and TITLE.search(m.group(1)):
        return make_role(m.group(1))
    if window and not window[-1].isspace():
        return None
    words = re.findall(r"\S+", window)
    taken: list[str] = []
    for word in reversed(words):
        if not word or word.endswith((",", ".", ":", "”", '"')):
            break
        if not (PRE_NOMINAL_WORD.match(word) or TITLE.fullmatch(word)):
            break
        taken.insert(0, word)
        if len(taken) >= 6:
            break
    while taken and taken[0].lower() in {"of", "the", "and", "for"}:
        taken.pop(0)
    phrase = " ".join(taken)
    return make_role(phrase) if phrase and TITLE.search(phrase) else None


def role_after(text: str, end: int) -> Role | None:
    """An appositive after a name: 'Artyom Shraibman, a Belarusian political analyst'."""
    m = APPOSITIVE_AFTER.match(text[end : end + 140])
    if m and TITLE.search(m.group(1)):
        return make_role(m.group(1))
    return None


def make_role(phrase: str) -> Role:
    phrase = " ".join(phrase.split())
    heads = TITLE.findall(phrase)
    return Role(text=phrase, head=heads[-1].lower(), country=country_in(phrase))


def country_in(phrase: str) -> str | None:
    """The country a phrase names: by demonym, country or city name, or institution."""
    g = gazetteer()
    low = fold(phrase)
    for inst, iso3 in INSTITUTIONS.items():
        if inst in low:
            return iso3
    words = re.findall(r"[A-Z][\w’'-]+", phrase)
    for w in words:
        iso3 = g.country_of_demonym(w)
        if iso3:
            return iso3
        place = g.place(w)
        if place and (place.kind == "country" or place.population >= MAJOR_CITY):
            return place.country
    for n in (2, 3):  # multi-word country names: "United States", "South Korea"
        for i in range(len(words) - n + 1):
            place = g.place(" ".join(words[i : i + n]))
            if place and place.kind == "country":
                return place.country
    return None


@dataclass(frozen=True)
class Description:
    start: int
    end: int
    text: str
    head: str
    country: str | None


def find_descriptions(text: str) -> list[Description]:
    """Definite role descriptions ('the Belarusian president', 'the Kremlin chief')."""
    out = []
    for m in DESCRIPTION.finditer(text):
        modifiers = m.group(1)
        if any(w.lower() in {"of", "a", "an", "that", "which"} for w in modifiers.split()):
            continue
        out.append(Description(m.start(), m.end(), m.group(0), m.group(2).lower(), country_in(modifiers)))
    return out


def heads_match(description_head: str, role_head: str) -> bool:
    if description_head == role_head:
        return True
    return role_head in SYNONYMS.get(description_head, ()) or description_head in SYNONYMS.get(role_head, ())
