"""dossier watch against a local HTTP server serving feed files the test writes (fictional text)."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from email.utils import formatdate

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.errors import DossierError
from dossier.store import Store
from dossier.watch import Watcher

STORIES = [
    ("Ferry strike spreads to Lindavik", "Crews on the Lindavik ferries joined the strike on Monday, the union said."),
    ("Harbour cranes inspected", "Inspectors from the port authority examined every crane in Port Sarnova on Tuesday."),
    ("Strike talks resume", "Union leader Ada Moreno met the ferry company on Wednesday; talks will go on Friday."),
]


def rss(items) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>https://lake-post.example/{i}</link>"
        f"<pubDate>{formatdate(1700000000 + i * 3600, usegmt=True)}</pubDate>"
        f"<description>{body} {body}</description></item>"
        for i, (title, body) in enumerate(items)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Lake Post</title>{entries}</channel></rss>"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests: list[tuple[str, dict]] = []

    def log_message(self, *args) -> None:
        pass

    def do_GET(self):  # noqa: N802 - http.server's naming
        QuietHandler.requests.append((self.path, dict(self.headers)))
        super().do_GET()


@pytest.fixture
def server(tmp_path):
    """A local HTTP server in a thread, serving tmp_path/www; yields (folder, base URL)."""
    www = tmp_path / "www"
    www.mkdir()
    QuietHandler.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(www)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def write_feed(path, items, mtime: int) -> None:
    path.write_text(rss(items), encoding="utf-8")
    os.utime(path, (mtime, mtime))  # Last-Modified moves on, as a real feed's would


def test_watch_ingests_new_entries_only_and_runs_the_pipeline_on_them(server, store):
    www, base = server
    write_feed(www / "lake.rss", STORIES[:2], 1_700_000_000)
    watcher = Watcher(store, [f"{base}/lake.rss"], stages=["clean"])
    first = watcher.poll()
    assert (first.new, first.errors, first.processed) == (2, [], {"clean": 2})
    assert sorted(a.title for a in store.iter_articles()) == sorted(t for t, _ in STORIES[:2])
    assert store.search("cranes")  # cleaned and indexed, so searchable
    second = watcher.poll()
    assert (second.new, second.processed) == (0, {})
    assert "If-Modified-Since" in QuietHandler.requests[-1][1]  # unchanged feed: a conditional request
    write_feed(www / "lake.rss", STORIES, 1_700_000_600)
    third = watcher.poll()
    assert (third.new, third.already_stored, third.processed) == (1, 2, {"clean": 1})
    assert store.count() == 3


def test_watch_reads_new_files_in_folders_and_keeps_going_past_a_dead_feed(server, store, tmp_path):
    _, base = server
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("The Lindavik ferry sailed again on Thursday after the strike ended.")
    watcher = Watcher(store, [str(inbox), f"{base}/missing.rss"], run_pipeline=False)
    first = watcher.poll()
    assert first.new == 1 and len(first.errors) == 1 and "HTTP 404" in first.errors[0].problem
    assert watcher.poll().new == 0  # nothing re-read
    (inbox / "two.txt").write_text("Port Sarnova reopened its northern quay on Friday morning.")
    assert watcher.poll().new == 1
    restarted = Watcher(store, [str(inbox)], run_pipeline=False)  # state lives in the store
    assert restarted.poll().new == 0 and store.count() == 2


def test_watch_refuses_a_source_that_is_neither_url_nor_path(store, tmp_path):
    with pytest.raises(DossierError, match="no such file or folder"):
        Watcher(store, [str(tmp_path / "nowhere")])


def test_watch_command_polls_a_feed(server, tmp_path):
    www, base = server
    write_feed(www / "lake.rss", STORIES, 1_700_000_000)
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(app, ["--db", db, "watch", f"{base}/lake.rss", "--polls", "2", "--every", "0",
                                      "--no-run"])
    assert result.exit_code == 0, result.output
    assert "poll 1: new 3" in result.output and "poll 2: new 0" in result.output
    with Store.open(db) as s:
        assert s.count() == 3
