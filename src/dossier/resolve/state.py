"""Incremental entity resolution over a store: new articles redo a few components, not the world.

What the store keeps between runs:
- each article's chains (signatures, kind "chains"): what it added to the cells, so a
  re-run of that article can take it out again;
- cells (resolve_cells): per name, the sums of its chains, and a row with the types the
  tagger gave the name;
- groups (resolve_groups): every name's groups, with the component and the entity each
  belongs to and what comparing it with another group needs (``Group.light``);
- keys (resolve_keys): the keys each group is filed under (``links.filed_keys``), so a
  changed group finds the groups it may be linked to without a scan.

A run (1) takes the changed articles' old chains out of the cells and adds their new ones,
a batch at a time; (2) rebuilds the groups of every name whose cells changed; (3) resolves
again the components those groups were in, and those of the groups they are linked to now,
one component at a time (``cluster.resolve_groups``); (4) rewrites the entities of those
components only, pointing at a new entity only the mentions whose entity changed. Every
sum is order-free and every component resolves as it would among all the groups, so any
sequence of incremental runs ends where one run over all the articles does.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dossier.ids import stable_id
from dossier.model import Entity, Mention
from dossier.resolve.cells import Cell, Group, cell_of, group_key, groups_of_name, retype_of
from dossier.resolve.cluster import (
    Chain,
    Decisions,
    buckets,
    chains_from_mentions,
    entity_of,
    resolve_groups,
    short_form_queries,
    unique_ids,
)
from dossier.resolve.links import ASKS, components, filed_keys, linked, wanted_keys
from dossier.store import Store

CHAINS = "chains"  # signatures kind: an article's chains, as it added them to the cells
STAGE = "resolve"
BATCH = 500  # articles read together
DECISIONS_META = "resolve_decisions"  # digests of the user decisions the stored entities respect


@dataclass
class Report:
    """What a run redid: articles read, names whose cells changed, groups and components resolved again."""

    articles: int = 0
    names: int = 0
    groups: int = 0
    components: int = 0
    entities: int = 0


def store_name(cell: Cell) -> str:
    """The cell's name in the store: a lone cell (one article's generic label) is filed apart, so
    reading a name never reads the thousands of articles that say "Police"."""
    return f"{cell.name}\x1f{cell.article}" if cell.article else cell.name


def _votes_id(name: str) -> str:
    return stable_id("votes", name, length=20)


def _pack(chains: list[Chain]) -> bytes:
    return zlib.compress(json.dumps([c.to_json() for c in chains]).encode("utf-8"), 6)


def _unpack(value: bytes) -> list[Chain]:
    return [Chain.from_json(d) for d in json.loads(zlib.decompress(value))]


def update(store: Store, changed: Sequence[str], decisions: Decisions) -> Report:
    """Bring entities up to date with the changed articles and any new user decision."""
    report = Report(articles=len(changed))
    names: set[str] = set()
    retyped: set[str] = set()
    for i in range(0, len(changed), BATCH):
        touched, flipped = take_in(store, changed[i : i + BATCH])
        names |= touched
        retyped |= flipped
    new_forms = _new_decision_forms(store)
    report.names = len(names)
    result = recompute(store, names, decisions, new_forms, report)
    result.retyped = retyped
    with store.transaction() as conn:
        result.write(store, conn, changed)
        store.set_meta(DECISIONS_META, json.dumps(sorted(_decision_digests(store))), conn)
    return report


# -- 1. cells --------------------------------------------------------------------------------------

def take_in(store: Store, article_ids: Sequence[str]) -> tuple[set[str], set[str]]:
    """Replace the articles' old chains by their current ones in the cells; the names touched, and
    those of them whose majority type changed (their chains in other articles change groups)."""
    old = {a: _unpack(v) for a, v in store.signatures_of(CHAINS, article_ids).items()}
    new: dict[str, list[Chain]] = {a: [] for a in article_ids}
    for chain in chains_from_mentions(store.annotations_of("mention", Mention, article_ids)):
        new[chain.key[0]].append(chain)
    changes: list[tuple[Chain, int]] = [(c, -1) for cs in old.values() for c in cs]
    changes += [(c, 1) for cs in new.values() for c in cs]
    cells = _load_cells(store, {cell_of(c).id for c, _ in changes})
    votes = _load_votes(store, {c.key[2] for c, _ in changes})
    before = {n: retype_of(v) for n, v in votes.items()}
    for chain, sign in changes:
        cell = cell_of(chain)
        cells.setdefault(cell.id, cell).add(chain, sign)
        for t, n in chain.votes.items():
            votes[chain.key[2]][t] += sign * n
    with store.transaction() as conn:
        store.delete_where(conn, "resolve_cells", "id", list(cells) + [_votes_id(n) for n in votes])
        store.insert_rows(conn, "resolve_cells", [
            {"id": i, "name": store_name(c), "data": json.dumps(c.to_json())} for i, c in cells.items() if c.chains > 0])
        store.insert_rows(conn, "resolve_cells", [
            {"id": _votes_id(n), "name": n, "data": json.dumps({"votes": {t: k for t, k in v.items() if k > 0}})}
            for n, v in votes.items() if any(k > 0 for k in v.values())])
        store.put_signatures(conn, CHAINS, {a: _pack(cs) for a, cs in new.items()})
    flipped = {n for n, v in votes.items() if retype_of(+v) != before[n]}
    return {store_name(c) for c in cells.values()} | set(votes), flipped


def _load_cells(store: Store, ids: Iterable[str]) -> dict[str, Cell]:
    return {r["id"]: Cell.from_json(json.loads(r["data"])) for r in store.rows_where("resolve_cells", "id", ids)}


def _load_votes(store: Store, names: Iterable[str]) -> dict[str, Counter]:
    names = set(names)
    votes: dict[str, Counter] = {n: Counter() for n in names}
    for r in store.rows_where("resolve_cells", "id", [_votes_id(n) for n in names]):
        votes[r["name"]] = Counter(json.loads(r["data"])["votes"])
    return votes


def load_groups(store: Store, names: Iterable[str]) -> dict[str, Group]:
    """The current groups of the given (store) names, by id, from their cells."""
    cells: dict[str, list[Cell]] = defaultdict(list)
    for r in store.rows_where("resolve_cells", "name", names):
        data = json.loads(r["data"])
        if "votes" not in data:
            cells[r["name"]].append(Cell.from_json(data))
    votes = _load_votes(store, {c.name for cs in cells.values() for c in cs})
    out: dict[str, Group] = {}
    for cs in cells.values():
        for group in groups_of_name(cs, votes[cs[0].name]).values():
            out[group.id] = group
    return out


# -- 2, 3. groups and components -------------------------------------------------------------------

@dataclass
class Result:
    """The new state of the components resolved again, and what it replaces."""

    groups: dict[str, Group]  # every group of the components resolved again
    old_rows: list[dict]  # the stored rows of the groups they replace
    entity_of_group: dict[str, str] = field(default_factory=dict)
    component_of_group: dict[str, str] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    refiled: set[str] = field(default_factory=set)  # groups whose keys are rewritten (their names changed)
    retyped: set[str] = field(default_factory=set)  # names whose majority type changed

    def write(self, store: Store, conn, changed: Sequence[str]) -> None:
        _write(store, conn, self, changed)


def recompute(store: Store, names: set[str], decisions: Decisions, new_forms: set[str], report: Report) -> Result:
    """Resolve again the components the changed names and new decisions reach."""
    fresh = load_groups(store, names)
    old_rows = store.rows_where("resolve_groups", "name", names)
    sizes = _Sizes(store, old_rows, fresh)
    touched = {r["group_id"] for r in store.rows_where("resolve_keys", "key", ["F:" + f for f in new_forms])}
    touched |= _asking(store, sizes.changed)  # short forms whose buckets changed may choose otherwise
    comps = {r["component"] for r in old_rows} | _components_of(store, touched)
    comps |= _linked_components(store, fresh, decisions, {r["id"] for r in old_rows}, sizes)
    members = store.rows_where("resolve_groups", "component", comps)
    other_names = {r["name"] for r in members} - names
    wanted = {r["id"] for r in members}
    groups = {**{g: x for g, x in load_groups(store, other_names).items() if g in wanted}, **fresh}
    known = {r["id"]: r for r in members + old_rows}
    result = Result(groups, list(known.values()), refiled=set(fresh))
    ordered = sorted(groups.values(), key=lambda g: g.order)
    sizes.load({k for g in ordered for k in buckets(g) | {q for q, _ in short_form_queries(g)}})
    for comp in components(ordered, decisions, sizes.known):
        _resolve_component([ordered[i] for i in comp], decisions, sizes.known, result)
    report.groups, report.components, report.entities = len(ordered), len(set(result.component_of_group.values())), \
        len(result.entities)
    return result


class _Sizes:
    """How many groups each short-form bucket will hold once this run is written: the stored count,
    less the replaced groups filed there, plus the new groups of the changed names."""

    def __init__(self, store: Store, old_rows: list[dict], fresh: dict[str, Group]):
        self.store = store
        old_keys = store.rows_where("resolve_keys", "group_id", [r["id"] for r in old_rows])
        self.replaced = Counter(r["key"] for r in old_keys if r["key"][:3] in BUCKETS)
        self.added = Counter(k for g in fresh.values() for k in buckets(g))
        self.changed = {k for k in self.replaced.keys() | self.added.keys() if self.replaced[k] != self.added[k]}
        self.known: dict[str, int] = {}
        self.load({k for g in fresh.values() for k in buckets(g) | {q for q, _ in short_form_queries(g)}})

    def load(self, keys: set[str]) -> None:
        missing = keys - set(self.known)
        counts = self.store.count_where("resolve_keys", "key", missing)
        self.known.update({k: counts.get(k, 0) - self.replaced[k] + self.added[k] for k in missing})


BUCKETS = ("SN:", "FN:", "PT:")


def _asking(store: Store, changed_buckets: set[str]) -> set[str]:
    """Groups of the short forms that ask for any of these buckets."""
    return {r["group_id"] for r in store.rows_where("resolve_keys", "key", [ASKS + k for k in changed_buckets])}


def _components_of(store: Store, group_ids: Iterable[str]) -> set[str]:
    return {r["component"] for r in store.rows_where("resolve_groups", "id", group_ids)}


def _linked_components(store: Store, fresh: dict[str, Group], decisions: Decisions, replaced: set[str],
                       sizes: _Sizes) -> set[str]:
    """Components of stored groups that a changed group is linked to now."""
    wanted = {g: wanted_keys(x, decisions, sizes.known) for g, x in fresh.items()}
    holders: dict[str, list[str]] = defaultdict(list)
    for r in store.rows_where("resolve_keys", "key", {k for ks in wanted.values() for k in ks}):
        if r["group_id"] not in fresh and r["group_id"] not in replaced:
            holders[r["key"]].append(r["group_id"])
    rows = {r["id"]: r for r in store.rows_where("resolve_groups", "id", {g for hs in holders.values() for g in hs})}
    light = {g: Group.from_light(json.loads(r["data"])) for g, r in rows.items()}
    sizes.load({k for x in light.values() for k in buckets(x) | {q for q, _ in short_form_queries(x)}})
    comps: set[str] = set()
    for g, keys in wanted.items():
        for other in {h for k in keys for h in holders.get(k, ()) if h in rows}:
            if rows[other]["component"] not in comps and linked(fresh[g], light[other], decisions, sizes.known):
                comps.add(rows[other]["component"])
    return comps


def _resolve_component(groups: list[Group], decisions: Decisions, sizes: dict[str, int], result: Result) -> None:
    component = stable_id("cmp", min(g.id for g in groups), length=20)
    made = [(entity_of([groups[i] for i in members], merges, 0), [groups[i] for i in members])
            for members, merges in resolve_groups(groups, decisions, sizes)]
    for entity, members in unique_ids(made):
        result.entities.append(entity)
        for g in members:
            result.entity_of_group[g.id] = entity.id
            result.component_of_group[g.id] = component


# -- 4. writing ----------------------------------------------------------------------------------

def _write(store: Store, conn, result: Result, changed: Sequence[str]) -> None:
    """Groups, keys, mention refs, links and entities of the components resolved again."""
    old_entity = {r["id"]: r["entity_id"] for r in result.old_rows}
    store.delete_where(conn, "resolve_groups", "id", list(old_entity) + list(result.groups))
    store.insert_rows(conn, "resolve_groups", [
        {"id": g.id, "name": _row_name(g), "component": result.component_of_group[g.id],
         "entity_id": result.entity_of_group[g.id], "data": json.dumps(g.light())} for g in result.groups.values()])
    gone = [g for g in old_entity if g not in result.groups]
    store.delete_where(conn, "resolve_keys", "group_id", list(result.refiled) + gone)
    store.insert_rows(conn, "resolve_keys", [
        {"key": k, "group_id": g} for g in sorted(result.refiled) for k in sorted(filed_keys(result.groups[g]))])
    moves, split = _entity_moves(old_entity, result.entity_of_group)
    # a name's majority type changed: its chains in other articles may be in other groups now
    split |= {r["entity_id"] for r in result.old_rows if r["name"] in result.retyped}
    moves = {o: n for o, n in moves.items() if o not in split}
    remapped = _remap_split(store, split, set(changed), result.entity_of_group)
    store.move_refs(conn, "mention", moves)
    store.set_annotation_refs(conn, remapped)
    pairs = _refer_changed(store, conn, changed, result.entity_of_group)
    new_ids = {e.id for e in result.entities}
    rebuilt = (set(moves) | set(moves.values()) | split | set(remapped.values())) & new_ids
    store.unlink(conn, "entity", article_ids=changed, object_ids=rebuilt)
    store.delete_objects(conn, set(old_entity.values()) - new_ids)
    store.link_from_refs(conn, "entity", "mention", rebuilt)
    store.link(conn, "entity", [(e, a) for e, a in pairs if e not in rebuilt])
    counts = store.link_counts(conn, new_ids)
    store.put_objects(conn, "entity", STAGE, [
        e.model_copy(update={"attributes": {**e.attributes, "articles": counts.get(e.id, 0)}}) for e in result.entities])


def _row_name(group: Group) -> str:
    return f"{group.key[2]}\x1f{group.order[-1]}" if group.alone else group.key[2]


def _entity_moves(old_entity: dict[str, str], new_entity: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """Old entity -> new entity where all its groups went to one entity; the old entities that split."""
    targets: dict[str, set[str | None]] = defaultdict(set)
    for group, entity in old_entity.items():
        targets[entity].add(new_entity.get(group))
    moves = {old: next(iter(new)) for old, new in targets.items() if len(new) == 1 and None not in new}
    return {o: n for o, n in moves.items() if o != n}, {o for o, new in targets.items() if len(new) > 1 or None in new}


def _remap_split(store: Store, split: set[str], changed: set[str], entity_of_group: dict[str, str]
                 ) -> dict[str, str | None]:
    """Mention id -> its new entity, for the mentions (outside the changed articles) of entities that split."""
    refs = [(m, a) for m, a, _ in store.annotation_ids_by_ref("mention", split) if a not in changed]
    chains = {a: _unpack(v) for a, v in store.signatures_of(CHAINS, {a for _, a in refs}).items()}
    group_of = _group_ids(store, [c for cs in chains.values() for c in cs])
    entity_of_mention = {m: entity_of_group.get(group_of[id(c)]) for cs in chains.values() for c in cs
                         for m in c.mention_ids}
    return {m: entity_of_mention.get(m) for m, _ in refs}


def _group_ids(store: Store, chains: list[Chain]) -> dict[int, str]:
    """id(chain) -> the id of the group it falls in now."""
    votes = _load_votes(store, {c.key[2] for c in chains})
    out = {}
    for c in chains:
        key, _, _ = group_key(cell_of(c), retype_of(votes[c.key[2]]))
        out[id(c)] = stable_id("grp", *key, length=20)
    return out


def _refer_changed(store: Store, conn, changed: Sequence[str], entity_of_group: dict[str, str]
                   ) -> set[tuple[str, str]]:
    """Point the changed articles' mentions at their entities; the (entity, article) links they make."""
    pairs: set[tuple[str, str]] = set()
    for i in range(0, len(changed), BATCH):
        chains = [c for v in store.signatures_of(CHAINS, changed[i : i + BATCH]).values() for c in _unpack(v)]
        group_of = _group_ids(store, chains)
        refs = {}
        for c in chains:
            entity = entity_of_group[group_of[id(c)]]
            refs.update(dict.fromkeys(c.mention_ids, entity))
            pairs.add((entity, c.key[0]))
        store.set_annotation_refs(conn, refs)
    return pairs


# -- user decisions ----------------------------------------------------------------------------

def _decision_digests(store: Store) -> set[str]:
    return {hashlib.sha1(json.dumps([kind, d], sort_keys=True).encode()).hexdigest()
            for kind in ("merge", "split") for d in store.decisions(kind)}


def _new_decision_forms(store: Store) -> set[str]:
    """The name forms of decisions made since the stored entities were resolved."""
    applied = set(json.loads(store.get_meta(DECISIONS_META) or "[]"))
    fresh: set[str] = set()
    for kind in ("merge", "split"):
        for d in store.decisions(kind):
            if hashlib.sha1(json.dumps([kind, d], sort_keys=True).encode()).hexdigest() not in applied:
                new = Decisions.from_records([d] if kind == "merge" else [], [d] if kind == "split" else [])
                fresh |= new.forms()
    return fresh


def reset(store: Store) -> None:
    """Forget the resolution state and the entities: the next update starts from nothing."""
    with store.transaction() as conn:
        store.clear(conn, "resolve_cells", "resolve_groups", "resolve_keys")
        store.delete_signatures(conn, CHAINS)
        store.delete_kind(conn, "entity")
        store.set_meta(DECISIONS_META, "[]", conn)
