"""PETRARCH2 actor dictionaries: dated roles, code splitting, name matching in text."""

from __future__ import annotations

from dossier.events.dictionaries import actor_code, agent_sector, find_actors, split_code


def test_dated_roles_code_an_actor_as_of_the_event():
    assert actor_code("Mahendra Chaudhry", "1999-06-01").sector == "government"
    assert actor_code("Mahendra Chaudhry", "1995-01-01").sector == "elite"
    assert actor_code("Mahendra Chaudhry").country == "FJI"


def test_country_changes_follow_the_date():
    assert actor_code("Belarus", "1985-01-01").country == "BLR"  # a Soviet republic then: still Belarus
    assert actor_code("Belarus", "2020-01-01").code == "BLR"


def test_split_code():
    assert split_code("USAGOV").country == "USA" and split_code("USAGOV").sector == "government"
    assert split_code("IGOUNO").country == "IGO"


def test_agents_give_sectors():
    assert agent_sector("minister") == "government"
    assert agent_sector("rebels") == "rebels"


def test_find_actors_handles_possessives_compounds_and_short_names():
    text = "Ankara's district office and Vietnamese-led forces met the UN, but not us."
    hits = [(h.text, h.code.country) for h in find_actors(text)]
    assert ("Ankara's", "TUR") in hits and ("Vietnamese-led", "VNM") in hits and ("UN", "IGO") in hits
    assert all(h[0] != "us" for h in hits)


def test_without_a_date_the_role_held_now():
    assert actor_code("Vladimir Putin").sector == "government"  # president since 2012, open-ended
    assert actor_code("Vladimir Putin", "1995-01-01").sector == "elite"


def test_demonyms_the_dictionary_lacks_come_from_the_gazetteer():
    hits = [(h.text, h.code.country) for h in find_actors("Swedish and Peruvian officials met.")]
    assert hits == [("Swedish", "SWE"), ("Peruvian", "PER")]


def test_an_empty_region_holds_no_actor():
    assert find_actors("Norway imposed sanctions.", start=0, end=0) == []
