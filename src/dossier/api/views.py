"""Read models shared by the REST API and the web pages: one story, entity or article
with everything a page shows about it, built from indexed lookups (never a full scan
of the corpus per request).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import func, select

from dossier.core import Dossier
from dossier.errors import NotFound
from dossier.model import (Article, Entity, Event, Mention, Quantity, Quote, Sentence, Statement, Story, Storyline,
                           TimeMention)
from dossier.store import _escape_like
from dossier.store import schema as s

M = TypeVar("M", bound=BaseModel)

# The model field an annotation's ``ref`` column fills (as the store does when reading).
_REF_FIELDS = {"mention": "entity_id", "quote": "statement_id"}
LIGHT_ARTICLE_COLUMNS = s.ARTICLE_LISTING_COLUMNS
MAX_ENTITY_ARTICLES = 500  # an entity in more articles is summarized from its first 500


def _chunks(items: Sequence[str], n: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), n):
        yield list(items[i : i + n])


def articles_light(d: Dossier, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Listing rows (no text) for the given article ids, in the given order."""
    cols = [s.articles.c[c] for c in LIGHT_ARTICLE_COLUMNS]
    found: dict[str, dict[str, Any]] = {}
    with d.store.engine.connect() as conn:
        for chunk in _chunks(list(ids)):
            q = (select(*cols).where(s.articles.c.id.in_(chunk))  # from the covering index alone (SQLite)
                 .with_hint(s.articles, f"INDEXED BY {s.ARTICLE_LISTING_INDEX}", "sqlite"))
            for r in conn.execute(q):
                found[r[0]] = dict(zip(LIGHT_ARTICLE_COLUMNS, r))
    return [found[i] for i in ids if i in found]


def annotations_in(d: Dossier, kind: str, model: type[M], article_ids: Sequence[str]) -> list[M]:
    """Annotations of one kind for several articles in one indexed query per 500 articles."""
    ref_field = _REF_FIELDS.get(kind)
    items: list[M] = []
    with d.store.engine.connect() as conn:
        for chunk in _chunks(list(article_ids)):
            q = (select(s.annotations.c.data, s.annotations.c.ref)
                 .where(s.annotations.c.kind == kind, s.annotations.c.article_id.in_(chunk))
                 .order_by(s.annotations.c.article_id, s.annotations.c.start))
            for data, ref in conn.execute(q):
                item = model.model_validate_json(data)
                if ref_field and ref and hasattr(item, ref_field):
                    setattr(item, ref_field, ref)
                items.append(item)
    return items


def objects_by_ids(d: Dossier, kind: str, model: type[M], ids: Iterable[str]) -> list[M]:
    """Corpus objects by primary key (``Store.objects_with_ids``: the kind is checked in Python, as with it
    in the WHERE clause SQLite walks the kind index, every object of the kind, instead of the primary key)."""
    return d.store.objects_with_ids(kind, model, ids)


