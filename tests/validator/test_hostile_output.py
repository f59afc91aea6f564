"""Values from a deal file reach other programs disarmed: terminal escapes shown escaped in
text, Markdown and HTML neutralised in Markdown, formulas neutralised in CSV, JSON as it is.
Golden files for every format; UPDATE_GOLDEN=1 regenerates them (read the diff)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from playbook_cli.main import main

from .conftest import GOLDEN, HERE, RICH, TODAY, compare_golden

CASE = HERE / "hostile" / "hostile-values.yaml"
FORMATS = [("check", "text", "zh", "zh.txt"), ("check", "text", "en", "en.txt"), ("check", "markdown", "en", "md"),
           ("check", "json", "en", "json"), ("team", "text", "en", "team.txt"), ("team", "csv", "en", "team.csv")]


def _run(capsys, command: str, fmt: str, lang: str) -> str:
    code = main([command, str(CASE.relative_to(HERE)), "--playbook", str(RICH), "--format", fmt, "--lang", lang,
                 "--today", TODAY])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize("command, fmt, lang, ext", FORMATS, ids=[f[3] for f in FORMATS])
def test_hostile_values_golden(capsys, monkeypatch, command, fmt, lang, ext):
    monkeypatch.chdir(HERE)
    compare_golden(GOLDEN / "hostile" / f"hostile-values.{ext}", _run(capsys, command, fmt, lang))


def test_text_output_has_no_control_character(capsys, monkeypatch):
    monkeypatch.chdir(HERE)
    for command in ("check", "team"):
        out = _run(capsys, command, "text", "en")
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in out)
        assert "\\x1b[2J" in out or command == "team"


def test_markdown_output_adds_no_element_and_no_line(capsys, monkeypatch):
    import markdown

    monkeypatch.chdir(HERE)
    out = _run(capsys, "check", "markdown", "en")
    html = markdown.Markdown(extensions=["tables"]).convert(out)
    assert "<script" not in html and "href=" not in html and html.count("<h2") == 1 and "<table>" in html
    assert "+1+2\\\\n- " in out  # the line break stays inside the value, shown escaped


def test_csv_cells_cannot_run_and_json_keeps_the_values(capsys, monkeypatch):
    monkeypatch.chdir(HERE)
    rows = list(csv.reader(io.StringIO(_run(capsys, "team", "csv", "en")[1:])))
    assert rows[1][0] == "'+1+2\n- [x](javascript:alert(1))"
    deal = json.loads(_run(capsys, "check", "json", "en"))["deals"][0]["deal"]
    assert deal["customer"] == '=HYPERLINK("http://evil","点我")' and deal["rep"].startswith("+1+2\n")
