"""Cross-document entity resolution: per-article chains merged into corpus entities.

A chain is one entity as one article names it (its canonical in-article name and
all forms). Resolution runs in passes over a union-find, each merge allowed only
under the constraints: user decisions (merge / split) and cannot-links (different
first names or gendered honorifics, different numbers, different countries for a
generic organization label such as "Defense Ministry").

1. user merges; 2. chains of the same name (one representative per name goes on,
so cost grows with distinct names, not articles); 3. representatives meeting in a
block (surname sound, first-word sound, acronym, gazetteer place) merge by name
similarity, fuzzy matches only with shared context; 4. short forms (a bare
surname or first name, "Saints" for "New Orleans Saints") join the one entity
whose full name they shorten, found through an index, or the one of several that
shares most context; otherwise they stay apart.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from dossier.ids import stable_id
from dossier.model import Entity, Mention
from dossier.nlp.gazetteer import fold, gazetteer
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
    genders: set[str] = field(default_factory=set)  # from honorifics: "Mr Jenkin" -> {"m"}

    @property
    def country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    @property
    def generic(self) -> bool:
        return self.type == "ORG" and bool(set(tokens(self.name)) & GENERIC_ORG_WORDS) and self.name[0].isupper() \
            and len(tokens(self.name)) <= 3


def majority_types(mentions: list[Mention]) -> dict[str, str]:
    """For names the NER typed inconsistently across articles ("Belta" ORG here, MISC there), the type
    most of its mentions got, where it clearly dominates."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if m.kind == "name":
            votes[fold(m.canonical or m.text)][m.type] += 1
    out = {}
    for name, counts in votes.items():
        (top, n), *rest = counts.most_common() + [(None, 0)]
        if len(counts) > 1 and top != "MISC" and n >= 2 * max(c for t, c in counts.items() if t != top):
            out[name] = top
    return out


def chains_from_mentions(mentions: Iterable[Mention]) -> list[Chain]:
    mentions = list(mentions)
    retype = majority_types(mentions)
    chains: dict[tuple[str, str, str], Chain] = {}
    for m in mentions:
        if m.kind == "name" and fold(m.canonical or m.text) in retype:
            m = m.model_copy(update={"type": retype[fold(m.canonical or m.text)]})
        family = FAMILY.get(m.type, m.type)
        name = m.canonical or m.text
        key = (m.article_id, family, fold(name))
        chain = chains.setdefault(key, Chain(key, name, m.type))
        chain.forms[m.text if m.kind == "name" else name] += 1
        if m.role:
            chain.roles[m.role] += 1
        if m.country:
            chain.countries[m.country] += 1
        if m.type == "PERSON" and m.kind == "name":
            chain.genders |= {gender(m.text, m.evidence.sentence)} - {None}
        chain.mention_ids.append(m.id)
    by_article: dict[str, set[str]] = defaultdict(set)
    for (article, family, folded) in chains:
        by_article[article].add(f"{family}:{folded}")
    for chain in chains.values():
        chain.context = by_article[chain.key[0]] - {f"{chain.key[1]}:{chain.key[2]}"}
    return list(chains.values())


def bare(chain: Chain) -> bool:
    """A person named by a surname or a given name only ("Lohan", "Lo Presti", "Lindsay"): which full
    name it stands for is decided last."""
    if chain.type != "PERSON":
        return False
    return not split_person(chain.name)[0]


def block_keys(chain: Chain) -> set[str]:
    """Keys under which a chain meets its candidates: a person's surname sound; an organization's or
    place's first-word sound and its acronyms (so "IE" meets "Internet Explorer"); the gazetteer place
    a place name stands for ("U.S." meets "United States")."""
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

    def union(self, a: int, b: int) -> int:
        """Join two sets, the smaller into the larger (ties: into a's); return the root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if len(self.members[ra]) < len(self.members[rb]):
                ra, rb = rb, ra
            self.parent[rb] = ra
            self.members[ra] += self.members.pop(rb)
        return ra


def compatible(a: Chain, b: Chain) -> bool:
    """Hard constraints (cannot-links): same type family, compatible first names, the same country for
    a generic organization label such as "Defense Ministry", the same numbers ("IE8" is not "IE9")."""
    if a.key[1] != b.key[1] or not numbers_agree(a.name, b.name):
        return False
    if a.type == "PERSON":
        return first_names_compatible(a.name, b.name) and not (a.genders and b.genders and a.genders != b.genders)
    if a.generic or b.generic:
        return a.country == b.country and a.country is not None  # Belarus's "Defense Ministry" is not Russia's
    return True


def known_place(chain: Chain) -> str | None:
    """The gazetteer place a place chain names ("America", "U.S." -> the United States), else None."""
    if chain.key[1] != "PLACE":
        return None
    return next(filter(None, (_gazetteer_place(fold(n)) for n in _names(chain))), None)


@lru_cache(maxsize=100_000)
def _gazetteer_place(folded: str) -> str | None:
    place = gazetteer().place(folded)
    return f"{place.kind}:{place.country}:{place.name}" if place else None


def pair_score(a: Chain, b: Chain, context_a: set[str] | None = None, context_b: set[str] | None = None) -> float:
    """0..1 confidence that two chains are the same entity (0 where they cannot be); a fuzzy name match
    needs shared context: the chains' own, or the given contexts of the entities they belong to."""
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
    if score < FUZZY_NEEDS_CONTEXT and not ((a.context if context_a is None else context_a) &
                                            (b.context if context_b is None else context_b)):
        return 0.0
    return max(0.0, min(1.0, score))


