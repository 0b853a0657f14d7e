"""The clean stage end to end: text in, clean text, junk with offsets, metadata out."""

from __future__ import annotations

import clean_samples as samples

from dossier.clean.language import detect_language
from dossier.clean.stage import CleanStage, clean_article
from dossier.ingest.base import make_article
from dossier.pipeline import STAGES, ordered


def test_junk_records_point_into_raw_text():
    article = clean_article(make_article(samples.AGGREGATOR, "a.txt", "text"))
    assert article.raw_text == article.raw
    assert article.junk
    for j in article.junk:
        assert article.raw_text[j.start : j.end] == j.text
        assert j.reason
        assert j.text not in article.text.split("\n")


def test_clean_offsets_map_back_to_raw_text():
    article = clean_article(make_article(samples.BYLINE_BIO, "b.txt", "text"))
    for seg in article.offset_map:
        clean = article.text[seg.clean_start : seg.clean_start + seg.length]
        assert clean == article.raw_text[seg.raw_start : seg.raw_start + seg.length]
    at = article.text.index("Grain markets")
    assert article.raw_text[article.raw_offset(at) :].startswith("Grain markets")


def test_input_article_is_not_changed():
    original = make_article(samples.APPEAL, "c.txt", "text")
    clean_article(original)
    assert original.text is None and original.junk == []


def test_stage_is_registered_and_versioned():
    assert [cls.name for cls in ordered(["clean"])] == ["clean"]
    assert STAGES["clean"] is CleanStage
    assert CleanStage.version != "1"
    out = CleanStage().process([make_article(samples.MASTHEAD, "d.txt", "text")])
    assert out[0].article.outlet == "Caspian Daily News"


def test_language():
    assert detect_language("Le gouvernement a annoncé mardi une nouvelle réforme des retraites.") == "fr"
    assert detect_language("Die Regierung hat am Dienstag eine neue Rentenreform angekündigt.") == "de"
    assert detect_language("ok") is None
