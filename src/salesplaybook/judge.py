"""The judgement: where a deal really is, whether the rep's claim holds, how it stands against
the customer, what is missing to move on, its score and the assessment items it earns.

This is the ONE definition of these rules. The site's "how deals are judged" page
(`render/site/judging_page.py`) explains them from the same constants and wording, and
`verdicts.py` only formats what `judge()` returns.

The rules, in short:
- A stage is *entered* when every action of its milestone is done, *complete* when it is
  entered and every success criterion is done. Stages count in order: the deal's position is
  the last stage entered while every earlier stage is complete (0: not yet in stage 1).
- Items of stages beyond the next one (number > position + 1) are *out of order*: listed, not
  counted.
- The claim is supported (claimed == position), overstated (claimed > position) or understated.
- The score looks at stages 1..T, T = max(claimed, position, 1): each part of rules.score
  earns weight x done / total (the in-step part: 1, rules.in_step_partial or 0).
- A deal falls short when its claim is overstated, a form field required by the claimed
  stage is empty, or its score is under a bar the caller set.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Iterable, Literal, Union

from .deal import Deal, is_filled
from .index import facts
from .model import SCORE_PARTS, GroupKind, Playbook, Text

Claim = Literal["supported", "overstated", "understated"]
Step = Literal["in-step", "behind", "drop", "ahead", "ahead-warning"]
OpenKind = Union[GroupKind, Literal["field"]]
"""What an open point is: an item of one of the method's groups, or a required form field."""


# --- the verdict ---


@dataclass(frozen=True)
class StageStatus:
    number: int
    id: str
    entered: bool
    """Every milestone action done (out-of-order ticks included: this is what was ticked)."""
    complete: bool
    """Entered, and every success criterion done."""


@dataclass(frozen=True)
class Open:
    """Something still to do to move on: an open item or an empty required form field."""

    stage: int
    kind: OpenKind
    id: str  # item id, or `form-id.field-id`
    text: Text
    guidance: Text | None


@dataclass(frozen=True)
class ScorePart:
    name: str
    weight: float
    done: float
    total: float
    points: float


@dataclass(frozen=True)
class Earned:
    perspective: str
    items: tuple[str, ...]
    weight: float
    available: float


@dataclass
class Verdict:
    name: str
    deal: Deal
    position: int
    complete: bool
    claimed: int
    claim: Claim
    customer: int
    step: Step
    gap: int
    """Customer stage minus the customer stage our position matches: >0 behind, <0 ahead."""
    stages: list[StageStatus]
    out_of_order: list[str]
    missing: list[Open]
    missing_required: list[Open]
    """Required form fields empty up to the claimed stage: these make the deal fall short."""
    no_evidence: list[str]
    future_dates: list[str]
    scope: int
    score: int
    parts: list[ScorePart]
    earned: list[Earned]
    min_score: int | None = None
    """A bar the caller set (`playbook check --min-score`): a score under it falls short."""

    @property
    def below_min_score(self) -> bool:
        return self.min_score is not None and self.score < self.min_score

    @property
    def falls_short(self) -> bool:
        return self.claim == "overstated" or bool(self.missing_required) or self.below_min_score


# --- the rule ---


def position_of(playbook: Playbook, done: Iterable[str]) -> tuple[int, list[StageStatus]]:
    """The deal's position (0..8) from the ids done, and each stage's entered/complete status."""
    done = set(done)
    statuses = []
    for s in playbook.stages:
        entered = all(a.id in done for a in s.milestone)
        # a stage never entered cannot be complete, whatever was ticked of its success criteria
        complete = entered and all(c.id in done for c in s.success_criteria)
        statuses.append(StageStatus(number=s.number, id=s.id, entered=entered, complete=complete))
    position = 0
    for i, st in enumerate(statuses):
        if st.entered and all(prev.complete for prev in statuses[:i]):
            position = st.number
    return position, statuses


def _filled(deal: Deal, required: list[tuple[int, str, Any, Any]]) -> set[str]:
    """The `form.field` refs among `required` that the deal has filled in: a field is filled
    when any entry of its form (a repeatable form has many) has a value."""
    entries: dict[str, list[dict[str, Any]]] = {}
    out = set()
    for _, ref, form, fld in required:
        found = entries.get(form.id)
        if found is None:
            found = entries[form.id] = deal.form_values(form.id)
        if any(is_filled(e.get(fld.id)) for e in found):
            out.add(ref)
    return out


def step_of(playbook: Playbook, position: int, customer: int) -> tuple[Step, int]:
    """How our position stands against the customer's procurement stage."""
    ours = playbook.customer_stage(playbook.stages[position - 1].customer_stage).number if position else 0
    gap = customer - ours
    rules = playbook.rules
    if gap == 0:
        return "in-step", gap
    if gap > 0:
        return ("drop" if gap >= rules.behind_consider_drop else "behind"), gap
    return ("ahead-warning" if -gap >= rules.ahead_warning else "ahead"), gap


def in_step_share(playbook: Playbook, step: Step) -> float:
    if step == "in-step":
        return 1.0
    if step in ("behind", "ahead"):
        return playbook.rules.in_step_partial
    return 0.0


