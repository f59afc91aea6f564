"""Draw the app's PNG icons from icon.svg with the headless Chromium the tests use.

    .venv/bin/python tests/app/make_icons.py

Run after editing icon.svg; the PNGs are committed (a phone's home screen needs 192 and 512 px).
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[2] / "src" / "salesplaybook" / "render" / "app" / "assets" / "icons"

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    svg = (ICONS / "icon.svg").read_text(encoding="utf-8")
    for size in (192, 512):
        page = browser.new_page(viewport={"width": size, "height": size})
        page.set_content(f'<body style="margin:0">{svg.replace("<svg ", f"<svg width={size} height={size} ")}</body>')
        page.screenshot(path=str(ICONS / f"icon-{size}.png"), omit_background=True)
        page.close()
    browser.close()
