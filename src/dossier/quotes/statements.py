"""The statements stage on the store: which quotes to (re)link, with which embeddings, and writing the statements.

Incremental: a run relinks the quotes of the changed articles together with those
of the articles within reach of them (said at most MAX_DAYS apart, or undated)
and every member of the statements these belonged to; the other statements stay
as they are. What the matcher needs of each article's quotes is kept as a
compact signature, so a run parses neither the other quotes nor any mention;
MiniLM vectors (accurate profile) are cached the same way.
"""

from __future__ import annotations

import json
import struct
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

import numpy as np

from dossier import settings
from dossier.ids import stable_id
from dossier.model import Statement, Story
from dossier.nlp import embed
from dossier.quotes.match import MAX_DAYS, Group, Rendering, Scorer, link
from dossier.quotes.occasion import Span, article_span, day
from dossier.store import Store

FEATURES_KIND = "quote-match"
MINILM_KIND = "quote-minilm"
FIELDS = ("id", "kind", "text", "start", "speaker", "speaker_kind", "speaker_mention_id")


def link_statements(store: Store, changed: Sequence[str], profile: str | None = None) -> list[Statement]:
    """Relink the statements the changed articles touch; return the statements written."""
    changed_set = set(changed)
    fresh = _save_features(store, changed_set)
    meta, spans, story_of, total = _occasions_in_reach(store, changed_set)
    scope, old_ids, borrowed = _scope(store, changed_set, spans, total)
    if scope is None and len(meta) < total:  # everything is relinked: every article's occasion is needed
        meta, spans, story_of, total = _every_occasion(store)
    if borrowed:
        meta.update(store.article_meta(set(borrowed) - set(meta)))
    renderings = _renderings(store, scope or set(meta), fresh)
    if borrowed is not None:  # of the articles beyond reach, only the quotes of the statements replaced
        renderings = [r for r in renderings if r.article_id not in borrowed or r.id in borrowed[r.article_id]]
    for r in renderings:
        r.span, r.story = spans.get(r.article_id), story_of.get(r.article_id)
    scorer = _scorer(store, profile or settings.get("profile"), scope or set(meta))
    groups = link(renderings, scorer)
    statements = [_statement(g, meta) for g in groups]
    _write(store, statements, None if scope is None else old_ids)
    _cache_vectors(store, scorer, renderings)
    return statements


# -- features ---------------------------------------------------------------


def _save_features(store: Store, changed: set[str]) -> dict[str, list[dict]]:
    """Read the changed articles' statements (not scare quotes) and keep what matching needs of them."""
    found = store.annotation_data("quote", changed)
    out = {a: [{f: q.get(f) for f in FIELDS} for q in found.get(a, []) if q["kind"] != "scare"] for a in changed}
    with store.transaction() as conn:
        store.put_signatures(conn, FEATURES_KIND, {a: json.dumps(rows).encode() for a, rows in out.items()})
    return out


def _renderings(store: Store, scope: set[str], fresh: dict[str, list[dict]]) -> list[Rendering]:
    """The quotes of the articles in scope, with their speaker's entity."""
    stored = store.signatures_of(FEATURES_KIND, scope - set(fresh))
    rows = {**{a: json.loads(b) for a, b in stored.items()}, **fresh}
    renderings = [Rendering(article_id=a, **row) for a, items in rows.items() if a in scope for row in items]
    mention_ids = sorted({r.speaker_mention_id for r in renderings if r.speaker_mention_id})
    entity_of = {mid: ref for mid, _, ref in store.annotation_refs("mention", ids=mention_ids)}
    for r in renderings:
        r.speaker_entity_id = entity_of.get(r.speaker_mention_id) if r.speaker_mention_id else None
    return renderings


# -- occasions and scope ----------------------------------------------------


