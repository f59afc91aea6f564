"""The review's figures: golden JSON for examples/deals and for a generated team of 5 reps x
20 deals (UPDATE_GOLDEN=1 regenerates; read the diff), and what the figures must mean."""

from __future__ import annotations

import json

from conftest import GOLDEN, ROOT, compare_golden, review_json


def test_examples_review_golden():
    data = review_json("examples/deals", ROOT)
    compare_golden(GOLDEN / "examples.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_generated_team_review_golden(team_dir):
    data = review_json("gen", team_dir)
    compare_golden(GOLDEN / "generated.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_the_figures_add_up(team_dir):
    d = review_json("gen", team_dir)
    team, reps = d["team"], d["reps"]
    assert len(reps) == 5 and team["deals"] == 100 == sum(r["deals"] for r in reps)
    assert sum(f["count"] for f in team["funnel"]) == team["status"]["open"] == sum(map(sum, team["matrix"]))
    assert sum(team["steps"].values()) == team["status"]["open"]
    for n, f in enumerate(team["funnel"]):
        assert f["count"] == sum(r["funnel"][n]["count"] for r in reps)
        assert abs(f["amount"] - sum(r["funnel"][n]["amount"] for r in reps)) < 0.01
    assert team["stuck"] == sum(day["stuck"] for day in team["days"])
    # every open deal is listed (100 deals is under the list's limit), those needing attention first
    rows = d["deals"]["rows"]
    assert d["deals"]["listed"] == len(rows) == team["status"]["open"]
    seen_in_order = False
    for r in rows:
        seen_in_order |= not r["attention"]
        assert not (seen_in_order and r["attention"]), "a deal needing attention after one in good order"
    cards = {c["rep"]: c for c in d["scorecard"]["cards"]}
    for c in cards.values():
        for m in d["scorecard"]["measures"]:
            v = c["measures"][m["id"]]
            if v["score"] is not None:
                assert 0 <= v["score"] <= 1
        assert c["review"] is None or 0 <= c["review"] <= 100
    assert cards[None]["measures"]["signed"]["actual"] == sum(cards[r["rep"]]["measures"]["signed"]["actual"] for r in reps)


def test_a_deal_dropped_with_a_reason_earns_credit(real):
    """Dropping a far-behind deal with a reason raises the rep's in-step share; without a
    reason it does not."""
    from salesplaybook.deal import parse_deal
    from salesplaybook.judge import judge
    from salesplaybook.scorecard import Scorecard

    text = (ROOT / "examples" / "deals" / "warn-customer-far-ahead.yaml").read_text(encoding="utf-8")
    ok = (ROOT / "examples" / "deals" / "01-plan-and-call.yaml").read_text(encoding="utf-8")

    def share(extra: str) -> float:
        tally = Scorecard(real)
        for t in (ok, text + extra):
            tally.add(judge(real, parse_deal(t, "x.yaml", real), today=__import__("datetime").date(2026, 11, 27)))
        team = tally.cards()[-1]
        return next(m.actual for m in team.measures if m.kind == "in_step_share")

    open_far_behind = share("")
    dropped = share("outcome: {status: dropped, date: 2026-11-01, reason: 客户已定标}\n")
    silent = share("outcome: {status: dropped, date: 2026-11-01}\n")
    assert dropped > open_far_behind and dropped == 1.0
    assert silent <= open_far_behind


def test_measure_scores_follow_the_formula():
    from salesplaybook.scorecard import measure_score, review_of, weighted_mean

    assert measure_score(5, 10, "higher") == 0.5 and measure_score(20, 10, "higher") == 1.0
    assert measure_score(4, 2, "lower") == 0.5 and measure_score(0, 2, "lower") == 1.0 and measure_score(1, 2, "lower") == 1.0
    assert measure_score(None, 10, "higher") is None and measure_score(3, None, "higher") is None
    assert weighted_mean([(3, 1.0), (1, 0.0), (5, None)]) == 0.75
    assert review_of({"a": 1.0, "b": 0.5, "c": None}) == 75
