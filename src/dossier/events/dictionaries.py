"""PETRARCH2's actor, agent and verb dictionaries (MIT, Open Event Data Alliance), shipped compact.

Built by scripts/train_events.py. An actor name maps to CAMEO codes with the dates they held
("MAHENDRA CHAUDHRY": FJIGOV 1999-05-19..2000-05-27), so an actor is coded as of the event's date.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MAX_NAME_WORDS = 6
TOKEN = re.compile(r"[\w][\w.'’-]*")
POSSESSIVE = re.compile(r"['’]s$")
COMPOUND = re.compile(r"-(?:led|backed|based|born|owned|run|controlled|allied)$", re.IGNORECASE)
# CAMEO sector codes to the words dossier uses.
SECTORS = {"GOV": "government", "MIL": "military", "REB": "rebels", "OPP": "opposition", "PTY": "party",
           "COP": "police", "JUD": "judiciary", "LEG": "legislature", "MED": "media", "BUS": "business",
           "CVL": "civilians", "REF": "refugees", "NGO": "ngo", "IGO": "igo", "IMG": "militant group",
           "SPY": "intelligence", "ELI": "elite", "HRI": "human rights", "LAB": "labour", "EDU": "education",
           "REL": "religious", "UAF": "armed group", "CRM": "criminals", "AGR": "agriculture", "DEV": "development",
           "HLH": "health", "ENV": "environment", "INS": "insurgents", "SEP": "separatists", "MOD": "moderate",
           "RAD": "radical"}
INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC")


@dataclass(frozen=True)
class Code:
    """A CAMEO actor code split into its country (ISO-3, or IGO/NGO/IMG) and first sector."""

    code: str
    country: str | None
    sector: str | None


@lru_cache(maxsize=1)
def data() -> dict:
    blob = (resources.files("dossier.events") / "data" / "petrarch.json.gz").read_bytes()
    return json.loads(gzip.decompress(blob))


def split_code(code: str) -> Code:
    """'FJIGOV' -> (FJI, government); 'IGOUNO' -> (IGO, None); 'USRBLR' (a Soviet republic) -> (BLR, None)."""
    head, rest = code[:3], code[3:]
    if head == "USR" and len(rest) >= 3 and rest[:3].isalpha():  # a Soviet-era republic
        head, rest = rest[:3], rest[3:]
    sector = SECTORS.get(rest[:3]) if rest else None
    return Code(code, head, sector)


def actor_code(name: str, when: str | None = None) -> Code | None:
    """The code an actor name held on ``when`` (ISO date; the latest undated or open one otherwise)."""
    entries = data()["actors"].get(" ".join(name.lower().split()))
    if not entries:
        return None
    return split_code(_as_of(entries, when))


def _as_of(entries: list, when: str | None) -> str:
    """The dated code in force on ``when``, else the undated default. Without a date, the role held
    now (the latest open-ended dated code): news is coded as of today unless it says otherwise."""
    day = (when or "")[:10]
    dated = [(code, start, end) for code, start, end in entries if start or end]
    default = [code for code, start, end in entries if not (start or end)]
    if day:
        for code, start, end in dated:
            if (start is None or start <= day) and (end is None or day < end):
                return code
        return (default or [entries[-1][0]])[0]
    current = sorted((start or "", code) for code, start, end in dated if end is None)
    return current[-1][1] if current else (default or [entries[-1][0]])[0]


def agent_sector(word: str) -> str | None:
    """'minister' -> government, 'troops' -> military (the agents dictionary)."""
    code = data()["agents"].get(word.lower())
    return SECTORS.get(code) if code else None


def verb_type(form: str) -> str | None:
    return data()["verbs"].get(form.lower())


@dataclass(frozen=True)
class ActorHit:
    start: int
    end: int
    text: str
    code: Code


def find_actors(text: str, when: str | None = None, start: int = 0, end: int | None = None) -> list[ActorHit]:
    """Dictionary actors named in text[start:end], longest name first at each position, left to right."""
    stop = len(text) if end is None else end
    tokens = [(m.start(), m.end(), _bare(m.group())) for m in TOKEN.finditer(text, start, stop)]
    hits: list[ActorHit] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_NAME_WORDS, len(tokens) - i), 0, -1):
            words = [t[2] for t in tokens[i : i + n]]
            name = " ".join(words)
            if not _plausible(name, words):
                continue
            first, last = tokens[i][0], tokens[i + n - 1][1]
            code = actor_code(name, when) or actor_code(text[first:last], when) \
                or (_demonym_code(name) if n == 1 else None)
            if code:
                hits.append(ActorHit(first, last, text[first:last], code))
                i += n
                break
        else:
            i += 1
    return hits


def _demonym_code(word: str) -> Code | None:
    """'Swedish', 'Swedes' -> SWE: the gazetteer's demonyms where the actor dictionary lists none."""
    from dossier.nlp.gazetteer import gazetteer

    iso3 = gazetteer().country_of_demonym(word)
    return Code(iso3, iso3, None) if iso3 else None


def _bare(token: str) -> str:
    """'Ankara's' -> 'Ankara', 'Vietnamese-led' -> 'Vietnamese': the name inside a possessive or compound."""
    token = POSSESSIVE.sub("", token.rstrip(".'’"))
    return COMPOUND.sub("", token)


def _plausible(name: str, words: list[str]) -> bool:
    """Names start with a capital; short ones (US, UN) must be written in capitals, not 'us' or 'un'."""
    if not words[0][:1].isupper():
        return False
    letters = name.replace(".", "")
    return len(letters) > 3 or letters.isupper()
