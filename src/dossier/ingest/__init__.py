"""Ingest: read files, folders and stdin in many formats into stored Articles.

Each reader turns bytes into Articles (or BadInput for a bad record). Ingest is
idempotent (an article's id is the hash of its content, stored once) and
resumable (articles are committed in small batches; a rerun skips what is stored).
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier import settings
from dossier.errors import BadInput
from dossier.ingest.base import check_size, looks_binary
from dossier.ingest.feed import read_feed
from dossier.ingest.html import read_html
from dossier.ingest.jsonl import read_json, read_jsonl
from dossier.ingest.text import read_text
from dossier.ingest.warc import read_warc
from dossier.model import Article
from dossier.store import Store

Reader = Callable[[bytes, str], Iterable["Article | BadInput"]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "warc": read_warc,
    "feed": read_feed,
}
_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass
class IngestReport:
    """What one ingest did: counts, and one line per problem."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    errors: list[BadInput] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """The whole run failed: there were problems and nothing could be read."""
        return bool(self.errors) and self.read == 0


def detect_format(name: str, data: bytes) -> str:
    """The reader for a file, from its name, else from its first bytes."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"WARC/"):
        return "warc"
    if suffix in _SUFFIXES and suffix != ".xml":
        return _SUFFIXES[suffix]
    head = data[:2048].lstrip().lower()
    if head.startswith((b"{", b"[")):
        return "jsonl" if data.lstrip().startswith(b"{") and b"}\n{" in data.replace(b"\r\n", b"\n") else "json"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:65536].lower():
        return "html"
    return "text"


def read_bytes(data: bytes, name: str, fmt: str | None = None) -> Iterator[Article | BadInput]:
    """Every article in one input, as Articles, with BadInput for each bad part."""
    try:
        if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
            data = _gunzip(data, name)
            name = name.removesuffix(".gz")
        check_size(data, name)
        if not data.strip():
            raise BadInput(name, "empty file")
        fmt = fmt or detect_format(name, data)
        if fmt != "warc" and looks_binary(data):
            raise BadInput(name, "binary data, not text, HTML, JSON or a feed")
        yield from READERS[fmt](data, name)
    except BadInput as exc:
        yield exc


def _guarded(items: Iterator[Article | BadInput], name: str) -> Iterator[Article | BadInput]:
    """A reader bug fails that input alone: the rest of the ingest goes on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - reported as a bad input, counted, skipped
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        yield BadInput(name, f"the reader failed ({detail}); the rest of the input was skipped, please report it")


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise BadInput(name, f"broken gzip data ({exc})") from exc


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[tuple[str, bytes | BadInput]]:
    """(name, bytes) for every file under the paths; '-' reads stdin."""
    for path in paths:
        if str(path) == "-":
            yield "stdin", sys.stdin.buffer.read()
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and f.name not in _SKIP_NAMES and not f.name.startswith("."))
            for f in files:
                yield str(f), _read_file(f)
        elif p.is_file():
            yield str(p), _read_file(p)
        else:
            yield str(p), BadInput(str(p), "no such file or folder")


def _read_file(path: Path) -> bytes | BadInput:
    try:
        limit = settings.get("max_file_bytes")
        size = path.stat().st_size
        if size > limit:
            return BadInput(str(path), f"{size:,} bytes is over the {limit:,}-byte limit (set DOSSIER_MAX_FILE_BYTES to raise it)")
        return path.read_bytes()
    except OSError as exc:
        return BadInput(str(path), f"cannot read: {exc.strerror}")


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    fmt: str | None = None,
    batch_size: int = 100,
    on_error: Callable[[BadInput], None] | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read the paths into the store. Bad inputs are reported, counted and skipped."""
    return ingest_inputs(store, iter_inputs(paths), fmt, batch_size, on_error, on_progress)


def ingest_inputs(
    store: Store,
    inputs: Iterable[tuple[str, bytes | BadInput]],
    fmt: str | None = None,
    batch_size: int = 100,
    on_error: Callable[[BadInput], None] | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read (name, bytes) inputs into the store, committing every ``batch_size`` articles."""
    report = IngestReport()
    batch: list[Article] = []

    def flush() -> None:
        new = store.add_articles(batch)
        report.new += len(new)
        report.already_stored += len(batch) - len(new)
        batch.clear()

    def problem(exc: BadInput) -> None:
        report.errors.append(exc)
        store.record_error(exc.where, exc.problem)
        if on_error:
            on_error(exc)

    for name, data in inputs:
        if on_progress:
            on_progress(name)
        if isinstance(data, BadInput):
            problem(data)
            continue
        for item in _guarded(read_bytes(data, name, fmt), name):
            if isinstance(item, BadInput):
                problem(item)
                continue
            report.read += 1
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
    flush()
    return report
