"""The dedupe stage over a store: groups copies to their earliest article, incrementally."""

from __future__ import annotations

import dedupe_texts as texts
import pytest

from dossier import pipeline
from dossier.ingest.base import make_article

APPEAL = "A Message from The Valley Post:\nDear readers,\nPlease support us with a monthly contribution to our journalism.\nRemind me later."
TEASERS = "More like this\n\nPolice search for witnesses after crash on ring road\n\nA cyclist was injured on Monday when a truck..."


def add(store, *items):
    store.add_articles([make_article(text, name, "text") for name, text in items])


def groups(store) -> dict[str, str | None]:
    """source name -> source name of its representative (None for originals)."""
    by_id = {a.id: a for a in store.iter_articles()}
    return {a.source: (by_id[a.duplicate_of].source if a.duplicate_of else None) for a in by_id.values()}


def test_copies_point_to_the_first_article(store):
    add(
        store,
        ("original", texts.STORY),
        ("reposted-with-appeal", texts.with_junk(texts.STORY, APPEAL)),
        ("reposted-with-teasers", texts.with_junk(texts.STORY, TEASERS)),
        ("syndicated", texts.syndicated(texts.STORY)),
        ("other-writer", texts.SAME_STORY_OTHER_WRITER),
    )
    pipeline.run(store, ["dedupe"])
    assert groups(store) == {
        "original": None,
        "reposted-with-appeal": "original",
        "reposted-with-teasers": "original",
        "syndicated": "original",
        "other-writer": None,
    }


def test_incremental_runs_add_to_existing_groups(store):
    add(store, ("original", texts.STORY), ("other-writer", texts.SAME_STORY_OTHER_WRITER))
    pipeline.run(store, ["dedupe"])
    add(
        store,
        ("late-copy", texts.truncated(texts.STORY)),
        ("late-other-copy", texts.with_junk(texts.SAME_STORY_OTHER_WRITER, APPEAL)),
    )
    report = pipeline.run(store, ["dedupe"])
    assert report.processed["dedupe"] == 2
    assert groups(store) == {
        "original": None,
        "other-writer": None,
        "late-copy": "original",
        "late-other-copy": "other-writer",
    }


def test_nothing_to_do_when_nothing_changed(store):
    add(store, ("original", texts.STORY), ("copy", texts.syndicated(texts.STORY)))
    pipeline.run(store, ["dedupe"])
    assert pipeline.run(store, ["dedupe"]).processed["dedupe"] == 0
    assert groups(store)["copy"] == "original"


def test_copies_of_a_changed_representative_are_regrouped(store):
    from dossier.dedupe.stage import DedupeStage

    add(
        store,
        ("first", texts.STORY),
        ("second", texts.syndicated(texts.STORY)),
        ("third", texts.with_junk(texts.STORY, APPEAL)),
    )
    pipeline.run(store, ["dedupe"])
    first = next(a for a in store.iter_articles() if a.source == "first")
    first.text = texts.SAME_STORY_OTHER_WRITER  # its clean text changed since the last run
    store.save_articles([first])
    DedupeStage().run_corpus(store, [first.id])
    assert groups(store) == {"first": None, "second": None, "third": "second"}


def generated(store, n: int, seed: int = 7) -> None:
    """Generated stories covered by several outlets, a third of the articles reposts of another."""
    from dossier.ingest.synthetic import as_text_file, generate

    made = generate(n, seed, repost_share=0.3)
    store.add_articles([make_article(as_text_file(a), f"gen-{i}", "text") for i, a in enumerate(made)])


def copy_pairs(store) -> set[tuple[str, str]]:
    return {(a, rep) for a, rep in store.duplicate_map().items()}


def test_batches_stream_and_find_the_same_copies_as_one_batch(store, tmp_path, monkeypatch):
    from dossier.dedupe import stage
    from dossier.store import Store

    generated(store, 120)
    pipeline.run(store, ["clean"])
    other = Store.open(tmp_path / "other.db")
    generated(other, 120)
    pipeline.run(other, ["clean"])
    pipeline.run(other, ["dedupe"])
    reads = []
    real = Store.iter_texts
    monkeypatch.setattr(Store, "iter_texts", lambda self, ids, *a: reads.append(len(ids)) or real(self, ids, *a))
    monkeypatch.setattr(Store, "signatures", lambda *a: pytest.fail("a run must not load every signature"))
    monkeypatch.setattr(stage, "BATCH", 16)
    pipeline.run(store, ["dedupe"])
    assert max(reads) == 16 and sum(reads) == 120
    assert copy_pairs(store) == copy_pairs(other) and len(copy_pairs(store)) >= 10
    other.close()


def test_adding_a_copy_reads_only_its_candidates(store, monkeypatch):
    from dossier.store import Store

    generated(store, 80)
    pipeline.run(store, ["clean", "dedupe"])
    first = next(store.iter_articles())
    fetched = []
    real = Store.signatures_of
    monkeypatch.setattr(Store, "signatures_of", lambda self, kind, ids: fetched.append(set(ids)) or real(self, kind, ids))
    add(store, ("late-copy", texts.with_junk(first.text, APPEAL)))
    pipeline.run(store, ["clean", "dedupe"])
    read = set().union(*fetched)
    assert first.id in read and len(read) <= 8  # of 80 stored: the story's other reports share buckets
    assert groups(store)["late-copy"] == first.source


def test_a_store_deduplicated_before_buckets_were_stored_gets_them_once(store):
    from sqlalchemy import delete

    from dossier.dedupe.stage import BUCKETS_META
    from dossier.store import schema

    add(store, ("original", texts.STORY), ("other-writer", texts.SAME_STORY_OTHER_WRITER))
    pipeline.run(store, ["dedupe"])
    with store.transaction() as conn:  # as a store of the previous schema had it: signatures, no buckets
        conn.execute(delete(schema.lsh_bands))
        conn.execute(delete(schema.meta).where(schema.meta.c.key == BUCKETS_META))
    add(store, ("late-copy", texts.syndicated(texts.STORY)))
    pipeline.run(store, ["dedupe"])
    assert groups(store)["late-copy"] == "original"
