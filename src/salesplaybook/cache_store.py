"""The user's cache folder, safely: the one place every cache of the project keeps its entries
(the command's playbook cache, the site build's pages and compressed copies, the words).

    folder = usable_dir()                       # None: run without a cache
    data = read_entry(folder / name)            # bytes, or None
    write_entry(folder, name, data)             # atomic; no temporary file survives a failure
    record = file_record(path, sha256)          # what a file was when an entry was made from it
    unchanged(record)                           # is it still?

Where: $XDG_CACHE_HOME/salesplaybook, else ~/.cache/salesplaybook, created 0700. A folder that
is a symbolic link, belongs to someone else or is writable by group or others is not used
(anyone who can write there could choose what the caches return): callers then run without a
cache, with the same results. Entries must be regular files of the user's own, read without
following links. What an entry holds is plain data (JSON, compressed bytes), never code: at
worst it is refused. PLAYBOOK_NO_CACHE=1 turns every cache off.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

STALE_TEMPORARY = 3600
"""A temporary file older than this (seconds) was left by a run that was killed."""
TEMPORARY = ".tmp-"
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def disabled() -> bool:
    return bool(os.environ.get("PLAYBOOK_NO_CACHE"))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "salesplaybook"


def is_ours(st: os.stat_result) -> bool:
    """Owned by the user running this (where the system has owners)."""
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def own_dir(folder: Path) -> bool:
    """`folder` exists (created 0700 if missing) and is a real folder of the user's own that
    no one else can write to."""
    try:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        st = os.lstat(folder)
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(st.st_mode) and is_ours(st) and not st.st_mode & 0o022


def usable_dir(sub: str | None = None) -> Path | None:
    """The cache folder (or its subfolder `sub`), created 0700 when missing; None when caching
    is off or the folder is not safely the user's own."""
    if disabled():
        return None
    folder = cache_dir()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError):
        return None
    if not own_dir(folder):
        return None
    if sub is not None:
        folder = folder / sub
        if not own_dir(folder):
            return None
    return folder


def read_entry(path: Path, max_bytes: int) -> bytes | None:
    """An entry's bytes: a regular file of the user's own, not a link, at most `max_bytes`."""
    try:
        fd = os.open(path, _OPEN)
    except (OSError, ValueError):
        return None
    try:
        with open(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or not is_ours(st) or st.st_size > max_bytes:
                return None
            return fh.read(max_bytes + 1)
    except OSError:
        return None


def touch(path: Path) -> None:
    """Mark an entry as recently used (pruning keeps the recent ones)."""
    try:
        os.utime(path)
    except OSError:
        pass


def write_entry(folder: Path, name: str, data: bytes) -> None:
    """Write atomically (parallel runs never read half a file); no temporary file survives a
    failure. Raises OSError when it cannot write (callers go on without the cache)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=TEMPORARY, suffix=".tmp")
    replaced = False
    try:
        with open(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / name)
        replaced = True
    finally:
        if not replaced:
            remove(tmp)


def remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def scan(folder: Path) -> list[tuple[float, int, str, str]]:
    """(mtime, size, name, path) of each regular file of `folder`; temporary files a killed
    run left behind are removed on the way."""
    now = time.time()
    out = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                if e.name.startswith(TEMPORARY):
                    if now - st.st_mtime > STALE_TEMPORARY:
                        remove(e.path)
                elif stat.S_ISREG(st.st_mode):
                    out.append((st.st_mtime, st.st_size, e.name, e.path))
    except OSError:
        pass
    return out


def prune(folder: Path, prefix: str, suffix: str, keep: int) -> None:
    """Keep the `keep` most recently used entries (`prefix*suffix`); remove the older ones,
    files named `prefix*` otherwise (an older format's) or `.prefix*` (an older format's
    temporary files), and temporary files a killed run left."""
    now = time.time()
    entries = []
    for mtime, _, name, path in scan(folder):
        if name.startswith("." + prefix):
            if now - mtime > STALE_TEMPORARY:
                remove(path)
        elif name.startswith(prefix):
            if name.endswith(suffix):
                entries.append((mtime, path))
            else:
                remove(path)
    for _, path in sorted(entries, reverse=True)[keep:]:
        remove(path)


def digest(path: Path, max_bytes: int) -> str | None:
    """The sha256 of a regular file's bytes, or None (missing, special, too large, unreadable)."""
    import hashlib

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        with open(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
                return None
            return hashlib.sha256(fh.read(max_bytes + 1)).hexdigest()
    except OSError:
        return None


def _stamp(path: str | Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def file_record(path: Path, sha256: str, max_bytes: int) -> dict:
    """What a file read as `sha256` is: its digest and, when the file on disk still has those
    bytes, its stamp (modified time, size, inode), which lets `unchanged` skip re-hashing it."""
    record: dict = {"path": str(path), "sha256": sha256}
    before = _stamp(path)
    if before is not None and digest(path, max_bytes) == sha256 and _stamp(path) == before:
        record["stamp"] = before
    return record


def unchanged(record: dict, max_bytes: int) -> bool:
    """The file still holds the bytes it held when the record was made. Its stamp decides
    when it matches (as git's index does); else its content is hashed again."""
    path = record["path"]
    stamp = record.get("stamp")
    if stamp is not None and _stamp(path) == stamp:
        return True
    return digest(Path(path), max_bytes) == record["sha256"]
