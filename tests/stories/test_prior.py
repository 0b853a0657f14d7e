"""The word-frequency prior is derived once and read back from the cache folder."""

from __future__ import annotations

import json

import pytest

from dossier.stories import prior

pytest.importorskip("wordfreq")


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path / "cache"))
    prior.stem_rates.cache_clear()
    yield tmp_path / "cache"
    prior.stem_rates.cache_clear()


def test_rates_are_written_once_and_read_back_equal(fresh_cache):
    computed = prior.stem_rates()
    files = list(fresh_cache.glob("stem-rates-*.json"))
    assert len(files) == 1 and not list(fresh_cache.glob("*.tmp"))
    said, deployment, minsk = (computed[prior.porter(w)] for w in ("said", "deployment", "minsk"))
    assert said > 0.3 > deployment > minsk > prior.RARE
    prior.stem_rates.cache_clear()
    assert prior.stem_rates() == computed


def test_a_damaged_cache_file_is_recomputed(fresh_cache):
    computed = prior.stem_rates()
    path = next(fresh_cache.glob("stem-rates-*.json"))
    path.write_text('{"said": 0.9', encoding="utf-8")  # cut short, as by a full disk
    prior.stem_rates.cache_clear()
    assert prior.stem_rates() == computed
    assert json.loads(path.read_text(encoding="utf-8")) == computed


def test_an_unwritable_cache_folder_only_costs_time(fresh_cache):
    fresh_cache.parent.mkdir(exist_ok=True)
    fresh_cache.write_text("a file where the folder should be", encoding="utf-8")
    assert prior.stem_rates()[prior.porter("said")] > 0.3
    assert fresh_cache.is_file()


def test_the_key_changes_with_what_the_table_is_derived_from(monkeypatch, fresh_cache):
    before = prior._cache_key("3.1.1")
    assert prior._cache_key("3.2.0") != before
    monkeypatch.setattr(prior, "VOCABULARY", prior.VOCABULARY + 1)
    assert prior._cache_key("3.1.1") != before
