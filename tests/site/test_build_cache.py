"""The site build's cache (salesplaybook/render/build_cache.py): the generated pages and the
precompressed copies. A cache may be refused or rebuilt, never believed against the files on
disk; a warm build makes the very same site as a cold one.

Most tests call the plugin's `load_pages` (no MkDocs build) with XDG_CACHE_HOME in a temporary
folder; the site tests build the fixture project twice and compare the two site folders."""

from __future__ import annotations

import brotli
import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from mkdocs_playbook import pages as plugin_pages
from salesplaybook.render import build_cache
from salesplaybook.render.offline import precompress
from site_helpers import FIXTURE, build, make_project


@pytest.fixture
def renders(monkeypatch) -> list:
    """Each time the pages are really made (a cache hit makes none)."""
    calls: list = []
    real = plugin_pages._render
    monkeypatch.setattr(plugin_pages, "_render", lambda *a: calls.append(a) or real(*a))
    return calls


@pytest.fixture
def playbook(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "playbook")
    return tmp_path / "playbook" / "playbook.yaml"


def _load(root: Path, lang: str = "zh"):
    status, result = plugin_pages.load_pages(str(root), lang)
    assert status == "ok", result
    return result


def _entries(home: Path) -> list[Path]:
    return sorted((home / "salesplaybook" / "site").glob("pages-*.json"))


def _stage_page(result, marker: str) -> bool:
    return any(marker in page.content for page in result[0])


def test_an_unchanged_playbook_is_read_from_the_cache_and_gives_the_same_pages(home, renders, playbook):
    first = _load(playbook)
    assert len(renders) == 1 and len(_entries(home)) == 1
    second = _load(playbook)
    assert len(renders) == 1  # nothing made again
    assert second == first
    assert _load(playbook, "en") != first and len(renders) == 2  # one entry per language


def test_a_cache_hit_imports_neither_the_model_nor_the_loader(home, playbook, tmp_path):
    _load(playbook)
    import subprocess
    import sys

    code = ("import sys; sys.path[:0] = [%r]; from mkdocs_playbook.pages import load_pages; "
            "assert load_pages(%r, 'zh')[0] == 'ok'; "
            "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'salesplaybook.model', 'salesplaybook.loader'))))"
            % (str(Path(plugin_pages.__file__).parents[1]), str(playbook)))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_changed_included_file_makes_the_pages_again(home, renders, playbook):
    _load(playbook)
    stage = next((playbook.parent / "stages").glob("01-*.yaml"))
    stage.write_text(stage.read_text(encoding="utf-8").replace("purpose: （待写）", "purpose: 缓存标记（待写）", 1),
                     encoding="utf-8")
    assert "缓存标记" in stage.read_text(encoding="utf-8")
    result = _load(playbook)
    assert len(renders) == 2 and _stage_page(result, "缓存标记")
    assert len(_entries(home)) == 1  # the new entry replaced the old one


def test_an_included_file_of_any_extension_is_part_of_the_key(home, renders, playbook):
    root = playbook.read_text(encoding="utf-8")
    assert "include: glossary.yaml" in root
    playbook.write_text(root.replace("include: glossary.yaml", "include: words.txt"), encoding="utf-8")
    (playbook.parent / "glossary.yaml").rename(playbook.parent / "words.txt")
    first = _load(playbook)
    words = playbook.parent / "words.txt"
    text = words.read_text(encoding="utf-8")
    assert "真正进入一个阶段" in text
    words.write_text(text.replace("真正进入一个阶段", "真正进入一个阶段缓存", 1), encoding="utf-8")
    second = _load(playbook)
    assert len(renders) == 2
    assert second != first and _stage_page(second, "真正进入一个阶段缓存")


def test_a_tampered_entry_is_refused_and_made_again(home, renders, playbook):
    good = _load(playbook)
    entry = _entries(home)[0]
    head, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    data["pages"][0][2] = "TAMPERED"
    entry.write_bytes(head + b"\n" + json.dumps(data, ensure_ascii=False).encode())
    assert _load(playbook) == good and len(renders) == 2
    assert b"TAMPERED" not in _entries(home)[0].read_bytes()
    # an entry that is not JSON at all
    _entries(home)[0].write_bytes(b"\x80garbage")
    assert _load(playbook) == good and len(renders) == 3


def test_an_entry_claiming_other_files_is_refused(home, renders, playbook, tmp_path):
    _load(playbook)
    entry = _entries(home)[0]
    head, body = entry.read_bytes().split(b"\n", 1)
    doc = json.loads(head)
    doc["files"] = doc["files"][:1]  # "made from the root alone": its key no longer matches
    entry.write_bytes(json.dumps(doc).encode() + b"\n" + body)
    _load(playbook)
    assert len(renders) == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_an_entry_of_someone_else_is_refused(home, renders, playbook):
    _load(playbook)
    os.chown(_entries(home)[0], 12345, -1)
    _load(playbook)
    assert len(renders) == 2


