"""Entity mentions of one article: typed, with roles, and resolved within the article.

Short names ("Lukashenko", "Lukashenka") and role descriptions ("the Belarusian
leader") are linked to the full name they stand for (``Mention.canonical``);
cross-document resolution then works on these per-article chains.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from dossier.ids import stable_id
from dossier.model import Evidence, Mention
from dossier.nlp.gazetteer import fold, gazetteer
from dossier.nlp.ner import is_demonym
from dossier.nlp.roles import INSTITUTIONS, country_in, find_descriptions, heads_match, role_after, role_before

NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "MISC"}
LABEL_ALIASES = {"PER": "PERSON"}
POSSESSIVE = re.compile(r"[’']s?$")
HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|prof|sir|gen|col|lt|sgt|capt|rev)\.?\s+", re.I)


@dataclass
class Sentences:
    spans: list[tuple[int, int]]
    text: str
    starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = [s for s, _ in self.spans]

    def index_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def evidence(self, article_id: str, start: int, end: int) -> Evidence:
        i = self.index_of(start)
        s, e = self.spans[i] if self.spans else (0, len(self.text))
        return Evidence(article_id=article_id, start=start, end=end, text=self.text[start:end],
                        sentence_index=i, sentence=self.text[s:e])


TRAILING = re.compile(r"(?:[\s,.;:!?“”\"'’)(\]-]+|\s+(?:of|and|the|in|on|at|to))+$")
GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
NAME_PREFIXES = {"mc", "mac", "la", "le", "de", "di", "da", "du", "van", "von", "del", "della", "o", "st"}


def clean_surface(text: str) -> str:
    """A mention's name without possessive, honorific or stray punctuation: "Putin’s" -> "Putin"."""
    text = text.strip()
    if text.endswith(("’s", "'s")):
        text = POSSESSIVE.sub("", text)
    return TRAILING.sub("", HONORIFIC.sub("", text)).lstrip("“\"'‘(")


def unglue(text: str) -> str:
    """Undo words a scraper glued together: "GuardianArtyom Shraibman" -> "Artyom Shraibman"."""
    tokens = text.split()
    if len(tokens) < 2:
        return text
    first, last = GLUED.split(tokens[0]), GLUED.split(tokens[-1])
    if _glued(first):
        return " ".join([first[-1], *tokens[1:]])
    if _glued(last):
        return " ".join([*tokens[:-1], last[0]])
    return text


def _glued(parts: list[str]) -> bool:
    """Two words run together, not a camel-case name such as McDermott, LaRue or DeGeneres."""
    return len(parts) == 2 and parts[0].lower() not in NAME_PREFIXES and min(map(len, parts)) >= 4


def type_mention(surface: str, label: str) -> tuple[str, str | None]:
    """Refine a NER label with the gazetteer: places become GPE, demonyms NORP; with a country."""
    g = gazetteer()
    institution = INSTITUTIONS.get(fold(surface))
    if institution:
        return "ORG", institution  # "the Kremlin" speaks for Russia
    place = g.place(surface)
    if label in {"LOC", "GPE"}:
        return ("GPE", place.country) if place else ("LOC", None)
    if label in {"MISC", "NORP"}:
        iso3 = g.country_of_demonym(surface)
        if iso3 or label == "NORP" or is_demonym(surface):
            return "NORP", iso3
        return "MISC", None
    if label == "ORG":
        return "ORG", country_in(surface)
    if label in {"ORG", "PERSON"} and place and (place.kind == "country" or _major_city_named(surface, place)):
        return "GPE", place.country  # "Russia" tagged ORG, "Minsk" tagged PERSON
    return label, None


def _major_city_named(surface: str, place) -> bool:
    """A one-word name that is a big city's own name (not an alternate spelling: "Luck" is not Lutsk)."""
    return " " not in surface and fold(place.name) == fold(surface) and place.population >= 500_000


def build_mentions(article_id: str, text: str, spans: list[tuple[int, int, str]], sentences: Sentences) -> list[Mention]:
    """Mentions from NER spans, typed, with roles, linked to their full names within the article."""
    mentions = []
    for start, end, label in spans:
        label = LABEL_ALIASES.get(label, label)
        surface = unglue(clean_surface(text[start:end]))
        if not surface or label not in NAME_TYPES or not any(c.isalpha() for c in surface):
            continue
        offset = text[start:end].find(surface)
        if offset < 0:
            continue
        start, end = start + offset, start + offset + len(surface)
        etype, country = type_mention(surface, label)
        role = None
        if etype == "PERSON":
            found = role_before(text, start) or role_after(text, end)
            if found:
                role, country = found.text, found.country
        mentions.append(Mention(
            id=stable_id("men", article_id, start, end), article_id=article_id, start=start, end=end,
            text=text[start:end], type=etype, role=role, country=country,
            evidence=sentences.evidence(article_id, start, end)))
    link_short_names(mentions)
    qualify_generic_organizations(mentions)
    mentions += role_mentions(article_id, text, mentions, sentences)
    return sorted(mentions, key=lambda m: m.start)


