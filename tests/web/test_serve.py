"""`dossier serve` and the demo's closing line, through the command line (no browser needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner
from web_served import demo_store, free_port

from dossier.cli import app


def test_demo_ends_with_the_url_of_the_ui(demo_db, tmp_path):
    db = demo_store.copy_db(demo_db, tmp_path / "copy")
    result = CliRunner().invoke(app, ["--db", str(db), "demo"], env={"DOSSIER_PORT": "8123"})
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert "http://127.0.0.1:8123/" in last and "serve" in last and str(db) in last


def test_serve_answers_on_localhost(demo_db):
    port = free_port()
    env = {**os.environ, "DOSSIER_API_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "dossier.cli", "--db", str(demo_db), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        info = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/info", timeout=1) as r:
                    info = json.loads(r.read())
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert info and info["articles"] > 10, proc.stderr.read() if proc.poll() is not None else "no answer"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
            assert "Stories" in r.read().decode()
    finally:
        proc.terminate()
        _, stderr = proc.communicate(timeout=10)
    assert "token for changing data this session" in stderr and f"127.0.0.1:{port}" in stderr
