"""Benchmark of the playbook site, as ratios against baselines measured in the same run.

    .venv/bin/python benchmarks/site.py --quick      # under two minutes on 2 cores: 1, 2 and 5 below
    .venv/bin/python benchmarks/site.py              # everything but Lighthouse: about ten minutes
    .venv/bin/python benchmarks/site.py --runs 5 --lighthouse 5
    .venv/bin/python benchmarks/site.py --bytes      # only 3 and 4 below, on one build: about a minute

1. Build: `mkdocs build` of the real playbook (the plugin loads the YAML and generates every
   page) against the very same pages written out as plain Markdown and built with the same
   theme, search (jieba) and Markdown settings and no playbook plugin. Median of N runs each,
   interleaved. With a warm build cache (an unchanged playbook: the pages and the compressed
   copies come from the cache) and a cold one (an empty cache: every page rendered, every text
   file compressed). Target: ratio <= 1.05.
2. Rebuild under `mkdocs serve` (temporary project copy): time from saving a playbook YAML until
   the served stage page shows the edit, against the same for an edit of a hand-written page.
3. First visit of a stage page in Chromium, in both languages: every byte transferred (HTML,
   CSS, JavaScript, the search worker; the search index waits until the search is opened),
   raw and gzip-compressed, against a plain-Markdown page of the baseline site (which loads
   Material's own index at once). Target: <= 100 KB gzip.
4. Opening the search on that page: the bytes it fetches (the index), and the time from the
   tap on the search button to the first results of a query typed key by key, served with
   gzip, on the local link and on an emulated slow 3G link (400 kbit/s, 400 ms round trip).
5. Growth: the build of a playbook 10 times bigger (big_playbook.py: items and forms) against
   the real one's, and the same for the plain Markdown of both (the engine's own growth).
   Target: ratio <= 3.5.
6. Optional (--lighthouse N): median of N Lighthouse mobile runs (performance, accessibility,
   best practices) of the stage page, with Debian's Chromium; set LIGHTHOUSE to its binary.

Writes nothing into the repository; everything goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# Lighthouse is not a project dependency (large, and only for this optional measurement):
# `npm install --prefix /some/dir lighthouse@12`, then LIGHTHOUSE=/some/dir/node_modules/.bin/lighthouse.
LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "lighthouse")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def mkdocs_build(config: Path, site: Path, cwd: Path, **env: str) -> float:
    """Seconds of one `mkdocs build` process; `env` adds to its environment (XDG_CACHE_HOME,
    PLAYBOOK_NO_CACHE, PLAYBOOK_NO_PRECOMPRESS)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                          cwd=cwd, env=dict(ENV, **env), capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"build of {config} failed:\n{done.stderr}")
    return took


def plain_markdown_project(where: Path, project: Path = ROOT, search_excluded: bool = False) -> Path:
    """The pages `project`'s site builds, as plain Markdown files, with the same theme, search
    and Markdown settings and navigation, and no playbook plugin. `search_excluded`: every page
    kept out of Material's search index, as the plugin keeps them (it writes its own index):
    the same work for the engine, so the difference is the plugin's own cost."""
    sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "src")]
    from mkdocs_playbook.nav import build_nav
    from mkdocs_playbook.pages import page_source
    from salesplaybook import load_playbook
    from salesplaybook.render import assets, book_pages
    from salesplaybook.render.md import MARKDOWN_EXTENSIONS

    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["playbook"] for p in config["plugins"] if isinstance(p, dict) and "playbook" in p)
    playbook = load_playbook(project / options["playbook"])
    pages = book_pages(playbook, options["lang"])
    docs = where / "docs"
    shutil.copytree(project / "docs", docs, ignore=shutil.ignore_patterns("*.en.md"))
    for page in pages:
        (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.path).write_text(page_source(page), encoding="utf-8")
    for path, content in assets(playbook, options["lang"]).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (docs / path).write_bytes(content)
        else:
            (docs / path).write_text(content, encoding="utf-8")
    # hand-written pages with generated parts get them filled in, as the plugin does
    from salesplaybook.render import fragments
    from mkdocs_playbook.pages import fill_fragments
    parts = fragments(playbook, options["lang"])
    for md in docs.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        if "playbook:" in text:
            text = fill_fragments(text, parts)[0]
        if search_excluded:
            text = (text.replace("---\n", "---\nsearch: {exclude: true}\n", 1) if text.startswith("---\n")
                    else "---\nsearch: {exclude: true}\n---\n\n" + text)
        md.write_text(text, encoding="utf-8")
    config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "playbook" in p)]
    config["nav"] = build_nav(pages, options.get("intro", []), options.get("appendix", []))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(project / config["theme"]["custom_dir"])
    extensions = config.setdefault("markdown_extensions", [])
    names = {next(iter(e)) if isinstance(e, dict) else e for e in extensions}
    extensions += [{name: settings} if settings else name for name, settings in MARKDOWN_EXTENSIONS.items() if name not in names]
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return where / "mkdocs.yml"


