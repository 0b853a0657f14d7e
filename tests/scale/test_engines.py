"""Engines give the results of the in-process run: a local process pool, and Ray Data on a local Ray cluster."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dossier import pipeline
from dossier.cli import app
from dossier.core import demo_corpus
from dossier.errors import DossierError
from dossier.ingest import ingest
from dossier.ingest.synthetic import write_text_folder
from dossier.store import Store
from dossier.store import schema as s

STAGES = ["clean", "entities", "time", "quotes"]  # the per-article stages (and dedupe-free)


def _snapshot(store: Store) -> dict:
    with store.engine.connect() as conn:
        return {
            "articles": sorted(conn.execute(select(s.articles.c.id, s.articles.c.text, s.articles.c.title,
                                                   s.articles.c.published, s.articles.c.language)).all()),
            "annotations": sorted(conn.execute(select(s.annotations.c.id, s.annotations.c.stage,
                                                      s.annotations.c.data)).all()),
            "stage_runs": sorted(conn.execute(select(s.stage_runs.c.article_id, s.stage_runs.c.stage,
                                                     s.stage_runs.c.key)).all()),
        }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write_text_folder(folder / "generated", 30, seed=5)
    return [folder, *sorted(demo_corpus().glob("*.txt"))[:4]]


@pytest.fixture(scope="module")
def in_process(corpus, tmp_path_factory):
    with Store.open(tmp_path_factory.mktemp("ref") / "ref.db") as store:
        ingest(store, corpus)
        pipeline.run(store, STAGES, batch_size=8, workers=1)
        return _snapshot(store)


def test_local_process_pool_gives_the_in_process_results(corpus, in_process, tmp_path):
    with Store.open(tmp_path / "pool.db") as store:
        ingest(store, corpus)
        report = pipeline.run(store, STAGES, batch_size=8, workers=2)
        assert not report.failures
        assert _snapshot(store) == in_process


def test_unknown_engine_is_a_clear_error(store):
    with pytest.raises(DossierError, match="no engine named 'spark'"):
        pipeline.run(store, ["clean"], engine="spark")


@pytest.fixture(scope="module")
def local_ray():
    try:
        import ray
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("ray is not installed: pip install -e '.[ray]'")
        pytest.skip("ray is not installed")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_engine_over_parquet_shards_gives_the_local_results(local_ray, corpus, in_process, tmp_path):
    db = str(tmp_path / "ray.db")
    with Store.open(db) as store:
        ingest(store, corpus)
    args = ["--db", db, "run", "--engine", "ray", "--workers", "2"] + [a for st in STAGES for a in ("--stage", st)]
    os.environ["DOSSIER_BATCH_SIZE"] = "8"
    try:
        result = CliRunner().invoke(app, args)
    finally:
        del os.environ["DOSSIER_BATCH_SIZE"]
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        assert _snapshot(store) == in_process


POOL_THEN_WAIT = """
import sys, time
from dossier.engine.pool import ProcessPool
from dossier.store import Store

store = Store.open(sys.argv[1])
pool = ProcessPool(store, 2)
for future in [pool.executor.submit(time.sleep, 0.1) for _ in range(4)]:
    future.result()  # both workers started
print(" ".join(str(pid) for pid in pool.executor._processes), flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\\nState:\\tZ" not in f.read()  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads process states from /proc")
def test_pool_workers_leave_when_their_parent_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    Store.open(tmp_path / "s.db").close()
    parent = subprocess.Popen([sys.executable, "-c", POOL_THEN_WAIT, str(tmp_path / "s.db")],
                              stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    os.kill(parent.pid, signal.SIGKILL)  # no chance to stop its pool
    parent.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)
