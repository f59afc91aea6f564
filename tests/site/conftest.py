"""Fixtures of the site tests: a phone-sized page. The real site (`real_site`), its server
(`site_url`) and the one headless Chromium (`browser`) are tests/conftest.py's, shared with the
print tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def phone(browser):
    """A fresh page at 390x844, the size of a common phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()
