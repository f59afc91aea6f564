"""The team view's review score: each perspective's earned over available weight, averaged
over the perspectives that have anything to earn."""

from salesplaybook.judge import Team, judge, review_score
from salesplaybook.deal import parse_deal

from .conftest import CASES


def test_review_score_averages_the_perspectives_equally():
    assert review_score({"a": 1, "b": 0}, {"a": 2, "b": 4, "c": 0}) == 25
    assert review_score({"a": 3}, {"a": 3, "b": 1}) == 50
    assert review_score({}, {"a": 0}) == 0


def test_team_tally_adds_up_a_reps_deals(rich):
    verdicts = [judge(rich, parse_deal((CASES / f"{n}.yaml").read_text(encoding="utf-8"), n, rich))
                for n in ("customer-far-ahead", "ahead-of-customer", "nothing-done")]
    tally = Team(rich)
    for v in verdicts:
        tally.add(v)
    [row] = tally.rows()
    assert row.rep == "韩梅梅" and row.deals == 3
    assert row.by_stage == {0: 1, 2: 1, 4: 1}
    for p in row.earned:
        assert row.earned[p] == sum(e.weight for v in verdicts for e in v.earned if e.perspective == p)
        assert row.available[p] == sum(e.available for v in verdicts for e in v.earned if e.perspective == p)
    assert row.review_score == review_score(row.earned, row.available)
    assert row.mean_score == int(sum(v.score for v in verdicts) / 3 + 0.5)  # halves round up
    assert row.falls_short == sum(v.falls_short for v in verdicts)
