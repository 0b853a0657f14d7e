"""RSS and Atom feed files: each entry with content is an article."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser

from dossier.errors import BadInput
from dossier.ingest.base import decode, make_article
from dossier.model import Article


def read_feed(data: bytes, source: str) -> Iterator[Article | BadInput]:
    parsed = feedparser.parse(decode(data, source))
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        raise BadInput(source, f"malformed feed ({problem})" if problem else "feed has no entries")
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{entry.get('link') or number}"
        body = _entry_body(entry)
        if not body:
            yield BadInput(where, "feed entry has no content or summary")
            continue
        hints = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "date": entry.get("published") or entry.get("updated"),
            "author": entry.get("author"),
            "outlet": outlet,
        }
        try:
            yield make_article(body, where, "html" if "<" in body else "text", hints=hints)
        except BadInput as exc:
            yield exc


def _entry_body(entry) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return max(values, key=len) if values else (entry.get("summary") or "")
