from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.errors import BadInput
from dossier.ingest import ingest, read_bytes
from dossier.model import Article


def write_corpus(root):
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "one.txt").write_text("The mayor of Lindau opened the new ferry terminal on Friday.")
    (root / "sub" / "two.html").write_text(
        "<html><body><article><p>Ferries to Bregenz were cancelled after the storm.</p></article></body></html>"
    )
    (root / "sub" / "deeper" / "three.jsonl").write_text(
        '{"text": "The lake rose by a metre overnight.", "title": "Lake rises"}\n'
        '{"text": "Fishermen kept their boats in harbour.", "title": "Boats stay in"}\n'
    )
    (root / "sub" / ".hidden.txt").write_text("editor backup, not an article")
    (root / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)


def test_folder_ingest_is_recursive_and_idempotent(tmp_path, store):
    write_corpus(tmp_path / "in")
    first = ingest(store, [tmp_path / "in"])
    assert (first.read, first.new, len(first.errors)) == (4, 4, 1)
    assert "binary" in first.errors[0].problem and first.errors[0].where.endswith("bad.txt")
    again = ingest(store, [tmp_path / "in"])
    assert (again.new, again.already_stored) == (0, 4)
    assert store.count() == 4
    assert store.count("ingest_errors") == 2  # the bad file is reported each time it is met


def test_missing_path_is_reported_and_run_fails_only_when_nothing_was_read(tmp_path, store):
    report = ingest(store, [tmp_path / "nowhere"])
    assert report.failed and "no such file" in report.errors[0].problem
    (tmp_path / "ok.txt").write_text("A real article about tides and harbours.")
    report = ingest(store, [tmp_path / "nowhere", tmp_path / "ok.txt"])
    assert not report.failed and report.new == 1


def test_interrupted_ingest_resumes_without_loss_or_duplicates(tmp_path, store, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:02}.txt").write_text(f"Dispatch {i}: the ferry to island {i} sailed on time.")
    import dossier.ingest as ingest_module

    real = ingest_module.read_bytes
    calls = {"n": 0}

    def crashing(data, name, fmt=None):
        calls["n"] += 1
        if calls["n"] == 17:
            raise KeyboardInterrupt  # the user pressed Ctrl-C, or the machine died
        return real(data, name, fmt)

    monkeypatch.setattr(ingest_module, "read_bytes", crashing)
    with pytest.raises(KeyboardInterrupt):
        ingest(store, [folder], batch_size=5)
    stored = store.count()
    assert stored == 15  # three full batches were committed before the crash
    monkeypatch.setattr(ingest_module, "read_bytes", real)
    report = ingest(store, [folder], batch_size=5)
    assert report.new == 30 - stored and store.count() == 30


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"<html><body><p>", b'{"text": ', b"<?xml version='1.0'?><rss", b"WARC/1.0\r\n", b"\x1f\x8b"]).flatmap(
            lambda prefix: st.binary(max_size=300).map(lambda tail: prefix + tail)
        ),
    ),
    name=st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", "a.warc", "a.rss", "noext", "a.gz"]),
)
def test_readers_never_crash_on_malformed_input(data, name):
    for item in read_bytes(data, name):
        assert isinstance(item, (Article, BadInput))
        if isinstance(item, BadInput):
            assert item.where and item.problem and "\n" not in item.problem
