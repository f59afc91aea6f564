"""The judgement: where a deal really is, whether the rep's claim holds, how it stands against
the customer, what is missing to move on, its score and the assessment items it earns.

This is the ONE definition of these rules, judged from the playbook's rules as plain data
(`rulebook.Book`). The site's "how deals are judged" page explains them from the same
thresholds and words, `verdicts.py` only formats what `judge()` returns, and the phone's
script (`render/paper/assets/judge.js`) is held equal to this one by a differential test.

The rules, in short:
- A deal is judged against the items of its procurement mode (`procurement_mode:`, else the
  playbook's default); ticked items of other modes are listed, not counted.
- A stage is *entered* when every action of its milestone is done, *complete* when it is
  entered and every success criterion is done. Stages count in order: the deal's position is
  the last stage entered while every earlier stage is complete (0: not yet in stage 1).
- A stage can be worked on only once every stage before it is complete: items of a stage
  after the first incomplete one are *out of order*: listed, and counted neither for the
  position nor for the score.
- The claim is supported (claimed == position), overstated (claimed > position) or understated.
- The score measures the claim: the stages 1..C, C the claimed stage. Each part of
  rules.score earns weight x done / total over those stages (items counted, required form
  fields filled); the in-step part earns all when in step with the customer or ahead of it,
  rules.in_step_partial when behind, nothing when far behind. Recording one more item never
  lowers the score: what counts only grows, the position only rises, the total stays.
- A deal that is over (`outcome:` won, lost or dropped) is never stuck; its days in stage run
  to its outcome's date.
- A deal falls short when its claim is overstated, a form field required by the claimed
  stage is empty, or its score is under a bar the caller set.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Iterable, Literal

from .records import record
from .rulebook import Book, Item, Words, rulebook

if TYPE_CHECKING:  # the judgement runs from plain data: no model (and no pydantic) at run time
    from .model import GroupKind

    OpenKind = GroupKind | Literal["field"]
    """What an open point is: an item of one of the method's groups, or a required form field."""

Claim = Literal["supported", "overstated", "understated"]
Step = Literal["in-step", "behind", "drop", "ahead", "ahead-warning"]

COUNTED_PARTS = {"milestone": ("milestone",), "success_criteria": ("success_criteria",),
                 "conditions": ("sales_process", "relationship", "information", "assessment")}
"""The score parts that count ticked items, and the groups whose items they count."""


# --- the verdict ---


@record(frozen=True)
class StageStatus:
    number: int
    id: str
    entered: bool
    """Every milestone action of the deal's mode ticked."""
    complete: bool
    """Entered, and every success criterion of the deal's mode ticked."""


@record(frozen=True)
class Open:
    """Something still to do to move on: an open item or an empty required form field."""

    stage: int
    kind: "OpenKind"
    id: str
    """Item id, or `form-id.field-id`."""
    text: Words
    guidance: Words | None


@record(frozen=True)
class ScorePart:
    name: str
    weight: float
    done: float
    total: float
    points: float
    """weight x done / total, rounded to one decimal (the score sums the exact values)."""


@record(frozen=True)
class Earned:
    perspective: str
    items: tuple[str, ...]
    weight: float
    available: float


@record
class Verdict:
    name: str
    deal: Any
    """The deal as read (`deal.Deal`)."""
    mode: str | None
    """The procurement mode judged by (None when the playbook defines none)."""
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
    other_mode: list[str]
    """Ticked items that do not apply to the deal's procurement mode: listed, not counted."""
    missing: list[Open]
    missing_required: list[Open]
    """Required form fields empty up to the claimed stage: these make the deal fall short."""
    no_evidence: list[str]
    future_dates: list[str]
    score: int
    parts: list[ScorePart]
    earned: list[Earned]
    entered_on: _dt.date | None
    """The day the current stage was entered (its last milestone action), None at stage 0."""
    days_in_stage: int | None
    stuck: bool
    """Longer in the current stage than the playbook's `stuck_after_days` for it."""
    min_score: int | None = None
    """A bar the caller set (`playbook check --min-score`): a score under it falls short."""
    counted: frozenset[str] = frozenset()
    """The items done that count: of the deal's mode, and not out of order."""
    stage_dates: tuple[tuple[_dt.date | None, _dt.date | None], ...] = ()
    """Per stage 1..position: the day it was entered (its last milestone action) and the day it
    was completed (its last milestone action or success criterion, None while incomplete)."""

    @property
    def status(self) -> str:
        """`open`, `won`, `lost` or `dropped` (the deal file's `outcome:`)."""
        return getattr(self.deal, "status", "open")

    @property
    def below_min_score(self) -> bool:
        return self.min_score is not None and self.score < self.min_score

    @property
    def falls_short(self) -> bool:
        return self.claim == "overstated" or bool(self.missing_required) or self.below_min_score


# --- the rule ---


def deal_mode(book: Book, deal: Any) -> str | None:
    """The procurement mode a deal is judged by: its own, else the playbook's default."""
    return getattr(deal, "procurement_mode", None) or book.default_mode


