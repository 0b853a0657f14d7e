"""One HTML page: an article with its markup (cleaning extracts the body)."""

from __future__ import annotations

from collections.abc import Iterator

from dossier.errors import BadInput
from dossier.ingest.base import decode, make_article
from dossier.model import Article


def read_html(data: bytes, source: str, url: str | None = None, hints: dict | None = None) -> Iterator[Article]:
    html = decode(data, source)
    if "<" not in html or ">" not in html:
        raise BadInput(source, "not HTML: no markup found")
    yield make_article(html, source, "html", hints=hints, url=url)
