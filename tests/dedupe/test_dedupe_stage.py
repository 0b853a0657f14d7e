"""The dedupe stage over a store: groups copies to their earliest article, incrementally."""

from __future__ import annotations

import dedupe_texts as texts

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
