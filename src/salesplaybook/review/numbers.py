"""The figures of the weekly pipeline review, from the verdicts: one plain-JSON document that
the page draws (every figure on the page is one of these) and `playbook review --format json`
prints.

    numbers = Review(playbook, team_file, today=today)
    for verdict in verdicts:       # streamed: memory grows with the open deals, as small rows
        numbers.add(verdict)
    data = numbers.data()

Language-free: ids and numbers only; the page words them from the catalogue and the playbook.

- The funnel counts the open deals by their real stage (the judge's position), with their
  amounts in the team's currency.
- "Our stage against the customer's" counts the open deals by (our position, the customer's
  stage); the judge's step says in step, behind, far behind (drop advice), ahead.
- Days in stage per stage: open deals, the median and the longest, and how many are stuck.
- The deals listed are the open ones, those needing attention first (far behind, stuck,
  falling short, behind, too far ahead). Past LIST_ALL open deals, only those needing
  attention are listed, at most ATTENTION_MAX of them; the rest are counted.
"""

from __future__ import annotations

import datetime as _dt
import statistics
from typing import Any

from ..judge import Verdict
from ..rulebook import rulebook
from ..scorecard import Scorecard, TeamFile

FORMAT_VERSION = 1
LIST_ALL = 200
"""Up to this many open deals, every one is listed."""
ATTENTION_MAX = 250
"""Past LIST_ALL, at most this many deals needing attention are listed (the worst first)."""
MISSING_MAX = 8
"""Open points shown per deal in its details (the first ones: the current stage's)."""

ATTENTION = ("drop", "stuck", "falls_short", "behind", "ahead_warning")
"""Why a deal needs attention, the most pressing first."""
STEPS = ("in-step", "ahead", "ahead-warning", "behind", "drop")
STATUSES = ("open", "won", "lost", "dropped")


def attention_of(v: Verdict) -> list[str]:
    reasons = []
    if v.step == "drop":
        reasons.append("drop")
    if v.stuck:
        reasons.append("stuck")
    if v.falls_short:
        reasons.append("falls_short")
    if v.step == "behind":
        reasons.append("behind")
    if v.step == "ahead-warning":
        reasons.append("ahead_warning")
    return reasons


class _Group:
    """Counts of one rep's (or the team's) deals."""

    def __init__(self, stages: int, customer_stages: int):
        self.status = dict.fromkeys(STATUSES, 0)
        self.funnel_count = [0] * (stages + 1)
        self.funnel_amount = [0.0] * (stages + 1)
        self.steps = dict.fromkeys(STEPS, 0)
        self.matrix = [[0] * customer_stages for _ in range(stages + 1)]
        self.stuck = 0
        self.falls_short = 0
        self.attention = 0
        self.days: list[list[int]] = [[] for _ in range(stages + 1)]

    def add(self, v: Verdict, amount: float | None) -> None:
        self.status[v.status] += 1
        if v.status != "open":
            return
        self.funnel_count[v.position] += 1
        self.funnel_amount[v.position] += amount or 0.0
        self.steps[v.step] += 1
        self.matrix[v.position][v.customer - 1] += 1
        self.stuck += v.stuck
        self.falls_short += v.falls_short
        self.attention += bool(attention_of(v))
        if v.days_in_stage is not None:
            self.days[v.position].append(v.days_in_stage)

    def data(self, book: Any) -> dict[str, Any]:
        days = []
        for n, stage in enumerate(book.stages, 1):
            d = self.days[n]
            days.append({"stage": n, "deals": len(d), "median": int(statistics.median(d) + 0.5) if d else None,
                         "longest": max(d) if d else None, "limit": stage.stuck_after_days,
                         "stuck": sum(1 for x in d if stage.stuck_after_days is not None and x > stage.stuck_after_days)})
        return {
            "deals": sum(self.status.values()), "status": self.status,
            "funnel": [{"stage": n, "count": c, "amount": round(a, 2)}
                       for n, (c, a) in enumerate(zip(self.funnel_count, self.funnel_amount))],
            "steps": self.steps, "matrix": self.matrix, "stuck": self.stuck, "falls_short": self.falls_short,
            "attention": self.attention, "days": days,
        }


