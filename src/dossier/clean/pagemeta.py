"""Title, author, date, site name and language from an HTML page's metadata (meta tags, JSON-LD, htmldate).

trafilatura's own metadata pass also reads categories, tags and licences and
searches dates extensively, at twice the cost; these are the parts dossier uses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    site: str | None = None
    language: str | None = None


def page_metadata(tree, url: str | None = None) -> PageMeta:
    """The metadata of a parsed page; missing fields are None."""
    try:
        doc = _light_metadata(tree, url)
    except ImportError:  # a trafilatura without these helpers: use its full metadata pass
        from trafilatura.metadata import extract_metadata

        doc = extract_metadata(tree, default_url=url)
    return PageMeta(
        title=_clean(doc.title),
        author=_clean(doc.author),
        date=doc.date,
        site=_clean((doc.sitename or "").lstrip("@")),
        language=html_language(tree),
    )


def _light_metadata(tree, url: str | None):
    """trafilatura's meta-tag and JSON-LD readers, its title and author fallbacks, htmldate for the date."""
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_sitename, extract_title

    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:  # a one-word "author" is a handle or the site
        doc.author = None
    try:
        doc = extract_meta_json(tree, doc)
    except Exception as exc:  # noqa: BLE001 - broken JSON-LD is common; the meta tags still count
        log.debug("JSON-LD metadata unreadable: %s", exc)
    doc.title = doc.title or extract_title(tree)
    doc.author = doc.author or extract_author(tree)
    doc.sitename = doc.sitename or extract_sitename(tree)
    doc.date = find_date(tree, url=url, original_date=True, extensive_search=False)
    return doc


def html_language(tree) -> str | None:
    """The two-letter language the page declares in <html lang>, if any."""
    value = (tree.get("lang") or "").strip().lower()
    return value[:2] if len(value) >= 2 and value[:2].isalpha() else None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
