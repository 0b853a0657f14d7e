"""Plain text: a scraped article, possibly with junk around the body."""

from __future__ import annotations

from collections.abc import Iterator

from dossier.ingest.base import decode, make_article
from dossier.model import Article


def read_text(data: bytes, source: str) -> Iterator[Article]:
    yield make_article(decode(data, source).replace("\r\n", "\n").replace("\r", "\n"), source, "text")
