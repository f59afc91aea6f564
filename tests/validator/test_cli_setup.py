"""Where the command finds its playbook, where a blank file finds its schema, and the team CSV
as a spreadsheet opens it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from salesplaybook import load_playbook
from salesplaybook.deal import parse_deal

from .conftest import CASES, RICH, ROOT

GOOD = CASES / "supported-in-step.yaml"


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("PLAYBOOK", "LC_ALL", "LANG")}
    environment.update({"PYTHONIOENCODING": "utf-8", "LANG": "en_US.UTF-8", **env})
    return subprocess.run([sys.executable, "-m", "playbook_cli", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120)


def _playbook_repo(tmp: Path) -> Path:
    repo = tmp / "playbook-repo"
    shutil.copytree(RICH.parent, repo / "playbook")
    return repo


def _deal_repo(tmp: Path) -> Path:
    repo = tmp / "deal-repo"
    (repo / "deals" / "east").mkdir(parents=True)
    shutil.copy(GOOD, repo / "deals" / "east" / "acme.yaml")
    return repo


def test_found_by_walking_up_from_the_current_folder(tmp_path):
    repo = _playbook_repo(tmp_path)
    (repo / "deals").mkdir()
    shutil.copy(GOOD, repo / "deals" / "acme.yaml")
    done = _run(["check", "acme.yaml", "--today", "2026-11-27"], cwd=repo / "deals")
    assert done.returncode == 0, done.stderr


def test_found_by_walking_up_from_the_deal_file(tmp_path):
    repo = _playbook_repo(tmp_path)
    (repo / "deals").mkdir()
    shutil.copy(GOOD, repo / "deals" / "acme.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = _run(["check", str(repo / "deals" / "acme.yaml"), "--today", "2026-11-27"], cwd=elsewhere)
    assert done.returncode == 0, done.stderr


def test_a_deal_repository_apart_uses_the_environment_or_the_flag(tmp_path):
    playbook = _playbook_repo(tmp_path) / "playbook" / "playbook.yaml"
    deals = _deal_repo(tmp_path)
    by_env = _run(["check", "deals", "--today", "2026-11-27"], cwd=deals, PLAYBOOK=str(playbook))
    by_flag = _run(["check", "deals", "--playbook", str(playbook), "--today", "2026-11-27"], cwd=deals)
    assert by_env.returncode == by_flag.returncode == 0, by_env.stderr + by_flag.stderr
    assert by_env.stdout == by_flag.stdout


def test_the_pre_commit_hook_runs_in_a_deal_repository_apart(tmp_path):
    """The hook's entry, its documented args, and the changed files, as pre-commit runs them."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    playbook = _playbook_repo(tmp_path) / "playbook" / "playbook.yaml"
    deals = _deal_repo(tmp_path)
    command, *entry_args = hook["entry"].split()
    assert command == "playbook"
    done = _run([*entry_args, "--playbook", str(playbook), "deals/east/acme.yaml", "--today", "2026-11-27"], cwd=deals)
    assert done.returncode == 0, done.stderr


def test_no_playbook_found_says_where_it_looked_and_what_to_do(tmp_path):
    deals = _deal_repo(tmp_path)
    done = _run(["check", "deals"], cwd=deals)
    assert done.returncode == 2
    assert done.stderr.startswith("playbook: no playbook found")
    assert str(deals.resolve()) in done.stderr and "--playbook FILE" in done.stderr and "PLAYBOOK=FILE" in done.stderr
    assert ".yaml:1:1" not in done.stderr  # not worded as if a file were broken
    zh = _run(["check", "deals"], cwd=deals, LANG="zh_CN.UTF-8")
    assert "找不到手册" in zh.stderr


def test_blank_with_output_refers_to_the_schema_relative_to_the_file(tmp_path):
    deals = _deal_repo(tmp_path)
    target = deals / "deals" / "east" / "new.yaml"
    done = _run(["blank", "2", "--playbook", str(RICH), "-o", str(target)], cwd=deals)
    assert done.returncode == 0, done.stderr
    first = target.read_text(encoding="utf-8").splitlines()[0]
    ref = first.split("$schema=", 1)[1]
    assert not ref.startswith("file:")
    schema = (target.parent / ref).resolve()
    assert schema.is_file() and json.loads(schema.read_text(encoding="utf-8"))["title"]
    assert parse_deal(target.read_text(encoding="utf-8"), "new.yaml", load_playbook(RICH)).claimed_stage == "visit-and-research"


def test_blank_printed_refers_to_the_schema_by_absolute_address(tmp_path):
    done = _run(["blank", "1", "--playbook", str(RICH)], cwd=tmp_path)
    ref = done.stdout.splitlines()[0].split("$schema=", 1)[1]
    assert ref.startswith("file:///")
    from urllib.parse import unquote, urlparse

    assert Path(unquote(urlparse(ref).path)).is_file()


def test_blank_never_overwrites_a_file(tmp_path):
    target = tmp_path / "acme.yaml"
    target.write_text("my work\n", encoding="utf-8")
    done = _run(["blank", "1", "--playbook", str(RICH), "-o", str(target)], cwd=tmp_path)
    assert done.returncode == 2 and "already exists" in done.stderr
    assert target.read_text(encoding="utf-8") == "my work\n"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (Debian: libreoffice-calc-nogui) is not installed")
def test_the_team_csv_opens_in_a_spreadsheet_with_its_chinese_and_no_formula(tmp_path):
    """LibreOffice Calc imports the CSV as a spreadsheet would (formulas evaluated on import);
    python-calamine, another reader, reads the cells back."""
    from python_calamine import CalamineWorkbook

    deals = tmp_path / "deals"
    deals.mkdir()
    for n, rep in enumerate(["李雷", "=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "@SUM(A1)", "-2"]):
        text = GOOD.read_text(encoding="utf-8").replace("rep: 李雷", f"rep: '{rep}'").replace("id: supported-in-step", f"id: d{n}")
        (deals / f"d{n}.yaml").write_text(text, encoding="utf-8")
    done = _run(["team", str(deals), "--playbook", str(RICH), "--format", "csv", "--lang", "zh"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    raw = subprocess.run([sys.executable, "-m", "playbook_cli", "team", str(deals), "--playbook", str(RICH), "--format", "csv",
                          "--lang", "zh"], cwd=tmp_path, capture_output=True, timeout=120).stdout
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel and WPS on a Chinese Windows read UTF-8 after this mark
    (tmp_path / "team.csv").write_bytes(raw)
    subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(tmp_path / "team.csv")],
                   capture_output=True, timeout=180, check=True, env=dict(os.environ, HOME=str(tmp_path)))
    rows = CalamineWorkbook.from_path(str(tmp_path / "out" / "team.xlsx")).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "销售" and rows[0][1] == "交易数"
    reps = [r[0] for r in rows[1:]]
    assert "李雷" in reps
    # every hostile name stays text, shown with the apostrophe that disarmed it; none was run
    assert {"'=HYPERLINK(\"http://x\",\"点我\")", "'+1+2", "'@SUM(A1)", "'-2"} <= set(reps)
    assert all(isinstance(r[1], float) and r[1] == 1.0 for r in rows[1:])  # counts are numbers
