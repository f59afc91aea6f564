"""Regenerate the phone screenshots in docs/images (390 x 844, as a rep sees them):

    .venv/bin/python tests/site/make_phone_screens.py

- phone-stage-{zh,en}.png: a stage page's first screen (what to do to enter and complete it);
- phone-my-deals-{zh,en}.png: my deals with a deal in progress and its verdict;
- phone-checklist-{zh,en}.png: the checklist of the deal's stage, ticked with dates and evidence.

Builds the real site into a temporary folder and serves it; look at the pictures after.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "images"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WORDS = {"zh": ("新建交易", "华东精密 MES 选型", "华东精密制造", "李雷", "会议纪要"),
         "en": ("New deal", "MES selection", "East China Precision", "Li Lei", "meeting minutes")}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for config, target in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(target)],
                       cwd=ROOT, env=env, check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for lang, prefix in (("zh", ""), ("en", "en/")):
                new, name, customer, rep, evidence = WORDS[lang]
                page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
                page.goto(f"{url}/{prefix}stages/formal-proposal/")
                page.screenshot(path=str(OUT / f"phone-stage-{lang}.png"))
                page.goto(f"{url}/{prefix}deals/")
                page.get_by_role("button", name=new).click()
                for key, value in (("name", name), ("customer", customer), ("rep", rep)):
                    page.locator(f"#pb-f-{key}").fill(value)
                    page.locator(f"#pb-f-{key}").dispatch_event("change")
                for item in page.locator(".pb-app-items input[type=checkbox]").evaluate_all(
                        "boxes => boxes.slice(0, 3).map(b => b.dataset.pbItem)"):
                    page.locator(f"#pb-c-{item}").check()
                    page.locator(f"li:has(#pb-c-{item}) input[type=date]").fill(week_ago)
                    page.locator(f"li:has(#pb-c-{item}) input[type=date]").dispatch_event("change")
                    page.locator(f"li:has(#pb-c-{item}) input[type=text]").fill(evidence)
                    page.locator(f"li:has(#pb-c-{item}) input[type=text]").dispatch_event("change")
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(800)  # the header's title swaps with a transition on scroll
                page.screenshot(path=str(OUT / f"phone-my-deals-{lang}.png"))
                page.locator(".pb-app-checklist h2").scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, -60)")
                page.wait_for_timeout(800)
                page.screenshot(path=str(OUT / f"phone-checklist-{lang}.png"))
                page.context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