def bench_build(tmp: Path, runs: int) -> dict:
    """The real site against plain Markdown, with a warm build cache (nothing changed since the
    last build) and a cold one (an empty cache folder: CI, a first build)."""
    plain = plain_markdown_project(tmp / "plain")
    same = plain_markdown_project(tmp / "plain-same", search_excluded=True)
    warm_home = tmp / "cache-warm"
    mkdocs_build(ROOT / "mkdocs.yml", tmp / "warm", ROOT, XDG_CACHE_HOME=str(warm_home))  # fills the cache
    mkdocs_build(plain, tmp / "plain-warm", plain.parent)  # jieba's dictionary cache, the file system cache
    warm, cold, base, base_same = [], [], [], []
    for i in range(runs):  # interleaved, so a change in the machine's load touches all three alike
        warm.append(mkdocs_build(ROOT / "mkdocs.yml", tmp / f"real{i}", ROOT, XDG_CACHE_HOME=str(warm_home)))
        cold.append(mkdocs_build(ROOT / "mkdocs.yml", tmp / f"cold{i}", ROOT, XDG_CACHE_HOME=str(tmp / f"cache-cold{i}")))
        base.append(mkdocs_build(plain, tmp / f"plain{i}", plain.parent))
        base_same.append(mkdocs_build(same, tmp / f"plain-same{i}", same.parent))
    w, c, b, s = (statistics.median(x) for x in (warm, cold, base, base_same))
    return {"warm_s": w, "cold_s": c, "plain_s": b, "warm_ratio": w / b, "cold_ratio": c / b, "runs": runs,
            "same_s": s, "warm_same_ratio": w / s, "cold_same_ratio": c / s,
            "real_site": tmp / "real0", "plain_site": tmp / "plain0"}


