"""The clean stage: raw input -> clean body text, metadata, language, junk kept aside."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.clean.html import extract_page
from dossier.clean.junk import find_junk
from dossier.clean.language import detect_language
from dossier.clean.text import join_kept, split_lines
from dossier.model import Article, Junk
from dossier.pipeline import ArticleOutput, Stage, register


def clean_article(article: Article) -> Article:
    """A copy of the article with clean text, metadata and the junk that was removed."""
    a = article.model_copy(deep=True)
    hints = a.hints
    if a.format == "html":
        page = extract_page(a.raw, a.url)
        a.raw_text = page.text
        meta = {"title": page.title, "author": page.author, "date": page.date, "outlet": page.outlet}
    else:
        a.raw_text = a.raw
        meta = {}
    lines = split_lines(a.raw_text)
    junk = {j.index: j.reason for j in find_junk([line for _, line in lines])}
    a.text, a.offset_map = join_kept(ln for i, ln in enumerate(lines) if i not in junk)
    a.junk = [Junk(start=lines[i][0], end=lines[i][0] + len(lines[i][1]), text=lines[i][1], reason=r)
              for i, r in sorted(junk.items())]
    a.title = hints.get("title") or meta.get("title")
    a.author = hints.get("author") or meta.get("author")
    a.outlet = hints.get("outlet") or meta.get("outlet")
    a.language = hints.get("language") or detect_language(a.text)
    return a


@register
class CleanStage(Stage):
    name = "clean"
    version = "1"
    writes_article = True

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        return [ArticleOutput(clean_article(a)) for a in articles]
