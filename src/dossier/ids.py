"""Stable ids derived from content, never from row order."""

from __future__ import annotations

import hashlib


def content_id(data: bytes, length: int = 16) -> str:
    """Id of an article: the hash of its raw bytes."""
    return hashlib.sha256(data).hexdigest()[:length]


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """Id of a derived object from the parts that define it (e.g. article id + span)."""
    key = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return f"{prefix}_{hashlib.sha256(key).hexdigest()[:length]}"
