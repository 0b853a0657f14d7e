"""Near-duplicate detection: reposts and syndicated copies point at one representative.

The representative of a group is its earliest article; later stages count a
group once, so copies do not pass for independent sources. Incremental: only
articles whose clean text changed (and the copies of those) are hashed and
looked up against the signatures already stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier import settings
from dossier.dedupe.minhash import LSHIndex, Signature, signatures
from dossier.model import Article
from dossier.pipeline import Stage, register
from dossier.store import Store

SIGNATURE_KIND = "minhash2"


def dedupe_text(article: Article) -> str:
    """The text compared: the clean body (junk around it would hide a copy), else the raw text."""
    return article.text if article.text is not None else (article.raw_text or article.raw)


def assign(
    articles: Sequence[Article], sigs: Sequence[Signature], index: LSHIndex, known: dict[str, str], threshold: float
) -> dict[str, str | None]:
    """Each article's representative (None for an original), adding the articles to the index in order."""
    assigned: dict[str, str | None] = {}
    for article, sig in zip(articles, sigs):
        match = index.best_match(sig, threshold)
        rep = None
        if match:
            other = match[0]
            rep = (assigned[other] if other in assigned else known.get(other)) or other
        assigned[article.id] = rep
        index.add(article.id, sig)
    return assigned


@register
class DedupeStage(Stage):
    """Group copies of one text; the earliest article of a group represents it."""

    name = "dedupe"
    version = "2"
    requires = ("clean",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        threshold = settings.get("near_duplicate_threshold")
        known = store.duplicate_map()
        work = recheck_set(changed, known, store.article_ids())
        index = LSHIndex()
        for article_id, value in store.signatures(SIGNATURE_KIND):
            sig = Signature.from_bytes(value)
            if article_id not in work and sig is not None:
                index.add(article_id, sig)
        current = {k: v for k, v in known.items() if k not in work}
        articles = list(store.iter_articles(list(work)))
        sigs = signatures([dedupe_text(a) for a in articles])
        assigned = assign(articles, sigs, index, current, threshold)
        with store.transaction() as conn:
            store.put_signatures(conn, SIGNATURE_KIND, {a.id: s.to_bytes() for a, s in zip(articles, sigs)})
            store.set_duplicates(conn, assigned)


def recheck_set(changed: Sequence[str], known: dict[str, str], order: Sequence[str]) -> dict[str, None]:
    """The changed articles and the copies of any changed representative, in ingest order."""
    changed_set = set(changed)
    wanted = changed_set | {copy for copy, rep in known.items() if rep in changed_set}
    return dict.fromkeys(i for i in order if i in wanted)
