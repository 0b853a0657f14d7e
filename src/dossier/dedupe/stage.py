"""Near-duplicate detection: reposts and syndicated copies point at one representative."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from dossier import settings
from dossier.dedupe.minhash import LSHIndex, signatures
from dossier.pipeline import Stage, register
from dossier.store import Store

SIGNATURE_KIND = "minhash"


@register
class DedupeStage(Stage):
    """Incremental: only changed articles are hashed and looked up against the index."""

    name = "dedupe"
    version = "1"
    requires = ("clean",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        threshold = settings.get("near_duplicate_threshold")
        changed_set = set(changed)
        index = LSHIndex()
        for article_id, value in store.signatures(SIGNATURE_KIND):
            if article_id not in changed_set:
                index.add(article_id, array("I", value))
        representative = store.duplicate_map()
        articles = list(store.iter_articles(changed))
        sigs = signatures([a.text or a.raw_text or a.raw for a in articles])
        assigned: dict[str, str | None] = {}
        for article, sig in zip(articles, sigs):
            match = index.best_match(sig, threshold)
            rep = None
            if match:
                other = match[0]
                rep = assigned.get(other) or representative.get(other) or other
            assigned[article.id] = rep
            index.add(article.id, sig)
        with store.transaction() as conn:
            store.put_signatures(conn, SIGNATURE_KIND, {a.id: s.tobytes() for a, s in zip(articles, sigs)})
            store.set_duplicates(conn, assigned)