class _Index:
    """The look-ups judging needs for one procurement mode, worked out once per playbook: the
    per-deal work then grows with what the deal holds and what its verdict lists, not with the
    size of the playbook."""

    def __init__(self, book: Book, mode: str | None):
        n = len(book.stages)
        self.items = [tuple(i for i in s.items if i.applies(mode)) for s in book.stages]
        self.milestones = [frozenset(i.id for i in its if i.group == "milestone") for its in self.items]
        self.success = [frozenset(i.id for i in its if i.group == "success_criteria") for its in self.items]
        self.order = {i.id: k for k, i in enumerate(i for its in self.items for i in its)}
        # by the number of stages covered (0..n): the ids of each score part, the required
        # fields, and each perspective's assessment items
        self.part_ids = {part: [frozenset(i.id for its in self.items[:upto] for i in its if i.group in groups)
                                for upto in range(n + 1)] for part, groups in COUNTED_PARTS.items()}
        self.fields = [tuple(f for f in book.required if f.stage <= upto) for upto in range(n + 1)]
        # what a verdict lists as still open, made once: a deal's list only filters them
        self.open_items = [tuple(Open(i.stage, i.group, i.id, i.text, i.guidance) for i in its)  # type: ignore[arg-type]
                           for its in self.items]
        self.open_fields = [tuple(Open(f.stage, "field", f.ref, f.label, f.help) for f in fields) for fields in self.fields]
        self.field_refs = [frozenset(f.ref for f in fields) for fields in self.fields]
        self.assessed = {pid: [{i.id: i.weight for its in self.items[:upto] for i in its
                                if i.group == "assessment" and i.perspective == pid} for upto in range(n + 1)]
                         for pid, _ in book.perspectives}


def _index(book: Book, mode: str | None) -> _Index:
    cache = book.__dict__.setdefault("_judge_index", {})
    index = cache.get(mode)
    if index is None:
        index = cache[mode] = _Index(book, mode)
    return index


def position_of(book: Book, done: Iterable[str], mode: str | None = None) -> tuple[int, int, list[StageStatus]]:
    """(position 0..8, first incomplete stage, each stage's status) from the ids done.

    The first incomplete stage is len(stages) + 1 when every stage is complete."""
    done = done if isinstance(done, (set, frozenset)) else set(done)
    index = _index(book, mode)
    statuses = []
    for s, milestones, success in zip(book.stages, index.milestones, index.success):
        entered = milestones <= done
        # a stage never entered cannot be complete, whatever was ticked of its success criteria
        complete = entered and success <= done
        statuses.append(StageStatus(number=s.number, id=s.id, entered=entered, complete=complete))
    first_incomplete = next((st.number for st in statuses if not st.complete), len(statuses) + 1)
    position = first_incomplete if first_incomplete <= len(statuses) and statuses[first_incomplete - 1].entered \
        else first_incomplete - 1
    return position, first_incomplete, statuses


def step_of(book: Book, position: int, customer: int) -> tuple[Step, int]:
    """How our position stands against the customer's procurement stage."""
    ours = book.stages[position - 1].customer_stage if position else 0
    gap = customer - ours
    if gap == 0:
        return "in-step", gap
    if gap > 0:
        return ("drop" if gap >= book.behind_consider_drop else "behind"), gap
    return ("ahead-warning" if -gap >= book.ahead_warning else "ahead"), gap


def in_step_share(book: Book, step: Step) -> float:
    """The share of the in-step points: being ahead is warned about, never scored down (the
    score must not fall when progress is recorded)."""
    if step in ("in-step", "ahead", "ahead-warning"):
        return 1.0
    if step == "behind":
        return book.in_step_partial
    return 0.0


def filled_fields(book: Book, deal: Any) -> set[str]:
    """The required `form.field` refs the deal has filled in: a field is filled when any entry
    of its form (a repeatable form has many) has a value."""
    filled = set()
    for form_id, value in (deal.forms or {}).items():
        for entry in (value if isinstance(value, list) else [value]):
            if isinstance(entry, dict):
                filled.update(f"{form_id}.{field_id}" for field_id, v in entry.items() if is_filled(v))
    return filled & _index(book, None).field_refs[-1]


def _entries(deal: Any, form_id: str) -> list[dict]:
    value = (deal.forms or {}).get(form_id)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def is_filled(value: Any) -> bool:
    return value is not None and value != "" and value != []


