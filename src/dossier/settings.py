"""Settings live in one table, each with a default and a line of help.

A setting is read from the environment as DOSSIER_<NAME> (upper case), so the
CLI, the API and tests share one source of truth.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "dossier.db", "Database: a SQLite file path or a postgresql:// URL."),
    Setting("max_file_bytes", 50_000_000, "Larger input files are skipped with an error."),
    Setting("max_article_chars", 2_000_000, "Longer articles are skipped with an error."),
    Setting("batch_size", 64, "Articles processed per pipeline batch."),
    Setting("profile", "fast", "NLP profile: 'fast' (default) or 'accurate'."),
    Setting("near_duplicate_threshold", 0.8,
            "Jaccard similarity (MinHash over 5-word shingles) from which two articles are copies; "
            "a text containing nearly all of another also counts as its copy."),
    Setting("api_token", None, "Token required by API endpoints that change data."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> Any:
    """The value of a setting: the environment first, then the default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(f"DOSSIER_{name.upper()}")
    if raw is None:
        return setting.default
    if isinstance(setting.default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return raw
