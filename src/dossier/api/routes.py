"""The REST API under /api: thin handlers over ``Dossier`` and the read models in ``views``.

Read endpoints are open (the server binds to localhost by default); endpoints that
change data need the token from DOSSIER_API_TOKEN in an ``Authorization: Bearer``
header (or ``X-Dossier-Token``).
"""

from __future__ import annotations

import functools
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.responses import FileResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from dossier.api import views
from dossier.api.errors import ApiError
from dossier.api.schemas import (ERRORS, WRITE_ERRORS, Annotations, ArticleOut, ArticleRow, EntityDetail,
                                 IngestResult, Page, SearchHit, SplitResult, StatementWithRenderings, StoryDetail,
                                 StorylineOut, StoryRow, StoryStatements, ok)
from dossier.core import EXPORTS, Dossier
from dossier.model import Entity, Event, Quote, Statement

router = APIRouter(prefix="/api", responses=ERRORS)

Limit = Query(50, ge=1, le=500, description="Page size.")
Offset = Query(0, ge=0, description="Items to skip.")


def dossier(request: Request) -> Dossier:
    return request.app.state.dossier


DossierDep = Annotated[Dossier, Depends(dossier)]


_BEARER = HTTPBearer(auto_error=False, scheme_name="token", description="DOSSIER_API_TOKEN of the server.")
_HEADER = APIKeyHeader(name="X-Dossier-Token", auto_error=False, scheme_name="tokenHeader",
                       description="DOSSIER_API_TOKEN of the server (instead of the Authorization header).")


def require_token(request: Request, bearer: HTTPAuthorizationCredentials | None = Security(_BEARER),
                  header: str | None = Security(_HEADER)) -> None:
    """Endpoints that change data: the caller must present the configured token."""
    expected = request.app.state.token
    if not expected:
        raise ApiError(403, "changing data through the API is disabled: set DOSSIER_API_TOKEN and restart the server")
    given = bearer.credentials.strip() if bearer else (header or "")
    if not given or not secrets.compare_digest(given.encode(), str(expected).encode()):
        raise ApiError(401, "a valid token is required: send 'Authorization: Bearer <DOSSIER_API_TOKEN>'")


def read(path: str, model: Any, summary: str):
    """A GET endpoint answering ``model`` (documented only: handlers return plain dicts)."""
    return _as_json(router.get(path, summary=summary, response_model=None, responses=ok(model), tags=[_tag(path)]))


def write(path: str, model: Any, summary: str):
    """A POST endpoint that changes data: it needs the token."""
    return _as_json(router.post(path, summary=summary, response_model=None, responses={**ok(model), **WRITE_ERRORS},
                                dependencies=[Depends(require_token)], tags=[_tag(path)]))


def _as_json(route):
    """Register a handler whose plain dict (already JSON-shaped: the models' ``model_dump(mode="json")``) is
    written out as it is; FastAPI would walk it again, which costs more than building it on a story page."""

    def register(handler):
        @functools.wraps(handler)
        def endpoint(*args, **kwargs):
            result = handler(*args, **kwargs)
            return result if isinstance(result, Response) else JSONText(result)

        route(endpoint)
        return handler

    return register


class JSONText(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, default=_plain, option=orjson.OPT_NON_STR_KEYS)


