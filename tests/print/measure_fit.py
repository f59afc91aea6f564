"""How full each printed checklist and blank form is: its height on A4 against the page's room.

    .venv/bin/python tests/print/measure_fit.py

Builds the real site (both languages) into a temporary folder and, with print media at the A4
content width, measures each sheet: every checklist of every procurement-mode family, and every
blank form (a repeatable one prints as a table on landscape A4: measured at that width, against
that height). A ratio above 1.00 means a second page. The tests assert the page counts; this
shows how much room is left before the playbook's texts outgrow a page.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from salesplaybook import load_playbook
from salesplaybook.render.families import variants
from salesplaybook.render.paper.pages import blank_form_path, checklist_path

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PX_PER_MM = 96 / 25.4
# A4 less the margins of checklist.css's @page rules: portrait 8 + 7 mm top and bottom, 11 + 9 mm
# sides; landscape (repeatable blank forms) 8 + 7 mm and 10 + 10 mm
ROOM_MM = 297 - 15
WIDTH_MM = 210 - 20
LANDSCAPE_ROOM_MM = 210 - 15
LANDSCAPE_WIDTH_MM = 297 - 20


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    pb = load_playbook(ROOT / "playbook" / "playbook.yaml")
    pages = [(checklist_path(s.id, fam), False) for s in pb.stages for fam in variants(pb, s)]
    pages += [(blank_form_path(f.id), f.repeatable) for f in pb.forms]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        for config, target in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(target)],
                           cwd=ROOT, env=env, check=True, capture_output=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            portrait = browser.new_page(viewport={"width": round(WIDTH_MM * PX_PER_MM), "height": 1000})
            landscape = browser.new_page(viewport={"width": round(LANDSCAPE_WIDTH_MM * PX_PER_MM), "height": 1000})
            for page in (portrait, landscape):
                page.emulate_media(media="print")
            print(f"{'page':48} {'lang':4} {'mm':>5} ratio (room {ROOM_MM} mm; landscape {LANDSCAPE_ROOM_MM} mm)")
            for path, wide in pages:
                page, room = (landscape, LANDSCAPE_ROOM_MM) if wide else (portrait, ROOM_MM)
                for lang, prefix in (("zh", ""), ("en", "en/")):
                    page.goto(base + prefix + path.removesuffix(".md") + "/")
                    mm = page.eval_on_selector(".pb-sheet", "e => e.getBoundingClientRect().height") / PX_PER_MM
                    print(f"{path:48} {lang:4} {mm:5.0f} {mm / room:.2f}" + (" landscape" if wide else ""))
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
