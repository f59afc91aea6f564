"""The team file and the new deal facts: every mistake located (file:line:col: path: message
(what to do)) in both languages, never a traceback; the team file is found next to the deals
and is never read as a deal."""

from __future__ import annotations

import json

from conftest import REAL, ROOT, TODAY, run

BAD_TEAM = """\
period: {start: 2026-12-31, end: 2026-01-01}
currency: rmb
defaults:
  targets: {signd: 100, in-step: 80}
reps:
  李雷: {reviews_attended: -1}
  李雷: {reviews_attended: 3}
"""


def _deal(folder, text: str) -> None:
    (folder / "a.yaml").write_text(text, encoding="utf-8")


GOOD_DEAL = """\
deal: {id: a, name: 项目, customer: 客户, rep: 李雷, amount: 100000}
customer_stage: 1
claimed_stage: 1
"""


def test_a_bad_team_file_is_reported_with_places_in_both_languages(tmp_path):
    deals = tmp_path / "deals"
    deals.mkdir()
    _deal(deals, GOOD_DEAL)
    (deals / "team.yaml").write_text(BAD_TEAM, encoding="utf-8")
    code, out, err = run("review", "deals", "--playbook", str(REAL), "--lang", "en", "--today", TODAY, cwd=tmp_path)
    assert code == 2 and out == b""
    assert err.splitlines() == [
        "deals/team.yaml:7:3: reps.李雷: duplicate key `李雷`, first given at line 6 (keep one; YAML would silently drop the first)"]
    (deals / "team.yaml").write_text(BAD_TEAM.replace("  李雷: {reviews_attended: 3}\n", ""), encoding="utf-8")
    code, out, err = run("team", "deals", "--playbook", str(REAL), "--lang", "en", "--today", TODAY, cwd=tmp_path)
    assert code == 2 and out == b""
    assert err.splitlines() == [
        "deals/team.yaml:1:34: period.end: the period ends on 2026-01-01, before it starts on 2026-12-31 (swap the dates)",
        "deals/team.yaml:2:11: currency: `rmb` is not a currency code (write three capital letters, e.g. CNY, USD, EUR)",
        "deals/team.yaml:4:13: defaults.targets.signd: unknown measure `signd` (did you mean `signed`?)",
        "deals/team.yaml:4:34: defaults.targets.in-step: `80` is a share: write it from 0 to 1 (0.8 for 80%)",
        "deals/team.yaml:6:26: reps.李雷.reviews_attended: `-1` is too small (use a number of at least 0)"]
    code, _, err = run("team", "deals", "--playbook", str(REAL), "--lang", "zh", "--today", TODAY, cwd=tmp_path)
    assert code == 2
    assert err.splitlines()[3] == "deals/team.yaml:4:34: defaults.targets.in-step: `80` 是比例：请写 0 到 1 之间的数（80% 写 0.8）"


def test_the_team_file_is_found_beside_the_deals_or_named(tmp_path):
    deals = tmp_path / "deals"
    deals.mkdir()
    # at stage 1 (chance of winning 5%) with an amount of 600,000: a weighted pipeline of 30,000
    (deals / "a.yaml").write_bytes((ROOT / "examples" / "deals" / "01-plan-and-call.yaml").read_bytes())
    (deals / "team.yaml").write_text("defaults: {targets: {weighted-pipeline: 60000}}\n", encoding="utf-8")
    code, out, err = run("team", "deals", "--playbook", str(REAL), "--format", "json", "--today", TODAY, cwd=tmp_path)
    assert code in (0, 1), err  # (the deal claims stage 1 with nothing done: it falls short)
    card = json.loads(out)["scorecard"]["cards"][0]
    assert card["measures"]["weighted-pipeline"] == {"actual": 30000.0, "target": 60000, "score": 0.5}
    other = tmp_path / "other.yaml"
    other.write_text("defaults: {targets: {weighted-pipeline: 15000}}\n", encoding="utf-8")
    code, out, _ = run("team", "deals", "--playbook", str(REAL), "--format", "json", "--today", TODAY,
                       "--team-file", "other.yaml", cwd=tmp_path)
    assert json.loads(out)["scorecard"]["cards"][0]["measures"]["weighted-pipeline"]["score"] == 1.0
    # the team file is no deal: `check` on the folder reads one deal
    code, out, _ = run("check", "deals", "--playbook", str(REAL), "--format", "json", "--today", TODAY, cwd=tmp_path)
    assert [d["file"] for d in json.loads(out)["deals"]] == ["deals/a.yaml"]
    code, _, err = run("team", "deals", "--playbook", str(REAL), "--team-file", "missing.yaml", "--lang", "en", cwd=tmp_path)
    assert code == 2 and err.strip() == "missing.yaml:1:1: no such file (check the path and the working folder)"


def test_new_deal_facts_are_checked_with_places(tmp_path):
    _deal(tmp_path, GOOD_DEAL.replace("amount: 100000}", "amount: 100000, currency: usd, collected: -5, expected_close: soon}")
          + "outcome: {status: dropd, date: 2026-11-01}\ndone:\n  call-ms-target-fits: {date: 2026-11-01, verified: 张经理}\n")
    code, _, err = run("check", "a.yaml", "--playbook", str(REAL), "--lang", "en", cwd=tmp_path)
    assert code == 2
    assert err.splitlines() == [
        "a.yaml:1:74: deal.currency: `usd` is not a currency code (write three capital letters, e.g. CNY, USD, EUR)",
        "a.yaml:1:90: deal.collected: `-5` is too small (use a number of at least 0)",
        "a.yaml:1:110: deal.expected_close: `soon` is not a date (write it as YYYY-MM-DD, e.g. 2026-11-02)",
        "a.yaml:4:19: outcome.status: `dropd` is not allowed (did you mean `dropped`? use one of: won, lost, dropped)",
        "a.yaml:6:43: done.call-ms-target-fits.verified: unknown key `verified` (did you mean `verified_by`?)"]
