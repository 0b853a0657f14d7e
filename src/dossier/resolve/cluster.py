"""Cross-document entity resolution: per-article chains merged into corpus entities.

A chain is one entity as one article names it (its canonical in-article name and
all forms). Chains of one name are summed into groups (``cells``): resolution
compares distinct names, so its cost grows with them, not with articles. It runs
in passes over a union-find of groups, each merge allowed only under the
constraints: user decisions (merge / split) and cannot-links (different first
names or gendered honorifics, different numbers, different countries for a
generic organization label such as "Defense Ministry").

1. user merges; 2. groups of the same name (one representative per name goes
on); 3. representatives meeting in a block (surname sound, first-word sound,
acronym, gazetteer place) merge by name similarity, fuzzy matches only with
shared context; 4. short forms (a bare surname or first name, "Saints" for "New
Orleans Saints") join the one entity whose full name they shorten, found through
an index, or the one of several that shares most context; otherwise they stay apart.

Groups only ever merge along ``linked`` pairs, so the passes run per connected
component of that relation with the same result as over the whole corpus: an
incremental run (``resolve/state.py``) redoes only the components new articles touch.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from dossier.ids import stable_id
from dossier.model import Entity, Mention
from dossier.nlp.gazetteer import fold, gazetteer
from dossier.resolve.cells import FAMILY, Cell, Group, cell_of, groups_of_name, ranked, top
from dossier.resolve.names import (
    acronym_form,
    acronyms,
    core_tokens,
    first_names_compatible,
    gender,
    name_similarity,
    numbers_agree,
    person_tokens,
    phonetic,
    split_person,
    surname_similarity,
    tokens,
)

MERGE_THRESHOLD = 0.88
FUZZY_NEEDS_CONTEXT = 0.97  # below this name similarity, merging needs shared context
GENERIC_ORG_WORDS = {
    "ministry", "government", "army", "parliament", "council", "court", "police", "military", "navy", "cabinet",
    "office", "committee", "agency", "service", "forces", "guard", "department", "embassy", "presidency",
}


@dataclass
class Chain:
    key: tuple[str, str, str]  # article id, type family, folded canonical
    name: str
    type: str
    forms: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    mention_ids: list[str] = field(default_factory=list)
    context: set[str] = field(default_factory=set)  # the other names of its article (folded)
    genders: set[str] = field(default_factory=set)  # from honorifics: "Mr Jenkin" -> {"m"}
    votes: Counter = field(default_factory=Counter)  # the types the tagger gave its names

    @property
    def country(self) -> str | None:
        return top(self.countries)

    @property
    def generic_name(self) -> bool:
        """A label such as "Defense Ministry" that many organizations share."""
        return bool(set(tokens(self.name)) & GENERIC_ORG_WORDS) and self.name[:1].isupper() \
            and len(tokens(self.name)) <= 3

    def to_json(self) -> dict:
        return {"key": list(self.key), "name": self.name, "type": self.type, "forms": dict(self.forms),
                "roles": dict(self.roles), "countries": dict(self.countries), "mentions": self.mention_ids,
                "context": sorted(self.context), "genders": sorted(self.genders), "votes": dict(self.votes)}

    @classmethod
    def from_json(cls, d: dict) -> Chain:
        return cls(tuple(d["key"]), d["name"], d["type"], Counter(d["forms"]), Counter(d["roles"]),
                   Counter(d["countries"]), d["mentions"], set(d["context"]), set(d["genders"]), Counter(d["votes"]))


def chains_from_mentions(mentions: Iterable[Mention]) -> list[Chain]:
    """The chains of the mentions' articles, each article's in the order its names first appear."""
    chains: dict[tuple[str, str, str], Chain] = {}
    for m in mentions:
        family = FAMILY.get(m.type, m.type)
        name = m.canonical or m.text
        key = (m.article_id, family, fold(name))
        chain = chains.setdefault(key, Chain(key, name, m.type))
        chain.forms[m.text if m.kind == "name" else name] += 1
        if m.kind == "name":
            chain.votes[m.type] += 1
        if m.role:
            chain.roles[m.role] += 1
        if m.country:
            chain.countries[m.country] += 1
        if m.type == "PERSON" and m.kind == "name":
            chain.genders |= {gender(m.text, m.evidence.sentence)} - {None}
        chain.mention_ids.append(m.id)
    by_article: dict[str, set[str]] = defaultdict(set)
    for (article, _family, folded) in chains:
        by_article[article].add(folded)
    for chain in chains.values():
        chain.context = by_article[chain.key[0]] - {chain.key[2]}
    return list(chains.values())


def bare(chain) -> bool:
    """A person named by a surname or a given name only ("Lohan", "Lo Presti", "Lindsay"): which full
    name it stands for is decided last."""
    return chain.type == "PERSON" and not split_person(chain.name)[0]


def memo(obj, name: str, compute):
    """``compute()`` once per object: a group's keys and names are asked for by every pair it is in."""
    cache = obj.__dict__.setdefault("_memo", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def block_keys(chain) -> set[str]:
    """Keys under which a chain meets its candidates: a person's surname sound; an organization's or
    place's first-word sound and its acronyms (so "IE" meets "Internet Explorer"); the gazetteer place
    a place name stands for ("U.S." meets "United States")."""
    return memo(chain, "block_keys", lambda: _block_keys(chain))


def _block_keys(chain) -> set[str]:
    if chain.type == "PERSON":
        toks = person_tokens(chain.name)
        return {"P:" + (phonetic(toks[-1])[:5] if toks else "")}
    family, toks = chain.key[1], core_tokens(chain.name)
    keys = {f"{family}:{phonetic(toks[0])[:3] if toks else ''}"}
    if known_place(chain):
        keys.add(f"{family}:G:{known_place(chain)}")
    keys |= {f"{family}:A:{a}" for a in acronyms(chain.name)}
    form = acronym_form(chain.name)
    if form:  # "THR" may drop the "The" of "The Hollywood Reporter"
        keys |= {f"{family}:A:{form}", f"{family}:A:{form[1:]}"} if form[0] == "t" else {f"{family}:A:{form}"}
    return keys


@dataclass
class Decisions:
    """User decisions as constraints: must-link and cannot-link between name forms."""

    must: list[tuple[set[str], set[str]]] = field(default_factory=list)
    cannot: list[tuple[set[str], set[str]]] = field(default_factory=list)

    @classmethod
    def from_records(cls, merges: list[dict], splits: list[dict]) -> Decisions:
        fold_all = lambda forms: {fold(f) for f in forms}  # noqa: E731
        return cls(must=[(fold_all(d["forms_a"]), fold_all(d["forms_b"])) for d in merges],
                   cannot=[(fold_all(d["forms_out"]), fold_all(d["forms_rest"])) for d in splits])

    def forms(self) -> set[str]:
        """Every name form a decision is about."""
        return {f for a, b in self.must + self.cannot for f in a | b}


def forms_of(group) -> set[str]:
    """A group's name and forms, folded: what user decisions are matched against."""
    return memo(group, "forms_of", lambda: {fold(group.name), *map(fold, group.forms)})


def _has(chain, forms: set[str]) -> bool:
    return fold(chain.name) in forms or any(fold(f) in forms for f in chain.forms)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        """Join two sets, the smaller into the larger (ties: into a's); return the root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if len(self.members[ra]) < len(self.members[rb]):
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)
        return ra


def compatible(a, b) -> bool:
    """Hard constraints (cannot-links): same type family, compatible first names, the same country for
    a generic organization label such as "Defense Ministry", the same numbers ("IE8" is not "IE9")."""
    if a.key[1] != b.key[1] or not numbers_agree(a.name, b.name):
        return False
    if a.type == "PERSON":
        return first_names_compatible(a.name, b.name) and not (a.genders and b.genders and a.genders != b.genders)
    if a.generic or b.generic:
        return a.country == b.country and a.country is not None  # Belarus's "Defense Ministry" is not Russia's
    return True


def known_place(chain) -> str | None:
    """The gazetteer place a place chain names ("America", "U.S." -> the United States), else None."""
    if chain.key[1] != "PLACE":
        return None
    return memo(chain, "known_place", lambda: next(filter(None, (_gazetteer_place(fold(n)) for n in _names(chain))),
                                                   None))


@lru_cache(maxsize=100_000)
def _gazetteer_place(folded: str) -> str | None:
    place = gazetteer().place(folded)
    return f"{place.kind}:{place.country}:{place.name}" if place else None


def name_score(a, b) -> float:
    """0..1 confidence from names, types and countries alone (0 where the two cannot be one)."""
    return memo(a, ("score", b.key), lambda: _name_score(a, b))


def _name_score(a, b) -> float:
    if not compatible(a, b):
        return 0.0
    if a.type == "PERSON":
        score = surname_similarity(a.name, b.name)
        if bare(a) or bare(b):
            score -= 0.02  # a bare surname is weaker evidence
        if a.country and b.country and a.country != b.country:
            score -= 0.1
    elif known_place(a) and known_place(a) == known_place(b):
        score = 1.0  # one place under two names: "U.S." / "United States"
    elif a.key[1] == "NORP" and a.country and a.country == b.country:
        score = 0.98  # "Russian" / "Russians": one nationality
    else:
        score = max(name_similarity(x, y) for x in _names(a) for y in _names(b))
    return max(0.0, min(1.0, score))


def pair_score(a, b, context_a: set[str] | None = None, context_b: set[str] | None = None) -> float:
    """0..1 confidence that two chains are the same entity (0 where they cannot be); a fuzzy name match
    needs shared context: the chains' own, or the given contexts of the entities they belong to."""
    score = name_score(a, b)
    if score < FUZZY_NEEDS_CONTEXT and not ((a.context if context_a is None else context_a) &
                                            (b.context if context_b is None else context_b)):
        return 0.0
    return score


def _names(chain) -> list[str]:
    """The chain's name and its commonest forms, in a fixed order."""
    return memo(chain, "names", lambda: list(dict.fromkeys([chain.name, *ranked(chain.forms)[:5]])))


# -- the passes, over the groups of one component (or of everything) ---------------------------

def resolve_groups(groups: Sequence[Group], decisions: Decisions | None = None,
                   sizes: dict[str, int] | None = None) -> list[tuple[list[int], list[dict]]]:
    """Group indexes of each entity (the passes of the module docstring), with the merges that made it.
    ``groups`` must come in their ``order``: ties between equal scores go by it. ``sizes``: how many
    groups of the whole corpus are filed under each short-form bucket (default: these groups)."""
    run = _Run(groups, decisions or Decisions())
    _user_merges(run)
    reps = _same_names(run)
    contexts = {i: run.context(run.uf.find(i)) for i in reps}
    for i, j, score, reason in _candidate_pairs(groups, reps, contexts):
        run.merge(i, j, score, reason)
    for i, candidates, reason in _short_forms(groups, reps, bucket_sizes(groups) if sizes is None else sizes):
        target = run.choose(i, candidates)
        if target is not None:
            run.merge(i, target, 0.9, reason)
    return [(members, run.merges.get(root, [])) for root, members in run.uf.members.items()]


def _user_merges(run: _Run) -> None:
    """Groups that carry the forms of a user's merge decision become one entity, whatever their names."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(run.chains if run.decisions.must else []):
        for form in forms_of(g):
            by_form[form].append(i)
    for a, b in run.decisions.must:
        side_a = sorted({i for f in a for i in by_form.get(f, [])})
        side_b = sorted({i for f in b for i in by_form.get(f, [])})
        if side_a and side_b:
            for i in side_a + side_b:
                run.merge(side_a[0], i, 1.0, "user merge", forced=True)


def _same_names(run: _Run) -> list[int]:
    """Merge groups of one name (one country, for people and generic labels) where they may be one;
    return one group per name and gender that goes on to the next passes. A generic label with no
    country stays alone."""
    reps: dict[tuple, list[int]] = defaultdict(list)
    for i, g in enumerate(run.chains):
        if g.alone:
            continue
        bucket = reps[(g.key[1], g.key[2], g.fixed_country)]
        if not any(run.merge(r, i, 1.0, "same name") for r in bucket):
            bucket.append(i)
    return [i for bucket in reps.values() for i in bucket]


class _Run:
    """Union-find over groups that merges only where constraints and user decisions allow."""

    def __init__(self, chains: Sequence[Group], decisions: Decisions):
        self.chains, self.decisions = chains, decisions
        self.uf = _UnionFind(len(chains))
        self.merges: dict[int, list[dict]] = defaultdict(list)
        self.blocked: set[tuple[int, int]] = set()
        # per entity, which sides of each user split it holds: (decision, "out") or (decision, "rest")
        self.sides: dict[int, set[tuple[int, str]]] = {i: _sides(c, decisions) for i, c in enumerate(chains)}

    def allowed(self, ra: int, rb: int, forced: bool = False) -> bool:
        """No user split between the two entities, and (unless a user merge forces it) no cannot-link."""
        if (min(ra, rb), max(ra, rb)) in self.blocked:
            return False
        sa, sb = self.sides[ra], self.sides[rb]
        if any((d, "out") in sa and (d, "rest") in sb or (d, "out") in sb and (d, "rest") in sa for d, _ in sa):
            return False
        ca, cb = self.uf.members[ra][:20], self.uf.members[rb][:20]
        return forced or all(compatible(self.chains[x], self.chains[y]) for x in ca for y in cb)

    def merge(self, i: int, j: int, score: float, reason: str, forced: bool = False) -> bool:
        """Merge the entities of groups i and j where allowed; whether they are one entity now."""
        ra, rb = self.uf.find(i), self.uf.find(j)
        if ra == rb:
            return True
        if not self.allowed(ra, rb, forced):
            self.blocked.add((min(ra, rb), max(ra, rb)))
            return False
        root = self.uf.union(ra, rb)
        other = rb if root == ra else ra
        self.sides[root] |= self.sides.pop(other)
        self.merges[root] += self.merges.pop(other, [])
        self.merges[root].append({"a": self.chains[i].name, "b": self.chains[j].name, "score": round(score, 3),
                                  "reason": reason})
        return True

    def choose(self, i: int, candidates: list[int]) -> int | None:
        """The one candidate entity a short form joins: the only one, or the one sharing most context."""
        own = self.uf.find(i)
        roots = {self.uf.find(j): j for j in candidates}
        if own in roots:
            return None
        roots = {r: j for r, j in roots.items() if self.allowed(own, r)}
        if not roots:
            return None
        if len(roots) == 1:
            return next(iter(roots.values()))
        context = self.context(own)
        overlap = sorted(((len(context & self.context(r)), j) for r, j in roots.items()), reverse=True)
        return overlap[0][1] if overlap[0][0] > overlap[1][0] else None

    def context(self, root: int) -> set[str]:
        return set().union(*(self.chains[i].context for i in self.uf.members[root]))


def _short_forms(chains: Sequence[Group], reps: list[int], sizes: dict[str, int]):
    """(short group, groups whose fuller name it may stand for, reason), found through indexes, not pairs;
    longer short forms first, so a shorter one sees the entities they joined. A short form shared by more
    than a few full names across the corpus ("Smith", "John") stays apart: its context cannot tell them."""
    index: dict[str, list[int]] = defaultdict(list)
    for j in reps:
        for key in buckets(chains[j]):
            index[key].append(j)
    for i in sorted(reps, key=lambda r: -len(tokens(chains[r].name))):  # "Red Sox" finds its team before "Boston"
        c = chains[i]
        for key, reason in short_form_queries(c):
            if sizes.get(key, 0) > SHORT_FORM_CANDIDATES:
                break
            found = [j for j in index[key] if j != i and short_form_candidate(c, chains[j], key)]
            if found or not key.startswith("SN:"):
                yield i, found, reason
                break


SHORT_FORM_CANDIDATES = 5  # a short form chooses among at most this many full names


def buckets(group) -> set[str]:
    """The short-form buckets a full name is filed in: its surname and first name (people), the leading
    and trailing parts of its name (organizations, places)."""
    return memo(group, "buckets", lambda: _buckets(group))


def _buckets(group) -> set[str]:
    if group.alone:
        return set()
    if group.type == "PERSON":
        return set() if bare(group) else {"SN:" + surname_key(group), "FN:" + first_name_key(group)}
    return {f"PT:{group.key[1]}:{p}" for p in name_parts(group)}


def short_form_queries(group) -> list[tuple[str, str]]:
    """The buckets a short form looks for its full name in, in order, with the reason of a merge."""
    return memo(group, "queries", lambda: _short_form_queries(group))


def _short_form_queries(group) -> list[tuple[str, str]]:
    if group.alone:
        return []
    if bare(group):  # "Lindsay" for Lindsay Lohan, where no full name ends so
        first = [("FN:" + first_name_key(group), "first name of a full name")] if single_name(group) else []
        return [("SN:" + surname_key(group), "surname of a full name"), *first]
    if group.type in ("PERSON", "GPE"):  # a known place is a whole name: "Paris" is not "Paris Store"
        return []
    return [("PT:{}:{}".format(*part_key(group)), "part of a longer name")]


def short_form_candidate(short, full, key: str) -> bool:
    """Whether ``full`` (filed under the bucket ``key``) may be what ``short`` stands for."""
    if key.startswith("SN:"):
        return surname_candidate(short, full)
    return compatible(short, full)


def bucket_sizes(groups: Iterable) -> dict[str, int]:
    """How many of the groups are filed under each short-form bucket."""
    return Counter(key for g in groups for key in buckets(g))


def single_name(group) -> bool:
    """A person named by one word ("Lindsay")."""
    return bare(group) and len(person_tokens(group.name)) == 1


def surname_key(person) -> str:
    """A person's block: the sound of the surname."""
    return next(iter(block_keys(person)))


def first_name_key(person) -> str:
    return phonetic(person_tokens(person.name)[0])


def part_key(group) -> tuple[str, str]:
    return (group.key[1], " ".join(core_tokens(group.name)))


def surname_candidate(short, full) -> bool:
    return surname_similarity(short.name, full.name) >= MERGE_THRESHOLD and compatible(short, full)


def name_parts(group) -> set[str]:
    return memo(group, "parts", lambda: _name_parts(core_tokens(group.name)) if group.type != "PERSON" else set())


def _name_parts(toks: list[str]) -> set[str]:
    """Leading and trailing word groups a name may be shortened to ("new orleans saints" -> "new orleans",
    "saints", ...; "academy of motion picture arts" -> "academy"), never cut beside a conjunction or an
    article: "Europe and the Middle East" lists two places and names neither."""
    out = set()
    for k in range(1, len(toks)):
        if toks[k - 1] not in _NO_CUT_AFTER and toks[k] not in _NO_CUT_BEFORE:
            out |= {" ".join(toks[:k]), " ".join(toks[k:])}
    return {p for p in out if any(len(t) > 2 and t not in _NO_CUT_AFTER for t in p.split())}


_NO_CUT_BEFORE = {"and", "&", "or", "the"}
_NO_CUT_AFTER = _NO_CUT_BEFORE | {"of", "for", "de", "la", "du", "del"}


def _sides(chain, decisions: Decisions) -> set[tuple[int, str]]:
    """Which side of each user split a group is on: the forms split out, or the rest."""
    sides = set()
    for d, (out, rest) in enumerate(decisions.cannot):
        if _has(chain, out):
            sides.add((d, "out"))
        elif _has(chain, rest):
            sides.add((d, "rest"))
    return sides


def _candidate_pairs(chains: Sequence[Group], reps: list[int], contexts: dict[int, set[str]]):
    """(i, j, score, reason) among groups of distinct names meeting in a block, strongest first (bare names
    wait); ``contexts``: each one's context with that of every group of its name."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in reps:
        for key in sorted(block_keys(chains[i])):
            blocks[key].append(i)
    pairs, seen = [], set()
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) in seen or bare(chains[i]) != bare(chains[j]):
                    continue
                seen.add((i, j))
                score = pair_score(chains[i], chains[j], contexts[i], contexts[j])
                if score >= MERGE_THRESHOLD:
                    same = fold(chains[i].name) == fold(chains[j].name)
                    pairs.append((i, j, score, "same name" if same else "similar name and shared context"))
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


# -- entities ----------------------------------------------------------------------------------

def entity_of(groups: Sequence[Group], merges: list[dict], articles: int) -> Entity:
    """The entity of some groups: its canonical name is the fullest, commonest of their names."""
    forms: Counter = Counter()
    roles: Counter = Counter()
    countries: Counter = Counter()
    names: Counter = Counter()
    types: Counter = Counter()
    for g in groups:
        forms.update(g.forms)
        roles.update(g.roles)
        countries.update(g.countries)
        names.update(g.names)
        types.update(g.types)
    canonical = max(names, key=lambda n: (len(tokens(n)) > 1, names[n], len(n), n))
    etype = top(types)
    country = top(countries)
    qualifier = country if etype == "ORG" and groups[0].generic else ""
    return Entity(
        id=stable_id("ent", FAMILY.get(etype, etype), fold(canonical), qualifier),
        name=canonical,
        type=etype,
        aliases=sorted(set(forms) | set(names)),
        roles=ranked(roles),
        country=country,
        mention_count=sum(forms.values()),
        attributes={"articles": articles, "merges": merges},
    )


def unique_ids(entities: list[tuple[Entity, list[Group]]]) -> list[tuple[Entity, list[Group]]]:
    """Two entities can share a name and type (they were kept apart): tell their ids apart, stably.
    The groups of one name are always resolved together, so this sees every entity that could clash,
    except a generic label without a country ("Police" in one article), which gets its own id."""
    seen: set[str] = set()
    out = []
    for entity, members in sorted(entities, key=lambda e: (-e[0].mention_count, min(g.order for g in e[1]))):
        if len(members) == 1 and members[0].alone:
            entity = entity.model_copy(update={"id": stable_id("ent", entity.id, members[0].id)})
        elif entity.id in seen:
            first = min(g.order for g in members)
            entity = entity.model_copy(update={"id": stable_id("ent", entity.id, *first)})
        seen.add(entity.id)
        out.append((entity, members))
    return out


# -- in memory: chains in, entities out ----------------------------------------------------------

def group_chains(chains: Sequence[Chain]) -> tuple[list[Group], list[int]]:
    """The groups of the chains (in their order) and, per chain, the index of its group."""
    cells: dict[str, Cell] = {}
    by_name: dict[str, set[str]] = defaultdict(set)
    votes: dict[str, Counter] = defaultdict(Counter)
    for chain in chains:
        cell = cell_of(chain)
        cells.setdefault(cell.id, cell).add(chain)
        by_name[cell.name].add(cell.id)
        votes[cell.name].update(chain.votes)
    group_of_cell: dict[str, Group] = {}
    for name, ids in by_name.items():
        for group in groups_of_name([cells[i] for i in ids], votes[name]).values():
            group_of_cell.update(dict.fromkeys(group.cells, group))
    groups = sorted({g.id: g for g in group_of_cell.values()}.values(), key=lambda g: g.order)
    index = {g.id: i for i, g in enumerate(groups)}
    return groups, [index[group_of_cell[cell_of(c).id].id] for c in chains]


def resolve(chains: list[Chain], decisions: Decisions | None = None) -> list[tuple[Entity, list[Chain]]]:
    """Group chains into entities; each merge's score and reason are kept on the entity for review.
    Entities kept apart may share an id here (the stage tells them apart with ``unique_ids``)."""
    groups, where = group_chains(chains)
    chains_of: dict[int, list[Chain]] = defaultdict(list)
    for chain, g in zip(chains, where):
        chains_of[g].append(chain)
    index = {g.id: i for i, g in enumerate(groups)}
    made = []
    for members, merges in resolve_groups(groups, decisions):
        articles = len({c.key[0] for i in members for c in chains_of[i]})
        made.append((entity_of([groups[i] for i in members], merges, articles), [groups[i] for i in members]))
    return [(entity, [c for g in members for c in chains_of[index[g.id]]]) for entity, members in made]
