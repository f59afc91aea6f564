"""The `playbook` command: exit codes, batches, stdin, formats, team view, blank files, schema."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesplaybook.deal import deal_json_schema, parse_deal
from playbook_cli.main import main

from salesplaybook import load_playbook

from .conftest import CASES, REAL, RICH, ROOT, TODAY

GOOD = CASES / "supported-in-step.yaml"
SHORT = CASES / "overstated-missing-action.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--playbook", str(RICH)] if args[0] in ("check", "team", "blank") else list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_0_when_every_deal_supports_its_claim(capsys):
    assert run(capsys, "check", str(GOOD), "--today", TODAY)[0] == 0


def test_exit_1_when_one_falls_short(capsys):
    assert run(capsys, "check", str(GOOD), str(SHORT), "--today", TODAY)[0] == 1


def test_min_score_fails_a_supported_deal(capsys):
    code, out, _ = run(capsys, "check", str(GOOD), "--min-score", "99", "--format", "json", "--today", TODAY)
    assert code == 1
    deal = json.loads(out)["deals"][0]
    assert deal["ok"] is False and deal["below_min_score"] is True and deal["claim"] == "supported"


def test_a_batch_goes_on_past_bad_files_and_reports_every_one(capsys, tmp_path):
    (tmp_path / "a.yaml").write_text("deal: [\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_bytes(b"\x00\x01")
    (tmp_path / "sub" / "c.yaml").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a deal", encoding="utf-8")
    code, out, err = run(capsys, "check", str(tmp_path), "--format", "json", "--today", TODAY)
    assert code == 2
    doc = json.loads(out)
    assert [Path(e["file"]).name for e in doc["errors"]] == ["a.yaml", "b.yml"]
    assert [d["deal"]["id"] for d in doc["deals"]] == ["supported-in-step"]
    assert doc["summary"] == {"ok": 1, "falls_short": 0, "unreadable": 2}


def test_text_report_lists_bad_files_on_stderr_and_the_summary(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad), str(GOOD), "--today", TODAY)
    assert code == 2
    assert "bad.yaml:1:1: 是空的" in err
    assert "共 2 个交易" not in out and "1 个文件无法读取" in out


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT.read_bytes()), encoding="utf-8"))
    code, out, _ = run(capsys, "check", "-", "--lang", "en", "--today", TODAY)
    assert code == 1
    assert out.startswith("<stdin>  overstated-missing-action")
    assert "claim overstated" in out


def test_missing_file_is_a_located_error(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.yaml"), "--lang", "en")
    assert code == 2 and "nope.yaml:1:1: no such file" in err


def test_no_colour_when_not_a_terminal(capsys):
    _, out, _ = run(capsys, "check", str(SHORT), "--today", TODAY)
    assert "\033[" not in out


def test_team_view_in_three_formats(capsys):
    code, out, _ = run(capsys, "team", str(CASES), "--format", "json")
    assert code == 1
    team = {r["rep"]: r for r in json.loads(out)["team"]}
    assert set(team) == {"李雷", "韩梅梅"}
    assert team["韩梅梅"]["deals"] == 3
    assert team["韩梅梅"]["by_stage"] == {"0": 1, "2": 1, "4": 1}
    assert 0 <= team["李雷"]["review_score"] <= 100
    _, out, _ = run(capsys, "team", str(CASES), "--format", "csv", "--lang", "en")
    assert out.startswith("\ufeff")  # Excel and WPS read UTF-8 only after a byte-order mark
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert [r["rep"] for r in rows] == ["李雷", "韩梅梅"]
    assert rows[1]["at stage 4"] == "1" and rows[1]["review score"] == str(team["韩梅梅"]["review_score"])
    _, out, _ = run(capsys, "check", str(CASES), "--team")
    assert out.startswith("李雷：交易数 6，")


@pytest.mark.parametrize("stage", [str(n) for n in range(1, 9)])
def test_blank_deal_for_each_stage_loads_and_lists_every_id(capsys, rich, stage):
    code, out, _ = run(capsys, "blank", stage)
    assert code == 0
    deal = parse_deal(out, "blank.yaml", rich)
    assert deal.claimed_stage == rich.stages[int(stage) - 1].id
    for s in rich.stages[: int(stage)]:
        for item in s.items():
            assert f"# {item.id}: {{date: YYYY-MM-DD" in out
    # removing the comment marks gives a valid file too (with placeholder dates filled in)
    ticked = out.replace("  # call-ms-1: {date: YYYY-MM-DD", "  call-ms-1: {date: 2026-11-02")
    assert "call-ms-1" in parse_deal(ticked, "blank.yaml", rich).done


def test_blank_unknown_stage(capsys):
    code, _, err = run(capsys, "blank", "visit-and-reserch", "--lang", "en")
    assert code == 2 and "did you mean `visit-and-research`" in err


def test_committed_deal_schema_is_current():
    committed = json.loads((ROOT / "src" / "salesplaybook" / "deal.schema.json").read_text(encoding="utf-8"))
    assert committed == deal_json_schema("en", load_playbook(REAL)), "run: playbook schema deal --lang en > src/salesplaybook/deal.schema.json"


def test_schema_deal_command(capsys):
    code, out, _ = run(capsys, "schema", "deal", "--lang", "en", "--playbook", str(REAL))
    assert code == 0 and json.loads(out) == deal_json_schema("en", load_playbook(REAL))


def test_the_installed_command_runs_as_a_module(tmp_path):
    """`python -m playbook_cli` end to end, in a fresh process, with a fresh cache."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for _ in range(2):  # the second run reads the cached playbook
        p = subprocess.run([sys.executable, "-m", "playbook_cli", "check", str(SHORT), "--playbook", str(RICH),
                            "--format", "json", "--today", TODAY], capture_output=True, text=True, env=env, timeout=60)
        assert p.returncode == 1, p.stderr
        assert json.loads(p.stdout)["deals"][0]["claim"] == "overstated"
    assert len(list((tmp_path / "cache" / "salesplaybook").glob("playbook-*.json"))) == 1


