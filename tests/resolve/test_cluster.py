"""Cross-document resolution on hand-built mentions from several articles."""

from __future__ import annotations

from dossier.model import Evidence, Mention
from dossier.resolve.cluster import Decisions, chains_from_mentions, resolve


def mention(article, text, etype="PERSON", canonical=None, country=None, role=None):
    ev = Evidence(article_id=article, start=0, end=len(text), text=text)
    return Mention(id=f"{article}:{text}:{canonical}", article_id=article, start=0, end=len(text), text=text,
                   type=etype, canonical=canonical or text, country=country, role=role, evidence=ev)


def corpus():
    return [
        mention("a1", "Alexander Lukashenko", country="BLR", role="Belarusian President"),
        mention("a1", "Lukashenko", canonical="Alexander Lukashenko"),
        mention("a1", "Minsk", "GPE"), mention("a1", "Defense Ministry", "ORG", country="BLR"),
        mention("a1", "Belta", "ORG"),
        mention("a2", "Alexander Lukashenka", country="BLR"),
        mention("a2", "Minsk", "GPE"), mention("a2", "Beltan", "ORG"),
        mention("a3", "Aleksandr Volfovich", country="BLR"), mention("a3", "Minsk", "GPE"),
        mention("a4", "Wolfovich"), mention("a4", "Minsk", "GPE"),
        mention("a5", "Defense Ministry", "ORG", country="RUS"), mention("a5", "Minsk", "GPE"),
        mention("a6", "Viktor Lukashenko", country="BLR"), mention("a6", "Minsk", "GPE"),
    ]


def entities(decisions=None):
    return {e.name: e for e, _ in resolve(chains_from_mentions(corpus()), decisions)}


def test_spelling_variants_across_articles_are_one_entity_with_a_reviewable_score():
    ents = entities()
    luka = ents["Alexander Lukashenko"] if "Alexander Lukashenko" in ents else ents["Alexander Lukashenka"]
    assert {"Alexander Lukashenko", "Alexander Lukashenka", "Lukashenko"} <= set(luka.aliases)
    assert luka.attributes["articles"] == 2 and luka.attributes["merges"][0]["score"] >= 0.88
    vol = next(e for e in ents.values() if "Wolfovich" in e.aliases)
    assert "Aleksandr Volfovich" in vol.aliases
    belta = next(e for e in ents.values() if "Belta" in e.aliases)
    assert "Beltan" in belta.aliases


def test_different_people_sharing_a_surname_stay_apart():
    ents = entities()
    assert "Viktor Lukashenko" in ents
    assert "Viktor Lukashenko" not in ents.get("Alexander Lukashenko", ents.get("Alexander Lukashenka")).aliases


def test_generic_labels_of_different_countries_stay_apart():
    ministries = [e for e, _ in resolve(chains_from_mentions(corpus())) if e.name == "Defense Ministry"]
    assert sorted(e.country for e in ministries) == ["BLR", "RUS"]
    assert len({e.id for e in ministries}) == 2


def test_ids_are_stable_across_runs():
    assert {e.id for e in entities().values()} == {e.id for e in entities().values()}


def test_user_split_and_merge_are_respected():
    split = Decisions.from_records([], [{"forms_out": ["Wolfovich"], "forms_rest": ["Aleksandr Volfovich"]}])
    ents = entities(split)
    assert not any({"Wolfovich", "Aleksandr Volfovich"} <= set(e.aliases) for e in ents.values())
    merge = Decisions.from_records([{"forms_a": ["Viktor Lukashenko"], "forms_b": ["Alexander Lukashenko"]}], [])
    ents = entities(merge)
    assert any({"Viktor Lukashenko", "Alexander Lukashenko"} <= set(e.aliases) for e in ents.values())


def resolved(*specs, decisions=None):
    """Entities as sets of (article, form) from (article, text, type[, canonical]) mentions."""
    mentions = [mention(s[0], s[1], s[2] if len(s) > 2 else "PERSON", canonical=s[3] if len(s) > 3 else None)
                for s in specs]
    groups = resolve(chains_from_mentions(mentions), decisions)
    return sorted(sorted((c.key[0], f) for c in chains for f in c.forms) for _, chains in groups)


def together(groups, *items):
    return any(set(items) <= set(g) for g in groups)


def test_a_bare_surname_joins_the_only_full_name_of_that_surname():
    groups = resolved(("a1", "Andrew Luck"), ("a2", "Luck"), ("a3", "Peyton Manning"), ("a4", "Manning"))
    assert together(groups, ("a1", "Andrew Luck"), ("a2", "Luck"))
    assert together(groups, ("a3", "Peyton Manning"), ("a4", "Manning"))


def test_an_ambiguous_surname_goes_to_the_full_name_sharing_context_or_stays_apart():
    people = [("a1", "John Jenkin"), ("a1", "Goth", "MISC"), ("a2", "Kathryn Jenkin"), ("a2", "Newport", "GPE")]
    groups = resolved(*people, ("a3", "Jenkin"), ("a3", "Newport", "GPE"))
    assert together(groups, ("a2", "Kathryn Jenkin"), ("a3", "Jenkin"))
    groups = resolved(*people, ("a3", "Jenkin"))
    assert [("a3", "Jenkin")] in groups