def _names(chain: Chain) -> list[str]:
    """The chain's name and its commonest forms, in a fixed order."""
    forms = sorted(chain.forms, key=lambda f: (-chain.forms[f], f))[:5]
    return list(dict.fromkeys([chain.name, *forms]))


def resolve(chains: list[Chain], decisions: Decisions | None = None) -> list[tuple[Entity, list[Chain]]]:
    """Group chains into entities (the passes of the module docstring); each merge's score and reason
    are kept on the entity for review."""
    run = _Run(chains, decisions or Decisions())
    _user_merges(run)
    reps = _same_names(run)
    contexts = {i: run.context(run.uf.find(i)) for i in reps}
    for i, j, score, reason in _candidate_pairs(chains, reps, contexts):
        run.merge(i, j, score, reason)
    for i, candidates, reason in _short_forms(chains, reps):
        target = run.choose(i, candidates)
        if target is not None:
            run.merge(i, target, 0.9, reason)
    return [(_entity([chains[i] for i in members], run.merges.get(root, [])), [chains[i] for i in members])
            for root, members in run.uf.members.items()]


def _user_merges(run: _Run) -> None:
    """Chains that carry the forms of a user's merge decision become one entity, whatever their names."""
    by_form: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(run.chains if run.decisions.must else []):
        for form in {fold(c.name), *map(fold, c.forms)}:
            by_form[form].append(i)
    for a, b in run.decisions.must:
        side_a = sorted({i for f in a for i in by_form.get(f, [])})
        side_b = sorted({i for f in b for i in by_form.get(f, [])})
        if side_a and side_b:
            for i in side_a + side_b:
                run.merge(side_a[0], i, 1.0, "user merge", forced=True)


def _same_names(run: _Run) -> list[int]:
    """Merge chains with one name (one country, for people and generic labels); return one chain per
    name, so that pairwise scoring grows with the number of distinct names, not of articles."""
    reps: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(run.chains):
        country = c.country if c.type == "PERSON" or c.generic else None
        group = reps[(c.key[1], c.key[2], country)]
        if not any(run.merge(r, i, 1.0, "same name") for r in group):
            group.append(i)
    return [i for group in reps.values() for i in group]


class _Run:
    """Union-find over chains that merges only where constraints and user decisions allow."""

    def __init__(self, chains: list[Chain], decisions: Decisions):
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
        """Merge the entities of chains i and j where allowed; whether they are one entity now."""
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


def _short_forms(chains: list[Chain], reps: list[int]):
    """(short chain, chains whose fuller name it may stand for, reason), found through indexes, not pairs."""
    surnames, firsts, parts = defaultdict(list), defaultdict(list), defaultdict(list)
    for j in reps:
        c = chains[j]
        if c.type == "PERSON" and not bare(c):
            toks = person_tokens(c.name)
            surnames["P:" + phonetic(toks[-1])[:5]].append(j)
            firsts[phonetic(toks[0])].append(j)
        elif c.type != "PERSON":  # where a longer name may be shortened to a part
            for part in _name_parts(core_tokens(c.name)):
                parts[(c.key[1], part)].append(j)
    for i in reps:
        c = chains[i]
        if bare(c):
            found = [j for j in surnames[next(iter(block_keys(c)))]
                     if surname_similarity(c.name, chains[j].name) >= MERGE_THRESHOLD and compatible(c, chains[j])]
            if found:
                yield i, found, "surname of a full name"
            elif len(person_tokens(c.name)) == 1:  # "Lindsay" for Lindsay Lohan, where no full name ends so
                found = [j for j in firsts[phonetic(person_tokens(c.name)[0])] if compatible(c, chains[j])]
                yield i, found, "first name of a full name"
        elif c.type not in {"PERSON", "GPE"}:  # a known place is a whole name: "Paris" is not "Paris Store"
            found = [j for j in parts[(c.key[1], " ".join(core_tokens(c.name)))] if j != i and compatible(c, chains[j])]
            yield i, found, "part of a longer name"


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


def _sides(chain: Chain, decisions: Decisions) -> set[tuple[int, str]]:
    """Which side of each user split a chain is on: the forms split out, or the rest."""
    sides = set()
    for d, (out, rest) in enumerate(decisions.cannot):
        if _has(chain, out):
            sides.add((d, "out"))
        elif _has(chain, rest):
            sides.add((d, "rest"))
    return sides


def _candidate_pairs(chains: list[Chain], reps: list[int], contexts: dict[int, set[str]]):
    """(i, j, score, reason) among chains of distinct names meeting in a block, strongest first (bare names
    wait); ``contexts``: each one's context with that of every chain of its name."""
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
