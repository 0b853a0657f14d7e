"""The events stages in the pipeline: reports per article, one event per action across outlets,
negated actions left out, dates from the time stage, places, exports in every format (GDELT layout
included) and the CLI listing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import Dossier
from dossier.cli import app
from dossier.events.export import GDELT_COLUMNS
from dossier.events.stage import REPORT_KIND
from dossier.model import Event

# Two outlets report the same sanctions; one article reports a denial and a negated attack; one dates
# an arrest by its weekday and names the town. Fictional names, real countries (the dictionaries code them).
ARTICLES = [
    {"outlet": "Harbour Times", "url": "https://example.org/a", "date": "2024-03-05T10:00:00Z",
     "title": "Norway sanctions Belarus over border incidents",
     "text": "Norway sanctions Belarus over border incidents\n\nNorway imposed sanctions on Belarus on Tuesday, "
             "the foreign ministry in Oslo said. Foreign Minister Eirik Dahl said the measures would stay in "
             "place until the incidents stopped."},
    {"outlet": "Northern Wire", "url": "https://example.org/b", "date": "2024-03-05T15:00:00Z",
     "title": "Oslo hits Minsk with sanctions",
     "text": "Oslo hits Minsk with sanctions\n\nNorway imposed sanctions on Belarus after a series of border "
             "incidents, officials in Oslo said on Tuesday. Belarus denied any role in the incidents."},
    {"outlet": "Lakeside Post", "url": "https://example.org/c", "date": "2024-03-06T09:00:00Z",
     "title": "Border guards deny clash",
     "text": "Border guards deny clash\n\nThe Belarusian border guard did not attack the Norwegian patrol, "
             "a spokesman in Minsk said on Wednesday."},
    {"outlet": "Harbour Times", "url": "https://example.org/d", "date": "2024-03-08T09:00:00Z",
     "title": "Journalists held",
     "text": "Journalists held\n\nBelarusian police detained two Norwegian journalists in Grodno on Wednesday, "
             "their newspaper said."},
]


def write_feed(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in ARTICLES:
            f.write(json.dumps({"title": a["title"], "text": a["text"], "date": a["date"], "outlet": a["outlet"],
                                "url": a["url"]}) + "\n")
    return path


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("events")
    d = Dossier(tmp / "news.db")
    d.ingest([write_feed(tmp / "feed.jsonl")])
    d.run(["event_dedup"])
    yield d, tmp
    d.close()


def test_reports_are_per_article_with_evidence(run):
    d, _ = run
    reports = d.store.annotations(REPORT_KIND, Event)
    assert reports
    for r in reports:
        ev = r.evidence[0]
        text = d.article(ev.article_id).text
        assert text[ev.start : ev.end] == ev.text and ev.sentence in text


def test_same_action_in_two_outlets_is_one_event(run):
    d, _ = run
    sanctions = [e for e in d.events("SANCTION") if e.actor_country == "NOR"]
    assert len(sanctions) == 1
    e = sanctions[0]
    assert e.target_country == "BLR" and e.num_sources == 2 and e.num_mentions >= 2
    assert set(e.outlets) >= {"Harbour Times", "Northern Wire"} and e.date == "2024-03-05"


def test_denial_is_an_event_and_negated_attack_is_not(run):
    d, _ = run
    assert any(e.type == "REJECT" and e.actor_country == "BLR" for e in d.events())
    assert not d.events("ASSAULT")
    assert any(r.negated and r.type == "ASSAULT" for r in d.store.annotations(REPORT_KIND, Event))


def test_date_from_the_sentence_place_and_mode(run):
    d, _ = run
    arrest = next(e for e in d.events("COERCE"))
    assert arrest.date == "2024-03-06" and arrest.date_precision == "day"  # "on Wednesday", published Friday
    assert arrest.location in ("Grodno", "Hrodna") and arrest.mode == "arrest"  # the gazetteer says Hrodna
    assert (arrest.actor_country, arrest.target_country) == ("BLR", "NOR")
    assert arrest.reported_by == "their newspaper"


def test_actors_are_resolved_entities(run):
    d, _ = run
    e = next(e for e in d.events("SANCTION") if e.actor_country == "NOR")
    entities = {x.id: x for x in d.entities()}
    assert entities[e.actor_entity_id].name == "Norway" and entities[e.target_entity_id].name == "Belarus"
    assert e.actor_sector == "government"  # a state named as actor stands for its government


def test_gdelt_export_is_tab_separated_with_counts_and_urls(run):
    d, tmp = run
    out = tmp / "events.tsv"
    n = d.export("events", "gdelt", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t"))
    assert n == len(rows) == len(d.events()) and list(rows[0]) == GDELT_COLUMNS
    row = next(r for r in rows if r["EventType"] == "SANCTION")
    assert row["SQLDATE"] == "20240305" and row["Actor1CountryCode"] == "NOR" and row["NumSources"] == "2"
    assert row["Actor1Code"] == "NORGOV" and row["QuadClass"] == "3"  # reducing relations: verbal conflict
    assert "https://example.org/a" in row["SOURCEURL"] and "https://example.org/b" in row["SOURCEURL"]
    arrest = next(r for r in rows if r["EventType"] == "COERCE")
    assert arrest["ActionGeo_CountryCode"] == "BLR" and float(arrest["ActionGeo_Lat"]) > 50
    assert arrest["QuadClass"] == "4" and arrest["NumMentions"] == "1"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_events_export_in_every_format(run, fmt):
    d, tmp = run
    out = tmp / f"events.{fmt}"
    n = d.export("events", fmt, out)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(rows) == len(d.events())
    top = rows[0]  # most reported first
    assert top["type"] == "SANCTION" and int(top["num_sources"]) == 2 and int(top["num_mentions"]) >= 2
    assert "https://example.org/a" in str(top["source_urls"]) and "Norway" in str(top["sentences"])


def test_gdelt_format_is_for_events_only(run):
    from dossier.errors import DossierError

    d, tmp = run
    with pytest.raises(DossierError, match="gdelt"):
        d.export("articles", "gdelt", tmp / "x.tsv")


def test_cli_lists_events_and_codes_text(run):
    _d, tmp = run
    runner = CliRunner()
    result = runner.invoke(app, ["--db", str(tmp / "news.db"), "events", "--type", "sanction", "--jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all(r["type"] == "SANCTION" for r in rows)
    result = runner.invoke(app, ["events", "--text", "Iran threatened to shell Iraqi towns."])
    assert result.exit_code == 0 and json.loads(result.output.splitlines()[0])["type"] == "THREATEN"