def test_gendered_honorifics_keep_two_people_of_one_surname_apart():
    groups = resolved(("a1", "Mr Jenkin"), ("a2", "Miss Jenkin"), ("a3", "Jenkin"))
    assert not together(groups, ("a1", "Mr Jenkin"), ("a2", "Miss Jenkin"))


def test_titles_suffixes_middle_names_and_particles_do_not_hide_a_person():
    groups = resolved(("a1", "Richard Nixon"), ("a2", "President Nixon"), ("a3", "Arcade Joseph Comeaux Jr"),
                      ("a4", "Comeaux"), ("a5", "W. Mark Felt"), ("a6", "Mark Felt"), ("a7", "Gaetano Lo Presti"),
                      ("a8", "Lo Presti"))
    assert together(groups, ("a1", "Richard Nixon"), ("a2", "President Nixon"))
    assert together(groups, ("a3", "Arcade Joseph Comeaux Jr"), ("a4", "Comeaux"))
    assert together(groups, ("a5", "W. Mark Felt"), ("a6", "Mark Felt"))
    assert together(groups, ("a7", "Gaetano Lo Presti"), ("a8", "Lo Presti"))


def test_a_first_name_alone_joins_the_only_full_name_with_that_first_name():
    groups = resolved(("a1", "Lindsay Lohan"), ("a2", "Lindsay"), ("a3", "Tara Reid"))
    assert together(groups, ("a1", "Lindsay Lohan"), ("a2", "Lindsay"))


def test_acronyms_meet_their_full_names_across_articles():
    groups = resolved(("a1", "Central Election Commission", "ORG"), ("a2", "CEC", "ORG"),
                      ("a3", "The Hollywood Reporter", "ORG"), ("a4", "THR", "ORG"),
                      ("a5", "Associated Press", "ORG"), ("a6", "AP", "ORG"))
    assert together(groups, ("a1", "Central Election Commission"), ("a2", "CEC"))
    assert together(groups, ("a3", "The Hollywood Reporter"), ("a4", "THR"))
    assert not together(groups, ("a5", "Associated Press"), ("a6", "AP"))  # two letters need shared context


def test_a_part_of_a_longer_name_joins_it_unless_it_is_a_place_or_a_list():
    groups = resolved(("a1", "New Orleans Saints", "ORG"), ("a2", "Saints", "ORG"),
                      ("a3", "Microsoft Corp.", "ORG"), ("a4", "Microsoft", "ORG"),
                      ("a5", "Paris Store", "LOC"), ("a6", "Paris", "GPE"),
                      ("a7", "Europe and the Middle East", "LOC"), ("a8", "Europe", "LOC"))
    assert together(groups, ("a1", "New Orleans Saints"), ("a2", "Saints"))
    assert together(groups, ("a3", "Microsoft Corp."), ("a4", "Microsoft"))
    assert not together(groups, ("a5", "Paris Store"), ("a6", "Paris"))
    assert not together(groups, ("a7", "Europe and the Middle East"), ("a8", "Europe"))


def test_different_numbers_are_different_things():
    groups = resolved(("a1", "IE8", "MISC"), ("a2", "IE9", "MISC"), ("a3", "IE8", "MISC"))
    assert not together(groups, ("a1", "IE8"), ("a2", "IE9"))
    assert together(groups, ("a1", "IE8"), ("a3", "IE8"))


def test_one_country_under_several_names_is_one_entity():
    groups = resolved(("a1", "U.S.", "GPE"), ("a2", "United States", "GPE"), ("a3", "America", "GPE"))
    assert together(groups, ("a1", "U.S."), ("a2", "United States"), ("a3", "America"))


def test_many_articles_naming_one_entity_cost_one_comparison_per_distinct_name(monkeypatch):
    from dossier.resolve import cluster

    calls = []
    real = cluster.pair_score
    monkeypatch.setattr(cluster, "pair_score", lambda *a: calls.append(1) or real(*a))
    names = ("Alexander Lukashenko", "Alexander Lukashenka", "Lukashenko")
    mentions = [mention(f"a{i}", names[i % 3], country="BLR") for i in range(3000)]
    groups = resolve(chains_from_mentions(mentions))
    assert len(groups) == 1 and len(calls) <= 3


def test_a_name_typed_inconsistently_by_the_tagger_is_still_one_entity():
    ms = [mention("a1", "Norvel", "ORG"), mention("a2", "Norvel", "ORG"), mention("a3", "Norvel", "MISC"),
          mention("a1", "Veshta", "GPE"), mention("a2", "Veshta", "GPE"), mention("a3", "Veshta", "GPE")]
    norvel = [e for e, _ in resolve(chains_from_mentions(ms)) if e.name == "Norvel"]
    assert len(norvel) == 1 and norvel[0].type == "ORG" and norvel[0].mention_count == 3