def big_project(tmp: Path, factor: int) -> Path:
    """A copy of the project whose playbook is `factor` times bigger (big_playbook.py)."""
    from big_playbook import write_big_playbook

    project = tmp / "big"
    write_big_playbook(project, factor)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    for folder in ("overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    return project


def bench_big(tmp: Path, runs: int, factor: int, full: bool) -> dict:
    """The build of a playbook `factor` times bigger against the real one's, both with an empty
    cache and no precompressed copies (what the playbook code and the engine cost), and the
    same growth for the plain Markdown of both (the engine's own share). `full`: also both with
    a warm cache and the precompressed copies (the big one's first build takes minutes)."""
    project = big_project(tmp, factor)
    plain_big = plain_markdown_project(tmp / "plain-big", project, search_excluded=True)
    plain_real = tmp / "plain-same" / "mkdocs.yml"
    bare = {"PLAYBOOK_NO_CACHE": "1", "PLAYBOOK_NO_PRECOMPRESS": "1"}
    real, big, pr, pb = [], [], [], []
    for i in range(runs):
        real.append(mkdocs_build(ROOT / "mkdocs.yml", tmp / f"g-real{i}", ROOT, **bare))
        big.append(mkdocs_build(project / "mkdocs.yml", tmp / f"g-big{i}", project, **bare))
        pr.append(mkdocs_build(plain_real, tmp / f"g-plain{i}", plain_real.parent))
        pb.append(mkdocs_build(plain_big, tmp / f"g-plain-big{i}", plain_big.parent))
    out = {"real_s": statistics.median(real), "big_s": statistics.median(big),
           "plain_real_s": statistics.median(pr), "plain_big_s": statistics.median(pb), "runs": runs, "factor": factor}
    if full:
        home = {"XDG_CACHE_HOME": str(tmp / "cache-big")}
        out["big_cold_s"] = mkdocs_build(project / "mkdocs.yml", tmp / "g-big-cold", project, **home)
        out["big_warm_s"] = mkdocs_build(project / "mkdocs.yml", tmp / "g-big-warm", project, **home)
        out["real_warm_s"] = mkdocs_build(ROOT / "mkdocs.yml", tmp / "g-real-warm", ROOT, **home)
        mkdocs_build(ROOT / "mkdocs.yml", tmp / "g-real-warm", ROOT, **home)
        out["real_warm_s"] = mkdocs_build(ROOT / "mkdocs.yml", tmp / "g-real-warm2", ROOT, **home)
        out["real_cold_s"] = mkdocs_build(ROOT / "mkdocs.yml", tmp / "g-real-cold", ROOT, XDG_CACHE_HOME=str(tmp / "cache-g"))
    return out


# --- rebuild under mkdocs serve ---

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _until(url: str, text: str, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _get(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    sys.exit(f"{url} never showed {text!r}")


def _until_without(url: str, text: str, timeout: float = 120) -> None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = _get(url)
        if page and text not in page:
            return
        time.sleep(0.05)
    sys.exit(f"{url} still showed {text!r}")


def _children(pid: int) -> list[int]:
    """The processes `pid` started and that still run (Linux: /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            pass
    return out


def _settled(pid: int, timeout: float = 120) -> None:
    """Wait until the server has run no background build for a second (the English one starts
    a second after each rebuild), then a little more."""
    if not Path("/proc").is_dir():
        time.sleep(6)
        return
    start = quiet = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if _children(pid):
            quiet = time.perf_counter()
        elif time.perf_counter() - quiet > 1.5:
            break
        time.sleep(0.1)
    time.sleep(0.5)


def bench_rebuild(tmp: Path, runs: int) -> dict:
    project = tmp / "serve"
    project.mkdir()
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, project / name)
    for folder in ("overrides", "docs", "playbook"):
        shutil.copytree(ROOT / folder, project / folder)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=dict(ENV, XDG_CACHE_HOME=str(tmp / "cache-serve")),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        sys.path[:0] = [str(ROOT / "src")]
        from salesplaybook import load_playbook
        pb = load_playbook(project / "playbook" / "playbook.yaml")
        stage = pb.stages[0]
        stage_file = next((project / "playbook" / "stages").glob("01-*.yaml"))
        _until(f"{url}/stages/{stage.id}/", stage.name.zh)
        _settled(server.pid)  # the background English build done: each save starts on an idle server
        yaml_times, md_times = [], []
        guide = project / "docs" / "guide.md"
        for i in range(runs):
            marker = f"基准标记{i}"
            text = stage_file.read_text(encoding="utf-8")
            stage_file.write_text(text.replace(stage.purpose.zh, stage.purpose.zh + marker, 1), encoding="utf-8")
            yaml_times.append(_until(f"{url}/stages/{stage.id}/", marker))
            stage_file.write_text(text, encoding="utf-8")
            _until_without(f"{url}/stages/{stage.id}/", marker)
            _settled(server.pid)
            g = guide.read_text(encoding="utf-8")
            guide.write_text(g + f"\n{marker}\n", encoding="utf-8")
            md_times.append(_until(f"{url}/guide/", marker))
            guide.write_text(g, encoding="utf-8")
            _until_without(f"{url}/guide/", marker)
            _settled(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    y, m = statistics.median(yaml_times), statistics.median(md_times)
    return {"yaml_s": y, "markdown_s": m, "ratio": y / m, "runs": runs}


# --- bytes of a first visit ---

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Gzip(_Quiet):
    """Static files gzip-compressed when the browser accepts it, with a cache lifetime."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        import io
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


def first_visit(site: Path, path: str) -> dict:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{path}"
    bodies: dict[str, bytes] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})

        def keep(response):
            try:
                bodies[response.url] = response.body()
            except Exception:  # a redirect or an aborted request has no body
                pass

        page.on("response", keep)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1000)
        browser.close()
    server.shutdown()
    raw = sum(len(b) for b in bodies.values())
    gz = sum(len(gzip.compress(b, 6)) for b in bodies.values())
    files = sorted(((len(gzip.compress(b, 6)), u.split("/", 3)[-1]) for u, b in bodies.items()), reverse=True)
    return {"raw": raw, "gzip": gz, "requests": len(bodies), "largest": files[:6]}


