"""Fixtures shared by every test folder.

- One headless Chromium for the whole run: Playwright's sync API cannot be started twice in
  one process while the first is still open, so the site and the print tests share this one.
- The real site, both languages, built once per run (`real_site`) and served once (`site_url`):
  the site, search and print tests all read and browse this one build.

Markers (pyproject.toml): `browser`, `pdf`, `fuzz`, `site`. `make test-quick` leaves them all
out. A test that uses the fixtures below must carry their marker, or collection stops (see
pytest_collection_modifyitems), so the quick run never starts a browser or a build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from site_build import ROOT, build_both, serve

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

MARKER_OF_FIXTURE = {
    "browser": "browser",
    "real_site": "site",
    "site_url": "site",
    "printed": "pdf",
    "pdf_reader": "pdf",
}
"""fixture -> the marker every test using it (directly or through another fixture) must carry."""


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A private XDG_CACHE_HOME for the caches' tests: the cache folder is
    `home / "salesplaybook"` (the site build's is its `site/`)."""
    home = tmp_path / "xdg"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("PLAYBOOK_NO_CACHE", raising=False)
    return home


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real playbook's site as `make build` makes it: Chinese at the root, English under
    en/, each built with --strict (in this process: see tests/site_build.py)."""
    site = tmp_path_factory.mktemp("real") / "site"
    build_both(ROOT, site)
    return site


@pytest.fixture(scope="session")
def site_url(real_site):
    """The real site served on a free port of 127.0.0.1; the URL has no trailing slash."""
    url, server = serve(real_site)
    yield url
    server.shutdown()
    server.server_close()


def pytest_configure(config):
    # Every cache of the project (the playbook's, the words', the site build's) goes to a folder
    # of this run, never to the developer's own: a run starts cold and leaves nothing behind.
    folder = tempfile.mkdtemp(prefix="playbook-test-cache-")
    os.environ["XDG_CACHE_HOME"] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_collection_modifyitems(config, items):
    missing = []
    for item in items:
        marks = {m.name for m in item.iter_markers()}
        needed = {MARKER_OF_FIXTURE[f] for f in getattr(item, "fixturenames", ()) if f in MARKER_OF_FIXTURE}
        if needed - marks:
            missing.append(f"{item.nodeid}: add {', '.join(sorted(needed - marks))}")
    if missing:
        raise pytest.UsageError("tests without the marker of a fixture they use (pytestmark = [pytest.mark.…]):\n  "
                                + "\n  ".join(missing))
