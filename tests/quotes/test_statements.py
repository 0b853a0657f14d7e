"""Cross-outlet statement linking, on quotes written by hand into a real store."""

from __future__ import annotations

from dossier.ingest.base import make_article
from dossier.model import Evidence, Quote, Statement
from dossier.quotes.match import link_statements


def add_article(store, body, outlet, published):
    a = make_article(body, f"{outlet}.txt", "text")
    store.add_articles([a])
    a.text, a.outlet, a.published = body, outlet, published
    store.save_articles([a])
    return a


def quote(article, text, speaker="Havrenko", entity="ent_havrenko", kind="direct"):
    start = article.text.index(text)
    ev = Evidence(article_id=article.id, start=start, end=start + len(text), text=text)
    return Quote(id=f"quo_{article.id}_{start}", article_id=article.id, kind=kind, text=text, start=start,
                 end=start + len(text), speaker=speaker, speaker_entity_id=entity, speaker_kind="name", evidence=ev)


def write_quotes(store, quotes):
    with store.transaction() as conn:
        for q in quotes:
            store.replace_annotations(conn, q.article_id, "quotes", [("quote", x) for x in quotes if x.article_id == q.article_id])


def statements_by_text(store):
    return {s.text: s for s in store.objects("statement", Statement)}


def test_two_translations_of_one_quote_become_one_statement_with_both_outlets(store, monkeypatch):
    monkeypatch.setattr("dossier.quotes.match.embed.available", lambda: False)  # words only, fast
    t1 = "The training of saboteurs in the camps across the border has become a direct threat to our country."
    t2 = "The training of saboteurs in camps across the border is becoming a direct threat to the country."
    a = add_article(store, f"He said: “{t1}”", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{t2}” he told officials.", "Ostrenia Times", "2023-10-10")
    write_quotes(store, [quote(a, t1), quote(b, t2)])
    link_statements(store, [a.id, b.id])
    (st,) = store.objects("statement", Statement)
    assert st.outlets == ["Ostrenia Times", "Valdoria Daily"] and st.independent_sources == 2
    assert st.first_published == "2023-10-09" and len(st.quote_ids) == 2 and st.scores[0]["basis"] == "words"


def test_the_same_claim_weeks_apart_stays_two_statements(store, monkeypatch):
    monkeypatch.setattr("dossier.quotes.match.embed.available", lambda: False)
    claim = "Saboteurs are being trained in camps across the border to attack our country."
    a = add_article(store, f"“{claim}” he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"He repeated: “{claim}”", "VTA", "2023-11-20")
    write_quotes(store, [quote(a, claim), quote(b, claim)])
    link_statements(store, [a.id, b.id])
    assert len(store.objects("statement", Statement)) == 2


def test_different_speakers_are_never_one_statement(store, monkeypatch):
    monkeypatch.setattr("dossier.quotes.match.embed.available", lambda: False)
    claim = "We have no intention of attacking anyone across the southern border."
    a = add_article(store, f"“{claim}” he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{claim}” she said.", "VTA", "2023-10-09")
    write_quotes(store, [quote(a, claim), quote(b, claim, speaker="Orlov", entity="ent_orlov")])
    link_statements(store, [a.id, b.id])
    assert len(store.objects("statement", Statement)) == 2


def test_a_partial_quote_joins_the_fuller_rendering_of_another_outlet(store, monkeypatch):
    monkeypatch.setattr("dossier.quotes.match.embed.available", lambda: False)
    partial = "because of the worsening situation along the western borders"
    full = ("Given the worsening situation along the western borders of our union, we agreed to deploy a joint "
            "regional group of forces and to hold exercises.")
    a = add_article(store, f"The move came “{partial}”, he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{full}” he told officials.", "Ostrenia Times", "2023-10-10")
    write_quotes(store, [quote(a, partial, kind="partial"), quote(b, full)])
    link_statements(store, [a.id, b.id])
    (st,) = store.objects("statement", Statement)
    assert st.scores[0]["basis"] == "fragment"


def test_a_short_fragment_with_few_shared_words_stays_apart(store, monkeypatch):
    monkeypatch.setattr("dossier.quotes.match.embed.available", lambda: False)
    partial = "western borders"
    full = "Given the worsening situation along the western borders of our union, we agreed to deploy forces."
    a = add_article(store, f"He spoke of the “{partial}” again.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{full}” he told officials.", "Ostrenia Times", "2023-10-10")
    write_quotes(store, [quote(a, partial, kind="partial"), quote(b, full)])
    link_statements(store, [a.id, b.id])
    assert len(store.objects("statement", Statement)) == 2


def test_statements_of_one_story(tmp_path, monkeypatch):
    """``Dossier.statements(story=...)`` (the CLI's ``quotes --story``) keeps the statements made in that story."""
    from dossier import Dossier
    from dossier.model import Story

    monkeypatch.setattr("dossier.quotes.match.embed.available", lambda: False)
    with Dossier(tmp_path / "d.db") as d:
        store = d.store
        a = add_article(store, "“Saboteurs are trained across the border,” he said.", "Valdoria Daily", "2023-10-09")
        b = add_article(store, "“The harvest was the best in a decade,” she said.", "VTA", "2023-10-09")
        write_quotes(store, [quote(a, "Saboteurs are trained across the border"),
                             quote(b, "The harvest was the best in a decade", speaker="Orlov", entity="ent_orlov")])
        link_statements(store, [a.id, b.id])
        with store.transaction() as conn:
            store.replace_objects(conn, "story", "stories", [Story(id="sto_border", title="Border", article_ids=[a.id])],
                                  links={"sto_border": [a.id]})
        found = d.statements(story="sto_border")
        assert [s.text for s, _ in found] == ["Saboteurs are trained across the border"]
        assert len(d.statements()) == 2
