from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dossier.cli import app

runner = CliRunner()

ARTICLE = """Storm closes Lindau harbour

The harbour of Lindau was closed on Friday after a storm damaged two piers, the port authority said.

"We expect to reopen within a week," harbour master Jonas Weller told reporters.

Please enter your comment!
Share post:
"""


def cli(db, *args, input=None):
    return runner.invoke(app, ["--db", str(db), *args], input=input)


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "storm.txt").write_text(ARTICLE)
    (folder / "ferry.txt").write_text("Ferry services to Bregenz resumed on Sunday, operators said.\n")
    return folder


def test_ingest_twice_stores_once(tmp_path, corpus):
    db = tmp_path / "d.db"
    first = cli(db, "ingest", str(corpus))
    assert first.exit_code == 0 and "new 2" in first.output
    second = cli(db, "ingest", str(corpus))
    assert second.exit_code == 0 and "new 0, already stored 2" in second.output


def test_ingest_of_only_bad_input_exits_non_zero_with_one_line_each(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff" * 100)
    result = cli(tmp_path / "d.db", "ingest", str(tmp_path / "empty.txt"), str(tmp_path / "blob.txt"))
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("skipped")]
    assert len(lines) == 2 and "empty.txt: empty" in lines[0] and "binary" in lines[1]


def test_stdin_ingest(tmp_path):
    result = cli(tmp_path / "d.db", "ingest", "-", input="A story read from a pipe about the river Rhine.")
    assert result.exit_code == 0 and "new 1" in result.output


def test_run_show_articles_search_and_export(tmp_path, corpus):
    db = tmp_path / "d.db"
    cli(db, "ingest", str(corpus))
    ran = cli(db, "run")
    assert ran.exit_code == 0 and "failed" not in ran.output, ran.output
    rows = [json.loads(x) for x in cli(db, "articles", "--jsonl").stdout.splitlines()]
    assert len(rows) == 2 and {r["id"] for r in rows}
    storm = next(r for r in rows if "storm" in r["source"])
    shown = cli(db, "show", storm["id"][:8], "--jsonl")
    record = json.loads(shown.stdout)
    assert "Please enter your comment" not in record["text"] and "Jonas Weller" in record["text"]
    assert {j["text"] for j in record["junk"]} >= {"Please enter your comment!", "Share post:"}
    human = cli(db, "show")
    assert "Storm closes Lindau harbour" in human.output and "Bregenz" in human.output
    hits = [json.loads(x) for x in cli(db, "search", "harbour master").stdout.splitlines()]
    assert [h["article_id"] for h in hits] == [storm["id"]]
    csv_out = cli(db, "export", "articles", "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,source,url,format,title")
    pq_file = tmp_path / "a.parquet"
    assert cli(db, "export", "articles", "--format", "parquet", "-o", str(pq_file)).exit_code == 0
    assert pq.read_table(pq_file).num_rows == 2


def test_errors_are_one_line_without_traceback(tmp_path):
    db = tmp_path / "d.db"
    result = cli(db, "show", "doesnotexist")
    assert result.exit_code == 2 and "no article with id" in result.output and "Traceback" not in result.output
    result = cli(db, "export", "nonsense", "--format", "jsonl")
    assert result.exit_code == 2 and "choose one of" in result.output
    result = cli(tmp_path / "no" / "such" / "dir.db", "articles")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_demo_ingests_the_built_in_corpus_and_summarizes(tmp_path):
    result = cli(tmp_path / "demo.db", "demo")
    assert result.exit_code == 0, result.output
    assert "new articles" in result.output and "articles" in result.output
    again = cli(tmp_path / "demo.db", "demo")
    assert "demo: 0 new articles" in again.output
