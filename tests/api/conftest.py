from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("dossier_test_demo_store", Path(__file__).with_name("demo_store.py"))
demo_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo_store)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return demo_store.shared_demo_db(tmp_path_factory)


@pytest.fixture(scope="session")
def client(demo_db):
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    with TestClient(create_app(demo_db, token="test-token")) as c:
        yield c


@pytest.fixture
def writable_client(demo_db, tmp_path):
    """A client over a private copy of the demo store, for tests that change data."""
    from fastapi.testclient import TestClient

    from dossier.api import create_app

    db = demo_store.copy_db(demo_db, tmp_path / "copy")
    with TestClient(create_app(db, token="test-token")) as c:
        yield c
