"""Live ingest: poll RSS/Atom feed URLs and folders, store what is new, run the pipeline on it.

Each poll fetches every feed (conditionally: ETag and Last-Modified, so an unchanged
feed costs one 304) and looks for files in the folders that are new or changed
since the last poll. What the poll found is ingested (idempotent: an entry seen
before is not stored twice) and the pipeline runs incrementally (only the new
articles go through the per-article stages). What each source has seen is kept in
the store, so a restarted watcher carries on where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier import __version__, pipeline, settings
from dossier.errors import BadInput, DossierError
from dossier.ingest import IngestReport, ingest_inputs, iter_inputs
from dossier.store import Store

USER_AGENT = f"dossier/{__version__} (feed watcher)"


@dataclass
class PollReport:
    """What one poll found and did."""

    number: int
    new: int = 0
    already_stored: int = 0
    errors: list[BadInput] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # sources with nothing new
    processed: dict[str, int] = field(default_factory=dict)  # pipeline: stage -> articles


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


class Watcher:
    """Polls sources into a store. ``poll()`` once, or ``run()`` every ``interval`` seconds."""

    def __init__(self, store: Store, sources: Iterable[str], stages: Iterable[str] | None = None,
                 run_pipeline: bool = True, timeout: float = 30):
        self.store = store
        self.sources = list(sources)
        self.stages = list(stages) if stages else None
        self.run_pipeline = run_pipeline
        self.timeout = timeout
        self.polls = 0
        missing = [s for s in self.sources if not is_url(s) and not Path(s).exists()]
        if missing:
            raise DossierError(f"cannot watch {', '.join(missing)}: no such file or folder (feeds need http:// or https://)")

    def poll(self) -> PollReport:
        """Fetch every source once, store what is new, run the pipeline if anything was."""
        self.polls += 1
        report = PollReport(self.polls)
        for source in self.sources:
            found, state = self._fetch_feed(source) if is_url(source) else self._changed_files(source)
            ingested = ingest_inputs(self.store, found, fmt="feed" if is_url(source) else None,
                                     on_error=report.errors.append)
            if state is not None:  # only once stored: a crash mid-way fetches it again next time
                self._save_state(source, state)
            self._count(source, ingested, report)
        if report.new and self.run_pipeline:
            report.processed = pipeline.run(self.store, self.stages).processed
        return report

    def run(self, interval: float, polls: int | None = None,
            on_poll: Callable[[PollReport], None] | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        """Poll every ``interval`` seconds, ``polls`` times (forever when None)."""
        while polls is None or self.polls < polls:
            started = time.monotonic()
            report = self.poll()
            if on_poll:
                on_poll(report)
            if polls is not None and self.polls >= polls:
                return
            sleep(max(0.0, interval - (time.monotonic() - started)))

    @staticmethod
    def _count(source: str, ingested: IngestReport, report: PollReport) -> None:
        report.new += ingested.new
        report.already_stored += ingested.already_stored
        if not ingested.new and not ingested.errors:
            report.unchanged.append(source)

    # -- feeds ----------------------------------------------------------------

    def _fetch_feed(self, url: str) -> tuple[list[tuple[str, bytes | BadInput]], dict | None]:
        """The feed's bytes (none when unchanged since the last poll) and its new cache headers."""
        request = urllib.request.Request(url, headers=_conditional_headers(self._state(url)))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data = response.read(settings.get("max_file_bytes") + 1)
                headers = response.headers
        except urllib.error.HTTPError as exc:
            if exc.code == 304:  # not modified since the last poll
                return [], None
            problem = f"the server answered HTTP {exc.code} {exc.reason}; will retry next poll"
            return [(url, BadInput(url, problem))], None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return [(url, BadInput(url, f"cannot fetch the feed ({reason}); will retry next poll"))], None
        return [(url, data)], {"etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified")}

    # -- folders --------------------------------------------------------------

    def _changed_files(self, folder: str) -> tuple[Iterator[tuple[str, bytes | BadInput]], dict]:
        """Files that are new or changed (size or modification time) since the last poll, read lazily."""
        seen = self._state(folder)
        now: dict[str, list[float]] = {}
        root = Path(folder)
        files = [root] if root.is_file() else sorted(
            f for f in root.rglob("*") if f.is_file() and not f.name.startswith("."))
        changed = []
        for f in files:
            stat = f.stat()
            now[str(f)] = [stat.st_mtime, stat.st_size]
            if seen.get(str(f)) != now[str(f)]:
                changed.append(f)
        return iter_inputs(changed), now

    # -- state kept in the store ----------------------------------------------

    def _state(self, source: str) -> dict:
        raw = self.store.get_meta(_state_key(source))
        return json.loads(raw) if raw else {}

    def _save_state(self, source: str, state: dict) -> None:
        self.store.set_meta(_state_key(source), json.dumps(state))


def _state_key(source: str) -> str:
    return "watch:" + hashlib.sha1(source.encode()).hexdigest()[:40]


def _conditional_headers(state: dict) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml, */*"}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    return headers
