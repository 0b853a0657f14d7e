"""Which groups may end up in one entity: the relation whose connected components resolve alone.

``linked`` holds for every pair of groups the passes of ``cluster`` could merge (a
superset: it ignores context, which only ever blocks a merge), so the passes give the
same entities run per component as run over everything. A group is filed in the store
under ``filed_keys`` and finds the groups it may be linked to under ``wanted_keys``:
blocks, the short-form buckets (surnames, first names, name parts), and the name forms
user decisions are about. Whether a short form may join a full name depends on how many
full names share its bucket in the whole corpus (``sizes``), so a change to a bucket
reaches the short forms asking for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from dossier.resolve.cells import Group
from dossier.resolve.cluster import (
    MERGE_THRESHOLD,
    SHORT_FORM_CANDIDATES,
    Decisions,
    bare,
    block_keys,
    buckets,
    forms_of,
    name_score,
    short_form_candidate,
    short_form_queries,
)

ASKS = "Q"  # a short form is filed under its buckets with this prefix: "QSN:..." asks for the full names in "SN:..."


def filed_keys(g: Group) -> set[str]:
    """The keys a group is found under: its name forms, blocks, and short-form buckets (as a full
    name, or as a short form asking for one)."""
    keys = {"F:" + f for f in forms_of(g)}
    if g.alone:
        return keys
    return keys | {"B:" + k for k in block_keys(g)} | buckets(g) | {ASKS + k for k, _ in short_form_queries(g)}


def wanted_keys(g: Group, decisions: Decisions, sizes: dict[str, int]) -> set[str]:
    """The keys of the groups this one may be linked to (a crowded short-form bucket links nothing)."""
    keys = {"F:" + f for a, b in decisions.must if forms_of(g) & (a | b) for f in a | b}
    if g.alone:
        return keys
    keys |= {"B:" + k for k in block_keys(g)}
    keys |= {k for k, _ in short_form_queries(g) if sizes.get(k, 0) <= SHORT_FORM_CANDIDATES}
    keys |= {ASKS + k for k in buckets(g) if sizes.get(k, 0) <= SHORT_FORM_CANDIDATES}
    return keys


def linked(a: Group, b: Group, decisions: Decisions, sizes: dict[str, int]) -> bool:
    """Whether the passes could merge the two groups (directly): same name, similar names meeting in a
    block, a short form and a full name in an uncrowded bucket, or both named in one user merge."""
    if any(forms_of(a) & (x | y) and forms_of(b) & (x | y) for x, y in decisions.must):
        return True
    if a.alone or b.alone:
        return False
    if a.key[2] == b.key[2]:
        return True
    if bare(a) == bare(b) and block_keys(a) & block_keys(b) and name_score(a, b) >= MERGE_THRESHOLD:
        return True
    return short_form_of(a, b, sizes) or short_form_of(b, a, sizes)


def short_form_of(short: Group, full: Group, sizes: dict[str, int]) -> bool:
    """``short`` may stand for ``full``: its surname, its first name, or a leading or trailing part."""
    filed = buckets(full)
    return any(key in filed and sizes.get(key, 0) <= SHORT_FORM_CANDIDATES and short_form_candidate(short, full, key)
               for key, _ in short_form_queries(short))


def components(groups: Sequence[Group], decisions: Decisions, sizes: dict[str, int]) -> list[list[int]]:
    """Connected components of ``linked`` among the groups, each in the groups' order."""
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    filed: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        for key in filed_keys(g):
            filed[key].append(i)
    for i, g in enumerate(groups):
        for key in wanted_keys(g, decisions, sizes):
            for j in filed.get(key, ()):
                if j != i and find(i) != find(j) and linked(g, groups[j], decisions, sizes):
                    parent[find(j)] = find(i)
    for _name, members in _by_name(groups).items():  # one name: always together (ids are told apart there)
        for j in members[1:]:
            parent[find(j)] = find(members[0])
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(len(groups)):
        out[find(i)].append(i)
    return list(out.values())


def _by_name(groups: Sequence[Group]) -> dict[str, list[int]]:
    names: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if not g.alone:
            names[g.key[2]].append(i)
    return names
