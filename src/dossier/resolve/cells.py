"""Cells and groups: the chains of one name summed up, so resolution works per distinct name.

A chain (one entity as one article names it) falls in a *cell*: its folded name, type,
country, gendered honorifics, and whether the name is a generic label ("Defense
Ministry"); a generic label with no country is a cell of its own (nothing tells which
ministry it is). A cell holds sums (chains, forms, roles, countries, context), so an
article adds its chains to cells and a re-run first takes its old chains out: the sums
do not depend on the order articles came in, which makes incremental runs equal to one
run over everything. A *group* is what resolution compares: the cells of one name that
agree on the type the corpus mostly gives the name (a name the tagger typed
inconsistently gets its majority type) and, for people and generic labels, on country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dossier.ids import stable_id

FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "NORP": "NORP", "MISC": "MISC"}
SUMS = ("forms", "roles", "countries", "names", "context")


def top(counts: Counter) -> Any:
    """The most frequent key; ties go to the smallest, so the answer does not depend on insertion order."""
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def ranked(counts: Counter) -> list:
    """Keys, most frequent first, ties in sorted order."""
    return sorted(counts, key=lambda k: (-counts[k], k))


def add_counts(into: Counter, other: dict, sign: int = 1) -> None:
    """``into += sign * other``, dropping keys that reach zero."""
    for k, n in other.items():
        value = into.get(k, 0) + sign * n
        if value > 0:
            into[k] = value
        else:
            into.pop(k, None)


@dataclass
class Cell:
    """The chains of one name with one type, country, gender and genericness, summed."""

    name: str  # folded
    type: str
    country: str = ""
    genders: str = ""  # "", "f", "m" or "fm": gendered honorifics seen with the name
    generic: bool = False
    article: str = ""  # a generic label without a country stands alone: its article
    chains: int = 0
    forms: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)  # spellings of the name, weighted by mentions
    context: Counter = field(default_factory=Counter)  # names in the same articles

    @property
    def key(self) -> tuple:
        return (self.name, self.type, self.country, self.genders, self.generic, self.article)

    @property
    def id(self) -> str:
        return stable_id("cell", *self.key, length=20)

    @property
    def alone(self) -> bool:
        return bool(self.article)

    def add(self, chain, sign: int = 1) -> None:
        """Add (or with sign -1 take out) one chain's counts."""
        self.chains += sign
        add_counts(self.forms, chain.forms, sign)
        add_counts(self.roles, chain.roles, sign)
        add_counts(self.countries, chain.countries, sign)
        add_counts(self.names, {chain.name: sum(chain.forms.values())}, sign)
        add_counts(self.context, dict.fromkeys(chain.context, 1), sign)

    def to_json(self) -> dict[str, Any]:
        return {"key": list(self.key), "chains": self.chains, **{k: dict(getattr(self, k)) for k in SUMS}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cell:
        name, etype, country, genders, generic, article = data["key"]
        return cls(name, etype, country, genders, generic, article, data["chains"],
                   **{k: Counter(data[k]) for k in SUMS})


def cell_of(chain) -> Cell:
    """The (empty) cell a chain falls in."""
    country = chain.country or ""
    generic = chain.generic_name
    article = chain.key[0] if generic and chain.type == "ORG" and not country else ""
    return Cell(chain.key[2], chain.type, country, "".join(sorted(chain.genders)), generic, article)


def retype_of(votes: Counter) -> str | None:
    """For a name the tagger typed inconsistently ("Belta" ORG here, MISC there), the type most of its
    mentions got, where it clearly dominates; else None."""
    if len(votes) < 2:
        return None
    best = top(votes)
    if best == "MISC" or votes[best] < 2 * max(n for t, n in votes.items() if t != best):
        return None
    return best


@dataclass
class Group:
    """The cells of one name that resolution treats as one candidate; it reads like a chain."""

    key: tuple[str, str, str]  # group id, type family, folded name (a chain's key: article, family, name)
    order: tuple  # sort key: the same relative order in every run
    generic: bool
    fixed_country: str = ""  # people and generic labels: the country of their cells
    alone: bool = False  # a generic label without a country: merges only where a user says so
    chains: int = 0
    forms: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    context_counts: Counter = field(default_factory=Counter)
    genders: set[str] = field(default_factory=set)
    cells: list[str] = field(default_factory=list)

    name: str = ""
    type: str = ""
    context: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return self.key[0]

    @property
    def country(self) -> str | None:
        return self.fixed_country or top(self.countries)

    def add(self, cell: Cell, etype: str) -> None:
        self.chains += cell.chains
        self.types[etype] += cell.chains
        for k in ("forms", "roles", "countries", "names"):
            add_counts(getattr(self, k), getattr(cell, k))
        add_counts(self.context_counts, cell.context)
        self.genders |= set(cell.genders)
        self.cells.append(cell.id)

    def finish(self) -> Group:
        self.name = top(self.names) or self.key[2]
        self.type = top(self.types)
        self.context = set(self.context_counts) - {self.key[2]}
        return self

    def light(self) -> dict[str, Any]:
        """What deciding whether two groups may be one needs (names, type, country, gender): no context."""
        return {"key": list(self.key), "order": list(self.order), "generic": self.generic,
                "country": self.fixed_country, "alone": self.alone, "name": self.name, "type": self.type,
                "genders": sorted(self.genders), "forms": {f: self.forms[f] for f in ranked(self.forms)[:5]}}

    @classmethod
    def from_light(cls, data: dict[str, Any]) -> Group:
        g = cls(tuple(data["key"]), tuple(data["order"]), data["generic"], data["country"], data["alone"],
                forms=Counter(data["forms"]), genders=set(data["genders"]))
        g.name, g.type = data["name"], data["type"]
        return g


def groups_of_name(cells: Iterable[Cell], votes: Counter) -> dict[tuple, Group]:
    """The groups of one name, by the group key of each of its cells (the id is derived from it)."""
    retype = retype_of(votes)
    groups: dict[tuple, Group] = {}
    for cell in sorted(cells, key=lambda c: tuple(map(str, c.key))):
        key, etype, generic = group_key(cell, retype)
        if key not in groups:
            family, name, country, genders, article = key
            gid = stable_id("grp", *key, length=20)
            groups[key] = Group((gid, family, name), key, generic, country, bool(article))
        groups[key].add(cell, etype)
    return {k: g.finish() for k, g in groups.items()}


def group_key(cell: Cell, retype: str | None) -> tuple[tuple, str, bool]:
    """(group key, type, generic) of a cell, given the name's majority type (a lone cell keeps its own)."""
    etype = retype if retype and not cell.alone else cell.type
    generic = cell.generic and etype == "ORG"
    country = cell.country if etype == "PERSON" or generic else ""
    return (FAMILY.get(etype, etype), cell.name, country, cell.genders, cell.article), etype, generic
