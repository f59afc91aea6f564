"""The promise that nothing can drift, proven once: edit one milestone action's text and one
score weight in a copy of the real playbook, and see both changes on the stage page, the
printed checklist (read back from a PDF), the blank deal file, the rules page and a deal's
verdict."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from site_build import build_both, serve
from site_helpers import ROOT, make_project

pytestmark = [pytest.mark.browser, pytest.mark.site]

MARK_ZH = "核对标记：唯一来源"
MARK_EN = "Drift check marker"


def _edit(project: Path) -> tuple[str, str, float]:
    """Rename stage 1's first milestone action (both languages) and move 5 points of the score
    from `in_step` to `milestone`; returns (the stage id, the action id, the new weight)."""
    root = project / "playbook" / "playbook.yaml"
    stage_file = project / "playbook" / yaml.safe_load(root.read_text(encoding="utf-8"))["stages"][0]["include"]
    stage = yaml.safe_load(stage_file.read_text(encoding="utf-8"))
    action = stage["milestone"][0]
    text = stage_file.read_text(encoding="utf-8")
    old = action["text"]
    old_line = next(line for line in text.splitlines() if line.strip().startswith("text:") and
                    (old["zh"] if isinstance(old, dict) else old) in line)
    indent = old_line[: len(old_line) - len(old_line.lstrip())]
    stage_file.write_text(text.replace(old_line, f"{indent}text: {{zh: {MARK_ZH}, en: {MARK_EN}}}"), encoding="utf-8")
    rules = root.read_text(encoding="utf-8")
    score = yaml.safe_load(rules)["rules"]["score"]
    rules = rules.replace(f"    milestone: {score['milestone']}\n", f"    milestone: {score['milestone'] + 5}\n", 1)
    rules = rules.replace(f"    in_step: {score['in_step']}\n", f"    in_step: {score['in_step'] - 5}\n", 1)
    root.write_text(rules, encoding="utf-8")
    return stage["id"], action["id"], score["milestone"] + 5


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PLAYBOOK_NO_CACHE="1")
    return subprocess.run([sys.executable, "-m", "playbook_cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_one_edit_reaches_every_output(tmp_path, browser):
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", ROOT / "playbook")
    stage_id, action_id, weight = _edit(project)
    site = tmp_path / "site"
    build_both(project, site)

    # the stage page, in both languages
    assert MARK_ZH in (site / "stages" / stage_id / "index.html").read_text(encoding="utf-8")
    assert MARK_EN in (site / "en" / "stages" / stage_id / "index.html").read_text(encoding="utf-8")

    # the rules page states the new weight in its score table
    judging = (site / "en" / "judging" / "index.html").read_text(encoding="utf-8")
    assert f"<td>Milestone</td>\n<td style=\"text-align: right;\">{weight}</td>" in judging

    # the printed checklist, read back from the PDF
    url, server = serve(site)
    try:
        page = browser.new_page()
        page.goto(f"{url}/checklists/{stage_id}/", wait_until="load")
        pdf = tmp_path / "checklist.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
        page.close()
    finally:
        server.shutdown()
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert MARK_ZH in text.replace(" ", "").replace("\n", "")

    # the blank deal file lists the action with its new text
    blank = _cli("blank", "1", "--playbook", "playbook/playbook.yaml", "--lang", "zh", cwd=project)
    assert blank.returncode == 0, blank.stderr
    assert f"# {action_id}: " in blank.stdout and MARK_ZH in blank.stdout

    # a deal's verdict: the open action by its new text, the score part by its new weight
    (project / "deal.yaml").write_text(blank.stdout, encoding="utf-8")
    verdict = _cli("check", "deal.yaml", "--lang", "en", cwd=project)
    assert MARK_EN in verdict.stdout
    assert f"Milestone {weight}×" in verdict.stdout
