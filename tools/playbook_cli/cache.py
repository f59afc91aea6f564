"""A cache of the validated playbook, so each `playbook check` does not pay for validating it.

Keyed by the content of every YAML file of the playbook folder and of the model's source: any
edit makes a new key. Stored outside the repository ($XDG_CACHE_HOME/salesplaybook, else
~/.cache/salesplaybook). A missing, stale, unreadable or broken entry is ignored and rebuilt;
a cache that cannot be written is simply not used. Set PLAYBOOK_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import salesplaybook

_SOURCES = ("model.py", "checks.py", "loader.py", "validation.py")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "salesplaybook"


def key(root: Path) -> str | None:
    """The content hash of the playbook folder's YAML files and of the code that validates them."""
    h = hashlib.sha256()
    try:
        files = sorted(p for p in root.parent.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if root.resolve() not in [f.resolve() for f in files]:
            return None
        for f in files:
            h.update(str(f.relative_to(root.parent)).encode() + b"\0" + f.read_bytes() + b"\0")
        code = Path(salesplaybook.__file__).parent
        for name in _SOURCES:
            h.update((code / name).read_bytes())
    except OSError:
        return None
    h.update(str(root.resolve()).encode())
    return h.hexdigest()


def load(path: str | os.PathLike[str]):
    """The validated playbook at `path`, from the cache when its key matches."""
    from salesplaybook import load_playbook
    from salesplaybook.model import Playbook

    root = Path(path)
    if os.environ.get("PLAYBOOK_NO_CACHE") or not root.is_file():
        return load_playbook(root)
    k = key(root)
    if k is None:
        return load_playbook(root)
    entry = cache_dir() / f"playbook-{k}.pickle"
    try:
        with open(entry, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, Playbook):
            return cached
    except Exception:  # missing, truncated, from another version: rebuild
        pass
    playbook = load_playbook(root)  # raises SourceError for a broken playbook: never cached
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".playbook-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(playbook, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)  # atomic: parallel runs never read half a file
    except OSError:
        pass
    return playbook
