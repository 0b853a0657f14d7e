"""HTML to text: the article body and the page's metadata.

trafilatura in precision mode without comments and without its slower
fallback extractors measured best on the extraction benchmark (see
bench/extraction.py); resiliparse, when installed, rescues pages where
trafilatura finds no body at all.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura

log = logging.getLogger(__name__)

TRAFILATURA_OPTIONS = dict(
    favor_precision=True,
    include_comments=False,
    include_tables=True,
    deduplicate=False,
    fast=True,
)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—:·•-]\s+|\s+\|\s*")


@dataclass
class Page:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    outlet: str | None = None
    language: str | None = None
    extractor: str = "trafilatura"


def extract_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of an HTML page; empty text when nothing was found."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    if doc is None:
        return Page(text=fallback_text(html), extractor="resiliparse")
    page = Page(
        text=(doc.text or "").strip(),
        title=_clean(doc.title),
        author=_clean(doc.author),
        date=doc.date,
        outlet=_clean(doc.sitename),
        language=doc.language,
    )
    page.title = strip_site_suffix(page.title, page.outlet, url)
    if not page.text:
        page.text, page.extractor = fallback_text(html), "resiliparse"
    return page


def body_text(html: str, url: str | None = None) -> str:
    """Only the main text (no metadata): what plain trafilatura would be compared with."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = trafilatura.extract(html, url=url, **TRAFILATURA_OPTIONS)
    return text or fallback_text(html)


def fallback_text(html: str) -> str:
    """Main content by resiliparse, for pages trafilatura finds empty; "" when it is not installed."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
    except ImportError:
        return ""
    try:
        return extract_plain_text(html, main_content=True).strip()
    except Exception as exc:  # noqa: BLE001 - a page that breaks the fallback is just a page without text
        log.debug("resiliparse failed: %s", exc)
        return ""


def strip_site_suffix(title: str | None, site: str | None, url: str | None) -> str | None:
    """The headline without a trailing " | Site Name" when that part names the site."""
    if not title:
        return title
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    names = {_squash(site or "")} | _host_names(url)
    names.discard("")
    last = _squash(parts[-1])
    if last and any(last == n or (len(n) > 3 and (last in n or n in last)) for n in names):
        head = title[: title.rfind(parts[-1])].rstrip(" |–—:·•-")
        return head or title
    return title


def _host_names(url: str | None) -> set[str]:
    """The squashed names a site goes by in its URL ("www.bbc.co.uk" -> {"bbc", "bbccouk"})."""
    if not url:
        return set()
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return {_squash(host), _squash(host.split(".")[0])}


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
