"""Independent sources of a story: copies, relays of one wire story and one outlet's articles count once.

An article's origin is what it relays, when it says so: a wire dateline
("VESHTA (NPA) -", "LONDON, Oct 9 (Reuters) -"); else its outlet (the clean
stage already names the credited original of a republished text as the
outlet). Articles are one source when they are copies of each other (the
duplicate detector's groups), when their origins name the same organisation
(exact, as an acronym, or spelled nearly alike: "Norvel" / "Norvell"), or when
their texts are near rewrites of one another (translations and light edits of
one agency story that the duplicate detector's word shingles miss).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from dossier.stories.vectors import Vector, dot

# "CITY (AGENCY) -", "CITY, Country, Oct 19 (AGENCY) -", "(AGENCY) -" at the start of the body.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,30}){0,2}(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<agency>[A-Z][A-Za-z&./ -]{0,40}?)\)\s*[-–—:]"
)
_NOT_AGENCY = re.compile(r"(?i)^(?:photo|video|file|updated?|reuters photo|ap photo|\d.*)$")
_ARTICLE = re.compile(r"(?i)^the\s+")
SAME_NAME_RATIO = 88  # rapidfuzz ratio from which two organisation names are one ("Norvel" / "Norvell")
REWRITE_COSINE = 0.8  # term cosine from which two articles are rewrites of one text


@dataclass
class SourceInfo:
    """What decides whether an article is an independent source."""

    article_id: str
    outlet: str | None = None
    relays: str | None = None  # the agency its dateline credits
    duplicate_of: str | None = None
    vector: Vector | None = None  # unit term vector, for near rewrites


def wire_credit(text: str, title: str | None = None) -> str | None:
    """The agency a body's dateline credits ("KORVASK, Valdoria, Oct 19 (NPA) -" -> "NPA"), or None."""
    body = text or ""
    if title and body.lstrip().startswith(title):
        body = body.lstrip()[len(title) :]
    m = _DATELINE.match(body.lstrip()[:200])
    if not m:
        return None
    agency = m["agency"].strip()
    return None if _NOT_AGENCY.match(agency) else agency


def name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _ARTICLE.sub("", name.strip()).lower()).strip()


def acronym(name: str) -> str:
    parts = name_key(name).split()
    return "".join(p[0] for p in parts) if len(parts) > 1 else ""


def same_organisation(a: str, b: str) -> bool:
    """Whether two names denote one organisation: equal, one the other's acronym, or spelled nearly alike."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == acronym(b) or kb.replace(" ", "") == acronym(a):
        return True
    return fuzz.ratio(ka, kb) >= SAME_NAME_RATIO


def source_groups(members: Sequence[SourceInfo], max_rewrite_checks: int = 300) -> list[list[str]]:
    """Members grouped by independent source (article ids, in the given order)."""
    parent = list(range(len(members)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(j)] = find(i)

    first: dict[str, int] = {}  # key -> the first member that has it

    def link(key: str, i: int) -> None:
        union(first.setdefault(key, i), i)

    from dossier.stories.outlets import registry  # the registry reads sources' name keys

    known = registry()
    for i, m in enumerate(members):
        link("copy:" + (m.duplicate_of or m.article_id), i)  # the duplicate detector's groups
        origin = m.relays or m.outlet
        if origin:
            link("origin:" + known.canonical(origin), i)  # "AP" and "Associated Press" are one
    names = [k.removeprefix("origin:") for k in first if k.startswith("origin:")]
    for x, a in enumerate(names):  # one organisation, however spelled or abbreviated
        for b in names[:x]:
            if same_organisation(a, b):
                union(first["origin:" + b], first["origin:" + a])
    checked = [i for i, m in enumerate(members) if m.vector][:max_rewrite_checks]
    for x, i in enumerate(checked):  # near rewrites of one text
        for j in checked[:x]:
            if find(i) != find(j) and dot(members[i].vector, members[j].vector) >= REWRITE_COSINE:
                union(j, i)
    groups: dict[int, list[str]] = {}
    for i, m in enumerate(members):
        groups.setdefault(find(i), []).append(m.article_id)
    return list(groups.values())


def independent_sources(members: Sequence[SourceInfo]) -> int:
    return len(source_groups(members))
