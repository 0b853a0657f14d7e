"""Run the registered stages over stored articles, in batches, in dependency order.

A stage is named and versioned. Its *key* is its version plus the keys of the
stages it requires, so bumping a stage's version re-runs that stage and the ones
that read its output, and nothing else. Per-article stages process batches and
write outputs and bookkeeping in one transaction (a crash loses at most the batch
in flight); corpus stages (deduplication, resolution, clustering) see the set of
articles that changed and update incrementally.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal, Protocol

from pydantic import BaseModel

from dossier import settings
from dossier.errors import UnknownStage
from dossier.model import Article
from dossier.store import Store


@dataclass
class ArticleOutput:
    """What a per-article stage produced for one article."""

    article: Article
    annotations: list[tuple[str, BaseModel]] = field(default_factory=list)


class Stage:
    """Base class of pipeline stages. Subclasses set name, version, requires."""

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]] = ()
    scope: ClassVar[Literal["article", "corpus"]] = "article"
    writes_article: ClassVar[bool] = False  # the stage sets Article fields
    store: Store | None = None  # set by the runner: read other stages' outputs from here

    @classmethod
    def variant(cls) -> str:
        """What besides the version changes the stage's output (the NLP profile for the stages whose
        models it picks); "" for the default, so the key of a default run stays as it was."""
        return ""

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:  # per-article stages
        raise NotImplementedError

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:  # corpus stages
        raise NotImplementedError


def profile_variant() -> str:
    """The NLP profile as a stage variant: "" for the default "fast", else its name."""
    from dossier import settings

    profile = settings.get("profile")
    return "" if profile == "fast" else profile


STAGES: dict[str, type[Stage]] = {}
DEFAULT_PIPELINE: list[str] = []


def register(cls: type[Stage], default: bool = True) -> type[Stage]:
    """Register a stage by name (a later registration of the same name replaces it)."""
    STAGES[cls.name] = cls
    if default and cls.name not in DEFAULT_PIPELINE:
        DEFAULT_PIPELINE.append(cls.name)
    return cls


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...
    def advance(self, n: int) -> None: ...


@dataclass
class RunReport:
    processed: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _load_builtin_stages() -> None:
    # Importing a stage module registers it.
    import dossier.clean.stage  # noqa: F401
    import dossier.dedupe.stage  # noqa: F401
    import dossier.nlp.stage  # noqa: F401
    import dossier.nlp.timex.stage  # noqa: F401
    import dossier.quotes.stage  # noqa: F401
    import dossier.stories.stage  # noqa: F401
    import dossier.resolve.stage  # noqa: F401
    import dossier.events.stage  # noqa: F401
    import dossier.stories.pages  # noqa: F401  (last: it reads what the others wrote)


def ordered(names: Iterable[str] | None = None) -> list[type[Stage]]:
    """Stages in dependency order; asking for a stage brings in what it requires."""
    _load_builtin_stages()
    wanted = list(names) if names else list(DEFAULT_PIPELINE)
    out: list[type[Stage]] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name not in STAGES:
            raise UnknownStage(f"no stage named {name!r}; known stages: {', '.join(sorted(STAGES))}")
        if name in path:
            raise UnknownStage(f"stages require each other in a cycle: {' -> '.join(path + (name,))}")
        cls = STAGES[name]
        for dep in cls.requires:
            visit(dep, path + (name,))
        if cls not in out:
            out.append(cls)

    for name in wanted:
        visit(name, ())
    return out


_MAX_KEY = 200  # the store's stage_runs.key column; PostgreSQL enforces the length


def stage_key(cls: type[Stage]) -> str:
    """The stage's version (and variant) and, recursively, those of its inputs: a new version or another
    profile re-runs the stage and everything built on it.

    A key that would outgrow the store's column (deep dependency chains) keeps its
    readable head and ends in a hash of the whole, so it still changes with any input.
    """
    deps = ",".join(stage_key(STAGES[d]) for d in cls.requires)
    variant = cls.variant()
    key = f"{cls.name}@{cls.version}" + (f"~{variant}" if variant else "") + (f"[{deps}]" if deps else "")
    if len(key) <= _MAX_KEY:
        return key
    return f"{key[:_MAX_KEY - 20]}#{hashlib.sha1(key.encode()).hexdigest()[:16]}"


def run(
    store: Store,
    stages: Iterable[str] | None = None,
    progress: Progress | None = None,
    batch_size: int | None = None,
    engine: str | Engine | None = None,
    workers: int | None = None,
) -> RunReport:
    """Bring every article up to date with the given (default: all) stages.

    The per-article stages run on ``engine`` ("local": this process or a pool of
    local processes, see the ``workers`` setting; "ray": a Ray cluster); this
    process writes every result, so the store sees one writer whatever the engine.
    """
    from dossier.engine import get_engine

    report = RunReport()
    size = batch_size or settings.get("batch_size")
    if engine is None or isinstance(engine, str):
        runner = get_engine(engine or "local", store, workers)
    else:
        runner = engine
    try:
        for cls in ordered(stages):
            _run_stage(store, cls, runner, size, progress, report)
    finally:
        runner.close()
    return report


class Engine(Protocol):
    """Runs a per-article stage over batches of article ids; yields each batch's result."""

    def map_batches(self, cls: type[Stage], batches: list[list[str]]) -> Iterable[BatchResult]: ...
    def close(self) -> None: ...


