"""HTML pages: main text by trafilatura, metadata, embedded posts, the headline on top."""

from __future__ import annotations

import clean_samples as samples

from dossier.clean.html import extract_page, host_name, strip_site_suffix
from dossier.clean.stage import clean_article
from dossier.model import Article

URL = "https://www.coastalcourier.example/news/ferry-fire"


def clean_html(html: str, hints: dict | None = None) -> Article:
    return clean_article(Article(id="page", source=URL, url=URL, format="html", raw=html, hints=hints or {}))


def test_body_and_metadata_from_the_page():
    article = clean_html(samples.HTML_PAGE)
    assert article.title == "Ferry operator suspends night crossings after engine fire"
    assert article.outlet == "The Coastal Courier"
    assert article.author == "Maria Jensen"
    assert (article.published, article.published_precision, article.published_how) == ("2023-05-02", "day", "metadata")
    assert article.language == "en"
    text = article.text
    assert text.startswith("Ferry operator suspends night crossings after engine fire\n")
    assert "The island ferry operator suspended all night crossings" in text
    assert text.rstrip().endswith("cancelled journeys within fourteen days.")
    for junk in (
        "Related stories",
        "Council approves new cycle lanes",
        "Leave a Reply",
        "Privacy policy",
        "All rights reserved",
    ):
        assert junk not in text


def test_embedded_post_is_kept():
    text = clean_html(samples.HTML_PAGE).text
    assert "All night sailings are cancelled until further notice." in text
    assert "(@islandferries)" in text


def test_headline_is_added_when_the_body_lacks_it():
    html = samples.HTML_PAGE.replace("<h1>Ferry operator suspends night crossings after engine fire</h1>", "")
    article = clean_html(html)
    assert article.raw_text.startswith("Ferry operator suspends night crossings after engine fire\n\n")
    assert article.text.split("\n")[0] == article.title


def test_page_without_article_text():
    page = extract_page("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert page.text == "" or len(page.text) < 20
    article = clean_html("<html><head><title>Empty</title></head><body></body></html>")
    assert article.text is not None


def test_site_suffix_is_taken_off_the_title():
    assert strip_site_suffix("Jam recipe | The Kitchen Table", "The Kitchen Table", None) == "Jam recipe"
    assert strip_site_suffix("Deals on laptops - 9to5Mac", None, "https://9to5mac.com/x") == "Deals on laptops"
    assert strip_site_suffix("Putin - the man who stayed", "BBC News", None) == "Putin - the man who stayed"
    assert host_name("https://www.example.org/a") == "example.org"


def test_fragment_falls_back_to_its_plain_text(monkeypatch):
    import builtins

    fragment = "<p>The dam on the Lesna river burst on Thursday, flooding the lower town.</p>"
    assert "dam on the Lesna river" in extract_page(fragment).text
    real_import = builtins.__import__

    def no_resiliparse(name, *args, **kwargs):
        if name.startswith("resiliparse"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_resiliparse)
    assert "dam on the Lesna river" in extract_page(fragment).text
