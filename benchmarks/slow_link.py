"""First contentful paint of a stage page on a slow phone link, served the way the README says.

    .venv/bin/python benchmarks/slow_link.py            # about a minute
    .venv/bin/python benchmarks/slow_link.py --runs 7

Builds the real site (both languages) into a temporary folder and serves it twice on
127.0.0.1: as plain files (no compression: `python -m http.server`), and the way the README
tells a host to serve it: the precompressed copies the build writes (`x.br`, else `x.gz`)
sent as they are when the browser accepts them (nginx `gzip_static`/`brotli_static`, Caddy
`file_server { precompressed br gzip }`). Chromium's network emulation makes the link slow
3G: 400 kbit/s down, 400 ms round trip. Each run is a fresh browser context (nothing cached,
no service worker yet). Reports the median first contentful paint and the bytes a first
visit transfers, for each language and each way of serving, and their ratio.

Target (issue 13): first contentful paint <= 2.5 s served precompressed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}


class Plain(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Precompressed(Plain):
    """Sends x.br or x.gz in place of x when the client accepts it, as gzip_static does."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accept = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accept and os.path.isfile(path + suffix):
                body = open(path + suffix, "rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return super().send_head()


def build(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for config, target in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(target)],
                       cwd=ROOT, env=env, check=True, capture_output=True)


def serve(site: Path, handler) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def first_paint(browser, url: str) -> tuple[float, int]:
    """(first contentful paint in seconds, bytes transferred until load) of one fresh visit."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW)
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000
    context.close()
    return fcp, sum(sizes.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--stage", default="formal-proposal")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            rows = {}
            for how, handler in (("plain files", Plain), ("precompressed", Precompressed)):
                url, server = serve(site, handler)
                for lang, prefix in (("zh", ""), ("en", "en/")):
                    runs = [first_paint(browser, f"{url}/{prefix}stages/{options.stage}/") for _ in range(options.runs)]
                    rows[(how, lang)] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
                server.shutdown()
            browser.close()
    print(f"First visit of stages/{options.stage}/ on slow 3G (400 kbit/s, 400 ms), median of {options.runs}:")
    for lang in ("zh", "en"):
        plain, packed = rows[("plain files", lang)], rows[("precompressed", lang)]
        print(f"  {lang}: plain files FCP {plain[0]:.2f} s, {plain[1] / 1024:.0f} KB; "
              f"precompressed FCP {packed[0]:.2f} s, {packed[1] / 1024:.0f} KB; "
              f"FCP ratio {packed[0] / plain[0]:.2f} (target: precompressed <= 2.5 s)")


if __name__ == "__main__":
    main()
