"""Shared fixtures. Tests that need ../shared skip when it is absent, but fail under CI=true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail under CI) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is absent: these checks need the shared benchmark data beside the repo"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def store(tmp_path):
    from dossier.store import Store

    s = Store.open(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")
