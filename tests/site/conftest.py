"""Shared fixtures of the site tests: the real site built once per session, a local HTTP
server, a phone-sized page. The one headless Chromium (`browser`) is tests/conftest.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_helpers import ROOT, build_both, serve


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real playbook's site, both languages, built with --strict."""
    site = tmp_path_factory.mktemp("real") / "site"
    build_both(ROOT, site)
    return site


@pytest.fixture(scope="session")
def site_url(real_site):
    url, server = serve(real_site)
    yield url
    server.shutdown()


@pytest.fixture
def phone(browser):
    """A fresh page at 390x844, the size of a common phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()
