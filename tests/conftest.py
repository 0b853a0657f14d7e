"""Shared fixtures. Tests that need ../shared skip when it is absent, but fail under CI=true."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import SHARED, shared_path  # noqa: F401  (re-exported for fixtures)


@pytest.fixture
def store(tmp_path):
    from dossier.store import Store

    s = Store.open(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")
