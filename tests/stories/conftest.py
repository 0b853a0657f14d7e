"""The demo corpus through the whole pipeline once for the stories tests that read it (read-only)."""

from __future__ import annotations

import pytest

from dossier.core import Dossier, demo_corpus


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    d = Dossier(db)
    d.ingest([demo_corpus()])
    d.run()
    yield d, db
    d.close()
