"""The resolve stage: corpus entities from all articles' mentions, respecting user decisions.

Incremental (``resolve/state.py``): a run reads the mentions of the changed articles
only, and rewrites the entities of the components they reach.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.errors import NotFound
from dossier.model import Entity
from dossier.pipeline import Stage, register
from dossier.resolve import state
from dossier.resolve.cluster import Decisions
from dossier.store import Store
from dossier.stories.pages import drop_pages_of_articles


def current_decisions(store: Store) -> Decisions:
    return Decisions.from_records(store.decisions("merge"), store.decisions("split"))


@register
class ResolveStage(Stage):
    name = "resolve"
    version = "2"
    requires = ("entities",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        if store.count("signatures", kind=state.CHAINS) == 0:
            state.reset(store)  # entities of a store resolved before the state was kept: start afresh
        state.update(store, changed, current_decisions(store))


def resolve_all(store: Store) -> state.Report:
    """Resolve every article again from nothing: what any sequence of incremental runs must equal."""
    state.reset(store)
    return state.update(store, store.article_ids(), current_decisions(store))


def resolve_decisions(store: Store) -> state.Report:
    """Apply the user decisions made since the last run (only the components they reach)."""
    return state.update(store, [], current_decisions(store))


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
    mentioned = store.linked_article_ids([ea.id, eb.id])
    store.add_decision("merge", {"forms_a": ea.aliases + [ea.name], "forms_b": eb.aliases + [eb.name]})
    resolve_decisions(store)
    drop_pages_of_articles(store, mentioned)


def split_entity(store: Store, entity: str, forms: list[str]) -> None:
    """Record that the given name forms are a different entity from the rest of ``entity``."""
    e = find_entity(store, entity)
    out = {f.lower() for f in forms}
    unknown = out - {a.lower() for a in e.aliases}
    if unknown:
        raise NotFound(f"{e.name} has no name form {sorted(unknown)!r}; its forms are {e.aliases}")
    rest = [a for a in e.aliases if a.lower() not in out]
    mentioned = store.linked_article_ids([e.id])
    store.add_decision("split", {"forms_out": forms, "forms_rest": rest})
    resolve_decisions(store)
    drop_pages_of_articles(store, mentioned)
