"""The pages of the web UI: thin handlers that render the read models in ``dossier.api.views``.

Every value reaches the HTML through Jinja2 autoescaping; data for charts travels as
``tojson`` inside ``<script type="application/json">`` and scripts only ever set
``textContent``, never ``innerHTML``. Articles are hostile input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dossier import __version__
from dossier.api import views
from dossier.api.routes import DossierDep

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
ENV = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True, undefined=StrictUndefined,
                  trim_blocks=True, lstrip_blocks=True)
ENV.globals["version"] = __version__


def when(value: str | None) -> str:
    """An ISO date or time for reading: '2023-10-09T17:40:00+00:00' -> '2023-10-09 17:40 UTC'.

    Dates keep the precision the source gave ('2023-10' stays a month).
    """
    if not value or "T" not in value:
        return value or ""
    day, _, clock = value.partition("T")
    zone = ""
    for sign in ("+", "-", "Z"):
        if sign in clock:
            clock, _, offset = clock.partition(sign)
            zone = " UTC" if sign == "Z" or offset in ("00:00", "0000", "00") else f" {sign}{offset}"
            break
    return f"{day} {clock[:5]}{zone}"


def figure(q: Any) -> str:
    """A figure's normalized reading: '3,000–9,000', '1,001 or more', '≈ 40', 'small (framing)'."""
    get = q.get if isinstance(q, dict) else lambda k: getattr(q, k, None)
    low, high, framing = get("low"), get("high"), get("framing")
    approx = "≈ " if get("approximate") else ""
    if low is None and high is None:
        value = get("value")
        return f"{approx}{_number(value)}" if value is not None else (f"{framing} (framing)" if framing else "?")
    if high is None:
        return f"{approx}{_number(low)} or more"
    if low is None or low == high:
        return f"{approx}{_number(high)}" if low is not None else f"up to {_number(high)}"
    return f"{approx}{_number(low)}–{_number(high)}"


def _number(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


ENV.filters["when"] = when
ENV.filters["figure"] = figure

router = APIRouter(include_in_schema=False)


def render(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(**context)


def page(template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(render(template, **context))


@router.get("/", response_class=HTMLResponse)
def story_list(d: DossierDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
    data = views.story_list(d, limit, offset)
    counts = {"articles": d.store.count("articles"), "stories": data["total"]}
    return page("stories.html", data=data, counts=counts)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(d: DossierDep, story_id: str):
    return page("story.html", **views.story_detail(d, story_id))


@router.get("/stories/{story_id}/statements", response_class=HTMLResponse)
def story_statements(d: DossierDep, story_id: str, speaker: str | None = None,
                     limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
    data = views.story_statements(d, story_id, speaker or None, limit, offset)
    return page("story_statements.html", data=data, params={"speaker": speaker} if speaker else {})


@router.get("/storylines", response_class=HTMLResponse)
def storylines(d: DossierDep, limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0)):
    lines = views.storylines(d)
    return page("storylines.html", data=views.page(lines[offset : offset + limit], len(lines), limit, offset))


@router.get("/entities", response_class=HTMLResponse)
def entity_list(d: DossierDep, name: str | None = None, limit: int = Query(100, ge=1, le=500),
                offset: int = Query(0, ge=0)):
    return page("entities.html", data=views.entity_list(d, name or None, limit, offset), name=name or "")


@router.get("/entities/{name_or_id}", response_class=HTMLResponse)
def entity(d: DossierDep, name_or_id: str):
    detail = views.entity_detail(d, name_or_id)
    network = network_data(detail)
    return page("entity.html", network=network, **detail)


def network_data(detail: dict[str, Any]) -> dict[str, Any]:
    """Nodes and edges of the co-occurrence graph (the entity in the middle)."""
    e = detail["entity"]
    nodes = [{"id": e["id"], "label": e["name"], "type": e["type"], "center": True}]
    nodes += [{"id": c["id"], "label": c["name"], "type": c["type"], "center": False, "shared": c["shared_articles"]}
              for c in detail["cooccurring"]]
    edges = [{"source": e["id"], "target": c["id"], "weight": c["shared_articles"]} for c in detail["cooccurring"]]
    edges += detail["cooccurring_edges"]
    return {"nodes": nodes, "edges": edges}


@router.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement(d: DossierDep, statement_id: str):
    return page("statement.html", item=views.statement_detail(d, statement_id))


@router.get("/articles", response_class=HTMLResponse)
def article_list(d: DossierDep, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
    rows = d.store.list_articles(limit=limit, offset=offset)
    return page("articles.html", data=views.page(rows, d.store.count("articles"), limit, offset))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(d: DossierDep, article_id: str):
    detail = views.article_detail(d, article_id)
    return page("article.html", entity_groups=entity_groups(detail["annotations"]), **detail)


def entity_groups(ann: dict[str, Any]) -> list[dict[str, Any]]:
    """The article's mentions, one row per entity (or per unresolved name), in order of first mention."""
    groups: dict[str, dict[str, Any]] = {}
    for m in ann["mentions"]:
        key = m.entity_id or f"{m.type}:{m.text.lower()}"
        name = ann["entity_names"].get(m.entity_id) if m.entity_id else None
        group = groups.setdefault(key, {"name": name or m.text, "type": m.type, "entity_id": m.entity_id,
                                        "ids": [], "forms": []})
        group["ids"].append(m.id)
        if m.text != group["name"] and m.text not in group["forms"]:
            group["forms"].append(m.text)
    return list(groups.values())


@router.get("/articles/{article_id}/raw", response_class=HTMLResponse)
def article_raw(d: DossierDep, article_id: str):
    """The input as it was read (HTML markup and all), shown as text."""
    return page("raw.html", a=views.get_article(d, article_id))


@router.get("/search", response_class=HTMLResponse)
def search(d: DossierDep, q: str = "", limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=1000)):
    # One more than a page tells whether there is a next page (full-text search does not count).
    hits = d.search(q, offset + limit + 1)[offset:] if q.strip() else []
    more = len(hits) > limit
    hits = hits[:limit]
    meta = {a["id"]: a for a in views.articles_light(d, [h["article_id"] for h in hits])}
    hits = [dict(h, parts=snippet_parts(h.get("snippet") or ""), meta=meta.get(h["article_id"], {})) for h in hits]
    return page("search.html", q=q, hits=hits, offset=offset, limit=limit, more=more)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a search snippet marked up as [hit] into (text, is_hit) parts the template escapes."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while "[" in rest and "]" in rest[rest.index("[") :]:
        i = rest.index("[")
        j = rest.index("]", i)
        parts += [(rest[:i], False), (rest[i + 1 : j], True)]
        rest = rest[j + 1 :]
    return [p for p in parts + [(rest, False)] if p[0]]
