"""JSON and JSON Lines: one article per object with text/html/title/url/date fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from dossier.errors import BadInput
from dossier.ingest.base import decode, make_article
from dossier.model import Article

TEXT_FIELDS = ("text", "body", "content", "articleBody", "maintext")
HTML_FIELDS = ("html", "raw_html")
HINT_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "date": ("date", "published", "publish_date", "date_publish", "pubdate", "datePublished"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "source_domain"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
}


def read_jsonl(data: bytes, source: str) -> Iterator[Article | BadInput]:
    """One article per line; a bad line is reported and the others are read."""
    for number, line in enumerate(decode(data, source).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadInput(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield from _safe(record, where)


def read_json(data: bytes, source: str) -> Iterator[Article | BadInput]:
    """A JSON document: one article object, or a list of them (or {"articles": [...]})."""
    try:
        doc = json.loads(decode(data, source))
    except json.JSONDecodeError as exc:
        raise BadInput(source, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from exc
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    records = doc if isinstance(doc, list) else [doc]
    for number, record in enumerate(records, start=1):
        yield from _safe(record, f"{source}[{number}]" if isinstance(doc, list) else source)


def _safe(record: Any, where: str) -> Iterator[Article | BadInput]:
    try:
        yield article_from_record(record, where)
    except BadInput as exc:
        yield exc


def article_from_record(record: Any, where: str) -> Article:
    if not isinstance(record, dict):
        raise BadInput(where, f"expected a JSON object, found {type(record).__name__}")
    hints = {name: _first(record, keys) for name, keys in HINT_FIELDS.items()}
    html = _first(record, HTML_FIELDS)
    if isinstance(html, str) and html.strip():
        return make_article(html, where, "html", hints=hints)
    body = _first(record, TEXT_FIELDS)
    if isinstance(body, str) and body.strip():
        return make_article(body.replace("\r\n", "\n"), where, "json", hints=hints)
    raise BadInput(where, f"no article text: expected one of the fields {', '.join(TEXT_FIELDS + HTML_FIELDS)}")


def _first(record: dict, keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return ", ".join(value)
        if isinstance(value, dict):
            value = value.get("name")
        if value not in (None, "", []):
            return value if isinstance(value, str) else str(value) if not isinstance(value, (dict, list)) else None
    return None
