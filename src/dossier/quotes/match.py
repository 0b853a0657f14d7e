"""Cross-outlet matching: renderings of one statement linked into a Statement.

Two quotes are one statement when the same speaker (entity) says something that
means the same (MiniLM cosine or word overlap), in articles published close
together. The same claim made on different occasions (publication dates weeks
apart) stays two statements.
"""

from __future__ import annotations

import json
import re
import struct
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np

from dossier.ids import stable_id
from dossier.model import Mention, Quote, Statement
from dossier.nlp import embed
from dossier.store import Store

SAME_MEANING = 0.72  # cosine of MiniLM embeddings
SAME_WORDS = 0.5  # Jaccard of content words
UNKNOWN_SPEAKER_MEANING = 0.9  # stricter when a side has no resolved speaker
MAX_DAYS_APART = 7
CHAIN_FLOOR = 0.5  # least similarity of any two renderings (different articles) within one statement
QUOTED_KINDS = {"direct", "partial"}
FRAGMENT_WORDS = 4  # a partial quote shares at least this many content words with the fuller rendering ...
FRAGMENT_SHARE = 0.5  # ... and at least this share of its own
EMBEDDING_KIND = "quote-minilm"
WORD = re.compile(r"[a-z]{3,}")
STOP = set("the and that this with for are was were have has had not but they them their our you your from will "
           "would been its his her she him who what which when there than then into also".split())


def link_statements(store: Store, changed: Sequence[str]) -> list[Statement]:
    quotes = [q for q in store.annotations("quote", Quote) if q.kind != "scare"]
    entity_of = {m.id: m.entity_id for m in store.annotations("mention", Mention)}
    for q in quotes:
        if q.speaker_mention_id:
            q.speaker_entity_id = entity_of.get(q.speaker_mention_id)
    meta = store.article_meta()
    vectors = quote_vectors(store, quotes, set(changed))
    groups = _link(quotes, vectors, meta)
    statements, refs, links = [], {}, {}
    for members, scores in groups:
        st = _statement(members, scores, meta)
        statements.append(st)
        links[st.id] = st.article_ids
        refs.update({q.id: st.id for q in members})
    with store.transaction() as conn:
        store.replace_objects(conn, "statement", "statements", statements, links=links)
        store.set_annotation_refs(conn, refs)
    return statements


def quote_vectors(store: Store, quotes: list[Quote], changed: set[str]) -> dict[str, np.ndarray]:
    """Embeddings of quote texts, cached per article; empty when the ml extra is missing."""
    if not embed.available():
        return {}
    cached: dict[str, np.ndarray] = {}
    for article_id, blob in store.signatures(EMBEDDING_KIND):
        if article_id not in changed:
            cached.update(_unpack(blob))
    todo = [q for q in quotes if q.id not in cached]
    if todo:
        fresh = embed.embed([q.text for q in todo])
        by_article: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
        for q, v in zip(todo, fresh):
            cached[q.id] = v
            by_article[q.article_id][q.id] = v
        with store.transaction() as conn:
            store.put_signatures(conn, EMBEDDING_KIND, {a: _pack(vs) for a, vs in by_article.items()})
    return cached


def _pack(vectors: dict[str, np.ndarray]) -> bytes:
    header = json.dumps(list(vectors)).encode()
    matrix = np.stack(list(vectors.values())).astype("float16")
    return struct.pack("<II", len(header), matrix.shape[1]) + header + matrix.tobytes()


def _unpack(blob: bytes) -> dict[str, np.ndarray]:
    n, dim = struct.unpack("<II", blob[:8])
    ids = json.loads(blob[8 : 8 + n])
    matrix = np.frombuffer(blob[8 + n :], dtype="float16").reshape(len(ids), dim).astype("float32")
    return dict(zip(ids, matrix))


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOP}


