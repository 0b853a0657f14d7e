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
    Setting("workers", 1,
            "Processes for the per-article stages (0: one per available core); 'dossier run' defaults to 0. "
            "Scripts that use more than 1 need an if __name__ == '__main__' guard."),
    Setting("ray_address", None, "Ray cluster for 'dossier run --engine ray' (default: start a local one)."),
    Setting("ray_shards", None, "Folder for the Ray engine's Parquet shards (default: a temp folder)."),
    Setting("cache_dir", None,
            "Folder for tables dossier derives once and reuses (default: $XDG_CACHE_HOME/dossier, else "
            "~/.cache/dossier); deleting it only slows the next start."),
    Setting("profile", "fast", "NLP profile: 'fast' (default) or 'accurate'."),
    Setting("near_duplicate_threshold", 0.8,
            "Jaccard similarity (MinHash over 5-word shingles) from which two articles are copies; "
            "a text containing nearly all of another also counts as its copy."),
    Setting("story_threshold", 0.24,
            "Story clustering: the score (text, names and time together) from which an article joins a story; "
            "higher makes more, tighter stories."),
    Setting("story_merge_threshold", 0.13,
            "Story clustering: the mean similarity of the article pairs between two stories (text, names, time "
            "and event cues: the day, the protagonist, the years told) from which they merge into one."),
    Setting("outlets_file", None,
            "CSV of outlets (name, aliases separated by |, country, kind, owner) added to the built-in registry; "
            "a row with a known name overrides it."),
    Setting("api_token", None, "Token required by API endpoints that change data (ingest, entity merge and split); "
            "'dossier serve' makes up one per session when it is not set."),
    Setting("host", "127.0.0.1", "Address 'dossier serve' listens on; 127.0.0.1 keeps the UI and API on this machine."),
    Setting("port", 8000, "Port 'dossier serve' listens on."),
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
