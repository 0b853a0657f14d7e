"""The clean stage: raw input -> clean body text, metadata, language, junk kept aside."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.clean import metadata
from dossier.clean.edges import normalized
from dossier.clean.html import Page, extract_page, strip_site_suffix
from dossier.clean.junk import JunkLine, Known, find_junk
from dossier.clean.language import detect_language
from dossier.clean.text import join_kept, split_lines
from dossier.model import Article, Junk
from dossier.pipeline import ArticleOutput, Stage, register

TITLE_SEARCH_LINES = 10  # where an extracted body may already start with its headline


def clean_article(article: Article) -> Article:
    """A copy of the article with clean text, metadata and the junk that was removed."""
    a = article.model_copy(deep=True)
    page = extract_page(a.raw, a.url) if a.format == "html" else None
    a.raw_text = with_headline(page) if page else a.raw
    known = Known(
        title=a.hints.get("title") or (page and page.title),
        outlet=a.hints.get("outlet") or (page and page.outlet),
        author=a.hints.get("author") or (page and page.author),
    )
    lines = split_lines(a.raw_text)
    junk = find_junk([line for _, line in lines], known)
    by_index = {j.index: j for j in junk}
    a.text, a.offset_map = join_kept(ln for i, ln in enumerate(lines) if i not in by_index)
    a.junk = [junk_record(lines, j) for j in junk]
    set_metadata(a, page, known, junk, [line for _, line in lines])
    a.language = a.hints.get("language") or detect_language(a.text) or (page and page.language) or None
    return a


def with_headline(page: Page) -> str:
    """The extracted body, opened by the page's headline unless it already starts with it."""
    if not page.title:
        return page.text
    title = normalized(page.title)
    head = [normalized(line) for line in page.text.split("\n")[:TITLE_SEARCH_LINES]]
    if title in head:
        return page.text
    return f"{page.title}\n\n{page.text}" if page.text else page.title


def junk_record(lines: list[tuple[int, str]], j: JunkLine) -> Junk:
    """The removed line as offsets into ``raw_text`` (surrounding spaces left out) and its reason."""
    start, line = lines[j.index]
    lead = len(line) - len(line.lstrip())
    text = line.strip()
    return Junk(start=start + lead, end=start + lead + len(text), text=text, reason=j.reason)


def set_metadata(a: Article, page: Page | None, known: Known, junk: list[JunkLine], lines: list[str]) -> None:
    """Title, outlet, author and publication date: ingest hints, then page metadata, then the text
    (a credit line first for the outlet: it names the original of a republished text)."""
    junk_at = {j.index: j for j in junk}
    credited = metadata.outlet_from_junk([j for j in junk if j.reason == "source line"])
    a.outlet = credited or known.outlet or metadata.outlet_from_junk(junk)
    a.title = known.title or strip_site_suffix(metadata.title_from_text(lines, junk_at), a.outlet, a.url)
    a.author = known.author or metadata.author_from_junk(junk)
    dated = metadata.published(_date_hint(a), page.date if page else None, junk)
    if dated:
        a.published, a.published_precision = dated.value, dated.precision
        a.published_how, a.published_confidence = dated.how, dated.confidence


def _date_hint(a: Article) -> str | None:
    value = a.hints.get("date") or a.hints.get("published")
    return str(value) if value else None


@register
class CleanStage(Stage):
    name = "clean"
    version = "3"
    writes_article = True

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        return [ArticleOutput(clean_article(a)) for a in articles]
