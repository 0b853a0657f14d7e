"""Coreference metrics against the CoNLL reference scorer's own test cases (test/TestCases.README)
and the worked example of Pradhan et al. (2014)."""

from __future__ import annotations

import importlib.util
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

BENCH = Path(__file__).resolve().parents[2] / "bench"
_spec = importlib.util.spec_from_file_location("coref_metrics", BENCH / "coref_metrics.py")
cm = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cm)

KEY = "a bc def"


def labels(spec: str) -> dict[str, int]:
    """'a bc def' -> {a: 0, b: 1, c: 1, d: 2, ...}: one cluster per word, one item per letter."""
    return {item: i for i, word in enumerate(spec.split()) for item in word}


def check(result: dict, r, p) -> None:
    assert result["r"] == pytest.approx(float(r)) and result["p"] == pytest.approx(float(p))


# (case, key, response, MUC (r, p), B-cubed (r, p), CEAF-e (r, p) or None where the README gives none)
CASES = [
    ("A-1", KEY, KEY, (1, 1), (1, 1), (1, 1)),
    ("A-2 missing", KEY, "a de", (F(1, 3), 1), (F(7, 18), 1), (F(18, 30), F(18, 20))),
    ("A-3 false alarms", KEY, "a bcx defy z", (1, F(3, 5)), (1, F(55, 108)), ((1 + F(4, 5) + F(6, 7)) / 3, (1 + F(4, 5) + F(6, 7)) / 4)),
    ("A-4 both", KEY, "a bcx dy z", (F(1, 3), F(1, 3)), (F(5, 9), F(17, 42)), (F(22, 30), F(22, 40))),
    ("A-10 singletons", KEY, "a b c d e f", (0, 0), (F(3, 6), 1), None),
    ("A-11 one cluster", KEY, "abcdef", (1, F(3, 5)), (1, F(7, 18)), None),
    ("A-12 sys singletons", KEY, "a x y c d e z", (0, 0), (F(13, 36), F(4, 7)), None),
    ("A-13 sys one cluster", KEY, "axycdez", (F(1, 3), F(1, 6)), (F(17, 36), F(6, 49)), None),
    ("D-1", "12345 67 89ABC", "12345 6789ABC", (1, F(9, 10)), (1, F(16, 21)), None),
    ("E-1", "12345 67 89ABC", "1234589ABC 67", (1, F(9, 10)), (1, F(7, 12)), None),
    ("F-1", "ABCD", "AB CD", (F(2, 3), 1), None, None),
    ("G-1", "AB CD", "ABCD", (1, F(2, 3)), None, None),
    ("J-1", "ABC", "AC", (F(1, 2), 1), None, None),
    ("K-1", "BCDEGHJ", "ABC DEF GHI", (F(3, 6), F(3, 6)), None, None),
    ("L-1", "ABC DEFG", "AB CD FGH", (F(2, 5), F(2, 4)), None, None),
    ("N-1 all singletons", "a b c d e f", "a b c d e f", (0, 0), (1, 1), (1, 1)),
]


@pytest.mark.parametrize("case,key,response,muc,bcub,ceafe", CASES, ids=[c[0] for c in CASES])
def test_reference_scorer_cases(case, key, response, muc, bcub, ceafe):
    result = cm.score(labels(key), labels(response))
    check(result["muc"], *muc)
    if bcub:
        check(result["bcubed"], *bcub)
    if ceafe:
        check(result["ceafe"], *ceafe)


def test_pradhan_2014_worked_example():
    """Key {abc}{defg}, response {ab}{cd}{fghi} (Pradhan et al. 2014, figure 1)."""
    result = cm.score(labels("abc defg"), labels("ab cd fghi"))
    check(result["muc"], F(2, 5), F(2, 5))
    check(result["bcubed"], F(5, 12), F(1, 2))
    check(result["ceafe"], F(13, 20), F(13, 30))  # phi4: abc~ab 4/5 + defg~fghi 1/2 = 1.3
    f1 = lambda r, p: 2 * p * r / (p + r)  # noqa: E731
    expected = (F(2, 5) + f1(F(5, 12), F(1, 2)) + f1(F(13, 20), F(13, 30))) / 3
    assert result["conll_f1"] == pytest.approx(float(expected))


def test_pairwise_by_hand():
    # key pairs: bc, de, df, ef (4); response pairs: bc, bx, cx, dy (4); common: bc
    check(cm.score(labels(KEY), labels("a bcx dy z"))["pairwise"], F(1, 4), F(1, 4))
    assert cm.score(labels("a b c"), labels("a b c"))["pairwise"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_ceafe_aligns_each_cluster_once_and_optimally():
    key, response = labels("ab cd"), labels("abc d")
    # phi4: ab~abc 4/5, cd~abc 2/5, cd~d 2/3; abc may be used once: best = 4/5 + 2/3
    check(cm.score(key, response)["ceafe"], (F(4, 5) + F(2, 3)) / 2, (F(4, 5) + F(2, 3)) / 2)
    assert cm.max_assignment([[3, 2], [3, 0]]) == 5  # greedy (row 0 -> col 0) would give 3


clusterings = st.dictionaries(st.integers(0, 12), st.integers(0, 4), min_size=1)


@given(clusterings)
def test_identical_clusterings_score_perfectly_except_muc_without_links(labels_):
    result = cm.score(labels_, labels_)
    assert result["bcubed"]["f1"] == pytest.approx(1) and result["ceafe"]["f1"] == pytest.approx(1)
    has_links = len(set(labels_.values())) < len(labels_)
    assert result["muc"]["f1"] == pytest.approx(1 if has_links else 0)


@given(clusterings, clusterings)
def test_swapping_sides_swaps_precision_and_recall(gold, pred):
    a, b = cm.score(gold, pred), cm.score(pred, gold)
    for metric in ("muc", "bcubed", "ceafe", "pairwise"):
        assert a[metric]["p"] == pytest.approx(b[metric]["r"]) and a[metric]["r"] == pytest.approx(b[metric]["p"])
        assert 0 <= a[metric]["f1"] <= 1


@given(st.lists(st.lists(st.floats(0, 1), min_size=3, max_size=3), min_size=1, max_size=4))
def test_assignment_matches_brute_force(weights):
    from itertools import permutations

    n, m = len(weights), 3
    if n <= m:
        best = max(sum(weights[i][p[i]] for i in range(n)) for p in permutations(range(m), n))
    else:
        best = max(sum(weights[p[j]][j] for j in range(m)) for p in permutations(range(n), m))
    assert cm.max_assignment(weights) == pytest.approx(best)
