"""HTML to text: the article body and the page's metadata (trafilatura)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass
class Page:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    outlet: str | None = None
    language: str | None = None


def extract_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of an HTML page; empty text when nothing was found."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    if doc is None:
        return Page(text="")
    return Page(
        text=(doc.text or "").strip(),
        title=doc.title,
        author=doc.author,
        date=doc.date,
        outlet=doc.sitename,
        language=doc.language,
    )
