"""The Python API: one object over a store, used by the CLI, the REST API and the UI."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from dossier import pipeline, settings
from dossier.errors import BadInput, DossierError
from dossier.ingest import IngestReport, ingest
from dossier.model import (
    Article,
    Entity,
    Event,
    Mention,
    Quantity,
    Quote,
    Statement,
    Story,
    Storyline,
    TimelineEntry,
)
from dossier.store import Store
from dossier.store.export import write_rows

ARTICLE_EXPORT_FIELDS = (
    "id source url format title outlet author published published_precision published_how "
    "published_confidence language duplicate_of text"
).split()


def article_rows(store: Store) -> Iterator[dict[str, Any]]:
    for a in store.iter_articles():
        row = a.model_dump(include=set(ARTICLE_EXPORT_FIELDS), mode="json")
        yield {k: row.get(k) for k in ARTICLE_EXPORT_FIELDS}


def entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    for e in store.objects("entity", Entity):
        yield e.model_dump(mode="json")


def mention_rows(store: Store) -> Iterator[dict[str, Any]]:
    for m in store.annotations("mention", Mention):
        row = m.model_dump(mode="json", exclude={"evidence"})
        row["sentence"] = m.evidence.sentence
        yield row


def quote_rows(store: Store) -> Iterator[dict[str, Any]]:
    for q in store.annotations("quote", Quote):
        row = q.model_dump(mode="json", exclude={"evidence"})
        row["sentence"] = q.evidence.sentence
        yield row


def statement_rows(store: Store) -> Iterator[dict[str, Any]]:
    for st in store.objects("statement", Statement):
        yield st.model_dump(mode="json")


def story_rows(store: Store) -> Iterator[dict[str, Any]]:
    for st in store.objects("story", Story):
        yield st.model_dump(mode="json")


def storyline_rows(store: Store) -> Iterator[dict[str, Any]]:
    for line in store.objects("storyline", Storyline):
        yield line.model_dump(mode="json")


def quantity_rows(store: Store) -> Iterator[dict[str, Any]]:
    for q in store.annotations("quantity", Quantity):
        row = q.model_dump(mode="json", exclude={"evidence"})
        row["sentence"] = q.evidence.sentence
        yield row


def event_rows(store: Store) -> Iterator[dict[str, Any]]:
    from dossier.events.export import event_rows as rows

    return rows(store)


# Export kinds: later stages add theirs.
EXPORTS: dict[str, Callable[[Store], Iterable[dict[str, Any]]]] = {
    "articles": article_rows, "entities": entity_rows, "mentions": mention_rows,
    "quotes": quote_rows, "statements": statement_rows, "stories": story_rows, "events": event_rows,
    "storylines": storyline_rows, "quantities": quantity_rows,
}


def demo_corpus() -> Path:
    """The folder of the built-in fictional demo articles."""
    return Path(str(resources.files("dossier") / "demo" / "corpus"))


class Dossier:
    """A dossier database: ingest, run the pipeline, read back, search, export.

    >>> d = Dossier("news.db")
    >>> d.ingest(["articles/"])
    >>> d.run()
    >>> [a.title for a in d.articles()]
    """

    def __init__(self, db: str | Path | None = None):
        self.store = Store.open(db or settings.get("db"))

    @classmethod
    def of(cls, store: Store) -> Dossier:
        """A Dossier over a store already open (a stage's)."""
        d = cls.__new__(cls)
        d.store = store
        return d

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Dossier:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ingest(self, paths: Iterable[str | Path], fmt: str | None = None,
               on_error: Callable[[BadInput], None] | None = None,
               on_progress: Callable[[str], None] | None = None) -> IngestReport:
        return ingest(self.store, paths, fmt=fmt, on_error=on_error, on_progress=on_progress)

    def run(self, stages: Iterable[str] | None = None, progress: pipeline.Progress | None = None,
            engine: str = "local", workers: int | None = None) -> pipeline.RunReport:
        """Run the pipeline; ``engine`` "local" (``workers`` processes) or "ray"."""
        return pipeline.run(self.store, stages, progress=progress, engine=engine, workers=workers)

    def articles(self) -> Iterator[Article]:
        return self.store.iter_articles()

    def article(self, article_id: str) -> Article:
        return self.store.get_article(article_id)

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        return self.store.search(query, limit)

    def export(self, kind: str, fmt: str, output: str | Path | None = None) -> int:
        if kind not in EXPORTS:
            raise DossierError(f"nothing to export as {kind!r}: choose one of {', '.join(EXPORTS)}")
        rows = EXPORTS[kind](self.store)
        if fmt == "gdelt":
            from dossier.events.export import gdelt_rows

            rows = gdelt_rows(kind, rows)
        return write_rows(rows, fmt, output)

    def entities(self, name: str | None = None, limit: int | None = None) -> list[Entity]:
        return self.store.objects("entity", Entity, name=name, limit=limit)

    def entity(self, name_or_id: str) -> Entity:
        from dossier.resolve.stage import find_entity

        return find_entity(self.store, name_or_id)

    def mentions(self, entity_id: str) -> list[Mention]:
        return self.store.annotations("mention", Mention, ref=entity_id)

    def merge_entities(self, a: str, b: str) -> Entity:
        """Record that a and b are one entity (kept for every later run); return the result."""
        from dossier.resolve.stage import merge_entities

        before = self.entity(a)
        probe = self.mentions(before.id)[:1]
        merge_entities(self.store, a, b)
        # Ids follow the canonical name, which a merge can change: find the result through a mention.
        for m in self.store.annotations("mention", Mention, article_id=probe[0].article_id) if probe else []:
            if m.id == probe[0].id and m.entity_id:
                return self.store.get_object("entity", m.entity_id, Entity)
        return self.entity(before.name)

    def split_entity(self, entity: str, forms: list[str]) -> None:
        """Record that the name forms are another entity than the rest of ``entity``."""
        from dossier.resolve.stage import split_entity

        split_entity(self.store, entity, forms)

    def statements(self, speaker: str | None = None, story: str | None = None) -> list[tuple[Statement, list[Quote]]]:
        """Statements (with their renderings), optionally of one speaker (name, alias or id) and one story (id)."""
        statements = self.store.objects("statement", Statement)
        if speaker:
            entity = self.entity(speaker)
            statements = [s for s in statements if s.speaker_entity_id == entity.id]
        if story:
            members = set(self.story(story).article_ids)
            statements = [s for s in statements if members.intersection(s.article_ids)]
        quotes = {q.id: q for q in self.store.annotations("quote", Quote)}
        return [(s, [quotes[i] for i in s.quote_ids if i in quotes]) for s in statements]

    def stories(self) -> list[Story]:
        """Stories, newest first."""
        return sorted(self.store.objects("story", Story), key=lambda s: s.end or s.start or "", reverse=True)

    def story(self, story_id: str) -> Story:
        """One story by its id (a unique prefix will do), with summary, timeline, sources and disagreements."""
        return self.store.get_object("story", story_id, Story)

    def storylines(self) -> list[Storyline]:
        """Storylines (stories linked over weeks by shared actors and themes), newest first."""
        return sorted(self.store.objects("storyline", Storyline), key=lambda s: s.end or s.start or "", reverse=True)

    def timeline(self, entity: str | None = None) -> list[TimelineEntry]:
        """Dated events and statements of every story, oldest first; with ``entity``, of the stories it acts in
        or the entries that name it."""
        from dossier.stories.timeline import corpus_timeline

        return corpus_timeline(self, entity)

    def statement(self, statement_id: str) -> Statement:
        """One statement by id (or unique id prefix)."""
        return self.store.get_object("statement", statement_id, Statement)

    def events(self, type: str | None = None, actor: str | None = None) -> list[Event]:
        """Corpus events (one per action, with every report), most reported first; optionally of a
        PLOVER type and of an actor or target (name, alias or entity id)."""
        events = self.store.objects("event", Event)
        if type:
            events = [e for e in events if e.type == type.upper()]
        if actor:
            entity = self.entity(actor)
            events = [e for e in events if entity.id in (e.actor_entity_id, e.target_entity_id)]
        return sorted(events, key=lambda e: (-e.num_mentions, e.date or "", e.id))

    def summary(self) -> dict[str, int]:
        return self.store.summary()

    def demo(self, on_progress: Callable[[str], None] | None = None,
             progress: pipeline.Progress | None = None) -> tuple[IngestReport, pipeline.RunReport]:
        report = self.ingest([demo_corpus()], on_progress=on_progress)
        return report, self.run(progress=progress)
