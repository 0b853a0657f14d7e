"""StoryDocs from stored articles and their annotations (sentences, resolved entity mentions)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from dossier.model import Article, Mention, Sentence, TimeMention
from dossier.nlp.gazetteer import fold
from dossier.nlp.timex.context import tense_near
from dossier.store import Store
from dossier.stories.features import StoryDoc, make_doc

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"(\d{4})(?:$|-)")


def publication_day(published: str | None) -> date | None:
    """The day an article was published; None when the date is coarser than a day (a month is not a day)."""
    m = _DAY.match(published or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def entity_key(m: Mention) -> str | None:
    """The resolved entity of a name mention, else its folded canonical name; roles and pronouns are skipped."""
    if m.kind not in ("name", "demonym"):
        return None
    if m.entity_id:
        return m.entity_id
    name = fold(m.canonical or m.text)
    return f"{m.type}:{name}" if name else None


def latest_year(text: str, times: Sequence[TimeMention], published: str | None = None) -> int | None:
    """The latest year an article tells of as past or present: it was written no earlier.

    Relative expressions (resolved against a date the article may not have) and
    future ones ("the 2014 Games will") are left out; so are years after the
    publication year, where that is known.
    """
    ceiling = int(published[:4]) if published and published[:4].isdigit() else 9999
    years = []
    for t in times:
        m = _YEAR.match(t.value or "")
        if t.type not in ("DATE", "TIME") or t.relative or not m or t.precision in ("decade", "unknown", "interval"):
            continue
        year = int(m[1])
        if 1900 <= year <= ceiling and tense_near(text, t.start, t.end) != "future":
            years.append(year)
    return max(years, default=None)


def article_doc(
    article: Article,
    mentions: Sequence[Mention] = (),
    sentences: Sequence[Sentence] = (),
    times: Sequence[TimeMention] = (),
) -> StoryDoc:
    text = article.text if article.text is not None else (article.raw_text or "")
    spans = [(s.start, s.end) for s in sorted(sentences, key=lambda s: s.index)] or None
    keys = [(k, m.start, m.end) for m in mentions if (k := entity_key(m))]
    persons = [k for m in mentions if m.type == "PERSON" and (k := entity_key(m))]
    days = [(t.start, t.value, t.relative) for t in times if t.type in ("DATE", "TIME")]
    year = latest_year(text, times, article.published)
    return make_doc(article.id, article.title, text, publication_day(article.published), year, keys, spans,
                    persons=persons, days=days)


def docs_from_store(store: Store, ids: Sequence[str]) -> list[StoryDoc]:
    """StoryDocs of the given articles, in the given order."""
    mentions = _by_article(store, "mention", Mention, ids)
    sentences = _by_article(store, "sentence", Sentence, ids)
    times = _by_article(store, "time", TimeMention, ids)
    return [article_doc(a, mentions[a.id], sentences[a.id], times[a.id]) for a in store.iter_articles(list(ids))]


def _by_article(store: Store, kind: str, model, ids: Sequence[str], per_article_below: int = 200) -> dict[str, list]:
    """Annotations of the given articles: one query each for a few, one scan for many."""
    out: dict[str, list] = defaultdict(list)
    if len(ids) < per_article_below:
        for aid in ids:
            out[aid] = store.annotations(kind, model, article_id=aid)
        return out
    wanted = set(ids)
    for item in store.annotations(kind, model):
        if item.article_id in wanted:
            out[item.article_id].append(item)
    return out
