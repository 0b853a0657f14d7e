"""Storylines: stories linked over weeks by shared actors and themes.

Two stories belong to one storyline when they are at most ``MAX_GAP_DAYS``
apart, share at least two main actors, and either share a good part of their
actors (Jaccard) or speak of the same things (cosine of their titles' and
summaries' words). Links are single-link: a storyline is a chain of such
stories, so a months-long affair holds together through its episodes, while
an unrelated event that shares only the head of state stays apart.

Candidate pairs come from an actor index, each actor's stories compared only
with those close enough in time. A run relinks only what the changed stories
can reach (``relink_storylines``): the storylines that held them, and the
stories within ``MAX_GAP_DAYS`` of them (by the index of their last day; the
undated ones too) that they now link to, with those stories' storylines.
Storylines are connected components, so nothing else can change: two
unchanged stories link as they did before. The first run (or a new version of
the stage) builds every storyline.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta

from dossier.model import Story, Storyline, TimelineEntry
from dossier.pipeline import Stage, register
from dossier.store import Store
from dossier.stories.summary import unit_vector
from dossier.stories.vectors import dot

MAX_GAP_DAYS = 60
MIN_SHARED_ACTORS = 2
MIN_ACTOR_JACCARD = 0.3
MIN_THEME_COSINE = 0.2
UNDATED_ACTOR_JACCARD = 0.6
MAX_TIMELINE = 40
RELINK_QUEUE = "stories_to_relink"  # meta: ids of the stories described since storylines were last linked


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _gap_days(a: Story, b: Story) -> int | None:
    """Days between two stories' spans (0 when they overlap); None when either is undated."""
    a0, a1, b0, b1 = _day(a.start), _day(a.end or a.start), _day(b.start), _day(b.end or b.start)
    if not (a0 and a1 and b0 and b1):
        return None
    return max(0, (max(a0, b0) - min(a1, b1)).days)


def theme(story: Story) -> dict[str, float]:
    return unit_vector(" ".join([story.title] + [e.text for e in story.summary]))


def linked(a: Story, b: Story, themes: dict[str, dict[str, float]]) -> bool:
    """Whether two stories continue one another: close in time, same main actors, same themes.

    An undated story (nothing tells when) links only on strong evidence: most of its main actors
    shared and a common theme.
    """
    gap = _gap_days(a, b)
    if gap is not None and gap > MAX_GAP_DAYS:
        return False
    shared = set(a.actors) & set(b.actors)
    if len(shared) < MIN_SHARED_ACTORS:
        return False
    jaccard = len(shared) / len(set(a.actors) | set(b.actors))
    theme_cosine = dot(themes[a.id], themes[b.id])
    if gap is None:
        return jaccard >= UNDATED_ACTOR_JACCARD and theme_cosine >= MIN_THEME_COSINE
    return jaccard >= MIN_ACTOR_JACCARD or theme_cosine >= MIN_THEME_COSINE


def group_stories(stories: Sequence[Story]) -> list[list[Story]]:
    """Stories grouped into storylines (groups of two or more), each in date order."""
    parent = {s.id: s.id for s in stories}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    themes = {s.id: theme(s) for s in stories}
    checked: set[tuple[str, str]] = set()
    for a, b in candidate_pairs(stories):
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if pair in checked or find(a.id) == find(b.id):
            continue
        checked.add(pair)
        if linked(a, b, themes):
            parent[find(a.id)] = find(b.id)
    groups: dict[str, list[Story]] = {}
    for s in stories:
        groups.setdefault(find(s.id), []).append(s)
    return [sorted(g, key=lambda s: (s.start or "9999", s.id)) for g in groups.values() if len(g) > 1]


