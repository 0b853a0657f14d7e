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
