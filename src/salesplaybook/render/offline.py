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
NEVER_FETCHED = (".map",)
"""Files the site ships (the theme's) but no page ever asks for: source maps are for a
browser's developer tools."""
NEVER_FETCHED_DIRS = ("assets/javascripts/lunr/",)
"""Material's lunr language packs (0.9 MB): the playbook's own search worker replaces lunr."""
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


def never_fetched(name: str) -> bool:
    """Kept on the server, but neither stored for offline use (a phone would download it for
    nothing) nor compressed ahead (a cold build would spend a third of its time on it)."""
    return name.endswith(NEVER_FETCHED) or any(f"/{d}" in f"/{name}" for d in NEVER_FETCHED_DIRS)  # en/assets/... too


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
    urls = [_url(f) for f in files if not f.endswith(KEEP_OUT) and not never_fetched(f)]
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


class Precompression:
    """Compressed copies of a site's text files, made in background threads while the build
    goes on (zlib and brotli release the GIL: the copies take the cores the build leaves):
    `add` a file as soon as it is written, `finish` when the site is complete. `finish`
    checks every file's bytes against those compressed and redoes any that changed since."""

    def __init__(self, site: Path, skip: list[str] = (), store: Path | None = None) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.site, self.skip, self.store = site, list(skip), store
        self.compressors = _compressors()
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        self.started: dict[str, tuple[str, object]] = {}  # name -> (digest of the bytes compressed, future)

    def add(self, name: str, data: bytes | None = None) -> None:
        """Compress `name` (a path in the site) from `data`, or from the file."""
        if name in self.started or not _worth_compressing(name):
            return
        data = (self.site / name).read_bytes() if data is None else data
        digest = hashlib.sha256(data).hexdigest()
        if self.store is not None and all((self.store / (digest + suffix)).exists() for suffix, _, _ in self.compressors):
            # Stored already: left for `finish`, when this thread only waits. Done meanwhile,
            # the threads' file reads would wait on this busy thread for the GIL at every step.
            self.started[name] = (digest, None)
            return
        self._submit(name, data, self.compressors, digest)

    def add_present(self) -> None:
        """Every text file the site holds now (the theme's, copied before the pages are built)."""
        for name in site_files(self.site, self.skip):
            self.add(name)

    def finish(self) -> int:
        """Wait for every copy, every text file of the finished site covered; returns how many."""
        try:
            names = [n for n in site_files(self.site, self.skip) if _worth_compressing(n)]
            present = set(names)
            for name in list(self.started):
                if name not in present:  # written, then removed: no copy of it stays
                    future = self.started.pop(name)[1]
                    if future is not None:
                        future.result()
                    for suffix, _, _ in self.compressors:
                        (self.site / (name + suffix)).unlink(missing_ok=True)
            # Each file read, checked and compressed in the pool, this thread only waits: the
            # biggest first, so no core waits on one large file at the end.
            jobs = [self.pool.submit(self._settle, name, self.compressors)
                    for name in sorted(names, key=lambda n: -(self.site / n).stat().st_size)]
            if (self.site / SW).exists():  # the service worker changes with every build: gzip only
                jobs.append(self.pool.submit(self._settle, SW, self.compressors[:1]))
            for job in jobs:
                job.result()
            for _, future in self.started.values():
                if future is not None:
                    future.result()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.store is not None:
            from .build_cache import prune_compressed

            prune_compressed(self.store)
        return len(names)

    def _settle(self, name: str, how) -> None:
        """The copies of `name` as the finished site holds it: those made while the build went
        on if its bytes are the same, else new ones (written after the old ones)."""
        data = (self.site / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        prior = self.started.get(name)
        if prior is not None and prior[1] is not None:
            prior[1].result()  # submitted earlier, so already running or done: no deadlock
            if prior[0] == digest:
                return
        self._write(name, data, digest, how)

    def _submit(self, name: str, data: bytes, how, digest: str | None = None) -> None:
        digest = digest or hashlib.sha256(data).hexdigest()
        self.started[name] = (digest, self.pool.submit(self._write, name, data, digest, how))

    def _write(self, name: str, data: bytes, digest: str, how) -> None:
        (self.site / name).parent.mkdir(parents=True, exist_ok=True)  # a page's folder may come after its HTML
        for suffix, compress, decompress in how:
            (self.site / (name + suffix)).write_bytes(_compressed(data, digest, suffix, compress, decompress, self.store))


def _worth_compressing(name: str) -> bool:
    return (name.endswith(TEXT_SUFFIXES) or name == MANIFEST) and not never_fetched(name)


def precompress(site: Path, skip: list[str] = (), store: Path | None = None) -> int:
    """Write `x.gz` (and `x.br` when the brotli package is installed) beside every text file
    of the site; returns how many files were compressed. Deterministic: no time stamps.

    `store`: a folder of copies made by earlier builds (build_cache.compressed_store()), so
    only changed files are compressed again. On every core (see `Precompression`)."""
    return Precompression(site, skip, store).finish()


def page_script(lang: str) -> str:
    """The script every page runs: registers the service worker at the site's root and, when a
    new version has been published and kept, offers to switch to it, with the version."""
    from ..words import say

    words = {"ready": say("app.offline_ready", lang, version="{version}"),
             "update": say("app.update_ready", lang, version="{version}")}
    script = (Path(__file__).parent / "offline_page.js").read_text(encoding="utf-8")
    return f"var PB_OFFLINE_WORDS = {json.dumps(words, ensure_ascii=False)};\n" + script
