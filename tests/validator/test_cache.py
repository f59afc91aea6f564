"""The playbook cache cannot run code and cannot go stale (tools/playbook_cli/cache.py).

Every test runs the real command (`main`) with XDG_CACHE_HOME in a temporary folder and checks
the verdict, not only the cache's files: a cache may be refused or rebuilt, never believed
against the playbook on disk.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import time
from pathlib import Path

import pytest

from playbook_cli import cache
from playbook_cli.main import main

from .conftest import CASES, MINI, RICH, TODAY

GOOD = CASES / "supported-in-step.yaml"
SHORT = CASES / "overstated-missing-action.yaml"


@pytest.fixture
def loads(monkeypatch) -> list:
    """Each call of the real loader (a cache hit makes none)."""
    import salesplaybook
    from salesplaybook import loader

    calls: list = []
    real = loader.load_playbook
    monkeypatch.setattr(salesplaybook, "load_playbook", lambda *a, **k: calls.append(a) or real(*a, **k), raising=False)
    return calls


def check(capsys, *deals: Path, playbook: Path = RICH) -> tuple[int, str, str]:
    code = main(["check", *map(str, deals), "--playbook", str(playbook), "--today", TODAY, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


def read_entry(entry: Path) -> tuple[dict, dict]:
    """An entry's two JSON lines: what it was made from, and what it holds (a check keeps the
    rules it judges by: the playbook's `book` and its `forms`)."""
    head, body = entry.read_bytes().split(b"\n", 1)
    return json.loads(head), json.loads(body)


def write_entry(entry: Path, head: dict, playbook: dict) -> None:
    entry.write_bytes(json.dumps(head).encode() + b"\n" + json.dumps(playbook, ensure_ascii=False).encode())


def entries(home: Path) -> list[Path]:
    return sorted((home / "salesplaybook").glob("playbook-*"))


def test_the_entry_is_plain_json_in_a_private_folder_and_is_used(home, capsys, loads):
    assert check(capsys, GOOD)[0] == 0
    folder = home / "salesplaybook"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [entry] = entries(home)
    doc, playbook = read_entry(entry)
    assert doc["format"] == cache.FORMAT
    assert [Path(f["path"]).name for f in doc["files"]] == ["playbook.yaml"]
    assert doc["kind"] == "rules"
    assert playbook["book"]["version"] and playbook["book"]["stages"] and playbook["forms"]
    assert stat.S_IMODE(entry.stat().st_mode) & 0o077 == 0
    # the second run reads the entry: the loader is not called again
    assert len(loads) == 1
    loads.clear()
    assert check(capsys, GOOD, SHORT)[0] == 1
    assert loads == []


# --- tampered entries: ignored, never run, rebuilt ---


def _payload(marker: Path) -> bytes:
    """A pickle that runs a shell command when unpickled."""
    return f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()


def test_a_pickle_that_would_run_code_is_never_unpickled(home, capsys, tmp_path):
    proof = tmp_path / "proof"
    pickle.loads(_payload(proof))  # the payload is live: unpickling it runs the command
    assert proof.exists()
    assert check(capsys, GOOD)[0] == 0
    [entry] = entries(home)
    marker = tmp_path / "ran"
    entry.write_bytes(_payload(marker))  # where the entry is read from
    entry.with_suffix(".pickle").write_bytes(_payload(marker))  # where the old cache read it from
    assert check(capsys, GOOD)[0] == 0
    assert check(capsys, SHORT)[0] == 1
    assert not marker.exists()
    assert read_entry(entry)[0]["format"] == cache.FORMAT  # rebuilt
    assert not entry.with_suffix(".pickle").exists()  # the old format's entries are pruned


@pytest.mark.parametrize("tamper", ["weight-as-text", "no-stages", "duplicate-stage", "garbage", "not-a-mapping", "files-edited"])
def test_a_tampered_entry_is_ignored_and_the_verdict_stays_right(home, capsys, tamper):
    assert check(capsys, GOOD, SHORT)[0] == 1
    [entry] = entries(home)
    doc, playbook = read_entry(entry)
    if tamper == "weight-as-text":
        playbook["book"]["rules"]["score"] = {k: "x" for k in playbook["book"]["rules"]["score"]}
    elif tamper == "no-stages":
        playbook["book"]["stages"] = []
    elif tamper == "duplicate-stage":  # valid types, fails the cross-checks
        playbook["book"]["stages"][1] = playbook["book"]["stages"][0]
    elif tamper == "files-edited":  # the record says the playbook was another file
        doc["files"][0]["sha256"] = "0" * 64
    if tamper == "garbage":
        entry.write_bytes(b"\x80\x04K\x01.{not json")
    elif tamper == "not-a-mapping":
        entry.write_text("[1, 2, 3]", encoding="utf-8")
    else:
        write_entry(entry, doc, playbook)
    code, out, _ = check(capsys, GOOD, SHORT)
    assert code == 1
    assert len(read_entry(entry)[1]["book"]["stages"]) == 8  # rebuilt


