"""The outlet registry: built-in data, a user's CSV on top, near spellings, and its use for independent sources."""

from __future__ import annotations

import pytest

from dossier.errors import BadInput
from dossier.stories import outlets
from dossier.stories.sources import SourceInfo, independent_sources


@pytest.fixture
def user_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,kind,owner\n"
                    "Harbour Gazette,HG|The Gazette,XXX,independent,Harbour Media\n"
                    "Reuters,,GBR,aggregator,overridden for the test\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_OUTLETS_FILE", str(path))
    return path


def test_built_in_outlets_with_aliases_and_near_spellings(monkeypatch):
    monkeypatch.delenv("DOSSIER_OUTLETS_FILE", raising=False)
    reg = outlets.registry()
    assert reg.describe("AP").name == "Associated Press" and reg.describe("AP").kind == "wire"
    assert reg.describe("Belta").kind == "state media" and reg.describe("Belta").country == "BLR"
    assert reg.describe("Norvell Press Agency").name == "Norvel Press Agency"  # garbled in the demo's c03
    unknown = reg.describe("Harbour Gazette")
    assert unknown.kind == "unknown" and not unknown.known


def test_a_user_file_adds_and_overrides(user_file):
    reg = outlets.registry()
    assert reg.describe("The Gazette").name == "Harbour Gazette" and reg.describe("HG").owner == "Harbour Media"
    assert reg.describe("Reuters").kind == "aggregator"


def test_a_bad_user_file_is_one_clear_error(tmp_path, monkeypatch):
    path = tmp_path / "bad.csv"
    path.write_text("name,aliases,country,kind,owner\nSomething,,,newspaperish,\n", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_OUTLETS_FILE", str(path))
    with pytest.raises(BadInput, match="bad.csv:2: kind 'newspaperish'"):
        outlets.registry()
    monkeypatch.setenv("DOSSIER_OUTLETS_FILE", str(tmp_path / "missing.csv"))
    with pytest.raises(BadInput, match="not a file"):
        outlets.registry()


def test_an_alias_and_the_full_name_are_one_source(monkeypatch):
    monkeypatch.delenv("DOSSIER_OUTLETS_FILE", raising=False)
    members = [SourceInfo("a", outlet="Outlet One", relays="AP"), SourceInfo("b", outlet="Associated Press"),
               SourceInfo("c", outlet="Outlet Two")]
    assert independent_sources(members) == 2
