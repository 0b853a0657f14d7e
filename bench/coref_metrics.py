"""Coreference / clustering metrics: MUC, B-cubed, CEAF-e, their average (CoNLL F1) and pairwise P/R/F1.

    from coref_metrics import score
    score({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "y", "c": "y"})["conll_f1"]

Definitions follow the CoNLL reference scorer (Pradhan et al. 2014, v8.01):
singletons count in B-cubed and CEAF-e, and items present on one side only
("twinless" mentions) are handled as it does: a key item missing from the
response earns no recall in B-cubed and CEAF-e and is its own partition in MUC,
and symmetrically for response items missing from the key. Any hashable item
and cluster label will do, so the same code scores entity resolution and story
clustering.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping

Clusters = list[set]


def score(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> dict:
    """All metrics for two clusterings given as item -> cluster label.

    Returns ``{"muc": {"p", "r", "f1"}, "bcubed": ..., "ceafe": ..., "pairwise": ...,
    "conll_f1": mean F1 of MUC, B-cubed and CEAF-e}``, all in 0..1.
    """
    key, response = clusters_of(gold), clusters_of(pred)
    result = {"muc": muc(key, response), "bcubed": b_cubed(key, response),
              "ceafe": ceaf_e(key, response), "pairwise": pairwise(key, response)}
    result["conll_f1"] = sum(result[m]["f1"] for m in ("muc", "bcubed", "ceafe")) / 3
    return result


def clusters_of(labels: Mapping[Hashable, Hashable]) -> Clusters:
    """item -> label mapping as a list of item sets (one per label)."""
    groups: dict[Hashable, set] = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


def prf(r_num: float, r_den: float, p_num: float, p_den: float) -> dict:
    r = r_num / r_den if r_den else 0.0
    p = p_num / p_den if p_den else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _index(clusters: Clusters) -> dict:
    return {item: i for i, c in enumerate(clusters) for item in c}


def _muc_recall(key: Clusters, response: Clusters) -> tuple[int, int]:
    """(numerator, denominator): links of ``key`` kept; an item ``response`` lacks is its own partition."""
    where = _index(response)
    num = den = 0
    for k in key:
        parts = {where[i] for i in k if i in where}
        missing = sum(1 for i in k if i not in where)
        num += len(k) - len(parts) - missing
        den += len(k) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> dict:
    """Link-based MUC (Vilain et al. 1995); blind to singletons."""
    return prf(*_muc_recall(key, response), *_muc_recall(response, key))


def _b_cubed_recall(key: Clusters, response: Clusters) -> tuple[float, int]:
    where = _index(response)
    num = 0.0
    for k in key:
        overlaps = Counter(where[i] for i in k if i in where)
        num += sum(n * n for n in overlaps.values()) / len(k)
    return num, sum(len(k) for k in key)


def b_cubed(key: Clusters, response: Clusters) -> dict:
    """Mention-based B-cubed (Bagga and Baldwin 1998), singletons included."""
    return prf(*_b_cubed_recall(key, response), *_b_cubed_recall(response, key))


def ceaf_e(key: Clusters, response: Clusters) -> dict:
    """Entity-based CEAF (Luo 2005) with phi4 = 2|K&R| / (|K|+|R|), optimal one-to-one alignment."""
    common = sum(_best_alignment(key, response, comp) for comp in _components(key, response))
    return prf(common, len(key), common, len(response))


def _components(key: Clusters, response: Clusters) -> Iterable[tuple[list[int], list[int]]]:
    """Connected groups of key and response clusters that share items: each is aligned alone."""
    where = _index(response)
    adjacency: dict[int, set[int]] = {i: {where[x] for x in k if x in where} for i, k in enumerate(key)}
    back: dict[int, set[int]] = defaultdict(set)
    for i, rs in adjacency.items():
        for j in rs:
            back[j].add(i)
    seen: set[int] = set()
    for start, linked in adjacency.items():
        if start in seen or not linked:
            continue
        keys, responses, todo = [], set(), [start]
        seen.add(start)
        while todo:
            i = todo.pop()
            keys.append(i)
            for j in adjacency[i] - responses:
                responses.add(j)
                for i2 in back[j] - seen:
                    seen.add(i2)
                    todo.append(i2)
        yield keys, sorted(responses)


def _best_alignment(key: Clusters, response: Clusters, comp: tuple[list[int], list[int]]) -> float:
    keys, responses = comp
    sim = [[2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in responses] for i in keys]
    if len(keys) == 1 or len(responses) == 1:
        return max(max(row) for row in sim)
    return max_assignment(sim)


def max_assignment(weights: list[list[float]]) -> float:
    """Total weight of a maximum-weight one-to-one assignment (Hungarian method, rows or columns may go unused)."""
    n, m = len(weights), len(weights[0])
    transposed = n > m
    if transposed:
        weights = [list(col) for col in zip(*weights)]
        n, m = m, n
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]  # n <= m: every row gets a column
    assigned = _min_cost_assignment(cost, n, m)
    return sum(weights[i][j] for i, j in enumerate(assigned))


def _min_cost_assignment(cost: list[list[float]], n: int, m: int) -> list[int]:
    """Column of each row minimizing total cost, n <= m (shortest augmenting paths with potentials)."""
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: row (1-based) holding column j; column 0 is a sentinel
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    column = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            column[owner[j] - 1] = j - 1
    return column


def _pairs_recall(key: Clusters, response: Clusters) -> tuple[int, int]:
    where = _index(response)
    num = den = 0
    for k in key:
        overlaps = Counter(where[i] for i in k if i in where)
        num += sum(n * (n - 1) // 2 for n in overlaps.values())
        den += len(k) * (len(k) - 1) // 2
    return num, den


def pairwise(key: Clusters, response: Clusters) -> dict:
    """Precision and recall of same-cluster item pairs."""
    return prf(*_pairs_recall(key, response), *_pairs_recall(response, key))


def table(rows: Mapping[str, dict]) -> str:
    """A fixed-width table of several systems' scores (percentages), one row per system."""
    metrics = ("muc", "bcubed", "ceafe", "pairwise")
    head = f"{'system':<22}" + "".join(f"{m:>22}" for m in metrics) + f"{'CoNLL F1':>10}"
    sub = f"{'':<22}" + "".join(f"{'P':>8}{'R':>7}{'F1':>7}" for _ in metrics)
    lines = [head, sub]
    for name, s in rows.items():
        cells = "".join(f"{100 * s[m]['p']:8.1f}{100 * s[m]['r']:7.1f}{100 * s[m]['f1']:7.1f}" for m in metrics)
        lines.append(f"{name:<22}{cells}{100 * s['conll_f1']:10.1f}")
    return "\n".join(lines)
