"""Event rows for exports, and the GDELT 2.0-like tab-separated layout."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from dossier.errors import DossierError
from dossier.events.dictionaries import SECTORS
from dossier.model import Event
from dossier.store import Store

GDELT_COLUMNS = [
    "GlobalEventID", "SQLDATE", "DatePrecision", "EventType", "EventMode", "QuadClass",
    "Actor1Name", "Actor1Code", "Actor1CountryCode", "Actor1Sector", "Actor1EntityID",
    "Actor2Name", "Actor2Code", "Actor2CountryCode", "Actor2Sector", "Actor2EntityID",
    "IsHypothetical", "ReportedBy", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "NumMentions", "NumSources", "NumArticles", "Confidence", "Trigger", "SOURCEURL",
]
# PLOVER's quad categories, numbered as GDELT's QuadClass (PLOVER README: verbal/material cooperation/conflict).
QUAD_CLASS = {**dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
              **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
              **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"), 3),
              **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4)}
SECTOR_CODES = {word: code for code, word in SECTORS.items()}


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Corpus events, most reported first, with the sentences that report them."""
    urls = _urls(store)
    for e in sorted(store.objects("event", Event), key=lambda e: (-e.num_mentions, e.date or "", e.id)):
        row = e.model_dump(mode="json", exclude={"evidence", "actor_mention_id", "target_mention_id"})
        row["sentences"] = list(dict.fromkeys(ev.sentence for ev in e.evidence))
        row["source_urls"] = [urls[a] for a in e.article_ids if urls.get(a)]
        yield row


def _urls(store: Store) -> dict[str, str]:
    """Article id -> its URL, or the file it came from when it has none."""
    return {a.id: a.url or a.source for a in store.iter_articles()}


def gdelt_rows(kind: str, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Event rows in GDELT 2.0's spirit: one row per event, coded actors, place, counts, source URLs."""
    if kind != "events":
        raise DossierError(f"the gdelt format is for events, not {kind}: run 'dossier export events --format gdelt'")
    for r in rows:
        geo = _geo(r.get("location"))
        yield dict(zip(GDELT_COLUMNS, (
            r["id"], (r.get("date") or "").replace("-", "")[:8], r.get("date_precision"), r["type"], r.get("mode"),
            QUAD_CLASS.get(r["type"]),
            r.get("actor"), actor_cameo_code(r.get("actor_country"), r.get("actor_sector")), r.get("actor_country"),
            r.get("actor_sector"), r.get("actor_entity_id"),
            r.get("target"), actor_cameo_code(r.get("target_country"), r.get("target_sector")),
            r.get("target_country"), r.get("target_sector"), r.get("target_entity_id"),
            int(bool(r.get("hypothetical"))), r.get("reported_by"), r.get("location"), *geo,
            r.get("num_mentions"), r.get("num_sources"), len(r.get("article_ids") or []),
            round(r.get("confidence") or 0, 2), r.get("trigger"), " ".join(r.get("source_urls") or []),
        ), strict=True))


def actor_cameo_code(country: str | None, sector: str | None) -> str | None:
    """A CAMEO-style actor code from country and sector ('RUS' + 'government' -> 'RUSGOV')."""
    if not country:
        return None
    return country + SECTOR_CODES.get(sector or "", "")


def _geo(place: str | None) -> tuple[str | None, float | None, float | None]:
    """Country code and coordinates of a named place (coordinates for cities only)."""
    if not place:
        return None, None, None
    from dossier.nlp.gazetteer import gazetteer

    found = gazetteer().place(place)
    return (found.country, found.lat, found.lon) if found else (None, None, None)