def test_an_entry_that_names_a_file_outside_the_playbook_is_not_read(home, capsys, tmp_path):
    """A tampered record could name any file (a pipe, /dev/zero): nothing outside the folder is read."""
    assert check(capsys, GOOD)[0] == 0
    [entry] = entries(home)
    doc, playbook = read_entry(entry)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    doc["files"].append({"path": str(fifo), "named": str(fifo), "sha256": "0" * 64})
    write_entry(entry, doc, playbook)
    assert check(capsys, GOOD)[0] == 0  # would hang if the pipe were opened for reading


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_an_entry_that_is_not_a_regular_file_of_ours_is_ignored(home, capsys, tmp_path, kind, loads):
    assert check(capsys, GOOD)[0] == 0
    [entry] = entries(home)
    elsewhere = tmp_path / "elsewhere.json"
    shutil.copy(entry, elsewhere)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)  # opening it to read would block the run
    else:
        entry.symlink_to(elsewhere)  # someone else's file could sit behind a link
    loads.clear()
    assert check(capsys, GOOD)[0] == 0
    assert loads, "the entry was used"
    assert entry.is_file() and not entry.is_symlink()  # replaced by a sound entry


# --- stale entries: any file the loader read, whatever its name ---


def _mini_with_inc(tmp_path: Path) -> Path:
    """The mini playbook with stage 8 included from a file not named .yaml."""
    folder = tmp_path / "playbook"
    shutil.copytree(MINI.parent, folder)
    (folder / "stages" / "08-signing.yaml").rename(folder / "stages.inc")
    root = folder / "playbook.yaml"
    root.write_text(root.read_text(encoding="utf-8").replace("stages/08-signing.yaml", "stages.inc"), encoding="utf-8")
    return root


def _deal(tmp_path: Path, item: str) -> Path:
    deal = tmp_path / "deal.yaml"
    deal.write_text(
        "deal: {id: d, name: D, customer: C, rep: R}\n"
        "customer_stage: problem-and-need\nclaimed_stage: plan-and-call\n"
        f"done:\n  {item}: {{date: 2026-11-01, evidence: signed}}\n", encoding="utf-8")
    return deal


def test_an_edited_include_with_any_name_changes_the_verdict(home, capsys, tmp_path):
    root = _mini_with_inc(tmp_path)
    deal = _deal(tmp_path, "sign-ms-placeholder")
    code, _, err = check(capsys, deal, playbook=root)
    assert code in (0, 1) and err == ""  # the item exists: a verdict
    assert entries(home)
    inc = root.parent / "stages.inc"
    inc.write_text(inc.read_text(encoding="utf-8").replace("sign-ms-placeholder", "sign-ms-renamed"), encoding="utf-8")
    code, _, err = check(capsys, deal, playbook=root)
    assert code == 2 and "sign-ms-placeholder" in err  # the item is gone from the playbook
    # and what `blank` prints follows the edit too
    assert main(["blank", "8", "--playbook", str(root), "--lang", "en"]) == 0
    assert "sign-ms-renamed" in capsys.readouterr().out
    # an edit that breaks the include is reported, never hidden by the cache
    inc.write_text("id: [\n", encoding="utf-8")
    code, _, err = check(capsys, deal, playbook=root)
    assert code == 2 and "stages.inc" in err


def test_an_include_swapped_behind_a_symbolic_link_is_seen(home, capsys, tmp_path):
    """Same content under the old name, but the loader would now read another file."""
    root = _mini_with_inc(tmp_path)
    folder = root.parent
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    shutil.move(folder / "stages.inc", folder / "a" / "stages.inc")
    text = (folder / "a" / "stages.inc").read_text(encoding="utf-8")
    (folder / "b" / "stages.inc").write_text(text.replace("sign-ms-placeholder", "sign-ms-other"), encoding="utf-8")
    (folder / "current").symlink_to("a")
    root.write_text(root.read_text(encoding="utf-8").replace("include: stages.inc", "include: current/stages.inc"), encoding="utf-8")
    deal = _deal(tmp_path, "sign-ms-placeholder")
    assert check(capsys, deal, playbook=root)[2] == ""
    (folder / "current").unlink()
    (folder / "current").symlink_to("b")
    code, _, err = check(capsys, deal, playbook=root)
    assert code == 2 and "sign-ms-placeholder" in err


# --- the folder: the user's own, or not used ---


