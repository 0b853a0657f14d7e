"""Cross-outlet statement linking, on made-up articles and quotes written by hand into a real store."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.ingest.base import make_article
from dossier.model import Evidence, Mention, Quote, Statement, Story
from dossier.nlp import embed
from dossier.quotes.match import Rendering, Scorer, link
from dossier.quotes.statements import link_statements

ENTITIES = {"Havrenko": "ent_havrenko", "Orlov": "ent_orlov"}


def add_article(store, body, outlet, published=None):
    a = make_article(body, f"{outlet}-{len(body)}.txt", "text")
    store.add_articles([a])
    a.text, a.outlet, a.published = body, outlet, published
    store.save_articles([a])
    return a


def quote(article, text, speaker="Havrenko", kind="direct", resolved=True):
    start = article.text.index(text)
    ev = Evidence(article_id=article.id, start=start, end=start + len(text), text=text)
    mention = f"men_{article.id}_{speaker}" if resolved else None
    return Quote(id=f"quo_{article.id}_{start}", article_id=article.id, kind=kind, text=text, start=start,
                 end=start + len(text), speaker=speaker, speaker_mention_id=mention, speaker_kind="name", evidence=ev)


def write(store, *quotes):
    """Store the quotes, and for each resolved speaker a mention pointing at the speaker's entity."""
    with store.transaction() as conn:
        for article_id in {q.article_id for q in quotes}:
            mine = [q for q in quotes if q.article_id == article_id]
            mentions = {q.speaker_mention_id: _mention(q) for q in mine if q.speaker_mention_id}
            store.replace_annotations(conn, article_id, "quotes", [("quote", q) for q in mine])
            store.replace_annotations(conn, article_id, "entities", [("mention", m) for m in mentions.values()])


def _mention(q: Quote) -> Mention:
    return Mention(id=q.speaker_mention_id, article_id=q.article_id, start=0, end=len(q.speaker), text=q.speaker,
                   type="PERSON", entity_id=ENTITIES[q.speaker],
                   evidence=Evidence(article_id=q.article_id, start=0, end=len(q.speaker)))


def run(store, *articles, profile="fast"):
    link_statements(store, [a.id for a in articles], profile=profile)
    return store.objects("statement", Statement)


@pytest.fixture
def words_only(monkeypatch):
    monkeypatch.setattr("dossier.quotes.statements.embed.available", lambda kind="minilm": False)


