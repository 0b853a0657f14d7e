"""kill -9 during ingest and during the pipeline, restart: nothing lost, nothing duplicated.

Real subprocesses (the ``dossier`` CLI) are killed with SIGKILL mid-way on a generated
corpus, on both backends; the resumed database must equal one made without a crash.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, text

from dossier import pipeline
from dossier.ingest import ingest
from dossier.ingest.synthetic import write_text_folder
from dossier.store import Store
from dossier.store import schema as s

STAGES = ["time", "dedupe"]  # clean, then a per-article and a corpus stage that read it


def _dossier(db: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dossier.cli", "--db", db, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float = 180) -> None:
    """SIGKILL the process as soon as ``ready()``; fail if it ends first (the corpus was too small)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the process finished before it could be killed: {proc.stderr.read()[-500:]}")
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the process never reached the point where it should be killed")


def _finish(db: str, *args: str) -> None:
    proc = _dossier(db, *args)
    _, errors = proc.communicate(timeout=300)
    assert proc.returncode == 0, errors[-1000:]


def _count(store: Store, query) -> int:
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one()


def _snapshot(store: Store) -> dict:
    """Everything ingest and the stages wrote, independent of row order and timestamps."""
    with store.engine.connect() as conn:
        return {
            "articles": sorted(conn.execute(select(s.articles.c.id, s.articles.c.text, s.articles.c.title,
                                                   s.articles.c.published, s.articles.c.duplicate_of)).all()),
            "sources": sorted(conn.execute(select(s.article_sources.c.article_id, s.article_sources.c.source)).all()),
            "annotations": sorted(conn.execute(
                select(s.annotations.c.id, s.annotations.c.stage, s.annotations.c.data)).all()),
            "stage_runs": sorted(conn.execute(
                select(s.stage_runs.c.article_id, s.stage_runs.c.stage, s.stage_runs.c.key)).all()),
            "signatures": sorted(conn.execute(select(s.signatures.c.article_id, s.signatures.c.kind)).all()),
            "seqs": _count(store, select(func.count(func.distinct(s.articles.c.seq)))),
        }


INGEST_N, PIPELINE_N = 1000, 250


@pytest.fixture(scope="module")
def ingest_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ingest")
    write_text_folder(folder, INGEST_N)
    return folder


@pytest.fixture(scope="module")
def pipeline_corpus(tmp_path_factory):
    """A smaller corpus and its snapshot after an uninterrupted in-process run on SQLite."""
    folder = tmp_path_factory.mktemp("pipeline")
    write_text_folder(folder, PIPELINE_N, seed=3)
    with Store.open(tmp_path_factory.mktemp("ref") / "ref.db") as store:
        ingest(store, [folder])
        pipeline.run(store, STAGES)
        return folder, _snapshot(store)


def test_kill_9_during_ingest_then_rerun_stores_each_article_once(db_url, ingest_corpus):
    with Store.open(db_url) as watch:
        _kill_when(_dossier(db_url, "ingest", str(ingest_corpus)), lambda: watch.count() >= 100)
        stored = watch.count()
        assert 0 < stored < INGEST_N and stored % 100 == 0  # whole committed batches only
        if watch.dialect == "sqlite":
            with watch.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        _finish(db_url, "ingest", str(ingest_corpus))
        got = _snapshot(watch)
    assert len(got["articles"]) == got["seqs"] == len(got["sources"]) == INGEST_N
    assert {src for _, src in got["sources"]} == {str(p) for p in ingest_corpus.rglob("*.txt")}


def test_kill_9_during_the_pipeline_then_rerun_equals_an_uninterrupted_run(db_url, pipeline_corpus):
    folder, reference = pipeline_corpus
    stage_args = [arg for stage in STAGES for arg in ("--stage", stage)]
    done = select(func.count()).select_from(s.stage_runs)
    with Store.open(db_url) as watch:
        ingest(watch, [folder])
        _kill_when(_dossier(db_url, "run", *stage_args), lambda: _count(watch, done) >= 64)
        assert 0 < _count(watch, done) < PIPELINE_N * 3
        _finish(db_url, "run", *stage_args)
        got = _snapshot(watch)
    for part, expected in reference.items():
        assert got[part] == expected, part
