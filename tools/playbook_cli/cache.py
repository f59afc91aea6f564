"""A cache of the validated playbook, so each `playbook check` does not pay for validating it.

What it stores is plain data, never code: one line of JSON saying what the entry was made
from, then the playbook as JSON (`encode`), read back through the model's own validation and
the cross-checks (`decode`), so an entry can at worst be refused, never run. Nothing in an
entry is trusted: a missing, malformed, tampered or stale entry is ignored and rebuilt.

It cannot go stale. An entry records every file the loader read for the playbook (the root
and each include, whatever its name: `load_playbook(path, read=...)`) with a digest of the
bytes read; the entry is used only while each of those files still resolves to the same place
and hashes the same. The includes a file makes depend only on its content, so unchanged
files mean the loader would read exactly these files again. The entry's key is the hash of
all of them (relative name and content), the package, Python, PyYAML and pydantic versions,
and the core's own source; its file name is the hash of the versions, the source and the
root's place, so an edited playbook replaces its entry rather than adding one.

Two kinds of entry: `playbook` (the whole validated model, for the team view, the review and
blank files) and `rules` (`plain_deal.DealRules`: what `playbook check` needs, read back as
plain data without pydantic, so a check on a warm cache never imports it).

Where, and how safely: `salesplaybook.cache_store` (a private 0700 folder of the user's own,
entries read without following links, atomic writes). The newest `KEEP` entries are kept,
older ones removed. Set PLAYBOOK_NO_CACHE=1 to bypass the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import salesplaybook
from salesplaybook import cache_store
from salesplaybook.cache_store import cache_dir, usable_dir  # noqa: F401  (where the cache lives)

FORMAT = 4
"""The entry's layout (1 was a pickle, never read again; 3 added the kind, 4 the files' stamps)."""
KEEP = 8
"""How many entries stay: one per playbook folder in use is the common case."""
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_ENTRY, _SUFFIX = "playbook-", ".json"


def encode(playbook: Any) -> bytes:
    """The validated playbook as plain data: JSON, one line."""
    return playbook.model_dump_json().encode("utf-8")


def decode(data: bytes):
    """The playbook from `encode`'s bytes, validated as a loaded one is; raises if not valid."""
    from salesplaybook import checks
    from salesplaybook.model import Playbook

    playbook = Playbook.model_validate_json(data)
    if checks.check(playbook):  # sound types, yet not a playbook the loader would have passed
        raise ValueError
    return playbook