# --- opening the search ---

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}


def open_search(site: Path, path: str, query: str, slow: bool) -> dict:
    """Bytes fetched by opening the search on `path` after its first visit, and the seconds
    from the tap on the search button to the first results of `query` typed key by key."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{path}"
    bodies: dict[str, bytes] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = context.new_page()
        if slow:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)

        def keep(response):
            try:
                bodies[response.url] = response.body()
            except Exception:
                pass

        page.on("response", keep)
        start = time.perf_counter()
        page.locator('.md-header label.md-header__button[for="__search"]').tap()
        box = page.locator("input.md-search__input")
        box.type(query, delay=150)  # a brisk thumb on a phone keyboard
        box.press("End")
        typed = time.perf_counter()
        page.locator(".md-search-result__list > li").first.wait_for(timeout=60_000)
        done = time.perf_counter()
        browser.close()
    server.shutdown()
    return {"seconds": done - start, "after_typing": done - typed,
            "gzip": sum(len(gzip.compress(b, 6)) for b in bodies.values()),
            "files": sorted(u.split("/", 3)[-1] for u in bodies)}


def report_bytes(real_site: Path, plain_site: Path | None) -> None:
    sys.path[:0] = [str(ROOT / "src")]
    from salesplaybook import load_playbook
    pb = load_playbook(ROOT / "playbook" / "playbook.yaml")
    stage = pb.stages[4]
    plain = first_visit(plain_site, "guide/") if plain_site else None
    for prefix, query in (("", "回款"), ("en/", "collections")):
        stage_path = f"{prefix}stages/{stage.id}/"
        real = first_visit(real_site, stage_path)
        versus = (f"; a hand-written page of the plain site (Material's own search): {plain['gzip'] / 1024:.0f} KB gzip, "
                  f"ratio {real['gzip'] / plain['gzip']:.2f}" if plain and not prefix else "")
        print(f"first visit of {stage_path}: {real['raw'] / 1024:.0f} KB raw, {real['gzip'] / 1024:.1f} KB gzip in "
              f"{real['requests']} requests (target <= 100 KB gzip){versus}")
        for size, name in real["largest"]:
            print(f"    {size / 1024:6.1f} KB gzip  {name}")
        for slow in (False, True):
            opened = open_search(real_site, stage_path, query, slow)
            print(f"  opening the search and typing {query!r}{' on slow 3G' if slow else ''}: results "
                  f"{opened['after_typing']:.2f} s after the last key ({opened['seconds']:.2f} s after the tap); "
                  f"fetched {opened['gzip'] / 1024:.1f} KB gzip ({', '.join(opened['files'])})")


# --- Lighthouse (optional) ---

def lighthouse(site: Path, path: str, runs: int) -> dict:
    # Served gzip-compressed, as any real web server would (http.server alone does not compress).
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{path}"
    scores: dict[str, list[float]] = {"performance": [], "accessibility": [], "best-practices": []}
    env = dict(ENV, CHROME_PATH="/usr/bin/chromium")
    for _ in range(runs):
        done = subprocess.run([LIGHTHOUSE, url, "--output=json", "--quiet",
                               "--only-categories=performance,accessibility,best-practices",
                               "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS)],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            server.shutdown()
            return {"error": done.stderr.strip().splitlines()[-1:] or ["lighthouse failed"]}
        cats = json.loads(done.stdout)["categories"]
        for key in scores:
            scores[key].append(cats[key]["score"] * 100)
    server.shutdown()
    return {key: statistics.median(v) for key, v in scores.items()} | {"runs": runs}


def _stage_id(i: int) -> str:
    sys.path[:0] = [str(ROOT / "src")]
    from salesplaybook import load_playbook
    return load_playbook(ROOT / "playbook" / "playbook.yaml").stages[i].id


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true",
                        help="under two minutes: 2 runs, 1 of the big playbook, no browser, no Lighthouse")
    parser.add_argument("--factor", type=int, default=10, help="how many times bigger the big playbook is")
    parser.add_argument("--lighthouse", type=int, default=0, help="Lighthouse runs (0: skip)")
    parser.add_argument("--bytes", action="store_true", help="only the first visit and the search opening, on one build")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {_load()}")
    with tempfile.TemporaryDirectory(prefix="site-bench-") as folder:
        tmp = Path(folder)
        if args.bytes:
            mkdocs_build(ROOT / "mkdocs.yml", tmp / "real", ROOT)
            mkdocs_build(ROOT / "mkdocs.en.yml", tmp / "real" / "en", ROOT)
            report_bytes(tmp / "real", None)
            return
        runs = 2 if args.quick else args.runs
        build = bench_build(tmp, runs)
        print(f"build, warm cache: real playbook {build['warm_s']:.2f} s, same pages as plain Markdown "
              f"{build['plain_s']:.2f} s, ratio {build['warm_ratio']:.2f} (median of {runs}; target <= 1.05); against "
              f"plain Markdown kept out of Material's search as the plugin keeps its pages ({build['same_s']:.2f} s): "
              f"{build['warm_same_ratio']:.2f}")
        print(f"build, cold cache: real playbook {build['cold_s']:.2f} s, ratio {build['cold_ratio']:.2f} against plain "
              f"Markdown, {build['cold_same_ratio']:.2f} against it kept out of the search (every page rendered, every "
              f"text file compressed: gzip 9, brotli 11)")
        big = bench_big(tmp, 1 if args.quick else runs, args.factor, full=not args.quick)
        print(f"growth, {big['factor']}x the items and forms, no cache, no precompression: big {big['big_s']:.2f} s, "
              f"real {big['real_s']:.2f} s, ratio {big['big_s'] / big['real_s']:.2f} (target <= 3.5); the same pages as "
              f"plain Markdown (kept out of the search): {big['plain_big_s']:.2f} s vs {big['plain_real_s']:.2f} s, ratio "
              f"{big['plain_big_s'] / big['plain_real_s']:.2f} (the engine's own growth); big vs its plain Markdown "
              f"{big['big_s'] / big['plain_big_s']:.2f}")
        if "big_cold_s" in big:
            print(f"growth with the cache and precompressed copies: cold big {big['big_cold_s']:.2f} s vs real "
                  f"{big['real_cold_s']:.2f} s, ratio {big['big_cold_s'] / big['real_cold_s']:.2f}; warm big "
                  f"{big['big_warm_s']:.2f} s vs real {big['real_warm_s']:.2f} s, ratio {big['big_warm_s'] / big['real_warm_s']:.2f}")
        rebuild = bench_rebuild(tmp, runs)
        print(f"serve rebuild: YAML saved -> page updated {rebuild['yaml_s']:.2f} s, hand-written page saved -> "
              f"updated {rebuild['markdown_s']:.2f} s, ratio {rebuild['ratio']:.2f} (median of {rebuild['runs']}; target <= 1.00)")
        if not args.quick:
            # The English site beside it, as `make build` makes it (the switcher reads its sitemap).
            mkdocs_build(ROOT / "mkdocs.en.yml", build["real_site"] / "en", ROOT)
            report_bytes(build["real_site"], build["plain_site"])
        if args.lighthouse and not args.quick:
            stage_path = f"stages/{_stage_id(4)}/"
            print(f"lighthouse (mobile, median of {args.lighthouse}): {lighthouse(build['real_site'], stage_path, args.lighthouse)}")
    print(f"{time.perf_counter() - started:.0f} s in all; at the end {_load()}")


if __name__ == "__main__":
    main()
