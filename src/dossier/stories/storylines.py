"""Storylines: stories linked over weeks by shared actors and themes.

Two stories belong to one storyline when they are at most ``MAX_GAP_DAYS``
apart, share at least two main actors, and either share a good part of their
actors (Jaccard) or speak of the same things (cosine of their titles' and
summaries' words). Links are single-link: a storyline is a chain of such
stories, so a months-long affair holds together through its episodes, while
an unrelated event that shares only the head of state stays apart. The whole
set is rebuilt on each run (stories are few next to articles; candidate pairs
come from an actor index).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date

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
MAX_STORIES_PER_ACTOR = 500  # an actor in more stories than this (a head of state) proposes no pairs
MAX_TIMELINE = 40


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

    by_actor: dict[str, list[Story]] = {}
    for s in stories:
        for actor in s.actors:
            by_actor.setdefault(actor, []).append(s)
    themes = {s.id: theme(s) for s in stories}
    checked: set[tuple[str, str]] = set()
    for members in by_actor.values():
        if len(members) > MAX_STORIES_PER_ACTOR:
            continue
        for i, a in enumerate(members):
            for b in members[:i]:
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


def update_storylines(store: Store) -> list[Storyline]:
    """Rebuild every storyline; point each story at its storyline (rewriting only stories whose link changed)."""
    stories = store.objects("story", Story)
    lines = [storyline_of(group) for group in group_stories(stories)]
    home = {sid: line.id for line in lines for sid in line.story_ids}
    moved = [s.model_copy(update={"storyline_id": home.get(s.id)}) for s in stories if s.storyline_id != home.get(s.id)]
    links = {line.id: [aid for s in stories if s.id in line.story_ids for aid in s.article_ids] for line in lines}
    with store.transaction() as conn:
        store.replace_objects(conn, "storyline", StorylinesStage.name, lines, links=links)
        if moved:
            store.replace_objects(conn, "story", "stories", moved, links={s.id: s.article_ids for s in moved},
                                  ids=[s.id for s in moved])
    return lines


@register
class StorylinesStage(Stage):
    """Stories linked over weeks into storylines, with a merged timeline."""

    name = "storylines"
    version = "1"
    requires = ("story-details",)
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        update_storylines(store)
