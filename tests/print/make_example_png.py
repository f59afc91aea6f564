"""Regenerate docs/images/checklist-example.png: stage 1's checklist as Chromium prints it.

    .venv/bin/python tests/print/make_example_png.py

Builds the real site into a temporary folder, prints the page to A4 PDF and renders the first
page at 96 dpi with pdftoppm (small enough for the README, large enough to read the rows).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from salesplaybook import load_playbook
from salesplaybook.render.paper.pages import checklist_path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "docs" / "images" / "checklist-example.png"
DPI = "96"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    stage = load_playbook(ROOT / "playbook" / "playbook.yaml").stages[0]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, env=env, check=True)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        pdf = Path(tmp) / "checklist.pdf"
        url = f"http://127.0.0.1:{server.server_address[1]}/{checklist_path(stage.id).removesuffix('.md')}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            page.goto(url)
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
            browser.close()
        server.shutdown()
        subprocess.run(["pdftoppm", "-png", "-r", DPI, "-f", "1", "-l", "1", "-singlefile", str(pdf), str(Path(tmp) / "page")], check=True)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(tmp) / "page.png", TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
