"""Fixtures shared by every test folder.

One headless Chromium for the whole run: Playwright's sync API cannot be started twice in one
process while the first is still open, so the site and the print tests share this one.
"""

from __future__ import annotations

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()
