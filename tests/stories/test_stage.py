"""The stories stage in the pipeline: stories, their records and sources, incremental runs, the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dossier.stories.stage  # noqa: F401 - registers the stage
from dossier import Dossier
from dossier.model import Story
from dossier.stories.stage import SIGNATURE_KIND, Member, arrival_order, update_stories

from .samples import DEAL, QUAKE, STRIKE

# A second relay of the wire story strike-3 carries (rewritten), and a near copy of strike-1 on another site.
RELAY = {"id": "strike-4", "title": "Lindhaven port stops as dockers strike", "published": STRIKE[2]["published"],
             "outlet": "Evening Post",
             "text": "Lindhaven port stops as dockers strike\n\nLINDHAVEN (NPA) - Dockers at the port of Lindhaven struck "
                  "on Monday over pay and halted container traffic, the Harbour Workers Union said. The port authority "
                  "called the walkout illegal. Marta Kovel, the union leader, said crane operators had waited four "
                  "years for a raise."}
REPOST = dict(STRIKE[0], id="strike-repost", outlet="News Digest",
              text=STRIKE[0]["text"].replace("Exporters warned", "Exporters in the region warned"))


def write_feed(path: Path, articles: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps({"title": a["title"], "text": a["text"], "date": a["published"].isoformat(),
                                "outlet": a["outlet"], "url": f"https://example.org/{a['id']}"}) + "\n")
    return path


def stories_by_url(d: Dossier) -> dict[frozenset[str], Story]:
    url = {a.id: (a.url or "").rsplit("/", 1)[-1] for a in d.articles()}
    return {frozenset(url[i] for i in s.article_ids): s for s in d.store.objects("story", Story)}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stories")
    d = Dossier(tmp / "news.db")
    d.ingest([write_feed(tmp / "feed.jsonl", STRIKE + [RELAY, REPOST] + QUAKE)])
    report = d.run()
    yield d, report
    d.close()


def test_stage_runs_after_what_it_reads(first_run):
    _, report = first_run
    assert report.failures == []
    assert report.processed["stories"] == 7


def test_one_story_per_event(first_run):
    d, _ = first_run
    assert set(stories_by_url(d)) == {
        frozenset({"strike-1", "strike-2", "strike-3", "strike-4", "strike-repost"}),
        frozenset({"quake-1", "quake-2"}),
    }


def test_story_record(first_run):
    d, _ = first_run
    strike = next(s for k, s in stories_by_url(d).items() if "strike-1" in k)
    assert strike.start == "2024-03-04" and strike.end == "2024-03-05"
    assert strike.outlets == {"Lindhaven Herald": 1, "Coastal Times": 1, "Daily Courier": 1, "Evening Post": 1,
                              "News Digest": 1}
    assert "dock" in strike.title.lower() or "strike" in strike.title.lower()
    ev = strike.summary[0]
    assert d.article(ev.article_id).text[ev.start:ev.end] == ev.text
    published = [d.article(a).published[:10] for a in strike.article_ids]
    assert published == sorted(published)
    assert strike.id.startswith("sty_")


def test_independent_sources_count_copies_and_wire_relays_once(first_run):
    d, _ = first_run
    by = stories_by_url(d)
    strike = next(s for k, s in by.items() if "strike-1" in k)
    # Herald and its repost; Coastal Times; the NPA story relayed by Daily Courier and Evening Post.
    assert strike.independent_sources == 3
    assert next(s for k, s in by.items() if "quake-1" in k).independent_sources == 2


def test_features_are_stored_once_per_article(first_run):
    d, _ = first_run
    stored = dict(d.store.signatures(SIGNATURE_KIND))
    assert len(stored) == 7
    member = Member.from_bytes(next(iter(stored.values())))
    assert member.doc.terms and member.doc.id in stored


def test_a_later_run_adds_articles_to_existing_stories_and_keeps_their_ids(tmp_path):
    with Dossier(tmp_path / "news.db") as d:
        d.ingest([write_feed(tmp_path / "one.jsonl", STRIKE[:2] + QUAKE)])
        d.run()
        before = {k: s.id for k, s in stories_by_url(d).items()}
        d.ingest([write_feed(tmp_path / "two.jsonl", STRIKE[2:] + DEAL)])
        report = d.run()
        after = stories_by_url(d)
        # An article processed again (its text changed upstream) leaves its story and joins it anew.
        strike_2 = next(a.id for a in d.articles() if a.url.endswith("strike-2"))
        update_stories(d.store, [strike_2])
        again = stories_by_url(d)
    assert report.processed["stories"] == 2
    strike_id = before[frozenset({"strike-1", "strike-2"})]
    assert after[frozenset({"strike-1", "strike-2", "strike-3"})].id == strike_id
    assert after[frozenset({"quake-1", "quake-2"})].id == before[frozenset({"quake-1", "quake-2"})]
    assert frozenset({"deal-1"}) in after
    assert {k: s.id for k, s in again.items()} == {k: s.id for k, s in after.items()}


def _counts_from_every_member(store):
    """The clusterer's corpus counts as observing every stored article's features gives them."""
    from dossier.stories.cluster import StoryClusterer

    clusterer = StoryClusterer()
    clusterer.observe(Member.from_bytes(value).doc for _, value in store.signatures(SIGNATURE_KIND))
    return clusterer


def _kept_counts(store):
    from dossier.stories.cluster import StoryClusterer
    from dossier.stories.stage import load_counts

    clusterer = StoryClusterer()
    assert load_counts(store, clusterer)
    return clusterer


def _same_counts(a, b) -> bool:
    def positive(counter):
        return {k: v for k, v in counter.items() if v > 0}

    return (positive(a.term_df.df) == positive(b.term_df.df) and a.term_df.n == b.term_df.n
            and positive(a.entity_df.df) == positive(b.entity_df.df) and a.entity_df.n == b.entity_df.n
            and positive(a.corpus_cues.people) == positive(b.corpus_cues.people)
            and positive(a.corpus_cues.weekdays) == positive(b.corpus_cues.weekdays)
            and a.corpus_cues.members == b.corpus_cues.members)


def test_the_kept_corpus_counts_are_those_of_every_stored_member_and_runs_read_only_what_they_reach(
        tmp_path, monkeypatch):
    with Dossier(tmp_path / "news.db") as d:
        d.ingest([write_feed(tmp_path / "one.jsonl", STRIKE[:2] + QUAKE)])
        d.run()
        assert _same_counts(_kept_counts(d.store), _counts_from_every_member(d.store))
        monkeypatch.setattr(d.store, "signatures", lambda kind: pytest.fail("every article's features were read"))
        monkeypatch.setattr(d.store, "article_meta", _only_some(d.store.article_meta))
        d.ingest([write_feed(tmp_path / "two.jsonl", STRIKE[2:] + DEAL)])
        d.run(["stories"])
        strike_2 = next(a.id for a in d.articles() if a.url.endswith("strike-2"))
        update_stories(d.store, [strike_2])  # processed again: its former features leave the counts first
        monkeypatch.undo()
        assert _same_counts(_kept_counts(d.store), _counts_from_every_member(d.store))
        assert _kept_counts(d.store).term_df.n == len(list(d.articles()))


def _only_some(article_meta):
    def read(ids=None):
        if ids is None:
            pytest.fail("every article's metadata was read")
        return article_meta(ids)

    return read


def test_stories_a_later_run_merges_leave_the_store(tmp_path, monkeypatch):
    with Dossier(tmp_path / "news.db") as d:
        monkeypatch.setenv("DOSSIER_STORY_THRESHOLD", "0.99")  # every article its own story at first
        monkeypatch.setenv("DOSSIER_STORY_MERGE_THRESHOLD", "0.99")
        d.ingest([write_feed(tmp_path / "one.jsonl", STRIKE)])
        d.run()
        assert len(d.store.objects("story", Story)) == 3
        monkeypatch.delenv("DOSSIER_STORY_THRESHOLD")
        monkeypatch.delenv("DOSSIER_STORY_MERGE_THRESHOLD")
        d.ingest([write_feed(tmp_path / "two.jsonl", [RELAY])])
        d.run()
        stories = stories_by_url(d)
    assert set(stories) == {frozenset({"strike-1", "strike-2", "strike-3", "strike-4"})}


def test_undated_articles_come_after_dated_ones_near_their_neighbours_date():
    from datetime import date

    order = arrival_order([("a", date(2024, 3, 5)), ("b", None), ("c", date(2024, 3, 4))])
    assert order == [("c", date(2024, 3, 4)), ("a", date(2024, 3, 5)), ("b", date(2024, 3, 5))]


def test_an_archive_ingested_out_of_date_order_gives_undated_articles_no_date():
    from datetime import date

    archive = [("a", date(2009, 3, 5)), ("b", None), ("c", date(2013, 7, 1)), ("d", date(2005, 1, 2))]
    assert ("b", None) in arrival_order(archive)


@pytest.mark.slow
def test_demo_corpus_gives_the_planted_events(demo_run):
    d, _ = demo_run
    names = {a.id: Path(a.source).name for a in d.articles()}
    stories = d.store.objects("story", Story)
    planted = {"a0": "A", "wire.jsonl:1": "A", "b0": "B", "wire.jsonl:2": "B", "korvasc": "B", "c0": "C", "orlov": "C"}

    def event(name: str) -> str:
        return next(v for k, v in planted.items() if name.startswith(k))

    got = sorted(("".join(sorted({event(names[a]) for a in s.article_ids})), len(s.article_ids),
                  s.independent_sources) for s in stories)
    # A: a04 reposts a01 (one source); B: b03 is b01 byte for byte (stored once); C: c03 relays the NPA wire.
    assert got == [("A", 6, 5), ("B", 4, 4), ("C", 4, 4)]
