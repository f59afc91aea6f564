"""A cache for the site build: the generated pages of a playbook, and precompressed copies.

    data = cached_pages(root, "zh", make)   # make(read) -> plain data; cached while nothing changed
    store = compressed_store()              # a folder of content-addressed .gz/.br copies, or None

Where and how safely entries are kept is the core's `cache_store` (the same store as the
command's playbook cache): `site/` in the user's 0700 cache folder, entries read without
following links, atomic writes, PLAYBOOK_NO_CACHE=1 to bypass. This module decides what is
kept and when it is still good:

- Plain data only: a pages entry is one line of JSON saying what it was made from (with the
  digest of the data), then the data as JSON; a compressed copy is named by the sha256 of its
  input and is used only when it decompresses to exactly that input. At worst an entry is
  refused, never run.
- It cannot go stale: a pages entry records every file the loader read (the root and each
  include, whatever its extension) with a digest of the bytes read, and is used only while
  each still hashes the same. Its key also covers the package version, Python and every file
  of this package (renderers, words, scripts), so a changed renderer rebuilds the pages.
- Old entries are pruned: the newest `KEEP` pages entries, compressed copies up to
  `COMPRESSED_MAX_BYTES`.

No MkDocs here, and nothing of the model: a warm build reads an entry and never imports it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

from .. import cache_store

FORMAT = 1
"""The layout of a pages entry; bump it when the data's shape changes."""
KEEP = 16
"""Entries kept (pages and search sections): two of each per playbook folder in use (one per language)."""
COMPRESSED_MAX_BYTES = 256 * 1024 * 1024
"""Precompressed copies kept, by total size, most recently used first."""
TOUCH_AFTER = 3600
"""An entry read is marked used (its time set to now) when older than this: not on every
read, which would write the file's metadata hundreds of times per build."""
MAX_ENTRY_BYTES = 256 * 1024 * 1024
_ENTRY, _SUFFIX = "pages-", ".json"
_PACKAGE = Path(__file__).resolve().parents[1]


def usable_dir() -> Path | None:
    """The cache folder (`site/` in the user's cache), or None when the cache is off or the
    folder is not safely ours (`cache_store` decides)."""
    return cache_store.usable_dir("site")


def compressed_store() -> Path | None:
    """The folder of precompressed copies, or None (no usable cache)."""
    folder = usable_dir()
    if folder is None or not cache_store.own_dir(folder / "compressed"):
        return None
    return folder / "compressed"


def read_entry(path: Path, max_bytes: int = MAX_ENTRY_BYTES) -> bytes | None:
    """The bytes of a cache entry (`cache_store.read_entry`), marked used at most hourly: not
    on every read, which would write the file's metadata hundreds of times per build."""
    data = cache_store.read_entry(path, max_bytes)
    if data is not None:
        try:
            if time.time() - os.stat(path, follow_symlinks=False).st_mtime > TOUCH_AFTER:
                cache_store.touch(path)
        except OSError:
            pass
    return data


write_entry = cache_store.write_entry
_remove = cache_store.remove


_scan = cache_store.scan


def prune_pages(folder: Path, keep: int = KEEP) -> None:
    """Keep the `keep` most recently used pages entries."""
    cache_store.prune(folder, _ENTRY, _SUFFIX, keep)


def prune_compressed(store: Path, max_bytes: int = COMPRESSED_MAX_BYTES) -> None:
    """Keep the most recently used copies up to `max_bytes` in all."""
    total = 0
    for _, size, _, path in sorted(_scan(store), reverse=True):
        total += size
        if total > max_bytes:
            _remove(path)


# --- the generated pages ---

def _versions_and_code() -> bytes:
    """What the pages depend on besides the playbook: versions and this package's own files."""
    from importlib import metadata

    try:
        version = metadata.version("salesplaybook")
    except metadata.PackageNotFoundError:
        version = "?"
    h = hashlib.sha256(f"{FORMAT}\0{version}\0{sys.version}\0".encode())
    files = []
    for folder, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        files += [os.path.join(folder, n) for n in names if not n.endswith((".pyc", ".pyo"))]
    for path in sorted(files):
        with open(path, "rb") as fh:
            h.update(os.path.relpath(path, _PACKAGE).encode() + b"\0" + fh.read() + b"\0")
    extra = os.environ.get("PLAYBOOK_WORDS_DIR")  # words.FOLDER_ENV: a catalogue outside the package
    if extra:
        for path in sorted(Path(extra).glob("*.yaml")):
            h.update(str(path).encode("utf-8", "surrogateescape") + b"\0" + (_digest(path) or "").encode() + b"\0")
    return h.digest()


