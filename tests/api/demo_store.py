"""The demo corpus plus hostile articles, built once per test session and shared by the API and web tests.

The hostile articles carry script tags, event-handler attributes and a javascript: URL
in their title, text and metadata, and one of their entities gets a hostile name (as a
name from an upstream feed or a reviewer could read): the UI must show all of it as text
and never run it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HOSTILE_TITLE = "Harbour strike <script>window.__pwned=1;document.title='PWNED'</script> in Veshta"
HOSTILE_RECORD = {
    "title": HOSTILE_TITLE,
    "url": "javascript:window.__pwned=3",
    "outlet": "<img src=x onerror=\"window.__pwned=4\">Evil Wire",
    "date": "2022-06-01",
    "text": (
        "VESHTA, June 1, 2022 - Dock workers in Veshta walked out on Wednesday, union leader Ana Petrovna said.\n\n"
        "\"We will not go back <img src=x onerror=\"window.__pwned=2\"> until the port pays,\" Petrovna told "
        "reporters outside the harbour gates.\n\n"
        "<script>window.__pwned=5;document.title='PWNED'</script>The port authority said the strike was illegal "
        "and <b onmouseover=\"window.__pwned=6\">hurt trade</b> with Ostrenia."
    ),
}
HOSTILE_NAME = "Ana <img src=x onerror=\"window.__pwned=10\"> Petrovna"
HOSTILE_QUERY = "<script>window.__pwned=11</script> harbour"
HOSTILE_TEXT = (
    "Ferry workers join <svg onload=\"window.__pwned=7\"> the harbour strike\n\n"
    "KORVASK, June 2, 2022 - Ferry crews in Korvask joined the harbour strike on Thursday, the ferry union said. "
    "<iframe src=\"javascript:window.__pwned=8\"></iframe>\n\n"
    "\"</script><script>window.__pwned=9</script>\" was painted on the ferry terminal wall, police said.\n"
)


def write_hostile(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    (folder / "hostile_ferry.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    return folder


def build(folder: Path) -> Path:
    """The demo store with the hostile articles, run through the whole pipeline."""
    from dossier import Dossier
    from dossier.core import demo_corpus

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.db"
    with Dossier(db) as d:
        d.ingest([demo_corpus(), write_hostile(folder / "hostile")])
        d.run()
        give_hostile_name(d, "Ana Petrovna")
    return db


def give_hostile_name(d, form: str) -> None:
    """Rename the entity ``form`` resolves to (stored as the resolver stores it): names reach every page."""
    from sqlalchemy import update

    from dossier.store import schema
    from dossier.stories.pages import update_story_pages

    e = d.entity(form)
    renamed = e.model_copy(update={"name": HOSTILE_NAME, "aliases": [*e.aliases, HOSTILE_NAME]})
    with d.store.engine.begin() as conn:
        conn.execute(update(schema.objects).where(schema.objects.c.id == e.id)
                     .values(name=HOSTILE_NAME, data=renamed.model_dump_json()))
    # As a merge does: the pages of the stories that mention it are rebuilt with the new name.
    update_story_pages(d.store, sorted(d.store.linked_article_ids([e.id])))


def shared_demo_db(tmp_path_factory) -> Path:
    """Build once per session (the API and web tests both use it); read-only for tests."""
    folder = tmp_path_factory.getbasetemp() / "dossier-demo"
    db = folder / "demo.db"
    if not db.exists():
        folder.mkdir(parents=True, exist_ok=True)
        build(folder)
    return db


def copy_db(db: Path, target: Path) -> Path:
    """A private copy for tests that change data."""
    target.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{db}{suffix}")
        if src.exists():
            shutil.copy(src, target / f"demo.db{suffix}")
    return target / "demo.db"
