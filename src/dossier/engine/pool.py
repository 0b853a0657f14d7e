"""A pool of local worker processes for the per-article stages (one per core by default).

Workers are spawned (not forked: the parent may hold database connections and model
threads), open the store read-only for their own use, and keep one instance of each
stage, so a model loads once per worker. Results come back in submission order and
at most two batches per worker are in flight, so memory stays flat in corpus size.
A worker whose parent is gone (killed with kill -9) leaves within a second instead of
waiting for work forever.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dossier.errors import DossierError
from dossier.pipeline import BatchResult, Stage, process_batch
from dossier.store import Store

_worker: dict = {}  # in each worker process: its store and its stage instances


def _start_worker(url: str, threads: int, parent: int) -> None:
    _exit_with_parent(parent)
    limit_threads(threads)
    _worker["store"] = Store.open(url)
    _worker["stages"] = {}


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """Leave when the parent process is gone: a parent killed with SIGKILL cannot stop its pool, and its
    workers would otherwise wait for work forever, each holding its models."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def limit_threads(threads: int) -> None:
    """Cap the BLAS and OpenMP thread pools of this process (numpy, torch), so that one
    worker per core does not run one thread per core each and thrash the caches."""
    from threadpoolctl import threadpool_limits

    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(threads)  # for libraries loaded later (torch reads OMP_NUM_THREADS)
    threadpool_limits(threads)  # for those already loaded (numpy's BLAS)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


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
        threads = max(1, (os.cpu_count() or 1) // workers)
        self.executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                            initargs=(store.url, threads, os.getpid()))

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