def similarity(a: Quote, b: Quote, vectors: dict[str, np.ndarray]) -> tuple[float, str]:
    """(score, basis): MiniLM cosine where available, else content-word Jaccard; a fragment one outlet quotes
    whose words mostly recur in another outlet's fuller quote counts as the same words."""
    wa, wb = content_words(a.text), content_words(b.text)
    jaccard = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    shared = len(wa & wb)
    quoted = a.kind in QUOTED_KINDS and b.kind in QUOTED_KINDS  # verbatim words, not a paraphrase
    if quoted and jaccard < SAME_WORDS and shared >= FRAGMENT_WORDS and shared >= FRAGMENT_SHARE * min(len(wa), len(wb)):
        return 1.0, "fragment"
    if a.id in vectors and b.id in vectors:
        cosine = float(vectors[a.id] @ vectors[b.id])
        if cosine >= SAME_MEANING or jaccard < SAME_WORDS:
            return cosine, "meaning"
    return (1.0 if jaccard >= SAME_WORDS else jaccard), "words"


def different_occasions(a: Quote, b: Quote, meta: dict[str, dict]) -> bool:
    da, db = _day(meta.get(a.article_id, {}).get("published")), _day(meta.get(b.article_id, {}).get("published"))
    return bool(da and db and abs((da - db).days) > MAX_DAYS_APART)


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _link(quotes: list[Quote], vectors, meta) -> list[tuple[list[Quote], list[dict]]]:
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    scores: dict[int, list[dict]] = defaultdict(list)
    by_speaker: dict[str | None, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        by_speaker[q.speaker_entity_id].append(i)
    for speaker, members in by_speaker.items():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = quotes[i], quotes[j]
                if a.article_id == b.article_id or different_occasions(a, b, meta):
                    continue
                score, basis = similarity(a, b, vectors)
                needed = SAME_MEANING if speaker else UNKNOWN_SPEAKER_MEANING
                if score >= needed:
                    ri, rj = find(i), find(j)
                    if ri != rj:
                        if not _related_throughout(quotes, members, find, ri, rj, vectors):
                            continue
                        parent[rj] = ri
                        scores[ri] += scores.pop(rj, [])
                    scores[find(i)].append({"a": a.id, "b": b.id, "score": round(score, 3), "basis": basis})
    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[find(i)].append(q)
    return [(members, scores.get(root, [])) for root, members in groups.items()]


def _related_throughout(quotes: list[Quote], members: list[int], find, ri: int, rj: int, vectors) -> bool:
    """Two groups join only when every pair across them (from different articles) is at least loosely
    related: one close pair must not chain two different claims of a speaker into one statement."""
    left = [k for k in members if find(k) == ri]
    right = [k for k in members if find(k) == rj]
    return all(similarity(quotes[x], quotes[y], vectors)[0] >= CHAIN_FLOOR
               for x in left for y in right if quotes[x].article_id != quotes[y].article_id)


def _statement(members: list[Quote], scores: list[dict], meta: dict[str, dict]) -> Statement:
    members = sorted(members, key=lambda q: (meta.get(q.article_id, {}).get("published") or "9999", q.article_id, q.start))
    first = members[0]
    outlets = sorted({meta.get(q.article_id, {}).get("outlet") or "unknown outlet" for q in members})
    sources = {meta.get(q.article_id, {}).get("duplicate_of") or q.article_id for q in members}
    speaker = next((q.speaker for q in members if q.speaker_kind == "name"), first.speaker)
    return Statement(
        id=stable_id("stm", first.id),
        speaker=speaker,
        speaker_entity_id=next((q.speaker_entity_id for q in members if q.speaker_entity_id), None),
        text=max((q.text for q in members), key=len),
        quote_ids=[q.id for q in members],
        article_ids=sorted({q.article_id for q in members}),
        outlets=outlets,
        independent_sources=len(sources),
        first_published=meta.get(first.article_id, {}).get("published"),
        scores=scores,
    )