def candidate_pairs(stories: Iterable[Story]) -> Iterator[tuple[Story, Story]]:
    """Pairs of stories sharing an actor and close enough in time to link (an undated story pairs with every
    story of its actors): each actor's dated stories in order of their first day, each compared with those
    starting at most ``MAX_GAP_DAYS`` after it ends."""
    by_actor: dict[str, list[Story]] = {}
    for s in stories:
        for actor in s.actors:
            by_actor.setdefault(actor, []).append(s)
    for members in by_actor.values():
        spans = [(s, _day(s.start), _day(s.end or s.start)) for s in members]
        dated = sorted((x for x in spans if x[1] and x[2]), key=lambda x: (x[1], x[0].id))
        undated = [s for s, first, last in spans if not (first and last)]
        for i, (a, _, a_last) in enumerate(dated):
            reach = a_last + timedelta(days=MAX_GAP_DAYS)
            for b, b_first, _ in dated[i + 1 :]:
                if b_first > reach:
                    break
                yield a, b
        for i, a in enumerate(undated):
            yield from ((a, b) for b, _, _ in dated)
            yield from ((a, b) for b in undated[i + 1 :])


def storyline_of(stories: list[Story]) -> Storyline:
    actors = Counter(a for s in stories for a in s.actors)
    main = [a for a, n in actors.most_common() if n > 1][:5] or [a for a, _ in actors.most_common(3)]
    biggest = max(stories, key=lambda s: (len(s.article_ids), s.start or ""))
    name = f"{', '.join(main[:2])}: {biggest.title}" if main else biggest.title
    timeline = sorted((e for s in stories for e in s.timeline), key=lambda e: (e.date, e.kind != "event"))
    sid = hashlib.sha1(stories[0].id.encode()).hexdigest()[:12]
    return Storyline(
        id=f"stl_{sid}", name=name, story_ids=[s.id for s in stories], actors=main,
        start=stories[0].start, end=max((s.end or s.start or "" for s in stories), default=None) or None,
        timeline=_thin(timeline),
    )


