"""Near-duplicate detection: reposts and syndicated copies point at one representative.

The representative of a group is its earliest article; later stages count a
group once, so copies do not pass for independent sources. Incremental and
streaming: only articles whose clean text changed (and the copies of those) are
hashed, a batch at a time, and looked up in the LSH buckets kept in the store, so
memory holds one batch and its candidates whatever the size of the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier import settings
from dossier.dedupe.minhash import LSHIndex, Signature, best_of, bucket_keys, signatures
from dossier.model import Article
from dossier.pipeline import Stage, register
from dossier.store import Store

SIGNATURE_KIND = "minhash2"
BATCH = 500  # articles hashed and looked up together
BUCKETS_META = "lsh_bands_filled"


def dedupe_text(article: Article) -> str:
    """The text compared: the clean body (junk around it would hide a copy), else the raw text."""
    return article.text if article.text is not None else (article.raw_text or article.raw)


@register
class DedupeStage(Stage):
    """Group copies of one text; the earliest article of a group represents it."""

    name = "dedupe"
    version = "2"
    requires = ("clean",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        threshold = settings.get("near_duplicate_threshold")
        fill_buckets(store)
        work = recheck_set(store, changed)
        with store.transaction() as conn:  # matched again: against the rest, and each other in order
            store.delete_bands(conn, work)
        for i in range(0, len(work), BATCH):
            ids, texts = zip(*store.iter_texts(work[i : i + BATCH]), strict=True)
            sigs = signatures(texts)
            assigned = assign(store, ids, sigs, threshold)
            with store.transaction() as conn:
                store.put_signatures(conn, SIGNATURE_KIND, {a: s.to_bytes() for a, s in zip(ids, sigs)})
                store.put_bands(conn, ((k, a) for a, s in zip(ids, sigs) for k in bucket_keys(s)))
                store.set_duplicates(conn, assigned)


def assign(store: Store, ids: Sequence[str], sigs: Sequence[Signature], threshold: float) -> dict[str, str | None]:
    """Each article's representative (None for an original): its best copy match among the stored
    articles sharing a bucket with it and the earlier articles of the batch."""
    keys = {a: bucket_keys(s) for a, s in zip(ids, sigs)}
    members = store.band_members(k for ks in keys.values() for k in ks)
    stored = {a for found in members.values() for a in found}
    stored_sigs = {a: Signature.from_bytes(v) for a, v in store.signatures_of(SIGNATURE_KIND, stored).items()}
    known = store.representatives(stored)
    batch = LSHIndex()
    assigned: dict[str, str | None] = {}
    for article_id, sig in zip(ids, sigs):
        found = {a for k in keys[article_id] for a in members.get(k, ())}
        candidates = [(a, stored_sigs[a]) for a in found if stored_sigs.get(a) is not None]
        candidates += [(a, batch.signatures[a]) for a in batch.candidates(sig)]
        match = best_of(sig, candidates, threshold)
        rep = None
        if match:
            other = match[0]
            rep = (assigned[other] if other in assigned else known.get(other)) or other
        assigned[article_id] = rep
        batch.add(article_id, sig)
    return assigned


def fill_buckets(store: Store) -> None:
    """Stores deduplicated before the buckets were kept in the store: bucket their signatures once."""
    if store.get_meta(BUCKETS_META) == "1":
        return
    stored = store.count("signatures", kind=SIGNATURE_KIND) > 0
    batch: list[tuple[int, str]] = []
    with store.transaction() as conn:
        for article_id, value in store.signatures(SIGNATURE_KIND) if stored else ():
            sig = Signature.from_bytes(value)
            batch += [(k, article_id) for k in bucket_keys(sig)] if sig is not None else []
            if len(batch) >= 50_000:
                store.put_bands(conn, batch)
                batch = []
        store.put_bands(conn, batch)
        store.set_meta(BUCKETS_META, "1", conn)


def recheck_set(store: Store, changed: Sequence[str]) -> list[str]:
    """The changed articles and the copies of any changed representative, in ingest order."""
    return store.in_ingest_order([*changed, *store.copies_of(changed)])