def _plain(value: Any) -> Any:
    """What orjson cannot write by itself (it writes dates): sets as sorted lists, models dumped."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _tag(path: str) -> str:
    """Endpoints grouped in the spec by resource: '/stories/{story_id}' -> 'stories'."""
    return path.strip("/").split("/")[0]


@read("/info", dict[str, int], "Counts of what the database holds")
def info(d: DossierDep) -> dict[str, int]:
    return d.summary()


@read("/articles", Page[ArticleRow], "Articles in ingest order")
def articles(d: DossierDep, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.page(d.store.list_articles(limit=limit, offset=offset), d.store.count("articles"), limit, offset)


@read("/articles/{article_id}", ArticleOut, "One article: metadata, clean text and removed junk")
def article(d: DossierDep, article_id: str,
            raw: bool = Query(False, description="Include the raw input.")) -> dict[str, Any]:
    return views.article_json(views.get_article(d, article_id), raw=raw)


@read("/articles/{article_id}/annotations", Annotations,
      "Sentences, mentions, quotes, dates, figures and events of an article")
def article_annotations(d: DossierDep, article_id: str) -> dict[str, Any]:
    a = views.get_article(d, article_id)
    ann = views.article_annotations(d, a.id)
    return {k: v if isinstance(v, dict) else [x.model_dump(mode="json") for x in v] for k, v in ann.items()}


@read("/stories", Page[StoryRow], "Stories, newest first, with article and independent-source counts")
def stories(d: DossierDep, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.story_list(d, limit, offset)


@read("/stories/{story_id}", StoryDetail, "One story: articles, statements by speaker, events, timeline")
def story(d: DossierDep, story_id: str) -> dict[str, Any]:
    return views.story_detail(d, story_id)


@read("/stories/{story_id}/statements", StoryStatements,
      "A story's statements with all their renderings, speaker by speaker (the story page shows the first few)")
def story_statements(d: DossierDep, story_id: str,
                     speaker: str | None = Query(None, description="One speaker: a group's key from the story."),
                     limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.story_statements(d, story_id, speaker, limit, offset)


@read("/storylines", Page[StorylineOut], "Stories grouped into storylines, newest first")
def storylines(d: DossierDep, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    lines = views.storylines(d)
    return views.page(lines[offset : offset + limit], len(lines), limit, offset)


@read("/entities", Page[Entity], "Resolved entities, most mentioned first")
def entities(d: DossierDep, name: str | None = Query(None, description="Only names containing this."),
             limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.entity_list(d, name, limit, offset)


@read("/entities/{name_or_id}", EntityDetail,
      "One entity: names, roles, mentions, statements, events, co-occurrences, review decisions")
def entity(d: DossierDep, name_or_id: str) -> dict[str, Any]:
    return views.entity_detail(d, name_or_id)


@read("/statements", Page[Statement], "Statements (who said what), optionally of one speaker")
def statements(d: DossierDep, speaker: str | None = Query(None, description="Name, alias or entity id."),
               limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return views.statement_list(d, speaker, limit, offset)


@read("/statements/{statement_id}", StatementWithRenderings, "One statement with all its renderings and source chains")
def statement(d: DossierDep, statement_id: str) -> dict[str, Any]:
    return views.statement_detail(d, statement_id)


@read("/quotes", Page[Quote], "Quotes (renderings of statements) in text order, or those of one article")
def quotes(d: DossierDep, article_id: str | None = Query(None, description="Article id or prefix."),
           limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    if not article_id:
        return views.annotation_page(d, "quote", Quote, limit, offset)
    a = views.get_article(d, article_id)
    found = d.store.annotations("quote", Quote, article_id=a.id)
    return views.page([q.model_dump(mode="json") for q in found[offset : offset + limit]], len(found), limit, offset)


@read("/events", Page[Event], "Events (PLOVER): most reported first, or by date those of a story or an article")
def events(d: DossierDep, story_id: str | None = Query(None, description="Only the events of this story."),
           article_id: str | None = Query(None, description="Only the events this article reports."),
           type: str | None = Query(None, description="A PLOVER type: ASSAULT, PROTEST, ..."),
           actor: str | None = Query(None, description="Actor or target: name, alias or entity id."),
           limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    if story_id or article_id:
        ids = views.get_story(d, story_id).article_ids if story_id else [views.get_article(d, article_id).id]
        found = views.filter_events(d, views.events_for(d, ids), type, actor)
        items = [e.model_dump(mode="json") for e in found[offset : offset + limit]]
        return views.page(items, len(found), limit, offset)
    if type or actor:
        found = d.events(type=type, actor=actor)
        return views.page([e.model_dump(mode="json") for e in found[offset : offset + limit]], len(found), limit,
                          offset)
    found = d.store.objects("event", Event, limit=limit + offset)[offset:]
    return views.page([e.model_dump(mode="json") for e in found], views.count_objects(d, "event"), limit, offset)


@read("/search", Page[SearchHit], "Full-text search over titles and clean text, best first")
def search(d: DossierDep, q: str = Query(..., min_length=1, description="Words, \"a phrase\", word* or an FTS query."),
           limit: int = Query(20, ge=1, le=200, description="Page size."),
           offset: int = Query(0, ge=0, le=1000, description="Hits to skip.")) -> dict[str, Any]:
    hits = d.search(q, limit + offset)[offset:]
    return views.page(hits, None, limit, offset)


_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "parquet": "application/vnd.apache.parquet",
          "gdelt": "text/tab-separated-values"}
_SUFFIX = {"gdelt": "tsv"}


@router.get("/export/{kind}", summary="Export data as JSON Lines, CSV or Parquet (events also GDELT-like TSV)",
            tags=["export"],
            responses={200: {"description": "The file", "content": {m: {} for m in _MEDIA.values()}}})
def export(d: DossierDep, kind: str, format: Literal["jsonl", "csv", "parquet", "gdelt"] = "jsonl"):
    if kind not in EXPORTS:
        raise ApiError(404, f"nothing to export as {kind!r}: choose one of {', '.join(EXPORTS)}")
    if format == "gdelt" and kind != "events":
        raise ApiError(400, "the gdelt format is for events only: use /api/export/events?format=gdelt")
    tmp = Path(tempfile.mkdtemp(prefix="dossier-export-")) / f"{kind}.{_SUFFIX.get(format, format)}"
    try:
        d.export(kind, format, tmp)
    except Exception:
        _remove(tmp)
        raise
    return FileResponse(tmp, media_type=_MEDIA[format], filename=tmp.name, background=BackgroundTask(_remove, tmp))


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.parent.rmdir()


# -- endpoints that change data ---------------------------------------------

class Document(BaseModel):
    name: str = Field(..., description="File name; its extension picks the reader (.txt, .html, .json, .jsonl ...).")
    content: str


class IngestRequest(BaseModel):
    documents: list[Document] = Field(..., min_length=1, max_length=1000)
    format: str | None = Field(None, description="Force a reader: text, html, json, jsonl, warc, feed.")
    run: bool = Field(True, description="Run the pipeline afterwards.")


class MergeRequest(BaseModel):
    a: str = Field(..., description="Entity name, alias or id (kept).")
    b: str = Field(..., description="Entity name, alias or id (merged into a).")


class SplitRequest(BaseModel):
    forms: list[str] = Field(..., min_length=1, description="Name forms that are another entity.")


@write("/ingest", IngestResult, "Store documents (and run the pipeline)")
def ingest(d: DossierDep, body: IngestRequest) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dossier-ingest-") as tmp:
        paths = []
        for i, doc in enumerate(body.documents):
            path = Path(tmp) / f"{i:05d}_{Path(doc.name).name or 'document.txt'}"
            path.write_text(doc.content, encoding="utf-8")
            paths.append(path)
        problems: list[str] = []
        report = d.ingest(paths, fmt=body.format, on_error=lambda e: problems.append(e.problem))
    failures = d.run().failures if body.run and report.new else []
    return {"read": report.read, "new": report.new, "already_stored": report.already_stored,
            "skipped": problems, "failures": failures}


@write("/entities/merge", Entity, "Merge two entities (stored decision)")
def merge(d: DossierDep, body: MergeRequest) -> dict[str, Any]:
    return d.merge_entities(body.a, body.b).model_dump(mode="json")


@write("/entities/{name_or_id}/split", SplitResult, "Split name forms off an entity (stored decision)")
def split(d: DossierDep, name_or_id: str, body: SplitRequest) -> dict[str, Any]:
    before = views.get_entity(d, name_or_id)
    mentions = d.mentions(before.id)
    d.split_entity(before.id, body.forms)
    return {"split": body.forms, "entities": [e.model_dump(mode="json") for e in views.entities_now(d, mentions)]}