def test_two_renderings_sharing_most_words_become_one_statement_with_both_outlets(store, words_only):
    t1 = "The training of saboteurs in the camps across the border has become a direct threat to our country."
    t2 = "The training of saboteurs in camps across the border is becoming a direct threat to the country."
    a = add_article(store, f"He said: “{t1}”", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{t2}” he told officials.", "Ostrenia Times", "2023-10-10")
    write(store, quote(a, t1), quote(b, t2))
    (st,) = run(store, a, b)
    assert st.outlets == ["Ostrenia Times", "Valdoria Daily"] and st.independent_sources == 2
    assert st.first_published == "2023-10-09" and len(st.quote_ids) == 2 and st.scores[0]["basis"] == "words"


def test_differently_translated_quotes_are_linked_by_the_words_they_share(store, words_only):
    t1 = "The bridge at Drovna was blown up by people who were trained abroad, and we will not wait for the next blow."
    t2 = ("The Drovna bridge was destroyed by people trained across the border, and we are not going to sit and wait "
          "for a second strike.")
    other = "The harvest this autumn was the best our farmers have seen in a decade."
    a = add_article(store, f"“{t1}” Havrenko said. “{other}”", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"VTA quoted Havrenko as saying: “{t2}”", "Ostrenia Times", "2023-10-10")
    write(store, quote(a, t1), quote(a, other), quote(b, t2))
    statements = run(store, a, b)
    (linked,) = [s for s in statements if len(s.quote_ids) == 2]
    assert linked.article_ids == sorted([a.id, b.id]) and len(statements) == 2


@pytest.mark.skipif(not embed.available("static"), reason="the static word vectors are not built")
def test_reported_speech_in_other_words_is_linked_by_meaning_in_the_fast_profile(store):
    a = add_article(store, "Havrenko said prices for bread and milk had doubled since the spring.", "VTA", "2023-10-09")
    b = add_article(store, "Havrenko said the cost of bread and milk had gone up twice since spring.", "NPA", "2023-10-09")
    write(store, quote(a, "prices for bread and milk had doubled since the spring", kind="indirect"),
          quote(b, "the cost of bread and milk had gone up twice since spring", kind="indirect"))
    (st,) = run(store, a, b)
    assert st.scores[0]["basis"] == "meaning"


@pytest.mark.slow
@pytest.mark.skipif(not embed.available("minilm"), reason="needs the ml extra")
def test_a_translation_in_other_words_is_linked_by_minilm_in_the_accurate_profile(store):
    t1 = "Our soldiers will never cross the southern border."
    t2 = "Our troops are never going to move across the frontier in the south."
    unrelated = "The harvest this autumn was the best our farmers have seen in a decade."
    a = add_article(store, f"“{t1}” Havrenko said. “{unrelated}”", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{t2}” Havrenko told reporters.", "Ostrenia Times", "2023-10-10")
    write(store, quote(a, t1), quote(a, unrelated), quote(b, t2))
    statements = run(store, a, b, profile="accurate")
    (linked,) = [s for s in statements if len(s.quote_ids) == 2]
    assert linked.scores[0]["basis"] == "meaning" and len(statements) == 2


def test_the_same_claim_weeks_apart_stays_two_statements(store, words_only):
    claim = "Saboteurs are being trained in camps across the border to attack our country."
    a = add_article(store, f"“{claim}” he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"He repeated: “{claim}”", "VTA", "2023-11-20")
    write(store, quote(a, claim), quote(b, claim))
    assert len(run(store, a, b)) == 2


def test_an_undated_repost_is_dated_by_its_story_and_kept_from_another_occasion(store, words_only):
    """The undated article clusters with November's reports, so the October rendering stays apart."""
    claim = "Saboteurs are being trained in camps across the border to attack our country."
    october = add_article(store, f"“{claim}” he said.", "Valdoria Daily", "2023-10-09")
    november = add_article(store, f"“{claim}” he said again.", "VTA", "2023-11-20")
    undated = add_article(store, f"Havrenko repeated: “{claim}”", "Marvesia Today")
    write(store, quote(october, claim), quote(november, claim), quote(undated, claim))
    with store.transaction() as conn:
        store.replace_objects(conn, "story", "stories", [
            Story(id="sto_oct", title="October", article_ids=[october.id], start="2023-10-09", end="2023-10-09"),
            Story(id="sto_nov", title="November", article_ids=[november.id, undated.id], start="2023-11-20",
                  end="2023-11-20")], links={"sto_oct": [october.id], "sto_nov": [november.id, undated.id]})
    statements = run(store, october, november, undated)
    together = [s for s in statements if len(s.quote_ids) == 2]
    assert len(statements) == 2 and together[0].article_ids == sorted([november.id, undated.id])


def test_different_speakers_are_never_one_statement(store, words_only):
    claim = "We have no intention of attacking anyone across the southern border."
    a = add_article(store, f"“{claim}” he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{claim}” she said.", "VTA", "2023-10-09")
    write(store, quote(a, claim), quote(b, claim, speaker="Orlov"))
    assert len(run(store, a, b)) == 2


def test_unresolved_speakers_link_only_under_the_same_name(store, words_only):
    claim = "The water came down the valley in minutes and people had no time to leave."
    a = add_article(store, f"“{claim}” the mayor said.", "Korvask Courier", "2023-10-19")
    b = add_article(store, f"“{claim}” the mayor told reporters.", "VTA", "2023-10-19")
    c = add_article(store, f"“{claim}” a resident said.", "Eastern Ledger", "2023-10-20")
    write(store, quote(a, claim, speaker="the mayor", resolved=False),
          quote(b, claim, speaker="The Mayor", resolved=False),
          quote(c, claim, speaker="a resident", resolved=False))
    statements = run(store, a, b, c)
    assert sorted(len(s.quote_ids) for s in statements) == [1, 2]


def test_a_partial_quote_joins_the_fuller_rendering_of_another_outlet(store, words_only):
    partial = "because of the worsening situation along the western borders"
    full = ("Given the worsening situation along the western borders of our union, we agreed to deploy a joint "
            "regional group of forces and to hold exercises.")
    a = add_article(store, f"The move came “{partial}”, he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{full}” he told officials.", "Ostrenia Times", "2023-10-10")
    write(store, quote(a, partial, kind="partial"), quote(b, full))
    (st,) = run(store, a, b)
    assert st.scores[0]["basis"] == "fragment"


def test_the_quoted_words_of_reported_speech_join_the_fuller_quote(store, words_only):
    """Reported speech quoting a fragment ('He said the move was taken “in view of ...”') is the speaker's
    wording there, so it joins the quote it comes from though the paraphrase around it differs."""
    reported = "the step was taken “in view of the worsening of the situation on the western borders of both states”"
    full = ("Given the worsening of the situation on the western borders of the union, we agreed to deploy a "
            "regional group of forces.")
    a = add_article(store, f"Havrenko said {reported}.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{full}” he told officials.", "Ostrenia Times", "2023-10-10")
    write(store, quote(a, reported, kind="indirect"), quote(b, full))
    (st,) = run(store, a, b)
    assert st.scores[0]["basis"] == "fragment"


def test_a_fragment_quoted_word_for_word_joins_its_quote(store, words_only):
    full = "This force is a shield, not a sword. Nobody who keeps to his own side of the border has anything to fear."
    a = add_article(store, f"“{full}” he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, "He called the force “a shield, not a sword” and went on.", "Marvesia Today", "2023-10-11")
    write(store, quote(a, full), quote(b, "a shield, not a sword", kind="partial"))
    (st,) = run(store, a, b)
    assert st.scores[0]["basis"] == "fragment"


def test_a_short_fragment_with_few_shared_words_stays_apart(store, words_only):
    partial = "western borders"
    full = "Given the worsening situation along the western borders of our union, we agreed to deploy forces."
    a = add_article(store, f"He spoke of the “{partial}” again.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{full}” he told officials.", "Ostrenia Times", "2023-10-10")
    write(store, quote(a, partial, kind="partial"), quote(b, full))
    assert len(run(store, a, b)) == 2


def test_a_paraphrase_and_a_quote_in_one_article_are_one_statement_with_another_outlets_fragment(store, words_only):
    """The lead paraphrases what the quote below it says; another outlet quotes only a fragment of it. The
    paraphrase and the fragment share few words but are related through the full quote."""
    full = ("Given the worsening of the situation on the western borders, we agreed to deploy a regional group of "
            "forces of both countries.")
    lead = "the two countries have agreed to deploy a joint regional group of forces over the western borders"
    fragment = "in view of the worsening of the situation on the western borders of both states"
    a = add_article(store, f"Havrenko said {lead}. “{full}” he told officials.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"He said the step was taken “{fragment}”.", "Ostrenia Times", "2023-10-09")
    write(store, quote(a, lead, kind="indirect"), quote(a, full), quote(b, fragment, kind="partial"))
    (st,) = run(store, a, b)
    assert len(st.quote_ids) == 3 and st.article_ids == sorted([a.id, b.id])


def test_a_chain_of_overlapping_renderings_does_not_join_its_unrelated_ends():
    """Each neighbour shares most words with the next, but the first and the last share almost none and have
    no rendering in common that is one statement with both: they are not one statement."""
    words = "harbour workers demand higher wages from ferry cargo docks".split()
    texts = [" ".join(words[i : i + 5]) for i in range(5)]  # each shifted by one word from the one before
    day = date(2023, 10, 9)
    renderings = [Rendering(f"q{i}", f"a{i}", "indirect", t, speaker_entity_id="ent_x", span=(day, day))
                  for i, t in enumerate(texts)]
    groups = {r.id: i for i, g in enumerate(link(renderings, Scorer())) for r in g.members}
    assert groups["q0"] == groups["q1"] == groups["q2"] == groups["q3"] and groups["q4"] != groups["q0"]


@pytest.mark.skipif(not embed.available("static"), reason="the static word vectors are not built")
def test_undated_renderings_of_different_stories_need_more_than_a_paraphrase(store):
    """Nothing dates them, and their stories differ: maybe another occasion, so a paraphrase is not enough."""
    a = add_article(store, "Havrenko said prices for bread and milk had doubled since the spring.", "VTA")
    b = add_article(store, "Havrenko said the cost of bread and milk had gone up twice since spring.", "NPA")
    write(store, quote(a, "prices for bread and milk had doubled since the spring", kind="indirect"),
          quote(b, "the cost of bread and milk had gone up twice since spring", kind="indirect"))
    with store.transaction() as conn:
        store.replace_objects(conn, "story", "stories", [Story(id="sto_a", title="A", article_ids=[a.id]),
                                                         Story(id="sto_b", title="B", article_ids=[b.id])],
                              links={"sto_a": [a.id], "sto_b": [b.id]})
    assert len(run(store, a, b)) == 2


def test_a_new_article_joins_the_statement_within_reach_and_leaves_the_others_alone(store, words_only, monkeypatch):
    claim = "Saboteurs are being trained in camps across the border to attack our country."
    harvest = "The harvest was the best in a decade and the granaries are full."
    a = add_article(store, f"“{claim}” he said.", "Valdoria Daily", "2023-10-09")
    b = add_article(store, f"“{harvest}” he said.", "VTA", "2023-06-01")
    write(store, quote(a, claim), quote(b, harvest))
    run(store, a, b)
    june = next(s for s in store.objects("statement", Statement) if s.article_ids == [b.id])
    c = add_article(store, f"He repeated: “{claim}”", "Ostrenia Times", "2023-10-10")
    write(store, quote(c, claim))
    seen, meta_read = [], set()
    monkeypatch.setattr("dossier.quotes.statements.link", lambda rs, scorer: seen.extend(rs) or link(rs, scorer))
    monkeypatch.setattr(store, "article_meta", _spy(store.article_meta, meta_read))
    after = run(store, c)
    assert {tuple(s.article_ids) for s in after} == {(b.id,), tuple(sorted([a.id, c.id]))}
    assert store.get_object("statement", june.id, Statement) == june
    assert {r.article_id for r in seen} == {a.id, c.id}  # June's quote was not read again
    assert meta_read == {a.id, c.id}  # nor June's article: found by the index of publication dates


def _spy(article_meta, read: set):
    def spy(ids=None):
        if ids is None:
            pytest.fail("every article's metadata was read")
        read.update(ids)
        return article_meta(ids)

    return spy


def test_statements_of_one_story(tmp_path, monkeypatch):
    """``Dossier.statements(story=...)`` (the CLI's ``quotes --story``) keeps the statements made in that story."""
    from dossier import Dossier

    monkeypatch.setattr("dossier.quotes.statements.embed.available", lambda kind="minilm": False)
    with Dossier(tmp_path / "d.db") as d:
        store = d.store
        a = add_article(store, "“Saboteurs are trained across the border,” he said.", "Valdoria Daily", "2023-10-09")
        b = add_article(store, "“The harvest was the best in a decade,” she said.", "VTA", "2023-10-09")
        write(store, quote(a, "Saboteurs are trained across the border"),
              quote(b, "The harvest was the best in a decade", speaker="Orlov"))
        link_statements(store, [a.id, b.id])
        with store.transaction() as conn:
            store.replace_objects(conn, "story", "stories", [Story(id="sto_border", title="Border", article_ids=[a.id])],
                                  links={"sto_border": [a.id]})
        found = d.statements(story="sto_border")
        assert [s.text for s, _ in found] == ["Saboteurs are trained across the border"]
        assert len(d.statements()) == 2


@pytest.mark.slow
def test_the_demo_corpus_links_its_planted_renderings_and_keeps_its_repeated_claims_apart(tmp_path):
    """The demo's planted statements (PLANTED.md): the Drovna quote in two translations, a fragment and
    reported speech is one statement; the saboteurs claim of 9 October and of 20 November are two."""
    from dossier import Dossier
    from dossier.core import demo_corpus

    with Dossier(tmp_path / "demo.db") as d:
        d.ingest([demo_corpus()])
        d.run(["statements"])
        statements = [[q.text for q in quotes] for _, quotes in d.statements()]
    drovna = next(s for s in statements if any("The bridge at Drovna was blown up" in t for t in s))
    assert any("The Drovna bridge was destroyed" in t for t in drovna)
    assert any("had been attacked by people trained abroad" in t for t in drovna)
    assert any(t == "wait for the next blow" for t in drovna)
    october = next(s for s in statements if any(t.startswith("Camps in Marvesia are training saboteurs") for t in s))
    assert not any("still training saboteurs" in t for t in october)


def test_an_article_beyond_reach_lends_only_the_quotes_of_the_statements_replaced(store, words_only, monkeypatch):
    """A statement made on 2 and 8 October has a rendering in reach of a new article of the 10th, so it is
    relinked whole, its rendering of the 2nd included; the other statement of that article of the 2nd
    (with one of late September) is out of reach and is not read."""
    claim = "Saboteurs are being trained in camps across the border to attack our country."
    harvest = "The harvest was the best in a decade and the granaries are full."
    sept = add_article(store, f"“{harvest}” he said.", "VTA", "2023-09-28")
    early = add_article(store, f"“{harvest}” he said. Later: “{claim}”", "Valdoria Daily", "2023-10-02")
    mid = add_article(store, f"“{claim}” he said again.", "Ostrenia Times", "2023-10-08")
    write(store, quote(sept, harvest), quote(early, harvest), quote(early, claim), quote(mid, claim))
    run(store, sept, early, mid)
    statements = store.objects("statement", Statement)
    harvest_statement = next(s for s in statements if sept.id in s.article_ids)
    assert harvest_statement.article_ids == sorted([sept.id, early.id])
    assert any(s.article_ids == sorted([early.id, mid.id]) for s in statements)
    late = add_article(store, "“The talks will go on next week,” he said.", "Northern Wire", "2023-10-10")
    write(store, quote(late, "The talks will go on next week"))
    seen = []
    monkeypatch.setattr("dossier.quotes.statements.link", lambda rs, scorer: seen.extend(rs) or link(rs, scorer))
    after = run(store, late)
    assert {(r.article_id, r.text) for r in seen} == {(early.id, claim), (mid.id, claim),
                                                      (late.id, "The talks will go on next week")}
    assert any(s.article_ids == sorted([early.id, mid.id]) for s in after)  # relinked as it was
    assert store.get_object("statement", harvest_statement.id, Statement) == harvest_statement  # not read
