"""The gazetteer is built once per installation of its registry packages and read back from the cache."""

from __future__ import annotations

from dossier.nlp import gazetteer as gz


def test_the_gazetteer_read_back_from_the_cache_is_the_one_built(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(tmp_path))
    gz.gazetteer.cache_clear()
    try:
        first = gz.gazetteer()
        (kept,) = tmp_path.glob("gazetteer-*.json")
        gz.gazetteer.cache_clear()
        again = gz.gazetteer()
    finally:
        gz.gazetteer.cache_clear()
    built = gz.build_gazetteer()
    assert again.places == first.places == built.places and again.demonyms == built.demonyms
    assert again.place("Minsk").country == "BLR" and again.country_of_demonym("Belarusian") == "BLR"
    assert again.place("Kiev") is again.place("Kyiv")  # one place, however many names point at it
    assert kept.stat().st_size > 1_000_000