def _thin(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """At most MAX_TIMELINE entries: every day kept, the first entries of each day first."""
    if len(entries) <= MAX_TIMELINE:
        return entries
    by_day: dict[str, list[TimelineEntry]] = {}
    for e in entries:
        by_day.setdefault(e.date, []).append(e)
    out, depth = [], 0
    while len(out) < MAX_TIMELINE and any(len(v) > depth for v in by_day.values()):
        out += [v[depth] for v in by_day.values() if len(v) > depth][: MAX_TIMELINE - len(out)]
        depth += 1
    return sorted(out, key=lambda e: (e.date, e.kind != "event"))


def update_storylines(store: Store, changed: Sequence[str] = ()) -> list[Storyline]:
    """Relink the storylines the changed articles' stories and the stories described since the last run can
    reach (every storyline on the first run); return the storylines written."""
    queued = store.queued(RELINK_QUEUE)
    if queued is None:
        return rebuild_storylines(store)
    dirty = queued | store.object_ids("story", changed)
    return relink_storylines(store, dirty)


def rebuild_storylines(store: Store) -> list[Storyline]:
    """Every storyline from every story."""
    stories = store.objects("story", Story)
    return _write(store, stories, None, [storyline_of(group) for group in group_stories(stories)])


def relink_storylines(store: Store, dirty_ids: set[str]) -> list[Storyline]:
    """Relink around the stories ``dirty_ids`` (those that still exist): their former storylines (found through
    their articles, which a story merged away handed on), and the stories in their time window that they link to,
    with the storylines of those. The storylines of this set are rebuilt from its stories alone."""
    dirty = link_views(store, dirty_ids)
    if not dirty:
        with store.transaction() as conn:
            store.clear_queue(conn, RELINK_QUEUE)
        return []
    line_ids = store.object_ids("storyline", {aid for s in dirty for aid in s.article_ids})
    neighbours = _linked_neighbours(store, dirty)
    line_ids |= {c.storyline_id for c in neighbours if c.storyline_id}
    members = {sid for row in store.object_fields("storyline", line_ids, ("story_ids",))
               for sid in json.loads(row["story_ids"] or "[]")}
    have = {s.id: s for s in [*dirty, *neighbours]}
    rest = members - set(have)
    reach = [*have.values(), *link_views(store, rest)]
    return _write(store, reach, line_ids, [storyline_of(group) for group in group_stories(reach)])


def _linked_neighbours(store: Store, dirty: list[Story]) -> list[Story]:
    """The stored stories, other than ``dirty``, that one of ``dirty`` links to: read from the stories ending
    at most ``MAX_GAP_DAYS`` before the earliest of them starts, and the undated (every story when one of
    ``dirty`` is undated)."""
    mine = {s.id for s in dirty}
    starts = [_day(s.start) for s in dirty]
    if all(starts):
        since = (min(starts) - timedelta(days=MAX_GAP_DAYS)).isoformat()  # type: ignore[type-var]
        ids = set(store.objects_sorted_between("story", [(since, None), ("", "")]))
    else:
        ids = set(store.objects_sorted_between("story", [("", None)]))  # every story (undated ones sort as "")
    window = link_views(store, ids - mine)
    by_actor: dict[str, list[Story]] = {}
    for d in dirty:
        for actor in d.actors:
            by_actor.setdefault(actor, []).append(d)
    themes = {s.id: theme(s) for s in dirty}
    out = []
    for c in window:
        shared = Counter(d.id for actor in c.actors for d in by_actor.get(actor, ()))
        candidates = [d for d in dirty if shared[d.id] >= MIN_SHARED_ACTORS]
        if candidates:
            themes[c.id] = theme(c)
            if any(linked(c, d, themes) for d in candidates):
                out.append(c)
    return out


LINK_FIELDS = ("title", "start", "end", "storyline_id")
LINK_LISTS = ("article_ids", "actors", "summary", "timeline")


def link_views(store: Store, ids: Iterable[str]) -> list[Story]:
    """Stories as storylines read them: the fields that link them and make a storyline, read out of the stored
    JSON by the database (a story's sources, facts and corroboration are most of it), in id order."""
    rows = store.object_fields("story", ids, LINK_FIELDS + LINK_LISTS)
    out = []
    for row in sorted(rows, key=lambda r: r["id"]):
        lists = {name: json.loads(row[name]) if row[name] else [] for name in LINK_LISTS}
        out.append(Story.model_validate({**{name: row[name] for name in ("id", *LINK_FIELDS)}, **lists}))
    return out


def _write(store: Store, stories: list[Story], old_line_ids: set[str] | None, lines: list[Storyline]) -> list[Storyline]:
    """Replace the storylines ``old_line_ids`` (every storyline when None) with ``lines`` and point each of ``stories`` at its storyline
    (rewriting only the stories whose link changed)."""
    home = {sid: line.id for line in lines for sid in line.story_ids}
    moved_ids = {s.id for s in stories if s.storyline_id != home.get(s.id)}
    moved = [s.model_copy(update={"storyline_id": home.get(s.id)})
             for s in store.objects_with_ids("story", Story, moved_ids)]  # whole, to be written back
    by_id = {s.id: s for s in stories}
    links = {line.id: [aid for sid in line.story_ids for aid in by_id[sid].article_ids] for line in lines}
    with store.transaction() as conn:
        store.replace_objects(conn, "storyline", StorylinesStage.name, lines, links=links, ids=old_line_ids)
        if moved:
            from dossier.stories.pages import queue_for_pages  # (not at the top: it registers the last stage)

            store.replace_objects(conn, "story", "stories", moved, links={s.id: s.article_ids for s in moved},
                                  ids=[s.id for s in moved])
            queue_for_pages(store, conn, [s.id for s in moved])
        store.clear_queue(conn, RELINK_QUEUE)
    return lines


def queue_for_relinking(store: Store, conn, story_ids: Iterable[str]) -> None:
    """Add stories to the storylines stage's queue (in the details stage's transaction)."""
    if store.queued(RELINK_QUEUE) is not None:  # else storylines have not been built yet: their first run builds all
        store.enqueue(conn, RELINK_QUEUE, story_ids)


@register
class StorylinesStage(Stage):
    """Stories linked over weeks into storylines, with a merged timeline."""

    name = "storylines"
    version = "1"
    requires = ("story-details",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        update_storylines(store, changed)
