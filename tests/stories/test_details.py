"""Story details on the demo corpus: summary, corroboration, contradictions, timeline, storylines, CLI.

The demo's planted disagreements (src/dossier/demo/PLANTED.md, "Contradictions"): the size of the
Ostrenian contingent (event A), the Korvask death toll and the denied dam warnings (event B). About
15 s: the demo goes through the whole pipeline once for the module.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.stories.summary import SAME_CONTENT, unit_vector
from dossier.stories.vectors import dot


@pytest.fixture(scope="module")
def demo(demo_run):
    d, db = demo_run
    names = {a.id: Path(a.source).name + (f"#{a.hints.get('line')}" if a.hints.get("line") else "")
             for a in d.articles()}
    by_file = {}
    for s in d.stories():
        for aid in s.article_ids:
            by_file[Path(d.article(aid).source).name] = s
    return d, by_file, db, names


def test_contingent_size_disagreement_is_surfaced(demo):
    _, by_file, _, _ = demo
    story = by_file["a01_valdoria_daily.txt"]
    troops = [c for c in story.contradictions if c.about.startswith("troops")]
    assert len(troops) == 1, [c.about for c in story.contradictions]
    c = troops[0]
    assert c.kind == "framing"
    outlets = {x.outlet for x in c.claims}
    assert {"Valdoria Daily", "Norvel Press Agency", "The Continental Observer"} <= outlets
    readings = {x.reading for x in c.claims}
    assert "small (framing)" in readings and "at least 1,001" in readings
    texts = {x.text for x in c.claims}
    assert "only a small number of troops" in texts and "more than 1,000 troops" in texts
    assert any(x.text == "thousands of troops" for x in c.claims)
    for x in c.claims:  # every claim points at its words in its article
        assert x.evidence.text == x.text and x.text in x.evidence.sentence


def test_death_toll_and_denied_warnings_in_the_flood_story(demo):
    d, by_file, _, _ = demo
    story = by_file["b01_korvask_courier.txt"]
    deaths = [c for c in story.contradictions if c.about == "deaths"]
    assert len(deaths) == 1 and deaths[0].kind == "value"
    readings = {x.reading for x in deaths[0].claims}
    assert "12" in readings and any(r.endswith("-30") for r in readings)
    denials = [c for c in story.contradictions if c.kind == "denial"]
    assert any(c.claims[0].outlet == "Korvask Courier" and "engineers warned" in c.claims[0].text
               and c.claims[1].outlet == "VTA" and "No warnings about cracks" in c.claims[1].text
               and [x.reading for x in c.claims] == ["asserts", "denies"] for c in denials)
    for c in denials:
        for x in c.claims:
            text = d.article(x.article_id).text
            assert text[x.evidence.start : x.evidence.end] == x.text


def test_no_disagreement_without_two_sources_on_one_thing(demo):
    _, by_file, _, _ = demo
    for s in {s.id: s for s in by_file.values()}.values():
        for c in s.contradictions:
            assert len({x.outlet for x in c.claims}) >= 2
    # Event C's story reports the contingent too: a small framing against "several thousand".
    c_story = by_file["c01_vta.html"]
    assert any(c.about.startswith("troops") for c in c_story.contradictions)


def test_summary_is_short_traceable_and_without_repeats(demo):
    d, by_file, _, _ = demo
    for s in {s.id: s for s in by_file.values()}.values():
        assert 1 <= len(s.summary) <= 5
        for e in s.summary:
            assert e.article_id in s.article_ids
            assert d.article(e.article_id).text[e.start : e.end] == e.text
        vectors = [unit_vector(e.text) for e in s.summary]
        for i, a in enumerate(vectors):
            for b in vectors[:i]:
                assert dot(a, b) < SAME_CONTENT
    a = by_file["a01_valdoria_daily.txt"]
    assert len({e.article_id for e in a.summary}) >= 3  # drawn from several articles


def test_corroboration_counts_independent_sources(demo):
    _, by_file, _, _ = demo
    a = by_file["a01_valdoria_daily.txt"]
    statements = [c for c in a.corroboration if c.kind == "statement"]
    drovna = [c for c in statements if "Drovna bridge was destroyed" in c.text or "bridge at Drovna" in c.text]
    assert drovna and drovna[0].independent_sources >= 3
    # a01 and its NewsHub repost count once
    assert all(c.independent_sources <= a.independent_sources for c in a.corroboration)
    b = by_file["b01_korvask_courier.txt"]
    facts = {c.text: c for c in b.corroboration if c.kind == "fact"}
    assert facts["deaths: 12"].independent_sources >= 2
    assert any(c.kind == "sentence" for c in b.corroboration)


def test_timeline_is_dated_and_ordered(demo):
    d, by_file, _, _ = demo
    a = by_file["a01_valdoria_daily.txt"]
    dates = [e.date for e in a.timeline]
    assert dates == sorted(dates)
    assert "2023-10-07" in dates and "2023-10-09" in dates  # the attack, the agreement
    assert all(e.evidence is None or d.article(e.evidence.article_id).text[e.evidence.start:e.evidence.end] == e.text
               for e in a.timeline)
    vrancel = d.timeline(entity="Teodor Vrancel")
    assert vrancel and all("Vrancel" in e.text or "Marvesia" in e.text or e.story_id for e in vrancel)
    assert [e.date for e in vrancel] == sorted(e.date for e in vrancel)


def test_storylines_link_the_border_force_stories_not_the_flood(demo):
    d, by_file, _, _ = demo
    a, b, c = by_file["a01_valdoria_daily.txt"], by_file["b01_korvask_courier.txt"], by_file["c01_vta.html"]
    assert a.storyline_id and a.storyline_id == c.storyline_id
    assert b.storyline_id != a.storyline_id
    lines = d.storylines()
    line = next(x for x in lines if x.id == a.storyline_id)
    assert line.story_ids == [a.id, c.id]  # date order
    assert "Miroslav Havrenko" in line.actors and line.name
    assert [e.date for e in line.timeline] == sorted(e.date for e in line.timeline)


def test_story_printed_for_people(demo):
    from rich.console import Console

    from dossier.stories.present import print_story

    d, by_file, _, _ = demo
    console = Console(record=True, width=200)
    print_story(console, by_file["b01_korvask_courier.txt"], d.store.article_meta())
    text = console.export_text()
    for heading in ("Summary", "Timeline", "Sources", "Statements", "Disagreements"):
        assert heading in text
    assert "deaths" in text and "No warnings about cracks" in text


def test_cli_story_timeline_and_quotes_of_a_story(demo):
    _, by_file, db, _ = demo
    runner = CliRunner()
    a = by_file["a01_valdoria_daily.txt"]
    res = runner.invoke(app, ["--db", str(db), "story", a.id[:10], "--jsonl"])
    assert res.exit_code == 0, res.output
    assert '"contradictions"' in res.output
    res = runner.invoke(app, ["--db", str(db), "timeline", "--entity", "Havrenko", "--jsonl"])
    assert res.exit_code == 0 and "2023-10-09" in res.output
    res = runner.invoke(app, ["--db", str(db), "quotes", "--story", a.id, "--jsonl"])
    assert res.exit_code == 0 and "Drovna" in res.output and "Lesna" not in res.output
    res = runner.invoke(app, ["--db", str(db), "story", "sty_nope"])
    assert res.exit_code == 2 and "no single story" in res.output
    res = runner.invoke(app, ["--db", str(db), "storylines", "--jsonl"])
    assert res.exit_code == 0 and a.storyline_id in res.output
    res = runner.invoke(app, ["--db", str(db), "export", "quantities", "--format", "jsonl"])
    assert res.exit_code == 0 and '"more than 1,000 troops"' in res.output


def test_details_read_only_the_stories_the_run_rewrote(demo_run, tmp_path):
    import shutil

    from dossier.core import Dossier
    from dossier.model import Story
    from dossier.stories.details import DESCRIBE_QUEUE, update_details
    from dossier.stories.stage import update_stories

    _, db = demo_run
    shutil.copy(db, tmp_path / "copy.db")
    with Dossier(tmp_path / "copy.db") as d:
        assert d.store.get_meta(DESCRIBE_QUEUE) == "[]"  # a run leaves nothing undescribed
        story = max(d.stories(), key=lambda s: len(s.article_ids))
        moved = story.article_ids[-1]  # an article re-clustered: its story is rewritten without details
        rewritten = {s.id for s in update_stories(d.store, [moved])}
        assert rewritten and set(json.loads(d.store.get_meta(DESCRIBE_QUEUE))) == rewritten
        assert all(s.corroboration is None for s in d.store.objects_with_ids("story", Story, rewritten))
        described = update_details(d.store, [])
        assert {s.id for s in described} == rewritten and all(s.corroboration is not None for s in d.stories())
        assert d.store.get_meta(DESCRIBE_QUEUE) == "[]" and update_details(d.store, []) == []
