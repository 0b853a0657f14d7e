"""Engines run the per-article stages: in this process, on a pool of local processes, or on Ray.

Every engine only computes; the pipeline writes each batch's result from the calling
process, so bookkeeping, crash safety and the store's single writer are the same
whatever runs the stages. Workers read the articles they need from the store
themselves (an id list is all that travels to them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from dossier import settings
from dossier.errors import DossierError
from dossier.pipeline import BatchResult, Engine, Stage, process_batch
from dossier.store import Store

ENGINES = ("local", "ray")


def get_engine(name: str, store: Store, workers: int | None = None) -> Engine:
    """The engine called ``name``, for a pipeline run on ``store``."""
    if name == "local":
        return LocalEngine(store, workers)
    if name == "ray":
        from dossier.engine.ray_engine import RayEngine

        return RayEngine(store, workers)
    raise DossierError(f"no engine named {name!r}: choose one of {', '.join(ENGINES)}")


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalEngine:
    """Batches in this process, or on a pool of worker processes when there is enough work."""

    MIN_BATCHES_FOR_POOL = 4  # a worker's start-up (imports, models) only pays off on more work

    def __init__(self, store: Store, workers: int | None = None):
        self.store = store
        wanted = workers if workers is not None else settings.get("workers")
        self.workers = wanted if wanted > 0 else available_cores()
        self._pool = None

    def map_batches(self, cls: type[Stage], batches: list[list[str]]) -> Iterator[BatchResult]:
        if self.workers > 1 and len(batches) >= self.MIN_BATCHES_FOR_POOL and _importable(cls):
            yield from self._pool_or_start().map_batches(cls, batches)
            return
        stage = cls()
        stage.store = self.store
        for ids in batches:
            yield process_batch(stage, ids)

    def _pool_or_start(self):
        if self._pool is None:
            from dossier.engine.pool import ProcessPool

            self._pool = ProcessPool(self.store, self.workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def _importable(cls: type[Stage]) -> bool:
    """A worker process can only find stages defined at the top level of an importable module."""
    return cls.__module__ != "__main__" and "<locals>" not in cls.__qualname__
