"""What the API answers, for the OpenAPI spec: one model per response shape.

Endpoints return plain dicts (the read models in ``views``) and list these models in
``responses`` only, so documenting a page costs nothing at request time; the API tests
validate real answers against them, so the spec cannot drift from what is served.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field, create_model

from dossier.model import (Article, Entity, Event, Mention, Quantity, Quote, Sentence, Statement, Story, Storyline,
                           TimeMention)

T = TypeVar("T")


class Problem(BaseModel):
    where: str = Field(..., description="The parameter at fault, e.g. 'query.limit'.")
    problem: str


class ErrorDetail(BaseModel):
    status: int = Field(..., description="The HTTP status, repeated.")
    code: str = Field(..., description="not_found, invalid_request, unauthorized, forbidden, ...")
    message: str = Field(..., description="What happened and what to do.")
    problems: list[Problem] | None = Field(None, description="Every invalid parameter (422 only).")


class ErrorBody(BaseModel):
    """Every error, from every endpoint."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """One page of a list: ``limit`` items from ``offset``; ``total`` is null where counting would cost a scan."""

    items: list[T]
    total: int | None
    limit: int
    offset: int


def _without(model: type[BaseModel], name: str, drop: set[str], **extra: Any) -> type[BaseModel]:
    fields = {n: (f.annotation, f) for n, f in model.model_fields.items() if n not in drop}
    return create_model(name, __doc__=model.__doc__, **fields, **extra)


ArticleOut = _without(Article, "ArticleOut", {"offset_map"})


class ArticleRow(BaseModel):
    """An article in a listing (no text)."""

    id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    source: str | None = None
    url: str | None = None


class Annotations(BaseModel):
    sentences: list[Sentence]
    mentions: list[Mention]
    entity_names: dict[str, str] = Field(..., description="entity id -> canonical name, for the mentions.")
    quotes: list[Quote]
    times: list[TimeMention]
    figures: list[Quantity]
    events: list[Event] = Field(..., description="The events as this article reports them.")


StoryRow = _without(Story, "StoryRow", {"summary", "timeline", "facts", "corroboration", "contradictions"},
                    article_count=(int, ...), disagreements=(int, ...))


class Rendering(Quote):
    """One rendering of a statement, with the article it is in."""

    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    copy_of: str | None = Field(None, description="Set where the article copies another: not a source of its own.")


class StatementWithRenderings(BaseModel):
    statement: Statement
    renderings: list[Rendering]


class SpeakerGroup(BaseModel):
    key: str = Field(..., description="What /api/stories/{id}/statements?speaker= takes for this group.")
    speaker: str = Field(..., description="The entity's name, or the speaker as written where unresolved.")
    entity_id: str | None
    as_written: list[str] = Field(..., description="Other ways the articles name this speaker.")
    statement_count: int = Field(..., description="The speaker's statements in the story; the first few are here.")
    statements: list[StatementWithRenderings]


class TimelineChart(BaseModel):
    labels: list[str] = Field(..., description="Days, oldest first.")
    articles: list[int]
    events: list[int]
    statements: list[int]


class StoryRef(BaseModel):
    id: str
    title: str


class StoryStatements(Page[StatementWithRenderings]):
    """One page of a story's statements, speaker by speaker."""

    story: StoryRef
    speaker: str | None = Field(..., description="The speaker asked for, as the story page names them.")


class StorylineRef(BaseModel):
    id: str
    name: str
    stories: list[StoryRef]


class StoryDetail(BaseModel):
    story: Story
    articles: list[ArticleRow]
    speakers: list[SpeakerGroup] = Field(..., description="The first speakers, most statements first; "
                                         "/api/stories/{id}/statements has all.")
    speaker_count: int
    statement_count: int
    events: list[Event]
    entities: list[Entity]
    outlet_of: dict[str, str | None]
    timeline: TimelineChart
    storyline: StorylineRef | None


StorylineOut = _without(Storyline, "StorylineOut", {"story_ids"}, story_ids=(list[str], ...),
                        stories=(list[StoryRef], ...))


class CoEntity(BaseModel):
    id: str
    name: str
    type: str
    shared_articles: int


class CoEdge(BaseModel):
    source: str
    target: str
    weight: int = Field(..., description="Articles both entities appear in.")


class EntityDetail(BaseModel):
    entity: Entity
    mention_total: int
    mentions: list[Mention] = Field(..., description="The first 200 mentions.")
    articles: list[ArticleRow]
    statements: list[StatementWithRenderings] = Field(..., description="The 50 most rendered; all at "
                                                      "/api/statements?speaker=.")
    statement_count: int
    events: list[Event]
    merges: list[dict[str, Any]] = Field(..., description="Why the resolver joined the names.")
    decisions: list[dict[str, Any]] = Field(..., description="Stored review decisions naming one of its forms.")
    cooccurring: list[CoEntity]
    cooccurring_edges: list[CoEdge]


class SearchHit(BaseModel):
    article_id: str
    title: str | None
    snippet: str | None = Field(..., description="Matching words marked up as [word].")
    score: float


class IngestResult(BaseModel):
    read: int
    new: int
    already_stored: int
    skipped: list[str]
    failures: list[Any]


class SplitResult(BaseModel):
    split: list[str]
    entities: list[Entity] = Field(..., description="The entities the mentions belong to now.")


ERRORS = {status: {"model": ErrorBody, "description": text} for status, text in (
    (400, "Bad request"), (404, "Not found"), (422, "Invalid parameters"), (500, "Unexpected error"))}
WRITE_ERRORS = {status: {"model": ErrorBody, "description": text} for status, text in (
    (401, "Missing or wrong token"), (403, "Changing data is disabled (no token configured)"))}


def ok(model: Any) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of an endpoint answering ``model``."""
    return {200: {"model": model, "description": "OK"}}
