"""Invariants of the judgement, on deals generated from the loaded playbook (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from salesplaybook.deal import Deal, DealInfo, DoneEntry
from salesplaybook.judge import judge, position_of

from .conftest import RICH, MINI
from salesplaybook import load_playbook

pytestmark = pytest.mark.fuzz

PLAYBOOKS = {"rich": load_playbook(RICH), "mini": load_playbook(MINI)}
DAY = dt.date(2026, 11, 2)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True, database=None)  # the same examples on every run: CI never flakes


@st.composite
def deals(draw, pb_name: str = "rich"):
    pb = PLAYBOOKS[pb_name]
    ids = [item.id for _, item in pb.items()]
    # mostly in-order progress up to some stage, plus random extra ticks: realistic and adversarial
    upto = draw(st.integers(0, len(pb.stages)))
    base = [item.id for s, item in pb.items() if s.number <= upto and draw(st.booleans() | st.just(True))]
    extra = draw(st.lists(st.sampled_from(ids), max_size=12))
    done = {i: DoneEntry(date=DAY) for i in base + extra}
    deal = Deal(
        deal=DealInfo(id="d", name="n", customer="c", rep=draw(st.sampled_from(["a", "b"]))),
        customer_stage=draw(st.sampled_from([c.id for c in pb.customer_stages])),
        claimed_stage=draw(st.sampled_from([s.id for s in pb.stages])),
        done=done,
    )
    return pb, deal


def with_done(deal: Deal, done: dict) -> Deal:
    return deal.model_copy(update={"done": done})


@SETTINGS
@given(deals(), st.data())
def test_ticking_one_more_milestone_action_never_lowers_the_position(case, data):
    pb, deal = case
    actions = [a.id for s in pb.stages for a in s.milestone if a.id not in deal.done]
    if not actions:
        return
    extra = data.draw(st.sampled_from(actions))
    before = judge(pb, deal).position
    after = judge(pb, with_done(deal, {**deal.done, extra: DoneEntry(date=DAY)})).position
    assert after >= before


@SETTINGS
@given(deals(), st.data())
def test_removing_any_milestone_action_of_the_current_stage_drops_the_position(case, data):
    pb, deal = case
    v = judge(pb, deal)
    if v.position == 0:
        return
    action = data.draw(st.sampled_from(pb.stages[v.position - 1].milestone)).id
    done = {k: e for k, e in deal.done.items() if k != action}
    assert judge(pb, with_done(deal, done)).position < v.position


@SETTINGS
@given(deals())
def test_position_is_entered_and_every_earlier_stage_complete(case):
    pb, deal = case
    position, stages = position_of(pb, deal.done)
    if position:
        assert stages[position - 1].entered
        assert all(s.complete for s in stages[: position - 1])
    # no later stage qualifies: each is either not entered or has an incomplete earlier stage
    for s in stages[position:]:
        assert not (s.entered and all(p.complete for p in stages[: s.number - 1]))


@SETTINGS
@given(deals())
def test_score_is_within_0_and_100_and_is_the_sum_of_its_parts(case):
    pb, deal = case
    v = judge(pb, deal)
    assert 0 <= v.score <= 100
    assert abs(v.score - sum(p.points for p in v.parts)) <= 0.5 + 0.05 * len(v.parts)
    assert [p.weight for p in v.parts] == [getattr(pb.rules.score, p.name) for p in v.parts]


@SETTINGS
@given(deals(), st.data())
def test_items_beyond_the_next_stage_change_neither_position_nor_score(case, data):
    pb, deal = case
    v = judge(pb, deal)
    later = [item.id for s, item in pb.items() if s.number > v.position + 1 and item.id not in deal.done]
    if not later:
        return
    extra = data.draw(st.lists(st.sampled_from(later), min_size=1, max_size=5, unique=True))
    w = judge(pb, with_done(deal, {**deal.done, **{i: DoneEntry(date=DAY) for i in extra}}))
    assert (w.position, w.score) == (v.position, v.score)
    assert set(extra) <= set(w.out_of_order)


@SETTINGS
@given(deals())
def test_claim_and_falling_short_follow_the_position(case):
    pb, deal = case
    v = judge(pb, deal)
    expected = "supported" if v.claimed == v.position else ("overstated" if v.claimed > v.position else "understated")
    assert v.claim == expected
    assert v.falls_short == (v.claim == "overstated" or bool(v.missing_required))
    # nothing counted as missing is already done (in order)
    assert not ({o.id for o in v.missing} & (set(deal.done) - set(v.out_of_order)))


@SETTINGS
@given(deals("mini"))
def test_the_mini_fixture_obeys_the_same_rule(case):
    pb, deal = case
    v = judge(pb, deal)
    def entered(s):
        return all(a.id in deal.done for a in s.milestone)

    def complete(s):
        return entered(s) and all(c.id in deal.done for c in s.success_criteria)

    assert v.position == max([0] + [s.number for s in pb.stages
                                    if entered(s) and all(complete(p) for p in pb.stages[: s.number - 1])])
