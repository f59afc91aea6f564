"""Golden verdicts: each deal of cases/ judged against the stable fixture playbook, as the
command prints it (text in Chinese and English, JSON, Markdown). UPDATE_GOLDEN=1 regenerates."""

from __future__ import annotations

import json

import pytest

from playbook_cli.main import main

from .conftest import CASES, GOLDEN, RICH, TODAY, compare_golden

CASE_FILES = sorted(CASES.glob("*.yaml"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt, lang, ext", [("text", "zh", "zh.txt"), ("text", "en", "en.txt"), ("json", "en", "json"), ("markdown", "zh", "md")])
def test_verdict_matches_golden(case, fmt, lang, ext, capsys, monkeypatch):
    monkeypatch.chdir(CASES.parent)
    code, out, err = run(capsys, "check", f"cases/{case.name}", "--playbook", str(RICH), "--format", fmt,
                         "--lang", lang, "--today", TODAY)
    assert code in (0, 1), err
    compare_golden(GOLDEN / f"{case.stem}.{ext}", out)


def test_each_case_shows_what_it_is_about(capsys, monkeypatch):
    """The intent written at the top of each case holds (so a golden cannot silently go wrong)."""
    monkeypatch.chdir(CASES.parent)
    code, out, _ = run(capsys, "check", "cases", "--playbook", str(RICH), "--format", "json", "--today", TODAY)
    assert code == 1
    v = {d["deal"]["id"]: d for d in json.loads(out)["deals"]}
    assert (v["supported-in-step"]["claim"], v["supported-in-step"]["step"], v["supported-in-step"]["ok"]) == ("supported", "in-step", True)
    assert v["overstated-missing-action"]["claim"] == "overstated"
    assert v["overstated-missing-action"]["position"]["number"] == 2
    assert [m["id"] for m in v["overstated-missing-action"]["missing"] if m["kind"] == "milestone"] == ["prelim-ms-3"]
    assert v["customer-far-ahead"]["step"] == "drop"
    assert v["ahead-of-customer"]["step"] == "ahead-warning"
    assert [m["id"] for m in v["missing-required-field"]["missing_required"]] == ["customer-profile.budget"]
    assert v["missing-required-field"]["claim"] == "supported" and not v["missing-required-field"]["ok"]
    assert v["out-of-order"]["out_of_order"] == ["demo-ms-1", "demo-sc-2", "eval-as-3"]
    assert v["understated"]["claim"] == "understated" and v["understated"]["score"] == 100
    assert v["nothing-done"]["position"]["number"] == 0
    assert v["phone-fragment"]["future_dates"] == ["call-as-1"]
    assert "call-ms-1" in v["phone-fragment"]["no_evidence"]
