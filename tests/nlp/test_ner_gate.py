"""Quality gates: both NER profiles on CoNLL-2003 dev and on the worldwide newswire dev set
must not fall below their measured F1 (scored as bench/ner.py scores them).

Floors sit about one point under what bench/ner.py measured for the shipped models, so a
change that makes NER worse fails here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from shared_data import shared_path
from dossier.nlp.ner import load_ner

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench" / "ner.py"
_spec = importlib.util.spec_from_file_location("bench_ner", BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# measured: fast CoNLL 0.884 (PER .899 ORG .839 LOC .920 MISC .845), newswire 0.639
# The MISC floors are a point lower than before split_compounds: CoNLL tags "U.S.-based" whole as MISC,
# dossier now takes the place or person inside it (as the newswire set does).
FAST_CONLL = {None: 0.875, "PER": 0.885, "ORG": 0.825, "LOC": 0.91, "MISC": 0.835}
FAST_NEWSWIRE = {None: 0.625}
# measured: accurate CoNLL 0.927 (PER .959 ORG .886 LOC .958 MISC .861), newswire 0.813
ACCURATE_CONLL = {None: 0.92, "PER": 0.945, "ORG": 0.87, "LOC": 0.95, "MISC": 0.85}
ACCURATE_NEWSWIRE = {None: 0.80}


def _check(profile: str, conll_floors: dict, newswire_floors: dict) -> None:
    shared_path("bench", "ner", "conll2003-train-dev", "conllpp_dev.txt")
    shared_path("bench", "ner", "worldwide-newswire-dev", "annotated")
    ner = load_ner(profile)
    for (texts, golds), mapping, floors in (
        (bench.conll_dev(), bench.TO_CONLL, conll_floors),
        (bench.newswire(), bench.TO_NEWSWIRE, newswire_floors),
    ):
        score = bench.score(golds, ner.predict(texts), mapping)
        print(score.table())
        for label, floor in floors.items():
            assert score.prf(label)[2] >= floor, f"{profile}: {label or 'micro'} F1 fell below {floor}:\n{score.table()}"


def test_fast_profile_f1_on_conll_and_newswire_dev():
    pytest.importorskip("spacy")
    _check("fast", FAST_CONLL, FAST_NEWSWIRE)


def test_accurate_profile_f1_on_conll_and_newswire_dev():
    pytest.importorskip("torch", reason="the accurate profile needs the ml extra")
    _check("accurate", ACCURATE_CONLL, ACCURATE_NEWSWIRE)