def _occasions_in_reach(store: Store, changed: set[str]
                        ) -> tuple[dict[str, dict], dict[str, Span | None], dict[str, str], int]:
    """The metadata and occasions of the articles the changed ones can reach (the changed ones, those
    without a day of their own with their originals and stories, and those published within reach), the
    story of each undated one, and how many articles the store holds. Every article's when the changed
    ones are most of the store or one of them has no occasion (it reaches every article)."""
    total = store.count()
    if not changed or len(changed) * 2 > total:
        return _every_occasion(store)
    meta = store.article_meta(changed | set(store.articles_without_day()))
    meta.update(store.article_meta({m["duplicate_of"] for m in meta.values() if m.get("duplicate_of")} - set(meta)))
    spans, story_of = _occasions(store, meta)
    if any(spans.get(a) is None for a in changed):
        return _every_occasion(store)
    for lo, hi in _reach([spans[a] for a in changed]):  # type: ignore[misc]
        dated = store.article_meta(set(store.articles_dated_between(lo.isoformat(), (hi + timedelta(1)).isoformat()))
                                   - set(meta))
        meta.update(dated)
        spans.update({a: article_span(a, meta, {}) for a in dated})
    return meta, spans, story_of, total


def _every_occasion(store: Store) -> tuple[dict[str, dict], dict[str, Span | None], dict[str, str], int]:
    meta = store.article_meta()
    spans, story_of = _occasions(store, meta)
    return meta, spans, story_of, len(meta)


def _occasions(store: Store, meta: dict[str, dict]) -> tuple[dict[str, Span | None], dict[str, str]]:
    """Each article's occasion, and the story of each undated one (its context); only the stories holding
    an article without a date of its own are read."""
    undated = {a for a, m in meta.items() if day(m.get("published")) is None}
    story_span: dict[str, Span] = {}
    story_of: dict[str, str] = {}
    if undated:
        for story in store.objects_with_ids("story", Story, store.object_ids("story", undated)):
            first, last = day(story.start), day(story.end)
            story_of.update({a: story.id for a in story.article_ids if a in undated})
            if first and last:
                story_span.update({a: (first, last) for a in story.article_ids})
    return {a: article_span(a, meta, story_span) for a in meta}, story_of


def _scope(store: Store, changed: set[str], spans: dict[str, Span | None], total: int
           ) -> tuple[set[str] | None, set[str], dict[str, set[str]] | None]:
    """What to relink: the articles (None: all of them), the stored statements they replace, and, per article
    beyond reach, the quotes borrowed from it (None: every quote of the articles).

    ``spans``: the occasions of at least the articles in reach (``_occasions_in_reach``); ``total``: how
    many articles the store holds. The articles in reach are the changed ones, those said within reach of
    them and the undated; every
    statement with a rendering in them is replaced, so its renderings in articles beyond reach are
    relinked too, but not those articles' other quotes: said out of reach of the new articles, they can
    join none of them, and their statements stay as they are. (Taking their articles whole would reach
    their other statements' articles in turn, and so on through the whole store.)"""
    if not changed or any(spans.get(a) is None for a in changed) or len(changed) * 2 > total:
        return None, set(), None
    reach = _reach([spans[a] for a in changed])
    starts = [lo for lo, _ in reach]
    within = set(changed) | {a for a, sp in spans.items() if sp is None or _within(sp, reach, starts)}
    old_ids = store.object_ids("statement", changed)
    old_ids |= {ref for _, _, ref in store.annotation_refs("quote", article_ids=within) if ref}
    borrowed: dict[str, set[str]] = {}
    for quote_id, article_id, _ in store.annotation_refs("quote", refs=old_ids):
        if article_id not in within:
            borrowed.setdefault(article_id, set()).add(quote_id)
    return within | set(borrowed), old_ids, borrowed