def link_short_names(mentions: list[Mention]) -> None:
    """Give every name mention its article-level canonical name (the fullest form it abbreviates)."""
    people = [m for m in mentions if m.type == "PERSON"]
    first_seen: dict[str, int] = {}
    for m in people:
        first_seen.setdefault(clean_surface(m.text), m.start)
    # Longest names first; among equals, the one named first (deterministic, and the usual antecedent).
    full = sorted(first_seen, key=lambda n: (-len(n.split()), first_seen[n]))
    surnames = [n.split()[-1] for n in full if len(n.split()) > 1]
    for m in mentions:
        if m.type != "PERSON" and " " not in m.text and any(_same_surname(m.text, s) for s in surnames):
            m.type, m.country = "PERSON", None  # "Lukashenko" tagged LOC where the article names him in full
            people.append(m)
    for m in mentions:
        name = clean_surface(m.text)
        m.canonical = _fullest(name, full) if m.type == "PERSON" else _place_or_name(name, m.type)
    _share_roles(people)


def _fullest(name: str, full_names: list[str]) -> str:
    tokens = name.split()
    for candidate in full_names:
        ctoks = candidate.split()
        if len(ctoks) <= len(tokens):
            break
        if _same_surname(tokens[-1], ctoks[-1]) and (len(tokens) == 1 or _compatible_first(tokens[0], ctoks[0])):
            return candidate
    return name


def _same_surname(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return a == b or (len(a) > 4 and fuzz.ratio(a, b) >= 85)


def _compatible_first(a: str, b: str) -> bool:
    a, b = fold(a).rstrip("."), fold(b).rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or fuzz.ratio(a, b) >= 75


def _place_or_name(name: str, etype: str) -> str:
    if etype in {"GPE", "LOC"}:
        place = gazetteer().place(name)
        if place:
            return place.name
    return name


GENERIC_ORG = re.compile(r"\b(?:ministry|government|army|parliament|council|police|military|cabinet|armed forces|"
                         r"security service|foreign office|presidency)\b", re.I)


def qualify_generic_organizations(mentions: list[Mention]) -> None:
    """'the Defense Ministry' with no country named belongs to the article's main country."""
    countries = Counter(m.country for m in mentions if m.type in {"GPE", "NORP"} and m.country)
    if not countries:
        return
    main = countries.most_common(1)[0][0]
    for m in mentions:
        if m.type == "ORG" and not m.country and GENERIC_ORG.search(m.text):
            m.country = main


def _share_roles(people: list[Mention]) -> None:
    """A role stated once holds for every mention of that person in the article."""
    by_name: dict[str, Mention] = {}
    for m in people:
        if m.role and m.canonical not in by_name:
            by_name[m.canonical] = m
    for m in people:
        first = by_name.get(m.canonical)
        if first and not m.role:
            m.role, m.country = first.role, first.country


def role_mentions(article_id: str, text: str, mentions: list[Mention], sentences: Sentences) -> list[Mention]:
    """'the Belarusian leader' -> a role mention of the person of the article holding that role."""
    people = [m for m in mentions if m.type == "PERSON" and m.role]
    taken = [(m.start, m.end) for m in mentions if m.type in {"PERSON", "ORG"}]
    out = []
    for d in find_descriptions(text):
        if any(s < d.end and d.start < e for s, e in taken):
            continue
        person = _holder(d, people)
        if person is None:
            continue
        out.append(Mention(
            id=stable_id("men", article_id, d.start, d.end), article_id=article_id, start=d.start, end=d.end,
            text=d.text, type="PERSON", kind="role", role=person.role, canonical=person.canonical,
            country=person.country, evidence=sentences.evidence(article_id, d.start, d.end)))
    return out


def _holder(d, people: list[Mention]) -> Mention | None:
    """The person a description refers to: same office, compatible country; the most mentioned wins."""
    fits = [p for p in people if heads_match(d.head, _role_head(p.role)) and (d.country is None or d.country == p.country)]
    if not fits:
        return None
    counts = Counter(p.canonical for p in fits)
    before = [p for p in fits if p.start < d.start]
    if len(counts) > 1 and before:
        return before[-1]
    best = counts.most_common(1)[0][0]
    return next(p for p in fits if p.canonical == best)


def _role_head(role: str | None) -> str:
    from dossier.nlp.roles import TITLE

    heads = TITLE.findall(role or "")
    return heads[-1].lower() if heads else ""
