"""One event, many reports: merge the per-article events that report the same action.

Two reports are one event when they code the same type between the same actor and target
within ``MAX_DAYS`` of each other. Actors are the same by entity, by name, or, for states and
capitals standing for them ("Oslo" for Norway), by country; a report that names no target joins
the event its actor did that day. Negated actions are
no events. GDELT counts reports; here each event counts its reports (num_mentions) and its
distinct outlets, copies of one article counted once (num_sources).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from dossier.events.dictionaries import actor_code
from dossier.ids import stable_id
from dossier.model import Event, Mention
from dossier.nlp.gazetteer import fold, gazetteer

MAX_DAYS = 2


def same_actor(a: tuple, b: tuple) -> bool:
    """(name, entity id, country) pairs that name one actor."""
    (name_a, ent_a, country_a), (name_b, ent_b, country_b) = a, b
    if ent_a and ent_a == ent_b or name_a and fold(name_a) == fold(name_b or ""):
        return True
    return bool(country_a) and country_a == country_b and _state(name_a) and _state(name_b)


def _state(name: str | None) -> bool:
    """A country or a city standing for its government ("Oslo", "Washington")."""
    if not name:
        return False
    code = actor_code(name)
    return code is not None and len(code.code) == 3 or gazetteer().place(name) is not None


def merge_events(reports: list[Event], mentions: dict[str, Mention], meta: dict[str, dict]) -> list[Event]:
    """Corpus events from per-article reports; entity ids come from the resolved mentions."""
    return [event for event, _ in merge_reports(reports, mentions, meta)]


def merge_reports(reports: list[Event], mentions: dict[str, Mention],
                  meta: dict[str, dict]) -> list[tuple[Event, list[str]]]:
    """Corpus events from per-article reports, each with the ids of the reports it merges.

    Reports are taken fullest first; each joins the first event whose first report it matches
    (``_joins``: same type, dates within ``MAX_DAYS``, same actor and target). Only events of the
    report's type whose first report is dated within ``MAX_DAYS`` (or in the same month, for a
    month-precision date) can match a dated report, so those are the ones compared."""
    clusters: list[list[Event]] = []
    by_day: dict[tuple[str, str], list[int]] = defaultdict(list)  # (type, day or month or "") -> cluster numbers
    fullest_first = sorted(reports, key=lambda e: (e.date is None, e.target is None, e.actor is None, e.date or "",
                                                   e.id))
    for r in fullest_first:
        if r.negated:
            continue
        r = _with_entities(r, mentions)
        candidates = _candidates(by_day, r) if r.date else range(len(clusters))
        found = next((n for n in candidates if clusters[n][0].type == r.type and _joins(clusters[n][0], r)), None)
        if found is None:
            clusters.append([r])
            by_day[(r.type, _day_key(r.date))].append(len(clusters) - 1)
        else:
            clusters[found].append(r)
    return [(_event(cluster, meta), [r.id for r in cluster]) for cluster in clusters]


def _day_key(value: str | None) -> str:
    """Where a cluster is filed by its first report's date: the day (ISO), else the first seven characters
    (the month of a partial date), else "" (undated)."""
    day = report_day(value)
    return day.isoformat() if day else (value or "")[:7]


def report_day(value: str | None) -> date | None:
    """A report's date as a day, or None (undated, or a partial date)."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _candidates(by_day: dict[tuple[str, str], list[int]], r: Event) -> list[int]:
    """Numbers of the clusters a dated report can join (``_close``), in the order they were made: days
    within ``MAX_DAYS``, or, where either date is partial, the same month."""
    day = report_day(r.date)
    month = (r.date or "")[:7]
    if day is None:
        keys = {month} | {k for t, k in by_day if t == r.type and k[:7] == month}
    else:
        keys = {(day + timedelta(days=n)).isoformat() for n in range(-MAX_DAYS, MAX_DAYS + 1)} | {month}
    return sorted(n for k in keys for n in by_day.get((r.type, k), ()))


def _joins(seed: Event, r: Event) -> bool:
    if r.date is None and seed.date is not None:  # an undated report joins only an event it fully names
        if r.actor is None or r.target is None:
            return False
    elif not _close(seed.date, r.date):
        return False
    for role in ("actor", "target"):
        mine = (getattr(r, role), getattr(r, f"{role}_entity_id"), getattr(r, f"{role}_country"))
        theirs = (getattr(seed, role), getattr(seed, f"{role}_entity_id"), getattr(seed, f"{role}_country"))
        if mine[0] is None and role == "target" or mine[0] is None and theirs[0] is None:
            continue
        if not same_actor(mine, theirs):
            return False
    return True


def _with_entities(r: Event, mentions: dict[str, Mention]) -> Event:
    update = {}
    for role in ("actor", "target"):
        m = mentions.get(getattr(r, f"{role}_mention_id") or "")
        if m is not None and m.entity_id:
            update[f"{role}_entity_id"] = m.entity_id
    return r.model_copy(update=update) if update else r


def _close(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= MAX_DAYS
    except ValueError:
        return a[:7] == b[:7]


def _event(cluster: list[Event], meta: dict[str, dict]) -> Event:
    best = max(cluster, key=lambda e: (e.confidence, e.actor is not None, e.target is not None, -len(e.id)))
    article_ids = list(dict.fromkeys(a for e in cluster for a in e.article_ids))
    originals = {meta.get(a, {}).get("duplicate_of") or a for a in article_ids}
    outlets = list(dict.fromkeys(meta.get(a, {}).get("outlet") or "unknown outlet" for a in article_ids))
    sources = {meta.get(a, {}).get("outlet") or a for a in originals}
    dates = sorted(e.date for e in cluster if e.date)
    return best.model_copy(update={
        "id": stable_id("evt", best.type, best.actor, best.target, min(e.id for e in cluster)),
        "date": dates[0] if dates else None,
        "confidence": min(0.99, best.confidence + 0.05 * (len(sources) - 1)),
        "hypothetical": all(e.hypothetical for e in cluster),
        "evidence": [ev for e in cluster for ev in e.evidence],
        "article_ids": article_ids, "outlets": outlets,
        "num_mentions": len(cluster), "num_sources": len(sources),
        "actor_mention_id": None, "target_mention_id": None,
    })
