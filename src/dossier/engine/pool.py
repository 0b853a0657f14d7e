"""A pool of local worker processes for the per-article stages (one per core by default).

Workers are spawned (not forked: the parent may hold database connections and model
threads), open the store read-only for their own use, and keep one instance of each
stage, so a model loads once per worker. Results come back in submission order and
at most two batches per worker are in flight, so memory stays flat in corpus size.
"""

from __future__ import annotations

import importlib
import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dossier.errors import DossierError
from dossier.pipeline import BatchResult, Stage, process_batch
from dossier.store import Store

_worker: dict = {}  # in each worker process: its store and its stage instances


def _start_worker(url: str) -> None:
    _worker["store"] = Store.open(url)
    _worker["stages"] = {}


def _stage(module: str, qualname: str) -> Stage:
    key = (module, qualname)
    if key not in _worker["stages"]:
        cls = importlib.import_module(module)
        for part in qualname.split("."):
            cls = getattr(cls, part)
        stage = cls()
        stage.store = _worker["store"]
        _worker["stages"][key] = stage
    return _worker["stages"][key]


def _work(module: str, qualname: str, ids: list[str]) -> BatchResult:
    return process_batch(_stage(module, qualname), ids)


class ProcessPool:
    def __init__(self, store: Store, workers: int):
        self.workers = workers
        context = multiprocessing.get_context("spawn")
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                            initargs=(store.url,))

    def map_batches(self, cls: type[Stage], batches: list[list[str]]) -> Iterator[BatchResult]:
        try:
            yield from self._map(cls, batches)
        except BrokenProcessPool as exc:
            raise DossierError(
                f"a worker process of stage {cls.name} died ({exc}); what was written so far is kept. "
                "Run again with DOSSIER_WORKERS=1 to work in one process"
            ) from exc

    def _map(self, cls: type[Stage], batches: list[list[str]]) -> Iterator[BatchResult]:
        pending: deque[Future] = deque()
        queue = iter(batches)
        for ids in queue:
            pending.append(self.executor.submit(_work, cls.__module__, cls.__qualname__, ids))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