def test_a_broken_cache_entry_is_ignored(tmp_path, capsys, monkeypatch):
    """More in test_cache.py."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert run(capsys, "check", str(GOOD), "--today", TODAY)[0] == 0
    [entry] = (tmp_path / "salesplaybook").glob("playbook-*.json")
    entry.write_bytes(b"garbage")
    assert run(capsys, "check", str(GOOD), "--today", TODAY)[0] == 0
    entry.write_bytes(b"\x80\x04K\x01.")  # a pickle: never read as one
    assert run(capsys, "check", str(GOOD), "--today", TODAY)[0] == 0


def test_a_broken_playbook_is_reported_not_cached(tmp_path, capsys):
    pb = tmp_path / "playbook.yaml"
    pb.write_text("meta: [\n", encoding="utf-8")
    code = main(["check", str(GOOD), "--playbook", str(pb)])
    _, err = capsys.readouterr()
    assert code == 2 and "playbook.yaml:" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_only_for_large_batches_on_a_terminal(tmp_path, monkeypatch):
    from playbook_cli.main import PROGRESS_FROM

    for i in range(PROGRESS_FROM):
        (tmp_path / f"d{i:03d}.yaml").write_bytes(GOOD.read_bytes())
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert main(["check", str(tmp_path), "--playbook", str(RICH), "--today", TODAY]) == 0
    assert f"\r{PROGRESS_FROM}/{PROGRESS_FROM}" in err.getvalue()
    err2 = io.StringIO()  # not a terminal: no progress line
    monkeypatch.setattr(sys, "stderr", err2)
    main(["check", str(tmp_path), "--playbook", str(RICH), "--today", TODAY])
    assert "\r" not in err2.getvalue()


def test_colour_on_a_terminal_unless_no_color(monkeypatch):
    out = _Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    main(["check", str(SHORT), "--playbook", str(RICH), "--today", TODAY])
    assert "\033[1;31m" in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    out = _Terminal()
    monkeypatch.setattr(sys, "stdout", out)
    main(["check", str(SHORT), "--playbook", str(RICH), "--today", TODAY])
    assert "\033[" not in out.getvalue()


def test_checking_never_writes_to_deal_files(capsys):
    import hashlib

    def state():
        return {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in sorted(CASES.glob("*"))}

    before = state()
    for fmt in ("text", "json", "markdown"):
        run(capsys, "check", str(CASES), "--format", fmt, "--today", TODAY)
    run(capsys, "team", str(CASES), "--format", "csv")
    assert state() == before


def test_an_empty_folder_is_reported_not_passed(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(tmp_path), "--lang", "en")
    assert code == 2 and "holds no deal files" in err


def test_pre_commit_hook_runs_the_check_on_yaml_files():
    import re

    import yaml

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "playbook-check" and hook["language"] == "python"
    assert hook["entry"] == "playbook check"  # the console script this package installs
    assert re.search(hook["files"], "deals/acme.yaml") and re.search(hook["files"], "deals/acme.yml")
    assert not re.search(hook["files"], "deals/readme.md")
    assert re.search(hook["exclude"], ".pre-commit-config.yaml") and re.search(hook["exclude"], "playbook/stages/01.yaml")
    assert not re.search(hook["exclude"], "deals/acme.yaml")
