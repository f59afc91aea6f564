"""The site on a phone with no signal, and fast on a slow one: a service worker that keeps the
whole site of one language, a web app manifest that makes it installable, and precompressed
copies of every text file for servers that send them as they are (nginx `gzip_static`,
Caddy `precompressed`).

    files = site_files(site_dir, skip=["en"])          # what the service worker keeps
    write_service_worker(site_dir, files, version_of(site_dir, files), playbook_version)
    precompress(site_dir)                               # x.html.gz, x.html.br beside x.html

The manifest, the icons and the page script are generated files like any other
(`render.assets`); the service worker needs the finished site, so it is written last.

Plain functions over a built site folder: the plugin calls them after each build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from pathlib import Path
from typing import Callable

TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest", ".map")
"""Files worth compressing (images are compressed already)."""
KEEP_OUT = (".gz", ".br")
SW = "sw.js"
MANIFEST = "manifest.webmanifest"


def site_files(site: Path, skip: list[str] = ()) -> list[str]:
    """Every file of the built site, as paths relative to it (sorted), without the
    precompressed copies and without the folders in `skip` (another language's site)."""
    out = []
    for folder, dirs, files in os.walk(site):
        rel = Path(folder).relative_to(site)
        if rel.parts and rel.parts[0] in skip:
            dirs[:] = []
            continue
        dirs.sort()
        for name in sorted(files):
            if name.endswith(KEEP_OUT) or name == SW:
                continue
            out.append((rel / name).as_posix())
    return sorted(out)


def version_of(site: Path, files: list[str]) -> str:
    """A short digest of every file's name and bytes: it changes whenever anything published does."""
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode() + b"\0" + (site / name).read_bytes() + b"\0")
    return h.hexdigest()[:12]


def _url(path: str) -> str:
    """The URL a page is asked for: `stages/x/index.html` is visited as `stages/x/`."""
    if path == "index.html":
        return "./"
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def write_service_worker(site: Path, files: list[str], version: str, playbook_version: str) -> None:
    """`sw.js` at the site's root: on install it keeps every file of `files`; it answers from
    what it keeps, and from the network what it does not; a new version replaces the old."""
    script = (Path(__file__).parent / "offline_sw.js").read_text(encoding="utf-8")
    urls = [_url(f) for f in files if not f.endswith(KEEP_OUT)]
    head = (f"const VERSION = {json.dumps(version)};\nconst PLAYBOOK_VERSION = {json.dumps(playbook_version)};\n"
            f"const FILES = {json.dumps(urls, ensure_ascii=False)};\n")
    (site / SW).write_text(head + script, encoding="utf-8")


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _compressors() -> list[tuple[str, Callable[[bytes], bytes], Callable[[bytes], bytes]]]:
    """(suffix, compress, decompress) of each copy written beside a text file."""
    out = [(".gz", _gzip, gzip.decompress)]
    try:
        import brotli
    except ImportError:  # gzip alone still serves a slow link well
        return out
    return out + [(".br", lambda data: brotli.compress(data, quality=11), brotli.decompress)]


def _compressed(data: bytes, digest: str, suffix: str, compress, decompress, store: Path | None) -> bytes:
    """`compress(data)`, from the store when it holds a copy that decompresses to exactly
    `data` (a copy is named by the digest of its input); a new copy goes into the store."""
    if store is None:
        return compress(data)
    from .build_cache import read_entry, write_entry

    name = digest + suffix
    cached = read_entry(store / name)
    if cached is not None:
        try:
            if decompress(cached) == data:
                return cached
        except Exception:  # corrupt: made again
            pass
    out = compress(data)
    try:
        write_entry(store, name, out)
    except OSError:  # a full disk: the site does not need the cache
        pass
    return out


def precompress(site: Path, skip: list[str] = (), store: Path | None = None) -> int:
    """Write `x.gz` (and `x.br` when the brotli package is installed) beside every text file
    of the site; returns how many files were compressed. Deterministic: no time stamps.

    `store`: a folder of copies made by earlier builds (build_cache.compressed_store()), so
    only changed files are compressed again. The files are compressed on every core (zlib
    and brotli release the GIL, so threads suffice)."""
    from concurrent.futures import ThreadPoolExecutor

    compressors = _compressors()
    jobs = [(name, compressors) for name in site_files(site, skip) if name.endswith(TEXT_SUFFIXES) or name == MANIFEST]
    count = len(jobs)
    if (site / SW).exists():
        jobs.append((SW, compressors[:1]))  # the service worker changes with every build: gzip only

    def run(job) -> None:
        name, how = job
        data = (site / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest() if store is not None else ""
        for suffix, compress, decompress in how:
            (site / (name + suffix)).write_bytes(_compressed(data, digest, suffix, compress, decompress, store))

    # the biggest first, so no core waits on one large file at the end
    jobs.sort(key=lambda job: -(site / job[0]).stat().st_size)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(run, jobs))
    if store is not None:
        from .build_cache import prune_compressed

        prune_compressed(store)
    return count


def page_script(lang: str) -> str:
    """The script every page runs: registers the service worker at the site's root and, when a
    new version has been published and kept, offers to switch to it, with the version."""
    from ..words import say

    words = {"ready": say("app.offline_ready", lang, version="{version}"),
             "update": say("app.update_ready", lang, version="{version}")}
    script = (Path(__file__).parent / "offline_page.js").read_text(encoding="utf-8")
    return f"var PB_OFFLINE_WORDS = {json.dumps(words, ensure_ascii=False)};\n" + script