@pytest.mark.parametrize("how", ["group-writable", "symlink"])
def test_a_folder_that_is_not_safely_ours_is_not_used(home, renders, playbook, tmp_path, how):
    folder = home / "salesplaybook"
    if how == "group-writable":
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o770)
    else:
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        folder.symlink_to(elsewhere)
    first = _load(playbook)
    second = _load(playbook)
    assert len(renders) == 2 and first == second  # no cache, the same pages
    assert not list(folder.rglob("pages-*"))
    assert build_cache.compressed_store() is None


def test_no_cache_when_asked(home, renders, playbook, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_NO_CACHE", "1")
    _load(playbook)
    _load(playbook)
    assert len(renders) == 2 and not _entries(home)


def test_a_broken_playbook_is_never_cached(home, playbook):
    stage = next((playbook.parent / "stages").glob("01-*.yaml"))
    good = stage.read_text(encoding="utf-8")
    stage.write_text(good + "\nnot: [closed\n", encoding="utf-8")
    status, report = plugin_pages.load_pages(str(playbook), "zh")
    assert status == "error" and "01-" in report
    assert not _entries(home)


def test_old_entries_and_left_temporaries_are_pruned(home, playbook):
    folder = build_cache.usable_dir()
    for i in range(build_cache.KEEP + 3):
        (folder / f"pages-{i:064x}.json").write_bytes(b"{}")
        os.utime(folder / f"pages-{i:064x}.json", (1000 + i, 1000 + i))
    (folder / ".tmp-left.tmp").write_bytes(b"x")
    os.utime(folder / ".tmp-left.tmp", (1000, 1000))
    _load(playbook)
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert len([n for n in names if n.startswith("pages-")]) == build_cache.KEEP
    assert ".tmp-left.tmp" not in names
    assert _entries(home)  # the new entry is among those kept
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


# --- precompressed copies ---

def _site(where: Path) -> Path:
    where.mkdir()
    (where / "a.html").write_text("<p>" + "页面 " * 500 + "</p>", encoding="utf-8")
    (where / "b.css").write_text("body{color:red}\n" * 200, encoding="utf-8")
    (where / "c.png").write_bytes(b"\x89PNG not compressed")
    (where / "sw.js").write_text("const VERSION = 1;\n", encoding="utf-8")
    return where


def _decompressed_copies_equal_originals(site: Path) -> None:
    for copy in site.rglob("*.gz"):
        assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy
    for copy in site.rglob("*.br"):
        assert brotli.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy


def test_precompressed_copies_decompress_to_the_files(tmp_path):
    site = _site(tmp_path / "site")
    assert precompress(site) == 2
    assert sorted(p.name for p in site.iterdir()) == ["a.html", "a.html.br", "a.html.gz", "b.css", "b.css.br",
                                                      "b.css.gz", "c.png", "sw.js", "sw.js.gz"]
    _decompressed_copies_equal_originals(site)


def test_files_no_page_asks_for_are_neither_compressed_nor_kept_offline(tmp_path):
    """Source maps and Material's lunr language packs (2.2 MB, never fetched: the playbook has
    its own search worker) cost a cold build a third of its compression and a phone's offline
    copy as much download."""
    from salesplaybook.render.offline import write_service_worker

    site = _site(tmp_path / "site")
    for name in ("assets/javascripts/bundle.min.js.map", "assets/javascripts/lunr/wordcut.js",
                 "en/assets/javascripts/lunr/min/lunr.ja.min.js", "assets/javascripts/bundle.min.js"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("var x = 1;\n" * 300, encoding="utf-8")
    assert precompress(site) == 3  # a.html, b.css, the bundle
    assert not list(site.rglob("*.map.*")) and not list((site / "assets/javascripts/lunr").glob("*.*z*"))
    assert (site / "assets/javascripts/bundle.min.js.br").exists()
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    write_service_worker(site, files, "v1", "1.0")
    kept = (site / "sw.js").read_text(encoding="utf-8").split("const FILES = ", 1)[1].split(";\n", 1)[0]
    assert "bundle.min.js" in kept and ".map" not in kept and "lunr" not in kept and "a.html" in kept


def test_stored_copies_are_reused_only_for_the_same_bytes(tmp_path, home):
    store = build_cache.compressed_store()
    site = _site(tmp_path / "site")
    precompress(site, store=store)
    stored = sorted(p.name for p in store.iterdir())
    assert len(stored) == 5  # a.html and b.css twice each, sw.js once
    fresh = _site(tmp_path / "fresh")
    precompress(fresh, store=store)
    for name in ("a.html.gz", "a.html.br", "b.css.br", "sw.js.gz"):
        assert (fresh / name).read_bytes() == (site / name).read_bytes()
    # a changed file: its old copies are not used
    (site / "a.html").write_text("<p>changed</p>", encoding="utf-8")
    precompress(site, store=store)
    _decompressed_copies_equal_originals(site)


def test_a_corrupt_or_linked_stored_copy_is_refused(tmp_path, home):
    import hashlib

    store = build_cache.compressed_store()
    site = _site(tmp_path / "site")
    digest = hashlib.sha256((site / "a.html").read_bytes()).hexdigest()
    (store / f"{digest}.br").write_bytes(brotli.compress(b"something else"))  # sound brotli, wrong content
    (tmp_path / "target.gz").write_bytes(gzip.compress((site / "a.html").read_bytes()))
    (store / f"{digest}.gz").symlink_to(tmp_path / "target.gz")
    precompress(site, store=store)
    _decompressed_copies_equal_originals(site)
    assert brotli.decompress((store / f"{digest}.br").read_bytes()) == (site / "a.html").read_bytes()
    assert not (store / f"{digest}.gz").is_symlink()


# --- whole builds ---

def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.site
def test_a_warm_build_makes_the_same_site_as_a_cold_one(tmp_path, home, renders):
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    cold = build(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    warm = build(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    assert len(renders) == 1  # the second build read the pages from the cache
    a, b = _tree(tmp_path / "cold"), _tree(tmp_path / "warm")
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    assert any(name.endswith(".br") for name in a)
    _decompressed_copies_equal_originals(tmp_path / "warm")


def test_a_saved_playbook_is_rendered_ahead_of_the_rebuild(home, renders, playbook):
    """Under `mkdocs serve` the watcher's callback renders the saved playbook into the cache;
    the rebuild that follows reads it from there."""
    _load(playbook)
    ahead = plugin_pages.RenderAhead(str(playbook), "zh")
    stage = next((playbook.parent / "stages").glob("01-*.yaml"))
    stage.write_text(stage.read_text(encoding="utf-8").replace("purpose: （待写）", "purpose: 预先（待写）", 1),
                     encoding="utf-8")

    class Event:
        is_directory = False

    ahead.changed(Event())
    assert ahead.rendered.wait(60)
    assert len(renders) == 2
    assert _stage_page(_load(playbook), "预先") and len(renders) == 2  # the rebuild rendered nothing


def test_search_sections_come_from_the_cache_only_for_the_same_html(home):
    from salesplaybook.render.site.search import html_sections

    calls: list = []

    def compute(html):
        calls.append(html)
        return html_sections(html)

    pages = ["<h1 id='a'>A</h1><p>one</p>", "<h2 id='b'>B</h2><p>two</p>"]
    first = build_cache.cached_sections("zh", pages, compute)
    assert len(calls) == 2
    assert build_cache.cached_sections("zh", pages, compute) == first and len(calls) == 2
    changed = build_cache.cached_sections("zh", [pages[0], "<h2 id='b'>B</h2><p>three</p>"], compute)
    assert len(calls) == 3 and changed[1][0][2] == "three" and changed[0] == first[0]
    # a tampered entry is refused
    entry = next((home / "salesplaybook" / "site").glob("pages-sections-*.json"))
    entry.write_bytes(entry.read_bytes().replace(b"three", b"THREE"))
    again = build_cache.cached_sections("zh", [pages[0], "<h2 id='b'>B</h2><p>three</p>"], compute)
    assert again == changed and len(calls) == 5


def test_a_file_compressed_early_and_changed_or_removed_later_gets_fresh_copies_or_none(tmp_path, home):
    from salesplaybook.render.offline import Precompression

    site = _site(tmp_path / "site")
    (site / "gone.js").write_text("var x = 1;\n" * 100, encoding="utf-8")
    job = Precompression(site, store=build_cache.compressed_store())
    job.add_present()
    job.add("page/index.html", b"<p>as the build wrote it</p>")  # its folder does not exist yet
    (site / "page").mkdir()
    (site / "page" / "index.html").write_bytes(b"<p>changed by a later plugin</p>")
    (site / "a.html").write_text("<p>changed</p>", encoding="utf-8")
    (site / "gone.js").unlink()
    assert job.finish() == 3
    _decompressed_copies_equal_originals(site)
    assert not list(site.glob("gone.js.*"))