def _reach(spans: list[Span]) -> list[Span]:
    """The days within MAX_DAYS of any of the spans, as sorted disjoint spans."""
    out: list[Span] = []
    for lo, hi in sorted((lo - timedelta(MAX_DAYS), hi + timedelta(MAX_DAYS)) for lo, hi in spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _within(span: Span, reach: list[Span], starts: list) -> bool:
    i = bisect_right(starts, span[1]) - 1  # the last reach starting by the span's end: the only one that can meet it
    return i >= 0 and reach[i][1] >= span[0]


# -- embeddings ---------------------------------------------------------------


def _scorer(store: Store, profile: str, scope: set[str]) -> Scorer:
    """The scorer of a profile: static vectors (fast) or MiniLM (accurate), falling back to words alone."""
    kind = embed.kind_for_profile(profile)
    if kind == "minilm" and not embed.available("minilm"):
        kind = "static"
    if not embed.available(kind):
        return Scorer()
    scorer = Scorer(kind, lambda texts: embed.embed(texts, kind=kind))
    if kind == "minilm":
        for blob in store.signatures_of(MINILM_KIND, scope).values():
            scorer.remember(_unpack(blob))
    return scorer


def _cache_vectors(store: Store, scorer: Scorer, renderings: list[Rendering]) -> None:
    """Keep the MiniLM vectors of whole quotes computed in this run, per article."""
    if scorer.kind != "minilm":
        return
    by_article: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
    for r in renderings:
        if r.text in scorer.computed:
            by_article[r.article_id][r.text] = scorer.computed[r.text]
    with store.transaction() as conn:
        store.put_signatures(conn, MINILM_KIND, {a: _pack(v) for a, v in by_article.items()})


def _pack(vectors: dict[str, np.ndarray]) -> bytes:
    header = json.dumps(list(vectors)).encode()
    matrix = np.stack(list(vectors.values())).astype("float16")
    return struct.pack("<II", len(header), matrix.shape[1]) + header + matrix.tobytes()


def _unpack(blob: bytes) -> dict[str, np.ndarray]:
    n, dim = struct.unpack("<II", blob[:8])
    texts = json.loads(blob[8 : 8 + n])
    matrix = np.frombuffer(blob[8 + n :], dtype="float16").reshape(len(texts), dim).astype("float32")
    return dict(zip(texts, matrix))


# -- statements -----------------------------------------------------------------


def _statement(group: Group, meta: dict[str, dict]) -> Statement:
    if len(group.members) == 1:
        return _single(group.members[0], meta)
    members = sorted(group.members,
                     key=lambda r: (meta.get(r.article_id, {}).get("published") or "9999", r.article_id, r.start))
    first = members[0]
    outlets = sorted({meta.get(r.article_id, {}).get("outlet") or "unknown outlet" for r in members})
    sources = {meta.get(r.article_id, {}).get("duplicate_of") or r.article_id for r in members}
    speaker = next((r.speaker for r in members if r.speaker_kind == "name"), first.speaker)
    return Statement.model_construct(  # every field is built here, of its type: no validation needed
        id=stable_id("stm", first.id),
        speaker=speaker,
        speaker_entity_id=next((r.speaker_entity_id for r in members if r.speaker_entity_id), None),
        text=max((r.text for r in members), key=len),
        quote_ids=[r.id for r in members],
        article_ids=sorted({r.article_id for r in members}),
        outlets=outlets,
        independent_sources=len(sources),
        first_published=meta.get(first.article_id, {}).get("published"),
        scores=group.scores,
    )


def _single(r: Rendering, meta: dict[str, dict]) -> Statement:
    """The statement of a rendering no other outlet carries (most of them: built the short way)."""
    info = meta.get(r.article_id, {})
    return Statement.model_construct(
        id=stable_id("stm", r.id), speaker=r.speaker, speaker_entity_id=r.speaker_entity_id, text=r.text,
        quote_ids=[r.id], article_ids=[r.article_id], outlets=[info.get("outlet") or "unknown outlet"],
        independent_sources=1, first_published=info.get("published"), scores=[])


def _write(store: Store, statements: list[Statement], replaced: set[str] | None) -> None:
    """Replace the statements in scope (``replaced``; None: all) and point their quotes at them."""
    refs = {q: st.id for st in statements for q in st.quote_ids}
    with store.transaction() as conn:
        store.replace_objects(conn, "statement", "statements", statements,
                              links={st.id: st.article_ids for st in statements}, ids=replaced)
        store.set_annotation_refs(conn, refs)
