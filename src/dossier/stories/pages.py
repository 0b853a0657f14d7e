"""Story pages built ahead: what the story page of the web UI and ``/api/stories/{id}`` show besides
the story itself, one row per story, so that a page costs one read however large the store.

The body of a page (its articles, statements by speaker with their renderings, events, entities) is
assembled from rows spread over the store: at 100,000 articles, reading them cold was most of a
page's time. The ``story-pages`` stage runs last and rebuilds the pages of the stories a run
touched: those with a changed article, and those sharing a statement or an event with a changed
article (a new rendering or report shows on every story that carries it). A page is used only for
the story as stored when the page was built (the digest of its JSON), so a story rewritten since
is read live until the next run; a merge or split of entities drops the pages of the stories that
mention them. Stories another corpus stage rewrote without a change to their articles (storylines
linking an old story into a new storyline) are queued for the next build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dossier.pipeline import Stage, register
from dossier.store import Store

SHARED_KINDS = ("statement", "event")  # objects one story's page shows that other stories' articles change
PAGES_QUEUE = "story_pages_to_build"  # meta: stories rewritten by a stage without a change to their articles


@register
class StoryPagesStage(Stage):
    """Page bodies of the stories the run touched, read ahead."""

    name = "story-pages"
    version = "1"
    requires = ("story-details", "storylines", "event_dedup")
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        update_story_pages(store, changed)


def update_story_pages(store: Store, changed: Sequence[str]) -> int:
    """Rebuild the pages of the stories touched by the changed articles and of those without one."""
    from dossier.api import views  # the read model the pages serve
    from dossier.core import Dossier

    with store.transaction() as conn:
        store.prune_story_pages(conn)
    queued = store.queued(PAGES_QUEUE) or set()
    wanted = touched_stories(store, changed) | set(store.story_ids_without_page()) | queued
    built = views.build_story_pages(Dossier.of(store), wanted)
    if queued:
        with store.transaction() as conn:
            store.clear_queue(conn, PAGES_QUEUE)
    return built


def queue_for_pages(store: Store, conn, story_ids: Iterable[str]) -> None:
    """Have the next run rebuild these stories' pages (in the transaction that rewrote the stories)."""
    store.enqueue(conn, PAGES_QUEUE, story_ids)


def touched_stories(store: Store, changed: Iterable[str]) -> set[str]:
    """Stories with a changed article, or with an article sharing a statement or an event with one."""
    changed = set(changed)
    shared = set().union(*(store.object_ids(kind, changed) for kind in SHARED_KINDS)) if changed else set()
    articles = changed | store.linked_article_ids(shared)
    return store.object_ids("story", articles)


def drop_pages_of_articles(store: Store, article_ids: Iterable[str]) -> None:
    """Drop the pages of the stories of these articles (they are read live until rebuilt)."""
    stories = store.object_ids("story", article_ids)
    with store.transaction() as conn:
        store.drop_story_pages(conn, stories)
