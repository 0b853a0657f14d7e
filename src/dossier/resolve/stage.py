"""The resolve stage: corpus entities from all articles' mentions, respecting user decisions."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.errors import NotFound
from dossier.ids import stable_id
from dossier.model import Entity, Mention
from dossier.pipeline import Stage, register
from dossier.resolve.cluster import Decisions, chains_from_mentions, resolve
from dossier.store import Store


def current_decisions(store: Store) -> Decisions:
    return Decisions.from_records(store.decisions("merge"), store.decisions("split"))


@register
class ResolveStage(Stage):
    name = "resolve"
    version = "1"
    requires = ("entities",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        resolve_all(store)


def resolve_all(store: Store) -> list[Entity]:
    mentions = store.annotations("mention", Mention)
    chains = chains_from_mentions(mentions)
    groups = resolve(chains, current_decisions(store))
    entities, links, refs = [], {}, {}
    for entity, members in _unique_ids(groups):
        entities.append(entity)
        links[entity.id] = [c.key[0] for c in members]
        for c in members:
            for mid in c.mention_ids:
                refs[mid] = entity.id
    with store.transaction() as conn:
        store.replace_objects(conn, "entity", ResolveStage.name, entities, links=links)
        store.set_annotation_refs(conn, refs)
    return entities


def _unique_ids(groups):
    """Two entities can share a name and type (they were kept apart): tell their ids apart, stably."""
    seen: set[str] = set()
    for entity, members in sorted(groups, key=lambda g: (-g[0].mention_count, min(c.key for c in g[1]))):
        if entity.id in seen:
            first = min(c.key for c in members)
            entity = entity.model_copy(update={"id": stable_id("ent", entity.id, *first)})
        seen.add(entity.id)
        yield entity, members


def find_entity(store: Store, name_or_id: str) -> Entity:
    """An entity by id (prefix) or by name or alias (case-insensitive)."""
    if name_or_id.startswith("ent_"):
        return store.get_object("entity", name_or_id, Entity)
    matches = store.objects("entity", Entity, name=name_or_id)
    exact = [e for e in matches if name_or_id.lower() in {a.lower() for a in e.aliases} | {e.name.lower()}]
    found = exact or matches
    if not found:
        raise NotFound(f"no entity named {name_or_id!r}: list entities with 'dossier entities'")
    return found[0]


def merge_entities(store: Store, a: str, b: str) -> None:
    """Record that two entities are one; every later run respects it."""
    ea, eb = find_entity(store, a), find_entity(store, b)
    store.add_decision("merge", {"forms_a": ea.aliases + [ea.name], "forms_b": eb.aliases + [eb.name]})
    resolve_all(store)


def split_entity(store: Store, entity: str, forms: list[str]) -> None:
    """Record that the given name forms are a different entity from the rest of ``entity``."""
    e = find_entity(store, entity)
    out = {f.lower() for f in forms}
    unknown = out - {a.lower() for a in e.aliases}
    if unknown:
        raise NotFound(f"{e.name} has no name form {sorted(unknown)!r}; its forms are {e.aliases}")
    rest = [a for a in e.aliases if a.lower() not in out]
    store.add_decision("split", {"forms_out": forms, "forms_rest": rest})
    resolve_all(store)
