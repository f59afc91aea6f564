"""`playbook team --format xlsx`: one sheet per view, typed cells, frozen headers in the
reader's language, read back with python-calamine (a reader that is not the writer); hostile
values written as inert text."""

from __future__ import annotations

import datetime as _dt
import json
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from conftest import REAL, ROOT, TODAY, run

HEADERS = {"en": (["Deals", "Per rep", "Scorecard"], "Deal", "Expected close", "Review score"),
           "zh": (["项目", "按销售", "计分卡"], "项目", "预计签约", "考核得分")}


@pytest.fixture(scope="module", params=["en", "zh"])
def workbook(request, team_dir):
    lang = request.param
    out = team_dir / f"team.{lang}.xlsx"
    code, stdout, err = run("team", "gen", "--playbook", str(REAL), "--today", TODAY, "--lang", lang, "--format", "xlsx",
                            "-o", str(out), cwd=team_dir)
    assert code in (0, 1), err
    assert stdout == b""
    return lang, out


def test_one_sheet_per_view_with_headers_in_the_language(workbook):
    lang, path = workbook
    wb = CalamineWorkbook.from_path(str(path))
    sheets, deal, close, review = HEADERS[lang]
    assert wb.sheet_names == sheets
    deals = wb.get_sheet_by_index(0).to_python()
    assert deals[0][0] == deal and close in deals[0]
    assert len(deals) == 1 + 100  # every deal, closed ones too
    reps = wb.get_sheet_by_index(1).to_python()
    assert review in reps[0] and len(reps) == 1 + 5 + 1  # the reps, then the team


def test_cells_are_typed(workbook, team_dir):
    lang, path = workbook
    wb = CalamineWorkbook.from_path(str(path))
    deals = wb.get_sheet_by_index(0).to_python()
    head = deals[0]
    amount, close, score = 4, head.index(HEADERS[lang][2]), 14
    for row in deals[1:]:
        assert isinstance(row[amount], float) and row[amount] > 0
        assert isinstance(row[close], (_dt.date, _dt.datetime))
        assert isinstance(row[score], float) and 0 <= row[score] <= 100
    _, out, _ = run("review", "gen", "--playbook", str(REAL), "--today", TODAY, "--format", "json", cwd=team_dir)
    data = json.loads(out)
    card = wb.get_sheet_by_index(2).to_python()
    team_review = card[1][6]  # the team's score column of the review score row
    assert team_review == pytest.approx(data["scorecard"]["cards"][-1]["review"] / 100)
    # the per-rep sheet's counts equal the review's
    reps = wb.get_sheet_by_index(1).to_python()
    assert [r[1] for r in reps[1:-1]] == [r["deals"] for r in data["reps"]]


def test_headers_are_frozen_and_no_cell_is_a_formula(workbook):
    _, path = workbook
    with zipfile.ZipFile(path) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 3
        for name in sheets:
            xml = z.read(name).decode("utf-8")
            assert 'state="frozen"' in xml and "<f>" not in xml


def test_hostile_values_are_text_not_formulas(tmp_path):
    hostile = ROOT / "tests" / "validator" / "hostile" / "hostile-values.yaml"
    rich = ROOT / "tests" / "validator" / "fixtures" / "rich" / "playbook.yaml"
    out = tmp_path / "team.xlsx"
    code, _, err = run("team", str(hostile), "--playbook", str(rich), "--today", TODAY, "--lang", "en", "--format", "xlsx",
                       "-o", str(out), cwd=tmp_path)
    assert code in (0, 1), err
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\",\"点我\")"
    assert rows[1][2].startswith("'+1+2")
    with zipfile.ZipFile(out) as z:
        assert all("<f>" not in z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_an_excel_file_needs_a_file_name(team_dir):
    code, out, err = run("team", "gen", "--playbook", str(REAL), "--format", "xlsx", "--lang", "en", cwd=team_dir)
    assert code == 2 and out == b"" and "add -o team.xlsx" in err


def test_team_text_and_csv_show_the_scorecard(team_dir):
    import csv
    import io

    code, out, err = run("team", "gen", "--playbook", str(REAL), "--today", TODAY, "--lang", "en", "--format", "csv",
                         cwd=team_dir)
    assert code in (0, 1), err
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
    head = rows[0]
    assert "Signed value" in head and "target: Signed value" in head and "score: Financial" in head
    assert [r[0] for r in rows[1:]] == ["李雷", "王强", "赵敏", "陈晨", "韩梅梅", "Team"]
    code, out, _ = run("team", "gen", "--playbook", str(REAL), "--today", TODAY, "--lang", "en", cwd=team_dir)
    text = out.decode("utf-8")
    assert "Team: deals 100, review score " in text and "Stuck deals " in text
