"""Tables dossier derives once from installed data and reuses across processes.

Deriving them (stemming 60,000 words, indexing 49,000 place names) costs seconds in
every process, pool workers included; read back from JSON it costs a fraction. The
folder is the ``cache_dir`` setting, else ``$XDG_CACHE_HOME/dossier`` (``~/.cache/dossier``).
Each file is named by a digest of everything its table is derived from (package
versions, constants, the deriving module's source), so a change makes a new file,
never a stale read. A file is written whole or not at all; one that cannot be read
or written only costs the time of deriving the table again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from dossier import settings


def cache_dir() -> Path:
    configured = settings.get("cache_dir")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dossier"


def key(*parts: str | bytes) -> str:
    """A short digest of what a table is derived from."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def source_of(module_file: str) -> bytes:
    return Path(module_file).read_bytes()


def path_of(name: str, digest: str) -> Path:
    return cache_dir() / f"{name}-{digest}.json"


def cached_json(name: str, digest: str, derive: Callable[[], Any]) -> Any:
    """The JSON-able table ``name`` for ``digest``: read from the cache folder, else derived and kept."""
    path = path_of(name, digest)
    found = _read(path)
    if found is not None:
        return found
    value = derive()
    _write(path, value)
    return value


def _read(path: Path) -> Any | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data or None


def _write(path: Path, value: Any) -> None:
    """Write the table whole or not at all (a temporary file renamed into place), so that processes
    starting together never read half a table."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
