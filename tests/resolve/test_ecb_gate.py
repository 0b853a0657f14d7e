"""Quality gate: cross-document entity resolution on the ECB+ dev topics (bench/entities_ecb.py).

The floor sits about 1.5 points under what the benchmark measured (CoNLL F1 0.950 per topic, against
0.772 for exact string match), so a change that makes resolution worse fails here; dossier must also
stay at least 5 points above the exact-match baseline. Runs in about ten seconds.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from shared_data import shared_path

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench"
FLOOR = 0.935
MARGIN = 0.05


def bench_module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_ecb_dev_conll_f1_floor_and_margin_over_exact_match():
    shared_path("bench", "stories", "ecbplus-train-dev", "splits.json")
    bench = bench_module("entities_ecb")
    result = bench.evaluate(bench.load("dev"), per_topic=True)
    print(bench.table({k: v for k, v in result.items() if isinstance(v, dict)}), f"\n{result['unmapped']} names lost")
    dossier, baseline = result["dossier"]["conll_f1"], result["exact-match baseline"]["conll_f1"]
    assert dossier >= FLOOR, f"CoNLL F1 {dossier:.3f} fell below {FLOOR}"
    assert dossier >= baseline + MARGIN, f"CoNLL F1 {dossier:.3f} is not {MARGIN} above exact match {baseline:.3f}"