def _digest(path: Path) -> str | None:
    return cache_store.digest(path, MAX_ENTRY_BYTES)


def _key(base: bytes, lang: str, files: list[dict[str, str]]) -> str:
    h = hashlib.sha256(base + lang.encode() + b"\0")
    for f in files:
        h.update(f"{f['path']}\0{f['named']}\0{f['sha256']}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _entry_name(base: bytes, root: Path, lang: str) -> str:
    h = hashlib.sha256(base)
    h.update(f"\0{lang}\0{root.absolute()}".encode("utf-8", "surrogateescape"))
    return f"{_ENTRY}{h.hexdigest()}{_SUFFIX}"


def _from_entry(raw: bytes, base: bytes, root: Path, lang: str) -> Any:
    """The data of a sound entry whose every file is unchanged; raises otherwise."""
    head, _, body = raw.partition(b"\n")
    doc = json.loads(head)
    files = doc["files"]
    if doc["format"] != FORMAT or not files or files[0]["named"] != str(root.absolute()):
        raise ValueError
    for f in files:
        if not all(isinstance(f[k], str) for k in ("path", "named", "sha256")):
            raise ValueError
        if os.path.realpath(f["named"]) != f["path"] or _digest(Path(f["path"])) != f["sha256"]:
            raise ValueError
    if doc["key"] != _key(base, lang, files) or doc["body"] != hashlib.sha256(body).hexdigest():
        raise ValueError  # made from other files, or its data changed after it was written
    return json.loads(body)


def cached_pages(root: str | os.PathLike[str], lang: str, make: Callable[[list], Any]) -> Any:
    """`make(read)`'s plain data (JSON types only) for the playbook at `root` in `lang`, from the
    cache while every file the loader read is unchanged. `make` appends to `read` each file the
    loader read (`loader.FileRead`); it may raise (a broken playbook is never cached). The data
    is returned as JSON gives it back, cached or not, so a warm build equals a cold one."""
    root = Path(root)
    folder = usable_dir()
    base = entry = None
    if folder is not None:
        try:
            base = _versions_and_code()
            entry = _entry_name(base, root, lang)
            raw = read_entry(folder / entry)
            if raw is not None:
                return _from_entry(raw, base, root, lang)
        except Exception:  # malformed, tampered, stale, unreadable: made again below
            pass
    read: list = []
    body = json.dumps(make(read), ensure_ascii=False, separators=(",", ":"))
    if folder is not None and base is not None and entry is not None:
        try:
            files = [{"path": str(f.path), "named": str(f.named), "sha256": f.sha256} for f in read]
            data = body.encode()
            head = {"format": FORMAT, "key": _key(base, lang, files), "body": hashlib.sha256(data).hexdigest(),
                    "files": files}
            write_entry(folder, entry, json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + data)
            prune_pages(folder)
        except Exception:  # a full disk, a read-only folder: the build does not need the cache
            pass
    return json.loads(body)


def cached_sections(lang: str, htmls: list[str], compute: Callable[[str], Any]) -> list:
    """`compute(html)` of each HTML text (the search index's sections of a built page), from
    the cache for the pages unchanged since the last build: one entry per language and code
    version, {sha256 of the HTML: its sections}, holding this build's pages only."""
    folder = usable_dir()
    if folder is None:
        return [compute(html) for html in htmls]
    digests = [hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest() for html in htmls]
    known: dict = {}
    try:
        name = f"{_ENTRY}sections-{hashlib.sha256(_versions_and_code() + lang.encode()).hexdigest()}{_SUFFIX}"
        raw = read_entry(folder / name)
        if raw is not None:
            head, _, body = raw.partition(b"\n")
            if json.loads(head) == {"format": FORMAT, "body": hashlib.sha256(body).hexdigest()}:
                known = json.loads(body)
            if not isinstance(known, dict):
                known = {}
    except Exception:  # malformed: computed again
        known, name = {}, None
    out, fresh = [], {}
    for digest, html in zip(digests, htmls):
        value = known.get(digest)
        if not (isinstance(value, list) and all(isinstance(s, list) and len(s) == 3 and all(isinstance(x, str) for x in s)
                                                for s in value)):
            value = json.loads(json.dumps(compute(html)))  # as a cache hit gives it back
        fresh[digest] = value
        out.append(value)
    if name is not None and fresh != known:
        try:
            body = json.dumps(fresh, ensure_ascii=False, separators=(",", ":")).encode()
            head = json.dumps({"format": FORMAT, "body": hashlib.sha256(body).hexdigest()}).encode()
            write_entry(folder, name, head + b"\n" + body)
            prune_pages(folder)
        except Exception:  # a full disk: the build does not need the cache
            pass
    return out
