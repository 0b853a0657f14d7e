"""Where the shared benchmark data lives, for tests that need it (import: ``from shared_data import shared_path``).

A module of its own, not conftest.py: several test folders have a conftest.py,
so ``from conftest import ...`` would find whichever was imported first.
"""

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
