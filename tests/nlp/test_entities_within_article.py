"""Within-article entity building, with NER spans given by hand (the model is tested elsewhere)."""

from __future__ import annotations

import re

from dossier.nlp.entities import Sentences, build_mentions

TEXT = (
    "Valdorian President Miroslav Havrenko met Kremlin spokesman Dmitar Velkov in Veshta on Monday. "
    "Havrenka said the talks were useful. The long-serving Valdorian leader also warned Marvesia. "
    "Velkov, for his part, said nothing. Analysts in Kiev were unimpressed. "
    "Tomas Brenik, a Marvesian political analyst at the Tirsa Institute, disagreed."
)


def spans_for(text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    out = []
    for name, label in names.items():
        out += [(m.start(), m.end(), label) for m in re.finditer(re.escape(name), text)]
    return sorted(out)


def mentions():
    spans = spans_for(TEXT, {
        "Valdorian": "MISC", "Miroslav Havrenko": "PER", "Kremlin": "ORG", "Dmitar Velkov": "PER",
        "Veshta": "LOC", "Havrenka": "PER", "Marvesia": "LOC", "Velkov,": "PER", "Kiev": "LOC",
        "Tomas Brenik": "PER", "Tirsa Institute": "ORG",
    })
    spans = [(s, e - 1, label) if TEXT[s:e].endswith(",") else (s, e, label) for s, e, label in spans]
    sents = Sentences([(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", TEXT)], TEXT)
    return build_mentions("art1", TEXT, spans, sents)


def by_text(ms, text):
    return [m for m in ms if m.text == text]


def test_short_and_variant_names_get_the_full_name():
    ms = mentions()
    assert by_text(ms, "Havrenka")[0].canonical == "Miroslav Havrenko"
    assert {m.canonical for m in by_text(ms, "Velkov")} == {"Dmitar Velkov"}


def test_roles_before_and_after_names_with_their_country():
    ms = mentions()
    havrenko = by_text(ms, "Miroslav Havrenko")[0]
    assert havrenko.role == "Valdorian President"
    velkov = by_text(ms, "Dmitar Velkov")[0]
    assert velkov.role == "Kremlin spokesman" and velkov.country == "RUS"
    brenik = by_text(ms, "Tomas Brenik")[0]
    assert brenik.role.startswith("Marvesian political analyst")


def test_role_description_resolves_to_the_person_holding_the_office():
    ms = mentions()
    (leader,) = [m for m in ms if m.kind == "role"]
    assert leader.text == "The long-serving Valdorian leader"
    assert leader.canonical == "Miroslav Havrenko" and leader.type == "PERSON"


def test_places_are_typed_and_canonicalized_by_the_gazetteer():
    ms = mentions()
    kiev = by_text(ms, "Kiev")[0]
    assert (kiev.type, kiev.canonical, kiev.country) == ("GPE", "Kyiv", "UKR")
    assert by_text(ms, "Veshta")[0].type == "LOC"  # unknown place stays LOC


def test_every_mention_carries_its_evidence_sentence():
    for m in mentions():
        assert m.evidence.text == TEXT[m.start:m.end]
        assert m.evidence.text in m.evidence.sentence


def test_glued_words_are_split_but_camel_case_surnames_are_not():
    from dossier.nlp.entities import unglue

    assert unglue("GuardianArtyom Shraibman") == "Artyom Shraibman"
    assert unglue("Vladimir PutinLukashenka") == "Vladimir Putin"
    for name in ("Fred LaRue", "Ellen DeGeneres", "Rob McDermott", "Seth MacFarlane"):
        assert unglue(name) == name


def test_people_named_like_small_places_stay_people():
    from dossier.nlp.entities import type_mention

    assert type_mention("Bush", "PERSON")[0] == "PERSON"
    assert type_mention("Luck", "PERSON")[0] == "PERSON"
    assert type_mention("Minsk", "PERSON") == ("GPE", "BLR")
