"""The outlet registry: who an outlet is (country, kind, owner), as data a user can extend.

The built-in list (``stories/data/outlets.csv``: wires, state media, public
broadcasters, aggregators and the demo's fictional outlets) is read first; a
CSV with the same columns named by the ``outlets_file`` setting adds rows or
overrides built-in ones of the same name. Outlets that are in neither are the
ones the clean stage learned from the text ("Source: X" lines, donation
appeals, disclaimers, bylines); they are reported with kind "unknown".

Columns: name, aliases (separated by "|"), country (ISO-3), kind (wire, state
media, public broadcaster, independent, aggregator), owner.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from dossier import settings
from dossier.errors import BadInput
from dossier.stories.sources import SAME_NAME_RATIO, name_key

KINDS = ("wire", "state media", "public broadcaster", "independent", "aggregator", "unknown")


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str = "unknown"
    country: str | None = None
    owner: str | None = None
    aliases: tuple[str, ...] = ()
    known: bool = True  # False for an outlet learned from text only


@dataclass
class Registry:
    outlets: dict[str, Outlet] = field(default_factory=dict)  # name key (name or alias) -> outlet
    _near: dict[str, Outlet | None] = field(default_factory=dict)  # looked-up spellings not in the list

    def add(self, outlet: Outlet) -> None:
        self._near.clear()
        for name in (outlet.name, *outlet.aliases):
            if name_key(name):
                self.outlets[name_key(name)] = outlet

    def lookup(self, name: str | None) -> Outlet | None:
        """By name or alias, else by a near spelling ("Norvell Press Agency" for "Norvel Press Agency")."""
        key = name_key(name or "")
        if not key:
            return None
        if key in self.outlets:
            return self.outlets[key]
        if key not in self._near:
            self._near[key] = self._nearest(key)
        return self._near[key]

    def _nearest(self, key: str) -> Outlet | None:
        near = [(fuzz.ratio(key, k), k) for k in self.outlets if len(k) > 5 and abs(len(k) - len(key)) <= 3]
        best = max(near, default=(0, ""))
        return self.outlets[best[1]] if best[0] >= SAME_NAME_RATIO else None

    def describe(self, name: str) -> Outlet:
        """The registry's entry, or an unknown outlet of that name (learned from the text)."""
        return self.lookup(name) or Outlet(name=name, known=False)

    def canonical(self, name: str) -> str:
        found = self.lookup(name)
        return found.name if found else name


def read_outlets(path: Path | str, text: str | None = None) -> list[Outlet]:
    """Rows of an outlet CSV; a bad row is one clear error naming the file and line."""
    source = text if text is not None else Path(path).read_text(encoding="utf-8")
    out = []
    for line, row in enumerate(csv.DictReader(source.splitlines()), start=2):
        name = (row.get("name") or "").strip()
        kind = (row.get("kind") or "unknown").strip().lower() or "unknown"
        if not name:
            raise BadInput(f"{path}:{line}", "an outlet needs a name")
        if kind not in KINDS:
            raise BadInput(f"{path}:{line}", f"kind {kind!r} is not one of {', '.join(KINDS)}")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        out.append(Outlet(name, kind, (row.get("country") or "").strip() or None,
                          (row.get("owner") or "").strip() or None, aliases))
    return out


@lru_cache(maxsize=4)
def _registry(extra: str | None) -> Registry:
    reg = Registry()
    builtin = resources.files("dossier") / "stories" / "data" / "outlets.csv"
    for outlet in read_outlets("outlets.csv", builtin.read_text(encoding="utf-8")):
        reg.add(outlet)
    if extra:
        path = Path(extra)
        if not path.is_file():
            raise BadInput(extra, "not a file: set DOSSIER_OUTLETS_FILE (outlets_file) to a CSV of outlets")
        for outlet in read_outlets(path):
            reg.add(outlet)
    return reg


def registry() -> Registry:
    """The built-in outlets plus the user's (setting ``outlets_file``)."""
    return _registry(settings.get("outlets_file") or None)