@dataclass
class BatchResult:
    ids: list[str]
    outputs: list[ArticleOutput]
    failed: dict[str, str]  # article id -> what went wrong


def _run_stage(store: Store, cls: type[Stage], runner: Engine, size: int, progress: Progress | None,
               report: RunReport) -> None:
    key = stage_key(cls)
    stale = store.stale_article_ids(cls.name, key)
    if progress:
        progress.start(cls.name, len(stale))
    if cls.scope == "corpus":
        if stale:
            stage = cls()
            stage.store = store
            stage.run_corpus(store, stale)
            with store.transaction() as conn:
                store.mark_done(conn, stale, cls.name, key)
        if progress:
            progress.advance(len(stale))
    else:
        batches = [stale[i : i + size] for i in range(0, len(stale), size)]
        for result in runner.map_batches(cls, batches):
            write_batch(store, cls, key, result, report)
            if progress:
                progress.advance(len(result.ids))
    report.processed[cls.name] = len(stale)


def process_batch(stage: Stage, ids: Sequence[str]) -> BatchResult:
    """Run a per-article stage on stored articles; no writes, so it can run in any process."""
    return process_articles(stage, ids, list(stage.store.iter_articles(ids)))


def process_articles(stage: Stage, ids: Sequence[str], articles: list[Article]) -> BatchResult:
    """Run a per-article stage on articles already read (from the store, or a Parquet shard)."""
    failed: dict[str, str] = {}
    try:
        outputs = stage.process(articles)
    except Exception:  # one bad article must fail alone: retry the batch one by one
        outputs = []
        for article in articles:
            try:
                outputs.extend(stage.process([article]))
            except Exception as exc:  # noqa: BLE001 - reported, counted, skipped
                failed[article.id] = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return BatchResult(list(ids), outputs, failed)


def write_batch(store: Store, cls: type[Stage], key: str, result: BatchResult, report: RunReport) -> None:
    """Store a batch's outputs and bookkeeping in one transaction (a crash loses at most this batch)."""
    for article_id, detail in result.failed.items():
        where = f"stage {cls.name}, article {article_id}"
        report.failures.append(f"{where}: {detail}")
        store.record_error(where, detail)
    with store.transaction() as conn:
        store.replace_annotations_many(conn, cls.name, [(o.article.id, o.annotations) for o in result.outputs])
        if cls.writes_article:
            store.save_articles_in(conn, [o.article for o in result.outputs])
        # Failed articles stay stale, so the next run tries them again.
        store.mark_done(conn, [i for i in result.ids if i not in result.failed], cls.name, key)
