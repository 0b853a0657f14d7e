"""HTML to text: the article body and the page's metadata.

trafilatura in precision mode without comments and without its slower
fallback extractors measured best on the extraction benchmark (see
bench/extraction.py); resiliparse (when installed) or the page's whole text
stands in where trafilatura finds no body at all. Posts embedded with the
official markup (tweets quoted in the article) are freed from their "social"
wrappers first, so they are kept as the quotes they are.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura
from trafilatura.utils import load_html

from dossier.clean.pagemeta import page_metadata

log = logging.getLogger(__name__)

TRAFILATURA_OPTIONS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,
    "fast": True,
}
# Official embed markup of posts quoted in articles; trafilatura drops their "social" wrappers with them.
EMBEDDED_POSTS = '//blockquote[contains(concat(" ", normalize-space(@class), " "), " twitter-tweet ")]'
WRAPPER_TAGS = frozenset({"div", "figure", "aside", "span", "section"})
MAX_WRAPPER_CHILDREN = 3
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
    tree = parse(html)
    if tree is None:
        return Page(text=fallback_text(html), extractor="resiliparse")
    meta = page_metadata(tree, url)
    page = Page(
        text=main_text(tree, url),
        title=meta.title,
        author=meta.author,
        date=meta.date,
        outlet=meta.site or host_name(url),
        language=meta.language,
    )
    page.title = strip_site_suffix(page.title, page.outlet, url)
    if not page.text:
        page.text, page.extractor = fallback_text(html), "resiliparse"
    return page


def main_text(tree, url: str | None) -> str:
    """The article body of a parsed page by trafilatura ("" when it finds none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **TRAFILATURA_OPTIONS)
    return (doc.text or "").strip() if doc is not None else ""


def parse(html: str):
    """The page as an lxml tree with embedded posts freed from their wrappers; None when unparsable."""
    tree = load_html(html)
    if tree is not None:
        unwrap_embedded_posts(tree)
    return tree


def unwrap_embedded_posts(tree) -> None:
    """Put each embedded post (a quoted tweet) in place of the small wrapper around it, so it is kept."""
    for post in tree.xpath(EMBEDDED_POSTS):
        wrapper, parent = post, post.getparent()
        while parent is not None and parent.tag in WRAPPER_TAGS and len(parent) <= MAX_WRAPPER_CHILDREN:
            wrapper, parent = parent, parent.getparent()
        if wrapper is not post and wrapper.getparent() is not None:
            post.tail = wrapper.tail
            wrapper.addprevious(post)
            wrapper.getparent().remove(wrapper)


def fallback_text(html: str) -> str:
    """Text of a page trafilatura finds empty (a fragment, an odd layout): resiliparse's main content when
    it is installed, else all the page's text; the junk finder then cleans it like plain text."""
    try:
        from resiliparse.extract.html2text import extract_plain_text

        text = extract_plain_text(html, main_content=True).strip()
    except ImportError:
        text = ""
    except Exception as exc:  # noqa: BLE001 - a page that breaks the fallback still has its plain text
        log.debug("resiliparse failed: %s", exc)
        text = ""
    if not text and "<html" not in html[:2000].lower():
        html = f"<html><body>{html}</body></html>"  # a fragment (a feed summary): trafilatura wants a document
    return text or (trafilatura.html2txt(html) or "").strip()


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


def host_name(url: str | None) -> str | None:
    """The site's host without "www." ("https://www.ascom.com/news" -> "ascom.com"), as a last-resort outlet."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.") or None


def _host_names(url: str | None) -> set[str]:
    """The squashed names a site goes by in its URL ("www.bbc.co.uk" -> {"bbc", "bbccouk"})."""
    if not url:
        return set()
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return {_squash(host), _squash(host.split(".")[0])}


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()