def judge(playbook: Any, deal: Any, name: str = "-", *, today: _dt.date | None = None,
          min_score: int | None = None) -> Verdict:
    """The verdict on one deal. `playbook` is a validated playbook or its Book; `deal` must
    have been read against it (ids resolve)."""
    book = rulebook(playbook)
    mode = deal_mode(book, deal)
    ticked = {i for i in deal.done if (item := book.item(i)) is not None and item.applies(mode)}
    other_mode = [i for i in deal.done if i not in ticked]
    position, first_incomplete, statuses = position_of(book, ticked, mode)
    claimed = book.stage_number(deal.claimed_stage)
    customer = book.customer_number(deal.customer_stage)
    step, gap = step_of(book, position, customer)
    claim: Claim = "supported" if claimed == position else ("overstated" if claimed > position else "understated")

    # a stage is worked on only once every stage before it is complete
    out_of_order = [i for i in deal.done if i in ticked and book.item(i).stage > first_incomplete]  # type: ignore[union-attr]
    counted = ticked - set(out_of_order)

    # the score measures the claim: stages 1..claimed, with the deal's mode
    index = _index(book, mode)
    filled = filled_fields(book, deal)
    parts = []
    for part, weight in book.score:
        if part == "in_step":
            got, total = in_step_share(book, step), 1.0
        elif part == "information":
            refs = index.field_refs[claimed]
            got, total = len(refs & filled), len(refs)
        else:
            ids = index.part_ids[part][claimed]
            got, total = len(ids & counted), len(ids)
        ratio = got / total if total else 1.0
        parts.append(ScorePart(part, weight, got, total, round(weight * ratio, 1)))
    score = min(100, max(0, int(sum(weight_ratio(p) for p in parts) + 0.5)))

    # what is missing to move on: the current and the next stage
    missing: list[Open] = []
    for number in (position, position + 1):
        if 1 <= number <= len(book.stages):
            missing += [o for o in index.open_items[number - 1] if o.id not in counted]
    missing += [o for o in index.open_fields[min(position + 1, len(book.stages))] if o.id not in filled]
    missing.sort(key=lambda o: o.stage)  # stable: within a stage, the checklist's order
    missing_required = [o for o in index.open_fields[claimed] if o.id not in filled]

    # assessment items earned, by scorecard perspective, over the stages claimed or reached
    reach = max(claimed, position)
    earned = []
    for pid, _ in book.perspectives:
        weights = index.assessed[pid][reach]
        got = tuple(sorted((i for i in counted if i in weights), key=index.order.__getitem__))
        earned.append(Earned(pid, got, sum(weights[i] for i in got), sum(weights.values())))

    outcome = getattr(deal, "outcome", None)
    # a deal that is over (won, lost, dropped) stayed in its stage until its outcome, and waits for nothing
    until = min(today, outcome.date) if outcome is not None and today is not None else today
    entered_on, days, stuck = _time_in_stage(book, deal, position, mode, until)
    if outcome is not None:
        stuck = False
    stage_dates = tuple(_stage_dates(book, deal, n, mode, statuses[n - 1].complete) for n in range(1, position + 1))
    no_evidence = [i for i, entry in deal.done.items()
                   if (item := book.item(i)) is not None and item.evidence and not entry.has_evidence()]
    future = [i for i, entry in deal.done.items() if today is not None and entry.date > today]
    return Verdict(
        name=name, deal=deal, mode=mode, position=position,
        complete=bool(position) and statuses[position - 1].complete,
        claimed=claimed, claim=claim, customer=customer, step=step, gap=gap, stages=statuses,
        out_of_order=out_of_order, other_mode=other_mode, missing=missing, missing_required=missing_required,
        no_evidence=no_evidence, future_dates=future, score=score, parts=parts, earned=earned,
        entered_on=entered_on, days_in_stage=days, stuck=stuck, min_score=min_score,
        counted=frozenset(counted), stage_dates=stage_dates,
    )


def _stage_dates(book: Book, deal: Any, number: int, mode: str | None,
                 complete: bool) -> tuple[_dt.date | None, _dt.date | None]:
    """(entered on, completed on) of a stage the deal has reached."""
    index = _index(book, mode)
    entry = [deal.done[i].date for i in index.milestones[number - 1] if i in deal.done]
    both = entry + [deal.done[i].date for i in index.success[number - 1] if i in deal.done]
    return (max(entry) if entry else None), (max(both) if complete and both else None)


def _time_in_stage(book: Book, deal: Any, position: int, mode: str | None,
                   today: _dt.date | None) -> tuple[_dt.date | None, int | None, bool]:
    """When the current stage was entered (the day of its last milestone action), how many
    days ago, and whether that is longer than the stage's stuck limit."""
    if position == 0:
        return None, None, False
    stage = book.stages[position - 1]
    dates = [deal.done[i].date for i in _index(book, mode).milestones[position - 1] if i in deal.done]
    if not dates or today is None:
        return (max(dates) if dates else None), None, False
    entered_on = max(dates)
    days = max(0, (today - entered_on).days)
    return entered_on, days, stage.stuck_after_days is not None and days > stage.stuck_after_days


def weight_ratio(part: ScorePart) -> float:
    """A part's exact contribution (the shown `points` are rounded to one decimal)."""
    return part.weight * (part.done / part.total if part.total else 1.0)


def item_of(book: Book, item_id: str) -> Item | None:
    return book.item(item_id)


# --- the team view: many deals, grouped by rep ---


@record
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

    def __init__(self, playbook: Any):
        self.book = rulebook(playbook)
        self.perspectives = [pid for pid, _ in self.book.perspectives]
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


def team(playbook: Any, verdicts: Iterable[Verdict]) -> list[RepSummary]:
    tally = Team(playbook)
    for v in verdicts:
        tally.add(v)
    return tally.rows()