def object_data_by_ids(d: Dossier, kind: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Corpus objects by primary key as plain JSON, unvalidated: for choosing and counting, where only a
    few of them are shown (and validated) in the end."""
    return [data for data, _ in d.store.object_digests(kind, ids, ())]


def object_names(d: Dossier, ids: Iterable[str]) -> dict[str, str]:
    """id -> name of corpus objects, from the name column."""
    return d.store.object_names(ids)


def linked_ids(d: Dossier, kind: str, article_ids: Sequence[str]) -> set[str]:
    """Ids of the corpus objects of ``kind`` linked to any of the articles."""
    return d.store.object_ids(kind, article_ids)


def top_linked(d: Dossier, kind: str, model: type[M], article_ids: Sequence[str], limit: int) -> list[M]:
    """The ``limit`` objects of ``kind`` linked to the articles with the highest score (an entity's mention
    count), best first; only those are read."""
    ids = linked_ids(d, kind, article_ids)
    scored: list[tuple[float, str]] = []
    with d.store.engine.connect() as conn:
        for chunk in _chunks(sorted(ids)):
            scored += conn.execute(select(s.objects.c.score, s.objects.c.id).where(s.objects.c.id.in_(chunk))).all()
    best = [i for _, i in sorted(scored, key=lambda r: (-(r[0] or 0), r[1]))[:limit]]
    found = {o.id: o for o in objects_by_ids(d, kind, model, best)}  # type: ignore[attr-defined]
    return [found[i] for i in best if i in found]


def linked_objects(d: Dossier, kind: str, model: type[M], article_ids: Sequence[str]) -> list[M]:
    """Corpus objects of ``kind`` linked to any of the articles."""
    return objects_by_ids(d, kind, model, linked_ids(d, kind, article_ids))


def articles_of_object(d: Dossier, object_id: str, limit: int = MAX_ENTITY_ARTICLES) -> list[str]:
    q = select(s.object_articles.c.article_id).where(s.object_articles.c.object_id == object_id).limit(limit)
    with d.store.engine.connect() as conn:
        return [r[0] for r in conn.execute(q)]


# Exact ids first: they hit the primary key, while the library's prefix lookups
# (LIKE 'x%', case-insensitive) scan the table. A prefix still works, more slowly.

def get_story(d: Dossier, story_id: str) -> Story:
    found = next(iter(objects_by_ids(d, "story", Story, [story_id])), None)
    return found or _or_not_found(lambda: d.story(story_id), f"no single story with id {story_id!r}: see /api/stories")


def get_statement(d: Dossier, statement_id: str) -> Statement:
    found = next(iter(objects_by_ids(d, "statement", Statement, [statement_id])), None)
    return found or _or_not_found(lambda: d.statement(statement_id),
                                  f"no single statement with id {statement_id!r}: see /api/statements")


def _or_not_found(find: Callable[[], M], message: str) -> M:
    """``find()``, with a message naming where to look when no single object matches (none, or an ambiguous prefix)."""
    try:
        return find()
    except NotFound:
        raise NotFound(message) from None


def get_entity(d: Dossier, name_or_id: str) -> Entity:
    return next(iter(objects_by_ids(d, "entity", Entity, [name_or_id])), None) or d.entity(name_or_id)


def get_article(d: Dossier, article_id: str) -> Article:
    return next(iter(d.store.iter_articles(ids=[article_id])), None) or d.article(article_id)


def count_objects(d: Dossier, kind: str) -> int:
    return d.store.count("objects", kind=kind)


def page(items: list[Any], total: int | None, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


# -- stories ---------------------------------------------------------------

def story_list(d: Dossier, limit: int, offset: int) -> dict[str, Any]:
    """One page of stories, newest first (an indexed query: the page costs the same at any corpus size)."""
    wanted = d.store.newest_object_ids("story", limit, offset)
    rows = story_rows_by_ids(d, wanted)
    return page([rows[i] for i in wanted if i in rows], count_objects(d, "story"), limit, offset)


LISTING_LEAVES_OUT = {"summary", "timeline", "facts", "corroboration", "contradictions"}


def story_rows_by_ids(d: Dossier, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Stories for listings, by id: counts and outlets, without their summary, timeline and facts. The
    store leaves those out (the bulk of a story), and the rows are plain JSON, not validated."""
    digests = d.store.object_digests("story", ids, sorted(LISTING_LEAVES_OUT), ["contradictions"])
    return {data["id"]: _story_row(data, counts) for data, counts in digests}


def _story_row(data: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    row = dict(data)
    row["article_count"] = len(data.get("article_ids") or [])
    row["disagreements"] = counts["contradictions"]
    return row


def events_for(d: Dossier, article_ids: Sequence[str]) -> list[Event]:
    """Corpus events (one per action, with every report) reported in the articles, by date."""
    events = linked_objects(d, "event", Event, article_ids)
    return sorted(events, key=lambda e: (e.date or "9999", e.type, e.id))


def filter_events(d: Dossier, events: list[Event], type: str | None, actor: str | None) -> list[Event]:
    """Events of a PLOVER type and of an actor or target (name, alias or entity id), as ``Dossier.events`` filters."""
    if type:
        events = [e for e in events if e.type == type.upper()]
    if actor:
        entity = get_entity(d, actor)
        events = [e for e in events if entity.id in (e.actor_entity_id, e.target_entity_id)]
    return events


def event_reports(d: Dossier, article_id: str) -> list[Event]:
    """The events as one article reports them (its own evidence), else the corpus events it is linked to."""
    return annotations_in(d, "event_report", Event, [article_id]) or events_for(d, [article_id])


STORY_ENTITIES = 40  # a story page shows its most mentioned entities
ENTITY_STATEMENTS = 50  # an entity page shows its most rendered statements (all: /api/statements?speaker=)
SPEAKERS_SHOWN = 8  # a story page shows this many speakers ...
STATEMENTS_SHOWN = 3  # ... each with this many statements; the rest are a link away


def quotes_by_ids(d: Dossier, ids: Iterable[str]) -> dict[str, Quote]:
    """Quotes by primary key, with their statement ids."""
    out: dict[str, Quote] = {}
    with d.store.engine.connect() as conn:
        for chunk in _chunks(sorted(set(ids))):
            q = select(s.annotations.c.kind, s.annotations.c.data, s.annotations.c.ref).where(
                s.annotations.c.id.in_(chunk))
            for kind, data, ref in conn.execute(q):
                if kind == "quote":
                    quote = Quote.model_validate_json(data)
                    quote.statement_id = ref or quote.statement_id
                    out[quote.id] = quote
    return out


def speaker_key(st: dict[str, Any]) -> str:
    """Who a statement (as stored JSON) is grouped under: its speaker entity, else its speaker as written."""
    return st.get("speaker_entity_id") or "?" + (st.get("speaker") or "unattributed").lower()


def speaker_groups(statements: list[dict[str, Any]], names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Statements (stored JSON) grouped by who said them, most statements first, each group's most rendered
    first.

    A resolved speaker is one group under the entity's name however the articles wrote it
    ("Havrenko", "the Valdorian leader"); those forms are kept in ``as_written``. ``key`` is what
    ``speaker=`` takes to ask for one group.
    """
    names = names or {}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    written: dict[str, set[str]] = defaultdict(set)
    for st in statements:
        key = speaker_key(st)
        groups[key].append(st)
        written[key].add(st.get("speaker") or "unattributed")
    out = []
    for key, items in groups.items():
        eid = None if key.startswith("?") else key
        label = (names.get(eid) if eid else None) or max(sorted(written[key]), key=len)
        out.append({"key": key, "speaker": label, "entity_id": eid, "as_written": sorted(written[key] - {label}),
                    "statements": sorted(items, key=_statement_order)})
    return sorted(out, key=lambda g: (g["entity_id"] is None, -len(g["statements"]), g["speaker"].lower()))


def _statement_order(st: dict[str, Any]) -> tuple:
    """Most renderings first, then the earliest (a statement as stored JSON, or its header)."""
    renderings = st["rendering_count"] if "rendering_count" in st else len(st.get("quote_ids") or [])
    return -renderings, st.get("first_published") or "9999", st["id"]


# What grouping and ordering a story's statements needs; the rest (text, renderings, links, scores) is read
# only for the statements shown.
STATEMENT_HEADER_FIELDS = ("speaker", "speaker_entity_id", "first_published")


def statement_headers(d: Dossier, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Statements by id as their headers: id, speaker, speaker entity, first publication and
    ``rendering_count``, read out of the stored JSON by the database."""
    rows = d.store.object_fields("statement", ids, STATEMENT_HEADER_FIELDS, ["quote_ids"])
    return [{**{k: v for k, v in r.items() if k != "quote_ids"}, "rendering_count": r["quote_ids"]} for r in rows]


def with_renderings(d: Dossier, statements: list[dict[str, Any]], meta: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each statement (stored JSON or a header: read whole here, validated) with all its renderings (loaded
    by id), with their outlets; ``meta`` gains the renderings' articles."""
    if any("rendering_count" in st for st in statements):
        whole = {st["id"]: st for st in object_data_by_ids(d, "statement", [st["id"] for st in statements])}
        statements = [whole[st["id"]] for st in statements if st["id"] in whole]
    models = [Statement.model_validate(st) for st in statements]
    quotes = quotes_by_ids(d, [i for st in models for i in st.quote_ids])
    missing = sorted({q.article_id for q in quotes.values()} - set(meta))
    meta.update({a["id"]: a for a in articles_light(d, missing)})
    return [{"statement": st.model_dump(mode="json"),
             "renderings": [rendering(quotes[i], meta) for i in st.quote_ids if i in quotes]} for st in models]


def shown_groups(d: Dossier, groups: list[dict[str, Any]], meta: dict[str, dict[str, Any]],
                 speakers: int = SPEAKERS_SHOWN, per_speaker: int = STATEMENTS_SHOWN) -> list[dict[str, Any]]:
    """The first ``speakers`` groups with their first ``per_speaker`` statements and renderings, and how many
    statements each group has in all."""
    shown = [{**g, "statement_count": len(g["statements"]), "statements": g["statements"][:per_speaker]}
             for g in groups[:speakers]]
    rendered = {r["statement"]["id"]: r for r in with_renderings(d, [st for g in shown for st in g["statements"]], meta)}
    for g in shown:
        g["statements"] = [rendered[st["id"]] for st in g["statements"] if st["id"] in rendered]
    return shown


def story_statement_groups(d: Dossier, article_ids: Sequence[str]) -> tuple[list[dict[str, Any]], int]:
    """The speaker groups of the statements (their headers) with a rendering in the articles, and how many
    statements."""
    statements = statement_headers(d, linked_ids(d, "statement", article_ids))
    names = object_names(d, {st["speaker_entity_id"] for st in statements if st.get("speaker_entity_id")})
    return speaker_groups(statements, names), len(statements)


def rendering(q: Quote, meta: dict[str, dict[str, Any]]) -> dict[str, Any]:
    row = q.model_dump(mode="json")
    info = meta.get(q.article_id, {})
    row["outlet"] = info.get("outlet")
    row["title"] = info.get("title")
    row["published"] = info.get("published")
    row["copy_of"] = info.get("duplicate_of")  # a syndicated or reposted copy: not a source of its own
    return row


def story_detail(d: Dossier, story_id: str, speakers: int = SPEAKERS_SHOWN,
                 per_speaker: int = STATEMENTS_SHOWN) -> dict[str, Any]:
    """What a story page shows. Its statements: the first ``speakers`` speakers with their first
    ``per_speaker`` statements (``story_statements`` pages through all), so a story of hundreds of
    statements costs what a small one does.

    The page's body (articles, statements, events, entities) comes from the page the story-pages
    stage built for the story as stored now, one row; without one (a story changed since, a prefix
    id) it is read here. The story itself, its storyline and the entities' names are always read now."""
    story, digest = story_and_digest(d, story_id)
    default = (speakers, per_speaker) == (SPEAKERS_SHOWN, STATEMENTS_SHOWN)
    body = (d.store.story_page(story.id, digest) if digest and default else None) or story_page_body(
        d, story, speakers, per_speaker)
    _rename_entities(d, body)
    return {"story": story.model_dump(mode="json"), **body, "timeline": timeline_chart(body["articles"], story),
            "storyline": storyline_of(d, story)}


def story_and_digest(d: Dossier, story_id: str) -> tuple[Story, str | None]:
    """The story by exact id with the digest of its stored JSON (what its page was built from), or by
    prefix without one."""
    return _stored_story(d, story_id) or (get_story(d, story_id), None)


def _stored_story(d: Dossier, story_id: str) -> tuple[Story, str] | None:
    """The story with this exact id and the digest of its stored JSON, or None."""
    data = d.store.object_json("story", story_id)
    return None if data is None else (Story.model_validate_json(data), story_digest(data))


def story_digest(data: str) -> str:
    return hashlib.blake2b(data.encode(), digest_size=16).hexdigest()


def story_page_body(d: Dossier, story: Story, speakers: int = SPEAKERS_SHOWN,
                    per_speaker: int = STATEMENTS_SHOWN) -> dict[str, Any]:
    """The part of a story page that the story-pages stage builds ahead: what is linked to its articles."""
    articles = sorted(articles_light(d, story.article_ids), key=_undated_last)
    meta = {a["id"]: a for a in articles}
    groups, statement_count = story_statement_groups(d, story.article_ids)
    events = events_for(d, story.article_ids)
    entities = top_linked(d, "entity", Entity, story.article_ids, STORY_ENTITIES)
    return {
        "articles": articles,
        "speakers": shown_groups(d, groups, meta, speakers, per_speaker),
        "speaker_count": len(groups),
        "statement_count": statement_count,
        "events": [e.model_dump(mode="json") for e in events],
        "entities": [e.model_dump(mode="json") for e in entities],
        "outlet_of": {a["id"]: a["outlet"] for a in articles},
    }


def _rename_entities(d: Dossier, body: dict[str, Any]) -> None:
    """Entities and resolved speakers under their names as stored now (a merge may have renamed them)."""
    ids = {e["id"] for e in body["entities"]} | {g["entity_id"] for g in body["speakers"] if g["entity_id"]}
    names = object_names(d, ids)
    for e in body["entities"]:
        e["name"] = names.get(e["id"], e["name"])
    for g in body["speakers"]:
        if g["entity_id"] in names:
            g["speaker"] = names[g["entity_id"]]


def build_story_pages(d: Dossier, story_ids: Iterable[str], batch: int = 50) -> int:
    """Build and store the page bodies of the given stories (those still stored); returns how many."""
    ids, built = sorted(set(story_ids)), 0
    for i in range(0, len(ids), batch):
        pages = []
        for story, digest in filter(None, (_stored_story(d, story_id) for story_id in ids[i : i + batch])):
            pages.append((story.id, digest, story_page_body(d, story)))
        with d.store.transaction() as conn:
            d.store.put_story_pages(conn, pages)
        built += len(pages)
    return built


def story_statements(d: Dossier, story_id: str, speaker: str | None, limit: int, offset: int) -> dict[str, Any]:
    """A page of a story's statements with their renderings, speaker by speaker in the story page's
    order; ``speaker``: only one group (its ``key``: an entity id, or "?" and the name as written)."""
    story = get_story(d, story_id)
    groups, _ = story_statement_groups(d, story.article_ids)
    if speaker is not None:
        groups = [g for g in groups if g["key"] == speaker or (g["entity_id"] is None and g["key"] == "?" + speaker.lower())]
    ordered = [st for g in groups for st in g["statements"]]
    meta = {a["id"]: a for a in articles_light(d, story.article_ids)}
    items = with_renderings(d, ordered[offset : offset + limit], meta)
    return {**page(items, len(ordered), limit, offset), "story": {"id": story.id, "title": story.title},
            "speaker": groups[0]["speaker"] if speaker is not None and groups else None}


def _undated_last(article: dict[str, Any]) -> tuple[bool, str]:
    return article["published"] is None, article["published"] or ""


def timeline_chart(articles: list[dict[str, Any]], story: Story) -> dict[str, Any]:
    """Per day: articles published, and the story's dated events and statements, for the chart."""
    per_day = Counter((a["published"] or "")[:10] for a in articles if a["published"])
    kinds: dict[str, Counter[str]] = {"event": Counter(), "statement": Counter()}
    for entry in story.timeline:
        if entry.kind in kinds:
            kinds[entry.kind][entry.date[:10]] += 1
    days = sorted(set(per_day) | set(kinds["event"]) | set(kinds["statement"]))
    return {"labels": days, "articles": [per_day[x] for x in days],
            "events": [kinds["event"][x] for x in days], "statements": [kinds["statement"][x] for x in days]}


def storyline_of(d: Dossier, story: Story) -> dict[str, Any] | None:
    """The storyline the story belongs to, with its stories' titles."""
    if not story.storyline_id:
        return None
    line = next(iter(objects_by_ids(d, "storyline", Storyline, [story.storyline_id])), None)
    if line is None:
        return None
    titles = object_names(d, line.story_ids)  # a story's name column holds its title
    return {"id": line.id, "name": line.name, "stories": [{"id": i, "title": titles.get(i, i)} for i in line.story_ids]}


def storylines(d: Dossier) -> list[dict[str, Any]]:
    """Storylines, newest first, with their stories' titles."""
    lines = d.storylines()
    titles = object_names(d, {i for ln in lines for i in ln.story_ids})
    return [{**ln.model_dump(mode="json"), "stories": [{"id": i, "title": titles.get(i, i)} for i in ln.story_ids]}
            for ln in lines]


# -- entities --------------------------------------------------------------

def entity_list(d: Dossier, name: str | None, limit: int, offset: int) -> dict[str, Any]:
    ents = d.store.objects("entity", Entity, name=name, limit=limit + offset)[offset:]
    total = count_objects(d, "entity") if not name else count_named(d, "entity", name)
    return page([e.model_dump(mode="json") for e in ents], total, limit, offset)


def count_named(d: Dossier, kind: str, name: str) -> int:
    """How many objects of the kind have a name containing ``name`` (as ``Store.objects`` filters them)."""
    like = f"%{_escape_like(name.lower())}%"
    q = select(func.count()).where(s.objects.c.kind == kind, func.lower(s.objects.c.name).like(like, escape="\\"))
    with d.store.engine.connect() as conn:
        return conn.execute(q).scalar_one()


def entities_now(d: Dossier, mentions: Sequence[Mention]) -> list[Entity]:
    """The entities these mentions resolve to now (after a merge or split re-resolved them)."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        by_article[m.article_id].add(m.id)
    now = annotations_in(d, "mention", Mention, sorted(by_article))
    ids = {m.entity_id for m in now if m.id in by_article[m.article_id] and m.entity_id}
    return sorted(objects_by_ids(d, "entity", Entity, ids), key=lambda e: -e.mention_count)


def entities_by_article(d: Dossier, article_ids: Sequence[str]) -> dict[str, set[str]]:
    """article id -> ids of the entities it mentions (one indexed query per 500 articles)."""
    out: dict[str, set[str]] = defaultdict(set)
    with d.store.engine.connect() as conn:
        for chunk in _chunks(list(article_ids)):
            q = select(s.object_articles.c.article_id, s.object_articles.c.object_id).where(
                s.object_articles.c.kind == "entity", s.object_articles.c.article_id.in_(chunk))
            for article_id, entity_id in conn.execute(q):
                out[article_id].add(entity_id)
    return out


def cooccurrence(d: Dossier, entity_id: str, article_ids: Sequence[str], limit: int = 30) -> dict[str, Any]:
    """Entities sharing articles with this one (how many), and how often those co-occur with each other."""
    per_article = entities_by_article(d, article_ids)
    counts = Counter(e for ents in per_article.values() for e in ents if e != entity_id)
    top = dict(counts.most_common(limit))
    ents = objects_by_ids(d, "entity", Entity, top)
    nodes = sorted(({"id": e.id, "name": e.name, "type": e.type, "shared_articles": top[e.id]} for e in ents),
                   key=lambda x: (-x["shared_articles"], x["name"]))
    pairs: Counter[tuple[str, str]] = Counter()
    for ents_in in per_article.values():
        members = sorted(e for e in ents_in if e in top)
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    edges = [{"source": a, "target": b, "weight": n} for (a, b), n in pairs.most_common(limit * 3)]
    return {"nodes": nodes, "edges": edges}


def entity_detail(d: Dossier, name_or_id: str, mention_limit: int = 200) -> dict[str, Any]:
    e = get_entity(d, name_or_id)
    article_ids = articles_of_object(d, e.id)
    mentions = d.mentions(e.id)
    meta = {a["id"]: a for a in articles_light(d, article_ids)}
    said = sorted((st for st in object_data_by_ids(d, "statement", linked_ids(d, "statement", article_ids))
                   if st.get("speaker_entity_id") == e.id), key=_statement_order)
    own = with_renderings(d, said[:ENTITY_STATEMENTS], meta)
    events = [ev for ev in events_for(d, article_ids) if e.id in (ev.actor_entity_id, ev.target_entity_id)]
    return {
        "entity": e.model_dump(mode="json"),
        "mention_total": len(mentions),
        "mentions": [m.model_dump(mode="json") for m in mentions[:mention_limit]],
        "articles": sorted(meta.values(), key=lambda a: a["published"] or "", reverse=True),
        "statements": own,
        "statement_count": len(said),
        "events": [ev.model_dump(mode="json") for ev in events],
        "merges": unique_merges(e),
        "decisions": decisions_about(d, e),
        **_network(cooccurrence(d, e.id, article_ids)),
    }


def _network(co: dict[str, Any]) -> dict[str, Any]:
    return {"cooccurring": co["nodes"], "cooccurring_edges": co["edges"]}


def unique_merges(e: Entity) -> list[dict[str, Any]]:
    """Why the names were joined, each distinct reason once (many mentions repeat the same one)."""
    seen: dict[tuple, dict[str, Any]] = {}
    for m in e.attributes.get("merges", []):
        key = (m.get("a"), m.get("b"), m.get("reason"))
        if key not in seen and m.get("a") != m.get("b"):
            seen[key] = m
    return list(seen.values())


def decisions_about(d: Dossier, e: Entity) -> list[dict[str, Any]]:
    """The stored review decisions (merges and splits) that name one of the entity's forms."""
    forms = {f.lower() for f in [e.name, *e.aliases]}
    found = []
    for kind in ("merge", "split"):
        for decision in d.store.decisions(kind):
            named = {f.lower() for value in decision.values() if isinstance(value, list) for f in value}
            if forms & named:
                found.append({"kind": kind, **decision})
    return found


# -- statements -------------------------------------------------------------

def statement_list(d: Dossier, speaker: str | None, limit: int, offset: int) -> dict[str, Any]:
    if speaker:
        found = [st for st, _ in d.statements(speaker)]
        total = len(found)
        found = found[offset : offset + limit]
    else:
        found = d.store.objects("statement", Statement, limit=limit + offset)[offset:]
        total = count_objects(d, "statement")
    return page([st.model_dump(mode="json") for st in found], total, limit, offset)


def annotation_page(d: Dossier, kind: str, model: type[M], limit: int, offset: int) -> dict[str, Any]:
    """One page of an annotation kind over the whole corpus, in article and text order."""
    q = (select(s.annotations.c.data, s.annotations.c.ref).where(s.annotations.c.kind == kind)
         .order_by(s.annotations.c.article_id, s.annotations.c.start).limit(limit).offset(offset))
    total = select(func.count()).where(s.annotations.c.kind == kind)
    ref_field = _REF_FIELDS.get(kind)
    items = []
    with d.store.engine.connect() as conn:
        for data, ref in conn.execute(q):
            item = model.model_validate_json(data)
            if ref_field and ref and hasattr(item, ref_field):
                setattr(item, ref_field, ref)
            items.append(item.model_dump(mode="json"))
        return page(items, conn.execute(total).scalar_one(), limit, offset)


def statement_detail(d: Dossier, statement_id: str) -> dict[str, Any]:
    st = get_statement(d, statement_id)
    quotes = {q.id: q for q in annotations_in(d, "quote", Quote, st.article_ids)}
    meta = {a["id"]: a for a in articles_light(d, st.article_ids)}
    return {"statement": st.model_dump(mode="json"),
            "renderings": [rendering(quotes[i], meta) for i in st.quote_ids if i in quotes]}


# -- articles ----------------------------------------------------------------

def article_json(a: Article, raw: bool = False) -> dict[str, Any]:
    exclude = {"offset_map"} | (set() if raw else {"raw", "raw_text"})
    return a.model_dump(mode="json", exclude=exclude)


def article_annotations(d: Dossier, article_id: str) -> dict[str, list]:
    ids = [article_id]
    mentions = annotations_in(d, "mention", Mention, ids)
    names = {e.id: e.name for e in objects_by_ids(d, "entity", Entity, {m.entity_id for m in mentions if m.entity_id})}
    return {
        "sentences": annotations_in(d, "sentence", Sentence, ids),
        "mentions": mentions,
        "entity_names": names,
        "quotes": annotations_in(d, "quote", Quote, ids),
        "times": annotations_in(d, "time", TimeMention, ids),
        "figures": annotations_in(d, "quantity", Quantity, ids),
        "events": event_reports(d, article_id),
    }


def article_detail(d: Dossier, article_id: str) -> dict[str, Any]:
    a = get_article(d, article_id)
    ann = article_annotations(d, a.id)
    stories = linked_objects(d, "story", Story, [a.id])
    return {
        "article": a,
        "annotations": ann,
        "stories": [{"id": st.id, "title": st.title} for st in stories],
        "pieces": highlight(a.text or "", ann["mentions"], ann["quotes"], ann["times"], ann["events"], a.id,
                            ann["figures"]),
    }


def highlight(text: str, mentions: list[Mention], quotes: list[Quote], times: list[TimeMention],
              events: Sequence[Event] = (), article_id: str | None = None,
              figures: Sequence[Quantity] = ()) -> list[dict[str, Any]]:
    """Cut the text at every span boundary; each piece lists the items covering it.

    The template escapes each piece, so highlighting never builds HTML from article text.
    """
    spans = [(m.start, m.end, "ent", m.id, m.type) for m in mentions]
    spans += [(q.start, q.end, "quote", q.id, q.kind) for q in quotes]
    spans += [(t.start, t.end, "date", t.id, t.type) for t in times]
    spans += [(f.start, f.end, "figure", f.id, f.kind) for f in figures]
    spans += [(ev.start, ev.end, "event", e.id, e.type) for e in events for ev in e.evidence[:1]
              if ev.article_id == article_id]
    spans = [sp for sp in spans if 0 <= sp[0] < sp[1] <= len(text)]
    cuts = sorted({0, len(text)} | {sp[0] for sp in spans} | {sp[1] for sp in spans})
    pieces = []
    for lo, hi in pairwise(cuts):
        cover = [sp for sp in spans if sp[0] <= lo and hi <= sp[1]]
        pieces.append({
            "start": lo,
            "text": text[lo:hi],
            "classes": " ".join(sorted({sp[2] for sp in cover} | {f"{sp[2]}-{sp[4]}" for sp in cover})),
            "ids": " ".join(sp[3] for sp in cover),
        })
    return pieces