class Review:
    def __init__(self, playbook: Any, team: TeamFile | None = None, *, today: _dt.date, keep_all: bool = False):
        """`keep_all`: also keep a row of every deal, closed ones too (`all_rows`, for the workbook)."""
        self.pb = playbook
        self.book = rulebook(playbook)
        self.today = today
        self.scorecard = Scorecard(playbook, team)
        self.team_file = self.scorecard.team
        n, c = len(self.book.stages), len(self.book.customer_stages)
        self._shape = (n, c)
        self.team = _Group(n, c)
        self.reps: dict[str, _Group] = {rep: _Group(n, c) for rep in self.scorecard.reps()}
        self.rows: list[dict[str, Any]] = []
        self.keep_all = keep_all
        self.all_rows: list[dict[str, Any]] = []
        self.unreadable = 0

    def add(self, v: Verdict) -> None:
        self.scorecard.add(v)
        info = v.deal.deal
        amount = self.scorecard.money(info, info.amount)
        self.team.add(v, amount)
        self.reps.setdefault(info.rep, _Group(*self._shape)).add(v, amount)
        if v.status == "open" or self.keep_all:
            row = self._row(v, amount)
            if v.status == "open":
                self.rows.append(row)
            if self.keep_all:
                self.all_rows.append(row)

    def _row(self, v: Verdict, amount: float | None) -> dict[str, Any]:
        info = v.deal.deal
        return {
            "file": v.name, "id": info.id, "name": info.name, "customer": info.customer, "rep": info.rep,
            "status": v.status, "outcome_date": v.deal.outcome.date.isoformat() if v.deal.outcome else None,
            "collected": info.collected,
            "amount": info.amount, "currency": info.currency, "amount_in_team_currency": None if amount is None else round(amount, 2),
            "expected_close": info.expected_close.isoformat() if info.expected_close else None,
            "mode": v.mode, "position": v.position, "claimed": v.claimed, "claim": v.claim, "customer_stage": v.customer,
            "step": v.step, "gap": v.gap, "entered_on": v.entered_on.isoformat() if v.entered_on else None,
            "days_in_stage": v.days_in_stage, "stuck": v.stuck, "score": v.score, "falls_short": v.falls_short,
            "attention": attention_of(v),
            "missing_required": [o.id for o in v.missing_required],
            "missing": [{"stage": o.stage, "kind": o.kind, "id": o.id} for o in v.missing[:MISSING_MAX]],
            "missing_more": max(0, len(v.missing) - MISSING_MAX),
        }

    def data(self) -> dict[str, Any]:
        rows = sorted(self.rows, key=_urgency)
        needing = [r for r in rows if r["attention"]]
        if len(rows) <= LIST_ALL:
            listed = rows
        else:
            listed = needing[:ATTENTION_MAX]
        for i, r in enumerate(listed, 1):
            r["anchor"] = f"d{i}-{r['id']}"
        listed_files = {id(r) for r in listed}
        left = [r for r in rows if id(r) not in listed_files]
        sc = self.scorecard
        period = self.team_file.period
        cards = sc.cards()
        return {
            "format_version": FORMAT_VERSION,
            "today": self.today.isoformat(),
            "period": None if period is None else {"start": period.start.isoformat(), "end": period.end.isoformat(),
                                                   "name": period.name},
            "currency": self.team_file.currency,
            "team": self.team.data(self.book),
            "reps": [{"rep": rep, **g.data(self.book)} for rep, g in sorted(self.reps.items())],
            "scorecard": {
                "measures": [{"id": m.id, "perspective": m.perspective, "kind": m.kind, "unit": v.unit,
                              "direction": m.direction, "weight": m.weight}
                             for m, v in zip(sc.measures, cards[-1].measures)],
                "perspectives": [p for p in sc.perspectives if p in cards[-1].perspectives],
                "cards": [{"rep": c.rep, "review": c.review,
                           "perspectives": {p: _round(s) for p, s in c.perspectives.items()},
                           "measures": {v.id: {"actual": v.actual, "target": v.target, "score": _round(v.score)}
                                        for v in c.measures}} for c in cards],
            },
            "deals": {
                "open": len(rows), "listed": len(listed), "needing_attention": len(needing),
                "not_listed_needing_attention": sum(1 for r in left if r["attention"]),
                "not_listed_in_order": sum(1 for r in left if not r["attention"]),
                "rows": listed,
            },
            "unreadable": self.unreadable,
            "unconverted": sc.unconverted(),
        }


def _urgency(row: dict[str, Any]) -> tuple:
    reasons = row["attention"]
    first = min((ATTENTION.index(r) for r in reasons), default=len(ATTENTION))
    return (first, -len(reasons), -(row["amount_in_team_currency"] or 0), -(row["days_in_stage"] or 0), row["file"])


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