def judge(playbook: Playbook, deal: Deal, name: str = "-", *, today: _dt.date | None = None,
          min_score: int | None = None) -> Verdict:
    """The verdict on one deal. `deal` must have been read against `playbook` (ids resolve)."""
    f = facts(playbook)
    done_ids = set(deal.done)
    position, statuses = position_of(playbook, done_ids)
    claimed = f.stage_no[deal.claimed_stage]
    customer = f.customer_no[deal.customer_stage]
    step, gap = step_of(playbook, position, customer)
    claim: Claim = "supported" if claimed == position else ("overstated" if claimed > position else "understated")

    # items beyond the next stage are listed, not counted
    index = f.index
    out_of_order = [i for i in deal.done if index[i][0].number > position + 1]
    counted = done_ids - set(out_of_order)

    scope = max(claimed, position, 1)

    def share(part: str) -> tuple[int, int]:
        ids = f.part_ids[part][scope - 1]
        return len(counted.intersection(ids)), len(ids)

    filled_refs = _filled(deal, f.required)
    fields_in_scope = [r for r in f.required if r[0] <= scope]
    filled = sum(1 for r in fields_in_scope if r[1] in filled_refs)
    w = playbook.rules.score
    counts = {
        "milestone": share("milestone"),
        "success_criteria": share("success_criteria"),
        "conditions": share("conditions"),
        "information": (filled, len(fields_in_scope)),
    }
    parts = []
    for part in SCORE_PARTS:
        weight = getattr(w, part)
        if part == "in_step":
            got, total = in_step_share(playbook, step), 1.0
        else:
            got, total = counts[part]
        ratio = got / total if total else 1.0
        parts.append(ScorePart(part, weight, got, total, round(weight * ratio, 1)))
    score = min(100, max(0, int(sum(weight_ratio(p) for p in parts) + 0.5)))

    # what is missing to move on: current and next stage
    missing: list[Open] = []
    for number in (position, position + 1):
        if 1 <= number <= len(playbook.stages):
            for kind, item in f.kinds[number - 1]:
                if item.id not in counted:
                    missing.append(Open(number, kind, item.id, item.text, item.guidance))
    for number, ref, form, fld in f.required:
        if number <= position + 1 and ref not in filled_refs:
            missing.append(Open(number, "field", ref, fld.label, fld.help))
    missing.sort(key=lambda o: o.stage)  # stable: within a stage, the checklist's order
    missing_required = [
        Open(number, "field", ref, fld.label, fld.help)
        for number, ref, form, fld in f.required
        if number <= claimed and ref not in filled_refs
    ]

    # assessment items earned, by scorecard perspective
    earned = []
    for p in playbook.scorecard.perspectives:
        items = f.assessment[p.id][scope - 1]
        got = tuple(a.id for a in items if a.id in counted)
        earned.append(Earned(p.id, got, sum(a.weight for a in items if a.id in counted), sum(a.weight for a in items)))

    no_evidence = [i for i, entry in deal.done.items() if index[i][1].evidence is not None and not entry.has_evidence()]
    future = [i for i, entry in deal.done.items() if today is not None and entry.date > today]
    return Verdict(
        name=name, deal=deal, position=position,
        complete=bool(position) and statuses[position - 1].complete,
        claimed=claimed, claim=claim, customer=customer, step=step, gap=gap, stages=statuses,
        out_of_order=out_of_order, missing=missing, missing_required=missing_required,
        no_evidence=no_evidence, future_dates=future, scope=scope, score=score, parts=parts, earned=earned,
        min_score=min_score,
    )


def weight_ratio(part: ScorePart) -> float:
    """A part's exact contribution (the shown `points` are rounded to one decimal)."""
    return part.weight * (part.done / part.total if part.total else 1.0)


# --- the team view: many deals, grouped by rep ---


@dataclass
class RepSummary:
    rep: str
    deals: int
    by_stage: dict[int, int]
    earned: dict[str, float]
    available: dict[str, float]
    review_score: int
    """Each perspective's earned weight over its available weight, averaged over the perspectives
    that have any available weight (the balanced scorecard: every perspective counts the same)."""
    mean_score: int
    falls_short: int


def review_score(earned: dict[str, float], available: dict[str, float]) -> int:
    ratios = [earned.get(p, 0.0) / a for p, a in available.items() if a > 0]
    return int(100 * sum(ratios) / len(ratios) + 0.5) if ratios else 0


class Team:
    """The team view, tallied deal by deal: memory grows with the reps, not with the deals."""

    def __init__(self, playbook: Playbook):
        self.playbook = playbook
        self.perspectives = [p.id for p in playbook.scorecard.perspectives]
        self._reps: dict[str, dict[str, Any]] = {}

    def add(self, v: Verdict) -> None:
        t = self._reps.setdefault(v.deal.deal.rep, {
            "deals": 0, "scores": 0, "short": 0, "by_stage": {},
            "earned": dict.fromkeys(self.perspectives, 0.0), "available": dict.fromkeys(self.perspectives, 0.0)})
        t["deals"] += 1
        t["scores"] += v.score
        t["short"] += v.falls_short
        t["by_stage"][v.position] = t["by_stage"].get(v.position, 0) + 1
        for e in v.earned:
            t["earned"][e.perspective] += e.weight
            t["available"][e.perspective] += e.available

    def rows(self) -> list[RepSummary]:
        return [RepSummary(
            rep=rep, deals=t["deals"], by_stage=dict(sorted(t["by_stage"].items())),
            earned={p: round(x, 2) for p, x in t["earned"].items()},
            available={p: round(x, 2) for p, x in t["available"].items()},
            review_score=review_score(t["earned"], t["available"]),
            mean_score=int(t["scores"] / t["deals"] + 0.5), falls_short=t["short"],
        ) for rep, t in sorted(self._reps.items())]


def team(playbook: Playbook, verdicts: Iterable[Verdict]) -> list[RepSummary]:
    tally = Team(playbook)
    for v in verdicts:
        tally.add(v)
    return tally.rows()
