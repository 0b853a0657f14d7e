"""What the clusterer sees of an article: words, zones, weights, names, dates; the Porter stemmer."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.model import Article, Mention, TimeMention
from dossier.model import Evidence as Ev
from dossier.stories.build import article_doc, entity_key, latest_year, publication_day
from dossier.stories.features import BODY_WEIGHT, LEAD_WEIGHT, TITLE_WEIGHT, make_doc, words, zones
from dossier.stories.stem import porter
from dossier.stories.vectors import CORPUS_ONLY, DocFreq, dot

from .samples import QUAKE, STRIKE, entities


@pytest.mark.parametrize("word, stem", [
    ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("hopping", "hop"), ("filing", "file"),
    ("relational", "relat"), ("hopefulness", "hope"), ("adjustment", "adjust"), ("electrical", "electr"),
    ("controll", "control"), ("troops", "troop"), ("deployment", "deploi"), ("deploys", "deploi"),
])
def test_porter_stems(word, stem):
    assert porter(word) == stem


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_porter_never_grows_a_word_and_keeps_its_start(word):
    stem = porter(word)
    assert len(stem) <= len(word)
    assert word.startswith(stem[:-1])  # at most the last letter is rewritten ("y" -> "i", "e" added back)


def test_words_drop_stopwords_calendar_words_and_short_numbers_but_keep_years_and_ordinals():
    got = words("The strike began on Monday, 4 March 2024, cost 300 jobs at the port's quays and hit the 86th fair.")
    assert got == ["strike", "began", "2024", "cost", "job", "port", "quai", "hit", "86th", "fair"]


def test_zones_skip_a_title_repeated_as_the_first_line():
    title = STRIKE[0]["title"]
    t, lead, body = zones(title, STRIKE[0]["text"])
    assert t == title and not lead.startswith(title)
    assert lead.startswith("Thousands of dock workers") and lead.endswith("four years.")
    assert body.strip().startswith("Ships queued")


def test_title_and_lead_weigh_more_than_the_body():
    d = make_doc("x", "Quake", "Quake\n\nA quake hit. Houses fell. Roads closed. Later, the mayor spoke of rain.")
    assert d.terms["quak"] == TITLE_WEIGHT + LEAD_WEIGHT
    assert d.terms["rain"] == BODY_WEIGHT


def test_names_count_as_corpus_weighted_name_terms_not_as_words():
    d = make_doc("q", QUAKE[1]["title"], QUAKE[1]["text"], entities=entities(QUAKE[1]["text"]))
    assert "ruiz" not in d.terms and CORPUS_ONLY + "ruiz" in d.terms
    assert d.entities["PERSON:ruiz"] > 0


def test_a_name_in_the_lead_weighs_more_than_one_further_down():
    d = make_doc("q", QUAKE[0]["title"], QUAKE[0]["text"], entities=entities(QUAKE[0]["text"]))
    assert d.entities["GPE:serrano"] > d.entities["GPE:lindhaven"]


def test_idf_prior_keeps_shared_story_words_heavy_in_a_tiny_corpus():
    docs = [make_doc(a["id"], a["title"], a["text"]) for a in STRIKE]
    flat, prior = DocFreq(), DocFreq(prior_docs=1000, rate=lambda term: 0.001)
    for d in docs:
        flat.add(d.terms)
        prior.add(d.terms)
    # "strike" is in every article: the corpus alone would call it noise.
    assert flat.idf("strike") < 0.2 < prior.idf("strike")
    assert dot(prior.weigh(docs[0].terms), prior.weigh(docs[1].terms)) > dot(flat.weigh(docs[0].terms), flat.weigh(docs[1].terms))


def test_name_terms_in_every_article_weigh_nothing():
    df = DocFreq(prior_docs=1000)
    for _ in range(5):
        df.add({CORPUS_ONLY + "kovel": 1.0})
    df.add({"other": 1.0})
    assert df.idf(CORPUS_ONLY + "kovel") < df.idf(CORPUS_ONLY + "rare") / 4


def test_damped_names_every_article_carries_weigh_next_to_nothing_even_alone():
    df = DocFreq()
    for _ in range(5):
        df.add({"putin": 1.0, "lukashenko": 1.0})
    df.add({"lavrov": 1.0})
    common_only = {"putin": 2.0, "lukashenko": 1.0}
    assert sum(w * w for w in df.weigh(common_only).values()) == pytest.approx(1.0)  # a unit vector, whatever it holds
    assert sum(w * w for w in df.weigh(common_only, damp_common=True).values()) < 0.01
    rare = df.weigh({"lavrov": 1.0}, damp_common=True)["lavrov"]
    assert 0.5 < rare <= 1.0


def test_article_doc_keeps_the_people_it_names():
    ev = Ev(article_id="a", start=0, end=5)
    text = STRIKE[0]["text"]
    start = text.index("Marta Kovel")
    kovel = Mention(id="m1", article_id="a", start=start, end=start + 11, text="Marta Kovel", type="PERSON",
                    entity_id="ent_kovel", evidence=ev)
    port = kovel.model_copy(update={"id": "m2", "type": "ORG", "entity_id": "ent_port"})
    article = Article(id="a", source="x", text=text, title=STRIKE[0]["title"], published="2024-03-04")
    d = article_doc(article, [kovel, port])
    assert d.persons == ("ent_kovel",) and set(d.entities) == {"ent_kovel", "ent_port"}


@pytest.mark.parametrize("published, day", [("2024-03-04", date(2024, 3, 4)), ("2024-03-04T10:20:00+01:00", date(2024, 3, 4)),
                                            ("2024-03", None), ("2024", None), (None, None), ("2024-02-31", None)])
def test_publication_day_only_at_day_precision(published, day):
    assert publication_day(published) == day


def _time(text: str, value: str, start: int, relative: bool = False, precision: str = "year") -> TimeMention:
    return TimeMention(id=f"t{start}", article_id="a", start=start, end=start + len(value), text=value, value=value,
                       precision=precision, relative=relative,
                       evidence=Ev(article_id="a", start=start, end=start + len(value)))


def test_latest_year_skips_future_and_relative_expressions():
    text = "The bridge opened in 2019 and was repaired in 2021. A new one will open in 2027."
    times = [_time(text, "2019", text.index("2019")), _time(text, "2021", text.index("2021")),
             _time(text, "2027", text.index("2027"))]
    assert latest_year(text, times) == 2021
    assert latest_year(text, times, published="2020-05-01") == 2019


def test_entity_key_prefers_the_resolved_entity_and_skips_roles():
    ev = Ev(article_id="a", start=0, end=5)
    named = Mention(id="m1", article_id="a", start=0, end=5, text="Kovel", type="PERSON", entity_id="ent_1", evidence=ev)
    unresolved = named.model_copy(update={"entity_id": None, "canonical": "Marta Kovel"})
    role = named.model_copy(update={"kind": "role"})
    assert entity_key(named) == "ent_1"
    assert entity_key(unresolved) == "PERSON:marta kovel"
    assert entity_key(role) is None


def test_article_doc_reads_the_stored_article():
    a = STRIKE[0]
    article = Article(id="a", source="x", text=a["text"], title=a["title"], published="2024-03-04")
    d = article_doc(article)
    assert d.date == date(2024, 3, 4) and d.year == 2024 and d.title == a["title"]
    assert d.terms["dock"] > d.terms["export"]
