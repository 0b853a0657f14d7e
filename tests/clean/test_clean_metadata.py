"""Title, outlet, author and date: from hints, page metadata and the text."""

from __future__ import annotations

import clean_samples as samples

from dossier.clean.lines import JunkLine
from dossier.clean.metadata import author_from_junk, outlet_from_junk, published, same_person, title_from_text
from dossier.clean.metalines import appeal_outlet, bio, byline, source_credit, syndication_credit
from dossier.clean.stage import clean_article
from dossier.ingest.base import make_article


def clean_text(text: str, hints: dict | None = None):
    return clean_article(make_article(text, "test.txt", "text", hints=hints))


def test_title_is_the_first_headline_not_the_masthead():
    assert clean_text(samples.MASTHEAD).title == "Minister says pipeline talks will resume next month"
    assert clean_text(samples.AGGREGATOR).title == "Dockworkers in Rotterdam extend strike over automation plans"


def test_no_title_when_the_text_opens_with_prose():
    assert clean_text(samples.NO_TITLE).title is None
    assert title_from_text(["", "A body sentence that is long enough to be prose, ending in a full stop."], {}) is None


def test_outlet_from_each_kind_of_clue():
    assert clean_text(samples.AGGREGATOR).outlet == "Haven Dagblad"
    assert clean_text(samples.APPEAL).outlet == "The Northern Ledger"
    assert clean_text(samples.BYLINE_BIO).outlet == "The Harbour Times"
    assert clean_text(samples.MASTHEAD).outlet == "Caspian Daily News"


def test_source_line_outranks_the_hint_and_other_clues():
    junk = [JunkLine(9, "masthead", "outlet", "Aggregator Hub"), JunkLine(3, "source line", "outlet", "El Diario")]
    assert outlet_from_junk(junk) == "El Diario"
    article = clean_text(samples.AGGREGATOR, hints={"outlet": "newsagg.example"})
    assert article.outlet == "Haven Dagblad"
    assert clean_text(samples.NO_TITLE, hints={"outlet": "Wire Service"}).outlet == "Wire Service"


def test_author_prefers_the_bio_spelling_of_the_same_person():
    assert clean_text(samples.BYLINE_BIO).author == "Jonathan Mirrabelle"
    assert same_person("Jonathan Mirabel", "Jonathan Mirrabelle")
    assert not same_person("John Smith", "Jane Smith")
    byline_only = [JunkLine(1, "byline", "author", "Ellen Park")]
    other_bio = JunkLine(9, "author bio", "bio", "Tom Reyes is a reporter covering energy for The Daily.")
    assert author_from_junk(byline_only + [other_bio]) == "Ellen Park"
    assert author_from_junk([other_bio]) == "Tom Reyes"


def test_hints_win_for_title_author_date_language():
    hints = {"title": "Given title", "author": "Given Author", "date": "2021-05-06", "language": "de"}
    article = clean_text(samples.DATED, hints=hints)
    assert (article.title, article.author, article.language) == ("Given title", "Given Author", "de")
    assert (article.published, article.published_precision, article.published_how) == ("2021-05-06", "day", "field")


def test_date_from_a_date_line_in_the_text():
    article = clean_text(samples.DATED)
    assert (article.published, article.published_precision, article.published_how) == ("2023-03-14", "day", "text")
    assert article.author == "Ellen Park and Tom Reyes"


def test_no_date_guessed_from_relative_words():
    article = clean_text(samples.AGGREGATOR)  # "on Tuesday", "since Friday" stay for the time stage
    assert article.published is None and article.published_how is None


def test_published_order_of_trust():
    assert published("2020-01-02", "2021-03-04", []).how == "field"
    assert published(None, "2021-03-04", []).how == "metadata"
    assert published(None, None, [JunkLine(2, "date line", "published", "Updated: May 2022")]).value == "2022-05"
    assert published("not a date", None, []) is None


def test_metadata_line_readers():
    assert source_credit("Source: La Gaceta") == "La Gaceta"
    assert source_credit("Source: officials close to the talks said the deal was off...") is None
    assert syndication_credit("This article was originally published on The Conversation.") == "The Conversation"
    assert syndication_credit("The post Talks resume appeared first on Valley Post.") == "Valley Post"
    assert byline("By Jane Doe, Reuters") == "Jane Doe"
    assert byline("By Jane Doe and John Roe") == "Jane Doe and John Roe"
    assert byline("By the end of the week the talks had failed") is None
    assert appeal_outlet("A Message from The Northern Ledger:") == "The Northern Ledger"
    found = bio("Maria Lopez is a correspondent covering Latin America for The Global Desk.")
    assert (found.name, found.outlet) == ("Maria Lopez", "The Global Desk")
    assert bio("Maria Lopez said the talks would resume.") is None


def test_organisation_bylines_only_where_bylines_stand():
    text = "Talks stall\n\nBy Reuters\n\nThe talks stalled on Monday after the two sides failed to agree on a date.\n"
    assert clean_text(text).author == "Reuters"
    body = (
        "Budget passes\n\nThe budget passed on Monday after a long debate in parliament, officials said.\n\n"
        "By The Numbers\n\nThe plan raises spending on schools by four percent and cuts fuel subsidies.\n"
    )
    assert "By The Numbers" in clean_text(body).text


def test_source_credit_with_a_link_gives_the_site():
    assert source_credit("Source: https://www.example-news.org/world/story-123") == "example-news.org"


def test_credit_words_are_not_a_byline():
    text = "Floods in the south\n\nGetty Images\n\nHeavy rain flooded villages in the south on Sunday, the civil protection agency said.\n"
    assert clean_text(text).author is None
