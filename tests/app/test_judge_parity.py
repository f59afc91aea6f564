"""The phone's judgement (render/app/assets/judge.js, in Chromium) and the validator's
(judge.py) agree on thousands of generated deals in every procurement mode: position, claim,
step, score, the open items, out-of-order and other-mode items, the days in stage and stuck,
open deals and closed ones. One definition, proven."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from salesplaybook import load_playbook
from salesplaybook.deal import Deal, DealInfo, DoneEntry, Outcome
from salesplaybook.judge import judge
from salesplaybook.rulebook import rulebook

ROOT = Path(__file__).resolve().parents[2]
JUDGE_JS = ROOT / "src" / "salesplaybook" / "render" / "app" / "assets" / "judge.js"
PLAYBOOKS = [ROOT / "playbook" / "playbook.yaml", ROOT / "tests" / "validator" / "fixtures" / "rich" / "playbook.yaml"]
TODAY = dt.date(2026, 11, 27)
N = 2400

pytestmark = pytest.mark.browser


def _deals(pb, n: int, seed: int) -> list[Deal]:
    """Realistic and adversarial: in-order progress with holes up to a stage, random extra ticks,
    evidence or not, dates around today, required fields filled or not, every mode."""
    rng = random.Random(seed)
    book = rulebook(pb)
    ids = [i.id for s in book.stages for i in s.items]
    modes = [None] + [m for m, _, _ in book.modes]
    forms_all = {}
    for f in book.required:
        forms_all.setdefault(f.form, {})[f.id] = "x"
    repeatable = {form.id for form in pb.forms if form.repeatable}
    out = []
    for k in range(n):
        upto = rng.randint(0, len(book.stages))
        holes = rng.random() * 0.3
        done_ids = [i.id for s in book.stages[:upto] for i in s.items if rng.random() >= holes]
        done_ids += rng.sample(ids, rng.randint(0, 8))
        done = {}
        for i in done_ids:
            day = TODAY + dt.timedelta(days=rng.randint(-200, 3))
            done[i] = DoneEntry(date=day, evidence="纪要" if rng.random() < 0.6 else None)
        forms = {}
        for form, fields in forms_all.items():
            chosen = {f: v for f, v in fields.items() if rng.random() < 0.8}
            if chosen:
                forms[form] = [chosen] if form in repeatable else chosen
        outcome = None
        if rng.random() < 0.2:  # a closed deal: its days run to the outcome, it is never stuck
            outcome = Outcome(status=rng.choice(["won", "lost", "dropped"]), date=TODAY + dt.timedelta(days=rng.randint(-150, 2)))
        out.append(Deal(deal=DealInfo(id=f"d{k}", name="n", customer="c", rep="r"),
                        procurement_mode=modes[k % len(modes)],
                        customer_stage=rng.choice([cid for _, cid, _ in book.customer_stages]),
                        claimed_stage=rng.choice([s.id for s in book.stages]), done=done, forms=forms, outcome=outcome))
    return out


def _essence_py(v) -> dict:
    return {"position": v.position, "complete": v.complete, "claimed": v.claimed, "claim": v.claim, "step": v.step,
            "gap": v.gap, "score": v.score, "parts": [[p.name, p.done, p.total] for p in v.parts],
            "missing": [[o.stage, o.kind, o.id] for o in v.missing],
            "missing_required": [o.id for o in v.missing_required], "out_of_order": v.out_of_order,
            "other_mode": v.other_mode, "no_evidence": v.no_evidence, "future_dates": v.future_dates,
            "falls_short": v.falls_short, "mode": v.mode, "days_in_stage": v.days_in_stage, "stuck": v.stuck,
            "entered_on": v.entered_on.isoformat() if v.entered_on else None, "status": v.status}


# Arguments and results cross as JSON text: Playwright's own serialisation of large nested
# objects takes seconds per call.
ESSENCE_JS = """(text) => { const args = JSON.parse(text); return JSON.stringify(args.deals.map(d => {
  const v = PbJudge.judge(args.rules, d, args.today); return {
  position: v.position, complete: v.complete, claimed: v.claimed, claim: v.claim, step: v.step, gap: v.gap,
  score: v.score, parts: v.parts.map(p => [p.name, p.done, p.total]),
  missing: v.missing.map(o => [o.stage, o.kind, o.id]), missing_required: v.missing_required.map(o => o.id),
  out_of_order: v.out_of_order, other_mode: v.other_mode, no_evidence: v.no_evidence,
  future_dates: v.future_dates, falls_short: v.falls_short, mode: v.mode, days_in_stage: v.days_in_stage,
  stuck: v.stuck, entered_on: v.entered_on, status: v.status}; })); }"""


def _as_js(deal: Deal) -> dict:
    data = json.loads(deal.model_dump_json())
    return {"procurement_mode": data["procurement_mode"], "customer_stage": data["customer_stage"],
            "claimed_stage": data["claimed_stage"], "done": data["done"], "forms": data["forms"],
            "outcome": data["outcome"]}


@pytest.mark.parametrize("playbook", PLAYBOOKS, ids=["real", "rich"])
def test_the_phone_and_the_validator_judge_alike(browser, playbook):
    pb = load_playbook(playbook)
    rules = rulebook(pb).to_data()
    deals = _deals(pb, N, seed=20261127)
    assert {d.procurement_mode for d in deals} >= {None, *(m for m, _, _ in rulebook(pb).modes)}
    expected = [_essence_py(judge(pb, d, today=TODAY)) for d in deals]
    page = browser.new_page()
    try:
        page.add_script_tag(content=JUDGE_JS.read_text(encoding="utf-8"))
        actual = []
        for start in range(0, N, 400):  # in batches: one evaluate call per 400 deals
            batch = [_as_js(d) for d in deals[start:start + 400]]
            args = json.dumps({"rules": rules, "deals": batch, "today": TODAY.isoformat()}, ensure_ascii=False)
            actual += json.loads(page.evaluate(ESSENCE_JS, args))
    finally:
        page.close()
    differing = [(k, e, a) for k, (e, a) in enumerate(zip(expected, actual)) if e != a]
    assert not differing, f"{len(differing)} of {N} deals judged differently; first: {differing[0]}"
    assert len({e['position'] for e in expected}) > 5 and len({e['score'] for e in expected}) > 30  # varied cases
    assert len({e["status"] for e in expected}) == 4 and len({e["days_in_stage"] for e in expected}) > 30
    if any(s.stuck_after_days for s in rulebook(pb).stages):  # the rich fixture sets no limit
        assert {e["stuck"] for e in expected} == {True, False}
