"""The MkDocs plugin, exercised by real builds of a copy of the project around the fixture
playbook: generated pages only, clean errors, deterministic output.

What a build makes is tested on builds in this process (`build`, as mkdocs-gen-files and
mkdocstrings test themselves); what a user sees when a build fails (exit code, messages, no
traceback), and that a build in another process gives the same files, on the
`mkdocs build --strict` command itself (`mkdocs`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from site_helpers import build, make_project, mkdocs

pytestmark = pytest.mark.site


def _tree(folder: Path, skip=("sitemap.xml", "sitemap.xml.gz")) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("project"))
    docs_before = _tree(project / "docs")
    done = build(project, project / "site")
    assert done.returncode == 0, done.stderr
    return project, docs_before, done


def test_generated_pages_are_built_and_nothing_is_written_into_docs(fixture_build):
    project, docs_before, _ = fixture_build
    site = project / "site"
    for page in ("index.html", "stages/demo-and-exchange/index.html", "forms/customer-profile/index.html",
                 "managers/index.html", "judging/index.html", "glossary/index.html",
                 "guide/index.html", "validator/index.html"):
        assert (site / page).is_file(), page
    assert _tree(project / "docs") == docs_before


def test_navigation_lists_sections_in_order(fixture_build):
    project, _, _ = fixture_build
    html = (project / "site" / "stages" / "demo-and-exchange" / "index.html").read_text(encoding="utf-8")
    order = ["首页", "怎样用这本手册", "八个阶段", "工具表单", "管理者：考核", "交易如何评判", "用校验工具检查交易", "术语表"]
    nav = html[html.index('md-nav--primary'):]
    positions = [nav.find(f">{name}<") if nav.find(f">{name}<") >= 0 else nav.find(name) for name in order]
    assert all(p >= 0 for p in positions), dict(zip(order, positions))
    assert positions == sorted(positions)


def test_search_index_holds_the_generated_pages(fixture_build):
    project, _, _ = fixture_build
    index = json.loads((project / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["u"] for doc in index["docs"]}  # the playbook's own index (render/site/search.py)
    assert {"stages/demo-and-exchange/", "forms/customer-profile/", "glossary/"} <= locations


def test_two_builds_give_the_same_files(fixture_build):
    project, _, _ = fixture_build
    # The command, not a second build in this process: a build in another process has
    # another hash seed, so output that depends on set or dict order shows up here.
    done = mkdocs("build", "--strict", "-d", str(project / "site2"), cwd=project)
    assert done.returncode == 0, done.stderr
    assert _tree(project / "site2") == _tree(project / "site")


def test_english_build_uses_the_translated_handwritten_pages(fixture_build):
    project, _, _ = fixture_build
    done = build(project, project / "site-en", "mkdocs.en.yml")
    assert done.returncode == 0, done.stderr
    guide = (project / "site-en" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "How to use this playbook" in guide
    assert not (project / "site-en" / "guide.en").exists()
    stage = (project / "site-en" / "stages" / "demo-and-exchange" / "index.html").read_text(encoding="utf-8")
    assert "Demo and technical exchange" in stage
    # The language switcher links the page to its translation, not to the other home page.
    assert 'href="../../../stages/demo-and-exchange/"' in stage


def _fails_cleanly(project: Path) -> str:
    done = mkdocs("build", "--strict", "-d", str(project / "site"), cwd=project)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert not (project / "site").exists(), "a failed playbook load must not write a site"
    return done.stderr


def test_a_broken_playbook_stops_the_build_with_located_messages(tmp_path):
    project = make_project(tmp_path)
    stage = project / "playbook" / "stages" / "04-demo-and-exchange.yaml"
    stage.write_text(stage.read_text(encoding="utf-8").replace("weight: 2", "weight: -2"), encoding="utf-8")
    err = _fails_cleanly(project)
    line = next(n for n, text in enumerate(stage.read_text(encoding="utf-8").splitlines(), 1) if "weight: -2" in text)
    assert f"04-demo-and-exchange.yaml:{line}:" in err
    assert "conditions.assessment[0].weight" in err
    assert err.count("ERROR") == 1


def test_a_duplicate_key_stops_the_build(tmp_path):
    project = make_project(tmp_path)
    stage = project / "playbook" / "stages" / "04-demo-and-exchange.yaml"
    stage.write_text(stage.read_text(encoding="utf-8") + "number: 4\n", encoding="utf-8")
    err = _fails_cleanly(project)
    assert "04-demo-and-exchange.yaml:" in err and "number" in err


def test_a_handwritten_page_may_not_take_a_generated_path(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "managers.md").write_text("# Mine\n", encoding="utf-8")
    done = mkdocs("build", "--strict", "-d", str(project / "site"), cwd=project)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "docs/managers.md" in done.stderr and "请改名或删除它" in done.stderr  # the Chinese build speaks Chinese


def test_a_handwritten_page_without_translation_fails_the_strict_english_build(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "extra.md").write_text("# 额外\n", encoding="utf-8")
    done = mkdocs("build", "--strict", "-f", "mkdocs.en.yml", "-d", str(project / "site"), cwd=project)
    assert done.returncode == 1
    assert "docs/extra.md has no translation in this language (add docs/extra.en.md)" in done.stderr


def test_a_missing_playbook_path_is_a_config_error(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("playbook: playbook/playbook.yaml", "playbook: playbook/nope.yaml"),
                      encoding="utf-8")
    done = mkdocs("build", "--strict", "-d", str(project / "site"), cwd=project)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "option 'playbook'" in done.stderr and "nope.yaml' isn't an existing file" in done.stderr