def encode_rules(rules: Any) -> bytes:
    """What checking a deal needs (`plain_deal.DealRules`) as JSON, one line."""
    return json.dumps(rules.to_data(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_rules(data: bytes):
    """The DealRules from `encode_rules`'s bytes: plain data, read without pydantic; raises
    if its shape is not the rules' (anything else in it cannot run: it is only ever data)."""
    from salesplaybook.plain_deal import DealRules

    return DealRules.from_data(json.loads(data))


_KINDS = {"playbook": (encode, decode), "rules": (encode_rules, decode_rules)}


def _versions_and_code() -> bytes:
    """What else the verdict depends on: the versions and the core's own source (which holds
    the package's version). Pydantic's version is read from its files, not imported: a hit
    must not pay for importing it."""
    import yaml

    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{yaml.__version__}\0".encode())
    h.update(_package_file("pydantic", "version.py"))
    core = Path(salesplaybook.__file__).parent
    for source in sorted(core.glob("*.py")):  # the model, the loader, the checks and what they use
        h.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return h.digest()


def _package_file(package: str, name: str) -> bytes:
    """The bytes of a file of an installed package, without importing it (b"" if missing)."""
    from importlib.util import find_spec

    try:
        spec = find_spec(package)
        return (Path(spec.origin).parent / name).read_bytes() if spec and spec.origin else b""
    except (OSError, ImportError, ValueError):
        return b""


def _entry_name(base: bytes, root: Path, kind: str) -> str:
    h = hashlib.sha256(base)
    h.update(f"{kind}\0{root.absolute()}".encode("utf-8", "surrogateescape"))
    return f"{_ENTRY}{h.hexdigest()}{_SUFFIX}"


def _key(base: bytes, top: Path, files: list[dict[str, Any]], kind: str) -> str:
    """The hash of everything the playbook was read from: each file's name relative to the
    playbook folder and the digest of its content, with the versions, the code and what the
    entry holds (`kind`)."""
    h = hashlib.sha256(base + kind.encode())
    for f in files:
        try:
            name = Path(f["path"]).relative_to(top).as_posix()
        except ValueError:  # the root file itself may be a link to elsewhere
            name = f["path"]
        h.update(f"{name}\0{f['named']}\0{f['sha256']}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _max_bytes() -> int:
    from salesplaybook.yaml_source import MAX_BYTES

    return MAX_BYTES


def _read_entry(entry: Path, base: bytes, root: Path, kind: str):
    """What an entry holds, if the entry is sound and every file it names is unchanged."""
    raw = cache_store.read_entry(entry, MAX_ENTRY_BYTES)
    if raw is None:
        return None
    try:
        head, _, body = raw.partition(b"\n")
        doc = json.loads(head)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None
        files = doc.get("files")
        top = root.resolve().parent
        if not isinstance(files, list) or not files or not all(
            isinstance(f, dict) and all(isinstance(f.get(k), str) for k in ("path", "named", "sha256"))
            and (f.get("stamp") is None or (isinstance(f["stamp"], list) and all(type(n) is int for n in f["stamp"])))
            for f in files
        ):
            return None
        if files[0]["named"] != str(root.absolute()):
            return None
        max_bytes = _max_bytes()
        for i, f in enumerate(files):
            path = Path(f["path"])
            if i and not path.is_relative_to(top):  # the loader reads nothing outside the folder
                return None
            if os.path.realpath(f["named"]) != f["path"] or not cache_store.unchanged(f, max_bytes):
                return None
        if doc.get("kind") != kind or doc.get("key") != _key(base, top, files, kind):
            return None
        value = _KINDS[kind][1](body)
    except Exception:  # malformed, tampered, from another version: rebuilt by the caller
        return None
    cache_store.touch(entry)  # recently used: kept by the pruning
    return value


def prune(folder: Path, keep: int = KEEP) -> None:
    """Keep the `keep` most recently used entries; remove the others, entries of the old
    pickle format, and temporary files a killed run left behind."""
    cache_store.prune(folder, _ENTRY, _SUFFIX, keep)


def _load_playbook(root: Path, **kw: Any):
    """The loader itself, imported on the first call only: a cache hit needs no YAML reader."""
    return salesplaybook.load_playbook(root, **kw)


def load(path: str | os.PathLike[str]):
    """The validated playbook at `path`, from the cache when a sound entry matches."""
    return _cached(Path(path), "playbook")


def load_rules(path: str | os.PathLike[str]):
    """What checking a deal needs of the playbook at `path` (`plain_deal.DealRules`), from the
    cache when a sound entry matches: then neither the YAML reader nor pydantic is imported."""
    return _cached(Path(path), "rules")


def _cached(root: Path, kind: str):
    def fresh(read: list | None = None):
        playbook = _load_playbook(root, **({"read": read} if read is not None else {}))
        if kind == "rules":
            from salesplaybook.plain_deal import deal_rules

            return deal_rules(playbook)
        return playbook

    if not root.is_file():
        return fresh()
    folder = usable_dir()
    if folder is None:
        return fresh()
    try:
        base = _versions_and_code()
        entry = folder / _entry_name(base, root, kind)
    except (OSError, ValueError):
        return fresh()
    cached = _read_entry(entry, base, root, kind)
    if cached is not None:
        return cached
    read: list = []  # loader.FileRead: each file the loader read, and the digest of its bytes
    value = fresh(read)  # raises SourceError for a broken playbook: never cached
    try:
        top = root.resolve().parent
        max_bytes = _max_bytes()
        files = [{**cache_store.file_record(f.path, f.sha256, max_bytes), "named": str(f.named)} for f in read]
        head = {"format": FORMAT, "kind": kind, "key": _key(base, top, files, kind), "files": files}
        data = json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + _KINDS[kind][0](value)
        cache_store.write_entry(folder, entry.name, data)
        prune(folder)
    except Exception:  # a full disk, a read-only folder: the verdict does not need the cache
        pass
    return value
