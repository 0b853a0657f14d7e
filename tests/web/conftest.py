"""End-to-end fixtures: the demo store served by uvicorn on a free localhost port, and headless Chromium.

Debian's chromium (scripts/system-packages.sh) driven by Playwright; never `playwright install`.
Without /usr/bin/chromium the tests skip locally and fail under CI=true.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from web_served import CHROMIUM, CHROMIUM_ARGS, Served, demo_store


def _skip_or_fail(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        _skip_or_fail(f"{CHROMIUM} is absent: install Debian's chromium (scripts/system-packages.sh) for the UI tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed: pip install -e '.[dev]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return demo_store.shared_demo_db(tmp_path_factory)


@pytest.fixture(scope="session")
def server(chromium, demo_db):
    served = Served(demo_db)
    yield served
    served.stop()


@pytest.fixture
def writable_server(chromium, demo_db, tmp_path):
    served = Served(demo_store.copy_db(demo_db, tmp_path / "copy"))
    yield served
    served.stop()


@pytest.fixture
def page(chromium, request):
    """A fresh page that records every request, script and console error, and every dialog (alert = script ran)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.requests, pg.errors, pg.dialogs = [], [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # Console errors include Content-Security-Policy refusals and failed loads.
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
