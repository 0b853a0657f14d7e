"""Run the registered stages over stored articles, in batches, in dependency order.

A stage is named and versioned. Its *key* is its version plus the keys of the
stages it requires, so bumping a stage's version re-runs that stage and the ones
that read its output, and nothing else. Per-article stages process batches and
write outputs and bookkeeping in one transaction (a crash loses at most the batch
in flight); corpus stages (deduplication, resolution, clustering) see the set of
articles that changed and update incrementally.
"""

from __future__ import annotations

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

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:  # per-article stages
        raise NotImplementedError

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:  # corpus stages
        raise NotImplementedError


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


def stage_key(cls: type[Stage]) -> str:
    """The stage's version and, recursively, the versions of its inputs."""
    deps = ",".join(stage_key(STAGES[d]) for d in cls.requires)
    return f"{cls.name}@{cls.version}" + (f"[{deps}]" if deps else "")


def run(
    store: Store,
    stages: Iterable[str] | None = None,
    progress: Progress | None = None,
    batch_size: int | None = None,
) -> RunReport:
    """Bring every article up to date with the given (default: all) stages."""
    report = RunReport()
    size = batch_size or settings.get("batch_size")
    for cls in ordered(stages):
        stage = cls()
        stage.store = store
        key = stage_key(cls)
        stale = store.stale_article_ids(cls.name, key)
        if progress:
            progress.start(cls.name, len(stale))
        if cls.scope == "corpus":
            if stale:
                stage.run_corpus(store, stale)
                with store.transaction() as conn:
                    store.mark_done(conn, stale, cls.name, key)
            if progress:
                progress.advance(len(stale))
        else:
            for i in range(0, len(stale), size):
                batch = stale[i : i + size]
                _run_batch(store, stage, key, batch, report)
                if progress:
                    progress.advance(len(batch))
        report.processed[cls.name] = len(stale)
    return report


def _run_batch(store: Store, stage: Stage, key: str, ids: Sequence[str], report: RunReport) -> None:
    articles = list(store.iter_articles(ids))
    failed: set[str] = set()
    try:
        outputs = stage.process(articles)
    except Exception:  # one bad article must fail alone: retry the batch one by one
        outputs = []
        for article in articles:
            try:
                outputs.extend(stage.process([article]))
            except Exception as exc:  # noqa: BLE001 - reported, counted, skipped
                where = f"stage {stage.name}, article {article.id}"
                detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
                failed.add(article.id)
                report.failures.append(f"{where}: {detail}")
                store.record_error(where, detail)
    with store.transaction() as conn:
        for out in outputs:
            store.replace_annotations(conn, out.article.id, stage.name, out.annotations)
        if stage.writes_article:
            store.save_articles_in(conn, [o.article for o in outputs])
        # Failed articles stay stale, so the next run tries them again.
        store.mark_done(conn, [i for i in ids if i not in failed], stage.name, key)
