"""Docs that cannot drift: every CLI command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

from dossier import settings
from dossier.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_cli_command_is_in_the_readme():
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [c for c in commands if f"dossier {c}" not in README and f"| {c}" not in README and f" {c} " not in README]
    assert not missing, f"README does not mention: {missing}"


def test_every_setting_has_help():
    for s in settings.SETTINGS:
        assert s.help.endswith(".") and len(s.help) > 15, s.name
