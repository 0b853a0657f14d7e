"""Cross-document entity resolution: per-article chains merged into corpus entities.

A chain is one entity as one article names it (its canonical in-article name and
all forms). Chains are blocked by a spelling-insensitive key, scored by name
similarity and shared context, and merged with union-find under constraints: user
decisions (merge / split) and cannot-links (different first names, different
countries for a generic organization label such as "Defense Ministry").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.ids import stable_id
from dossier.model import Entity, Mention
from dossier.nlp.gazetteer import fold
from dossier.resolve.names import first_names_compatible, name_similarity, phonetic, surname_similarity, tokens

MERGE_THRESHOLD = 0.88
FUZZY_NEEDS_CONTEXT = 0.97  # below this name similarity, merging needs shared context
GENERIC_ORG_WORDS = {
    "ministry", "government", "army", "parliament", "council", "court", "police", "military", "navy", "cabinet",
    "office", "committee", "agency", "service", "forces", "guard", "department", "embassy", "presidency",
}
FAMILY = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "NORP": "NORP", "MISC": "MISC"}


@dataclass
class Chain:
    key: tuple[str, str, str]  # article id, type family, folded canonical
    name: str
    type: str
    forms: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    mention_ids: list[str] = field(default_factory=list)
    context: set[str] = field(default_factory=set)

    @property
    def country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    @property
    def generic(self) -> bool:
        return self.type == "ORG" and bool(set(tokens(self.name)) & GENERIC_ORG_WORDS) and self.name[0].isupper() \
            and len(tokens(self.name)) <= 3


def chains_from_mentions(mentions: Iterable[Mention]) -> list[Chain]:
    chains: dict[tuple[str, str, str], Chain] = {}
    for m in mentions:
        family = FAMILY.get(m.type, m.type)
        name = m.canonical or m.text
        key = (m.article_id, family, fold(name))
        chain = chains.setdefault(key, Chain(key, name, m.type))
        chain.forms[m.text if m.kind == "name" else name] += 1
        if m.role:
            chain.roles[m.role] += 1
        if m.country:
            chain.countries[m.country] += 1
        chain.mention_ids.append(m.id)
    by_article: dict[str, set[str]] = defaultdict(set)
    for (article, family, folded) in chains:
        by_article[article].add(f"{family}:{folded}")
    for chain in chains.values():
        chain.context = by_article[chain.key[0]] - {f"{chain.key[1]}:{chain.key[2]}"}
    return list(chains.values())


def block_key(chain: Chain) -> str:
    if chain.type == "PERSON":
        return "P:" + phonetic(tokens(chain.name)[-1])[:5] if tokens(chain.name) else "P:"
    first = tokens(chain.name)[0] if tokens(chain.name) else ""
    return f"{chain.key[1]}:{phonetic(first)[:3]}"


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


def _has(chain: Chain, forms: set[str]) -> bool:
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

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)


def pair_score(a: Chain, b: Chain) -> float:
    """0..1 confidence that two chains are the same entity (0 where they cannot be)."""
    if a.key[1] != b.key[1]:
        return 0.0
    if a.type == "PERSON":
        if not first_names_compatible(a.name, b.name):
            return 0.0
        score = surname_similarity(a.name, b.name)
        if len(tokens(a.name)) == 1 or len(tokens(b.name)) == 1:
            score -= 0.02  # a bare surname is weaker evidence
    else:
        if a.generic or b.generic:
            if a.country != b.country or a.country is None:
                return 0.0  # Belarus's "Defense Ministry" is not Russia's
        score = max(name_similarity(x, y) for x in _names(a) for y in _names(b))
    if a.country and b.country and a.country != b.country and a.type == "PERSON":
        score -= 0.1
    if score < FUZZY_NEEDS_CONTEXT and not (a.context & b.context):
        return 0.0
    return max(0.0, min(1.0, score))


def _names(chain: Chain) -> set[str]:
    return {chain.name, *list(chain.forms)[:5]}


def resolve(chains: list[Chain], decisions: Decisions | None = None) -> list[tuple[Entity, list[Chain]]]:
    """Group chains into entities; each merge's score is kept on the entity for review."""
    decisions = decisions or Decisions()
    uf = _UnionFind(len(chains))
    merges: dict[int, list[dict]] = defaultdict(list)
    blocked: set[tuple[int, int]] = set()

    def allowed(ra: int, rb: int) -> bool:
        if (min(ra, rb), max(ra, rb)) in blocked:
            return False
        ca, cb = [chains[i] for i in uf.members[ra]], [chains[i] for i in uf.members[rb]]
        for out, rest in decisions.cannot:
            if (any(_has(c, out) for c in ca) and any(_has(c, rest) and not _has(c, out) for c in cb)) or \
               (any(_has(c, out) for c in cb) and any(_has(c, rest) and not _has(c, out) for c in ca)):
                return False
        return all(pair_score(x, y) > 0 or _must(x, y, decisions) for x in ca[:20] for y in cb[:20]) or \
            any(_must(x, y, decisions) for x in ca for y in cb)

    for i, j, score, reason in _candidate_pairs(chains, decisions):
        ra, rb = uf.find(i), uf.find(j)
        if ra == rb:
            continue
        if not allowed(ra, rb):
            blocked.add((min(ra, rb), max(ra, rb)))
            continue
        uf.union(ra, rb)
        root = uf.find(ra)
        merges[root] += merges.pop(ra if root != ra else rb, [])
        merges[root].append({"a": chains[i].name, "b": chains[j].name, "score": round(score, 3), "reason": reason})
    return [(_entity([chains[i] for i in members], merges.get(root, [])), [chains[i] for i in members])
            for root, members in uf.members.items()]


def _must(a: Chain, b: Chain, decisions: Decisions) -> bool:
    return any((_has(a, x) and _has(b, y)) or (_has(a, y) and _has(b, x)) for x, y in decisions.must)


def _candidate_pairs(chains: list[Chain], decisions: Decisions):
    """(i, j, score, reason), strongest first: user merges, then blocked name matches."""
    pairs = []
    for i, a in enumerate(chains if decisions.must else []):
        for j in range(i + 1, len(chains)):
            if _must(a, chains[j], decisions):
                pairs.append((i, j, 1.0, "user merge"))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(chains):
        blocks[block_key(c)].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                score = pair_score(chains[i], chains[j])
                if score >= MERGE_THRESHOLD:
                    same = fold(chains[i].name) == fold(chains[j].name)
                    pairs.append((i, j, score, "same name" if same else "similar name and shared context"))
    return sorted(pairs, key=lambda p: -p[2])


def _entity(chains: list[Chain], merges: list[dict]) -> Entity:
    forms: Counter = Counter()
    roles: Counter = Counter()
    countries: Counter = Counter()
    names: Counter = Counter()
    for c in chains:
        forms.update(c.forms)
        roles.update(c.roles)
        countries.update(c.countries)
        names[c.name] += sum(c.forms.values())
    canonical = max(names, key=lambda n: (len(tokens(n)) > 1, names[n], len(n), n))
    etype = Counter(c.type for c in chains).most_common(1)[0][0]
    country = countries.most_common(1)[0][0] if countries else None
    qualifier = country if etype == "ORG" and chains[0].generic else ""
    return Entity(
        id=stable_id("ent", FAMILY.get(etype, etype), fold(canonical), qualifier),
        name=canonical,
        type=etype,
        aliases=sorted(set(forms) | set(names)),
        roles=[r for r, _ in roles.most_common()],
        country=country,
        mention_count=sum(forms.values()),
        attributes={"articles": len({c.key[0] for c in chains}), "merges": merges},
    )
