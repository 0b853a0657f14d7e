"""Independent sources: copies, wire relays, one organisation under several spellings, near rewrites."""

from __future__ import annotations

import pytest

from dossier.stories.sources import SourceInfo, independent_sources, same_organisation, source_groups, wire_credit


@pytest.mark.parametrize("text, agency", [
    ("LINDHAVEN (NPA) - Dock workers went on strike.", "NPA"),
    ("KORVASK, Valdoria, Oct 19 (NPA) - At least 12 people were killed.", "NPA"),
    ("WASHINGTON (Reuters) - The Senate voted on Tuesday.", "Reuters"),
    ("(AP) — A storm hit the coast.", "AP"),
    ("Dock workers went on strike (for the first time) - union.", None),
    ("The mayor (pictured) - who took office in May - spoke.", None),
    ("Tirsa (Photo) - Crowds gathered.", None),
])
def test_wire_credit_reads_the_dateline(text, agency):
    assert wire_credit(text) == agency


def test_wire_credit_looks_past_a_title_line():
    assert wire_credit("Dock strike shuts port\n\nLINDHAVEN (NPA) - Workers struck.", "Dock strike shuts port") == "NPA"


@pytest.mark.parametrize("a, b, same", [
    ("Norvel Press Agency", "NPA", True), ("Norvel Press Agency", "Norvell Press Agency", True),
    ("The Guardian", "Guardian", True), ("Reuters", "Associated Press", False), ("VTA", "NPA", False),
    ("Lindhaven Herald", "Coastal Times", False),
])
def test_same_organisation(a, b, same):
    assert same_organisation(a, b) is same


def test_copies_relays_and_one_outlet_count_once():
    members = [
        SourceInfo("wire", outlet="Norvel Press Agency", relays="NPA"),
        SourceInfo("relay", outlet="Daily Courier", relays="NPA"),  # a dateline "(NPA) -": the wire's story
        SourceInfo("relay-2", outlet="Norvell Press Agency"),  # credited by a "Source:" line, misspelt
        SourceInfo("herald", outlet="Lindhaven Herald"),
        SourceInfo("herald-copy", outlet="News Digest", duplicate_of="herald"),  # a repost found by dedupe
        SourceInfo("herald-2", outlet="Lindhaven Herald"),  # a second article by the same outlet
        SourceInfo("times", outlet="Coastal Times"),
    ]
    groups = sorted(sorted(g) for g in source_groups(members))
    assert groups == [["herald", "herald-2", "herald-copy"], ["relay", "relay-2", "wire"], ["times"]]
    assert independent_sources(members) == 3


def test_near_rewrites_of_one_text_count_once_and_unknown_outlets_count_per_article():
    vec = {"dock": 0.8, "strike": 0.6}
    members = [
        SourceInfo("a", vector=vec),
        SourceInfo("b", vector={"dock": 0.79, "strike": 0.61}),  # a light edit or a translation of "a"
        SourceInfo("c", vector={"quake": 1.0}),
    ]
    assert independent_sources(members) == 2


def test_a_copy_of_an_article_outside_the_story_still_counts_once_with_its_siblings():
    members = [SourceInfo("x", duplicate_of="orig"), SourceInfo("y", duplicate_of="orig")]
    assert independent_sources(members) == 1
