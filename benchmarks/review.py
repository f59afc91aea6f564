"""The pipeline review at scale: 10,000 generated deals (50 reps x 200) reviewed in one page.

    .venv/bin/python benchmarks/review.py                 # 50 reps x 200 deals
    .venv/bin/python benchmarks/review.py --reps 5 --deals 20

Measures, and prints as a Markdown table for benchmarks/README.md:
- `playbook review` (HTML) and `--format json`: wall time of the command;
- the page: its bytes, raw and gzip, the deals it lists and those it only counts;
- the page in headless Chromium (the project's /usr/bin/chromium): time to the load event
  (navigation timing, median of --loads), and the DOM's size;
- `playbook team --format xlsx`: wall time and bytes.

Writes nothing into the repository: the deals, the page and the workbook go to a temporary
folder (kept with --keep).
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "review"))
TODAY = "2026-11-27"


def _timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "playbook_cli", *args], cwd=cwd, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode())
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--deals", type=int, default=200, help="deals per rep")
    ap.add_argument("--loads", type=int, default=5, help="page loads in Chromium (the median is reported)")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()

    from generate_team import generate

    tmp = Path(tempfile.mkdtemp(prefix="review-bench-"))
    try:
        t0 = time.perf_counter()
        files = generate(tmp / "deals", a.reps, a.deals)
        gen = time.perf_counter() - t0
        common = ["--playbook", str(ROOT / "playbook" / "playbook.yaml"), "--today", TODAY, "--lang", "en"]
        html_s = _timed(["review", "deals", *common, "-o", "review.html"], tmp)
        json_s = _timed(["review", "deals", *common, "--format", "json", "-o", "review.json"], tmp)
        xlsx_s = _timed(["team", "deals", *common, "--format", "xlsx", "-o", "team.xlsx"], tmp)
        page = (tmp / "review.html").read_bytes()
        import json

        data = json.loads((tmp / "review.json").read_text(encoding="utf-8"))
        loads, dom = [], 0
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for _ in range(a.loads):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                pg = context.new_page()
                pg.goto((tmp / "review.html").as_uri(), wait_until="load")
                loads.append(pg.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
                dom = pg.evaluate("document.getElementsByTagName('*').length")
                context.close()
            browser.close()
        deals = data["deals"]
        rows = [
            ("deals generated", f"{len(files):,} ({a.reps} reps x {a.deals}), {gen:.1f} s"),
            ("`playbook review` to HTML", f"{html_s:.1f} s"),
            ("`playbook review --format json`", f"{json_s:.1f} s"),
            ("`playbook team --format xlsx`", f"{xlsx_s:.1f} s, {(tmp / 'team.xlsx').stat().st_size / 1024:,.0f} KB"),
            ("page size", f"{len(page) / 1024:,.0f} KB raw, {len(gzip.compress(page)) / 1024:,.0f} KB gzip"),
            ("deals on the page", f"{deals['listed']} listed of {deals['open']:,} open; counted only: "
                                  f"{deals['not_listed_needing_attention']:,} needing attention, {deals['not_listed_in_order']:,} in good order"),
            ("Chromium: load event (median of {})".format(a.loads), f"{statistics.median(loads):.0f} ms (all: {', '.join(f'{x:.0f}' for x in loads)})"),
            ("DOM elements", f"{dom:,}"),
        ]
        print("| what | result |\n|---|---|")
        for what, result in rows:
            print(f"| {what} | {result} |")
        if a.keep:
            print(f"\nkept in {tmp}")
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
