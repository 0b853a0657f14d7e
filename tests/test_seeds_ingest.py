"""The canonical input: the five scraped seed articles in ../shared/seeds."""

from __future__ import annotations

from dossier.ingest import ingest


def test_seeds_are_stored_once(seeds_dir, store):
    first = ingest(store, [seeds_dir])
    assert (first.new, len(first.errors)) == (5, 0)
    second = ingest(store, [seeds_dir])
    assert (second.new, second.already_stored) == (0, 5)
    stored = {a.source.rsplit("/", 1)[-1]: a for a in store.iter_articles()}
    assert len(stored) == 5
    for name, article in stored.items():
        assert article.raw == (seeds_dir / name).read_text(encoding="utf-8")