def _no_cache_written(folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == []


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_folder_writable_by_others_is_not_used(home, capsys, mode):
    folder = home / "salesplaybook"
    folder.mkdir()
    folder.chmod(mode)
    assert check(capsys, GOOD)[0] == 0
    assert check(capsys, GOOD, SHORT)[0] == 1
    _no_cache_written(folder)


def test_a_folder_owned_by_someone_else_is_not_used(home, capsys):
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    folder = home / "salesplaybook"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)  # nobody
    assert check(capsys, GOOD)[0] == 0
    assert check(capsys, GOOD, SHORT)[0] == 1
    _no_cache_written(folder)


def test_a_folder_that_is_a_symbolic_link_is_not_used(home, capsys, tmp_path):
    target = tmp_path / "target"
    target.mkdir(mode=0o700)
    (home / "salesplaybook").symlink_to(target)
    assert check(capsys, GOOD)[0] == 0
    _no_cache_written(target)


def test_no_cache_bypasses_it(home, capsys, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NO_CACHE", "1")
    assert check(capsys, GOOD)[0] == 0
    assert not (home / "salesplaybook").exists()


# --- no litter: temporary files, old entries ---


def test_a_failed_write_leaves_no_temporary_file(home, capsys, monkeypatch):
    def refuse(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", refuse)
    assert check(capsys, GOOD)[0] == 0
    assert check(capsys, GOOD, SHORT)[0] == 1
    assert list((home / "salesplaybook").iterdir()) == []


def test_a_write_interrupted_midway_leaves_no_temporary_file(home, capsys, monkeypatch):
    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", interrupted)
    assert check(capsys, GOOD)[0] == 130  # Ctrl-C: the command stops as it would anyway
    assert list((home / "salesplaybook").iterdir()) == []


def test_pruning_keeps_the_cache_bounded(home, capsys):
    folder = home / "salesplaybook"
    folder.mkdir(mode=0o700)
    now = time.time()
    old = []
    for i in range(20):
        p = folder / f"playbook-{i:064x}.json"
        p.write_text("{}", encoding="utf-8")
        os.utime(p, (now - 1000 - i, now - 1000 - i))  # entry 0 is the newest of these
        old.append(p)
    stale_tmp = folder / ".playbook-stale.tmp"
    stale_tmp.write_bytes(b"half")
    os.utime(stale_tmp, (now - 2 * 3600, now - 2 * 3600))
    fresh_tmp = folder / ".playbook-fresh.tmp"  # another run may be writing it right now
    fresh_tmp.write_bytes(b"half")
    legacy = folder / f"playbook-{0:064x}.pickle"
    legacy.write_bytes(b"\x80\x04N.")
    assert check(capsys, GOOD)[0] == 0
    kept = entries(home)
    assert len(kept) == cache.KEEP
    current = [p for p in kept if p not in old]
    assert len(current) == 1  # the entry just written is kept ...
    assert set(kept) - set(current) == set(old[: cache.KEEP - 1])  # ... with the newest others
    assert not stale_tmp.exists() and fresh_tmp.exists() and not legacy.exists()


# --- the stamps, the words ---


def test_an_edit_is_seen_through_the_stamp_and_the_content(home, capsys, tmp_path):
    """An unchanged file is not hashed again (its stamp matches); any edit changes the stamp
    (time, size or inode), and then only the content decides."""
    from salesplaybook import cache_store

    folder = tmp_path / "pb"
    shutil.copytree(MINI.parent, folder)
    root = folder / "playbook.yaml"
    assert check(capsys, GOOD, playbook=root)[0] in (0, 1, 2)
    [entry] = entries(home)
    doc, _ = read_entry(entry)
    assert all("stamp" in f for f in doc["files"])
    record = doc["files"][0]
    assert cache_store.unchanged(record, 1 << 20)
    text = root.read_text(encoding="utf-8")
    root.write_text(text + "\n", encoding="utf-8")  # another stamp, another content
    assert not cache_store.unchanged(record, 1 << 20)
    root.write_text(text, encoding="utf-8")  # another stamp, the same content: still unchanged
    assert cache_store.unchanged(record, 1 << 20)


def test_the_words_are_cached_as_plain_json_and_a_bad_entry_is_refused(home, monkeypatch):
    from salesplaybook import words

    words.catalogue.cache_clear()
    first = words.catalogue("en")
    [entry] = sorted((home / "salesplaybook").glob("words-*.json"))
    assert json.loads(entry.read_text(encoding="utf-8")) == first
    for bad in ('{"cli.description": 1}', "not json", '["x"]'):
        entry.write_text(bad, encoding="utf-8")
        words.catalogue.cache_clear()
        assert words.catalogue("en") == first  # refused: read from the YAML again, and rewritten
        assert json.loads(entry.read_text(encoding="utf-8")) == first
    words.catalogue.cache_clear()
    monkeypatch.setattr(words, "_read_catalogue", lambda raw: pytest.fail("the YAML was read again"))
    assert words.catalogue("en") == first  # a sound entry is used
    words.catalogue.cache_clear()
