"""Which groups may end up in one entity: the relation whose connected components resolve alone.

``linked`` holds for every pair of groups the passes of ``cluster`` could merge (a
superset: it ignores context, which only ever blocks a merge), so the passes give the
same entities run per component as run over everything. A group is filed in the store
under ``filed_keys`` and finds the groups it may be linked to under ``wanted_keys``:
blocks, the first names and name parts short forms are looked up by, and the name
forms user decisions are about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from dossier.resolve.cells import Group
from dossier.resolve.cluster import (
    MERGE_THRESHOLD,
    Decisions,
    bare,
    block_keys,
    compatible,
    first_name_key,
    forms_of,
    name_parts,
    name_score,
    part_key,
    surname_candidate,
    surname_key,
)
from dossier.resolve.names import person_tokens


def single_name(group) -> bool:
    """A person named by one word ("Lindsay"): it may stand for a full name with that first name."""
    return bare(group) and len(person_tokens(group.name)) == 1


def filed_keys(g: Group) -> set[str]:
    """The keys a group is found under."""
    keys = {"F:" + f for f in forms_of(g)}
    if g.alone:
        return keys
    keys |= {"B:" + k for k in block_keys(g)}
    if g.type == "PERSON":
        if not bare(g):
            keys.add("FN:" + first_name_key(g))
        elif single_name(g):
            keys.add("FQ:" + first_name_key(g))
    else:
        keys |= {f"PT:{g.key[1]}:{p}" for p in name_parts(g)}
        if g.type != "GPE":
            keys.add("PQ:{}:{}".format(*part_key(g)))
    return keys


def wanted_keys(g: Group, decisions: Decisions) -> set[str]:
    """The keys of the groups this one may be linked to."""
    keys = {"F:" + f for a, b in decisions.must if forms_of(g) & (a | b) for f in a | b}
    if g.alone:
        return keys
    keys |= {"B:" + k for k in block_keys(g)}
    if g.type == "PERSON":
        if not bare(g):
            keys.add("FQ:" + first_name_key(g))
        elif single_name(g):
            keys.add("FN:" + first_name_key(g))
    else:
        keys |= {f"PQ:{g.key[1]}:{p}" for p in name_parts(g)}
        if g.type != "GPE":
            keys.add("PT:{}:{}".format(*part_key(g)))
    return keys


def linked(a: Group, b: Group, decisions: Decisions) -> bool:
    """Whether the passes could merge the two groups (directly): same name, similar names meeting in a
    block, a short form and a full name, or both named in one user merge."""
    if any(forms_of(a) & (x | y) and forms_of(b) & (x | y) for x, y in decisions.must):
        return True
    if a.alone or b.alone:
        return False
    if a.key[2] == b.key[2]:
        return True
    if bare(a) == bare(b) and block_keys(a) & block_keys(b) and name_score(a, b) >= MERGE_THRESHOLD:
        return True
    return short_form_of(a, b) or short_form_of(b, a)


def short_form_of(short: Group, full: Group) -> bool:
    """``short`` may stand for ``full``: its surname, its first name, or a leading or trailing part."""
    if bare(short):
        if full.type != "PERSON" or bare(full):
            return False
        if surname_key(short) == surname_key(full) and surname_candidate(short, full):
            return True
        return single_name(short) and first_name_key(short) == first_name_key(full) and compatible(short, full)
    if short.type in ("PERSON", "GPE") or full.type == "PERSON":
        return False
    family, core = part_key(short)
    return family == full.key[1] and core in name_parts(full) and compatible(short, full)


def components(groups: Sequence[Group], decisions: Decisions) -> list[list[int]]:
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
        for key in wanted_keys(g, decisions):
            for j in filed.get(key, ()):
                if j != i and find(i) != find(j) and linked(g, groups[j], decisions):
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
