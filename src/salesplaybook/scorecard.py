"""The balanced scorecard of a team: each measure of the playbook's `scorecard.measures`,
per rep and for the team, against the targets of the team file.

    team = load_team("deals/team.yaml", playbook)        # located errors, like every file
    tally = Scorecard(playbook, team, today=today)
    for verdict in verdicts:
        tally.add(verdict)
    cards = tally.cards()                                # per rep, then the team (rep None)

The rules, in short (the site's managers page states them from the same data):
- A measure's kind is one of `model.MeasureKind`; each is defined in `_Acc.add` below, from
  the verdict alone: the judgement stays the one definition of where a deal is.
- A deal is *open* without `outcome:`; a closed deal (won, lost, dropped) counts in the
  period when its outcome is dated in it. Events (stage entries, items done, items verified)
  count when dated in the period; the team file's `period:` (none: every date counts).
- A deal dropped with a reason counts as in step with its customer: dropping a hopeless deal
  on time is what the method asks, so it earns credit and never costs any.
- Money is summed in the team file's currency; a deal in another currency counts through the
  team file's `exchange_rates`, else not at all (the review says how many were left out).
- Score of a measure = min(1, actual / target); when fewer is better, min(1, target / actual),
  and 1 when the actual is 0. No target (or nothing to measure): not scored.
- Perspective score = the weighted mean of its scored measures; review score = the mean of
  the perspectives with a score, × 100, rounded.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from typing import Annotated, Any, Iterable, Iterator

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from .deal import TEAM_FILE_NAMES
from .deal_model import Currency, Date, NonEmpty
from .judge import Verdict
from .model import Playbook, Slug
from .problems import Mark, Problem, SourceError, did_you_mean, problem, shown_list
from .rulebook import rulebook
from .validation import kind_of, problems_from
from .words import Msg, msg
from .yaml_source import display_name, parse, read_text

MAX_TEAM_BYTES = 1024 * 1024

UNITS = {"signed": "money", "collected": "money", "weighted_pipeline": "money",
         "in_step_share": "share", "forms_complete": "share"}
"""The unit of each measure kind that is not a count: money (in the team's currency) or a
share from 0 to 1."""


def unit_of(kind: str) -> str:
    return UNITS.get(kind, "count")


# --- the team file ---


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Target = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Period(_Strict):
    start: Date
    end: Date
    name: NonEmpty | None = None


class Targets(_Strict):
    targets: dict[Slug, Target] = {}
    """Target per measure id of the playbook's scorecard."""


class RepEntry(Targets):
    reviews_attended: Annotated[int, Field(ge=0, strict=True)] | None = None
    """Pipeline reviews the rep attended in the period."""


class TeamFile(_Strict):
    """People and targets: `deals/team.yaml`, next to the deals."""

    period: Period | None = None
    currency: Currency = "CNY"
    exchange_rates: dict[Currency, Annotated[float, Field(gt=0, allow_inf_nan=False)]] = {}
    """What one unit of another currency is worth in `currency`."""
    defaults: Targets = Targets()
    """Targets of every rep not given their own."""
    team: Targets | None = None
    """The team's own targets; else the sum of the reps' (a share: the default's)."""
    reps: dict[NonEmpty, RepEntry] = {}
    """By the rep's name, as deal files write it under `deal.rep`."""

    def rep(self, name: str) -> RepEntry | None:
        return self.reps.get(name)


EMPTY_TEAM = TeamFile()


def find_team_file(targets: Iterable[str]) -> str | None:
    """The team file of the first folder given that holds one."""
    for t in targets:
        if t != "-" and os.path.isdir(t):
            for name in TEAM_FILE_NAMES:
                if os.path.isfile(os.path.join(t, name)):
                    return os.path.join(t, name)
    return None


def load_team(path: str | os.PathLike[str], playbook: Playbook, *, name: str | None = None) -> TeamFile:
    """Read and check a team file (never written to); raise SourceError with every mistake."""
    name = name or display_name(path)
    text = read_text(path, name=name, max_bytes=MAX_TEAM_BYTES)
    data, locs = parse(text, name)
    if data is None:
        raise SourceError([problem(Mark(name, 1, 1), (), "team.empty")])
    if not isinstance(data, dict):
        raise SourceError([problem(locs.of(()), (), "team.not_mapping", kind=kind_of(data))])
    problems: list[Problem] = []
    team: TeamFile | None = None
    try:
        team = TeamFile.model_validate(data)
    except ValidationError as e:
        problems += problems_from(e, locs, TeamFile)
    problems += [Problem(locs.of(path, key=on_key), path, message) for path, message, on_key in _against_playbook(data, playbook)]
    if problems or team is None:
        raise SourceError(problems)
    return team


def _against_playbook(data: dict, pb: Playbook) -> Iterator[tuple[tuple, Msg, bool]]:
    measures = {m.id: m for m in pb.scorecard.measures}
    period = data.get("period")
    if isinstance(period, dict):
        start, end = period.get("start"), period.get("end")
        if isinstance(start, _dt.date) and isinstance(end, _dt.date) and start > end:
            yield ("period", "end"), msg("errors.team.period_backwards", start=start.isoformat(), end=end.isoformat()), False
    places: list[tuple[tuple, Any]] = [(("defaults",), data.get("defaults")), (("team",), data.get("team"))]
    reps = data.get("reps")
    if isinstance(reps, dict):
        places += [(("reps", rep), entry) for rep, entry in reps.items()]
    for at, entry in places:
        targets = entry.get("targets") if isinstance(entry, dict) else None
        if not isinstance(targets, dict):
            continue
        for mid, value in targets.items():
            m = measures.get(mid) if isinstance(mid, str) else None
            if m is None:
                yield at + ("targets", mid), _unknown_measure(str(mid), list(measures)), True
            elif unit_of(m.kind) == "share" and isinstance(value, (int, float)) and not isinstance(value, bool) and value > 1:
                yield at + ("targets", mid), msg("errors.team.share_over_one", value=f"{value:g}"), False


def _unknown_measure(wrong: str, known: list[str]) -> Msg:
    if not known:
        return msg("errors.team.no_measures", id=wrong)
    hint = did_you_mean(wrong, known)
    if hint:
        return msg("errors.check.unknown_hint", what=msg("errors.thing.measure"), id=wrong, hint=hint)
    return msg("errors.team.unknown_measure", id=wrong, known=shown_list(known, limit=20))


# --- the measures ---


@dataclass(frozen=True)
class MeasureValue:
    id: str
    perspective: str
    kind: str
    unit: str
    direction: str
    weight: float
    actual: float | None
    """None when there is nothing to measure (no deal to take a share of, attendance unknown)."""
    target: float | None
    score: float | None
    """0..1, None when not scored."""


@dataclass(frozen=True)
class Card:
    rep: str | None
    """None: the whole team."""
    measures: list[MeasureValue]
    perspectives: dict[str, float | None]
    review: int | None
    """0..100, None when no measure is scored."""


def measure_score(actual: float | None, target: float | None, direction: str) -> float | None:
    """min(1, actual / target); fewer is better: min(1, target / actual), 1 at 0 actual."""
    if actual is None or target is None:
        return None
    if direction == "lower":
        return 1.0 if actual <= 0 else min(1.0, target / actual)
    return 1.0 if target <= 0 else min(1.0, actual / target)


def weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    scored = [(w, s) for w, s in pairs if s is not None]
    total = sum(w for w, _ in scored)
    return sum(w * s for w, s in scored) / total if total else None


def review_of(perspectives: dict[str, float | None]) -> int | None:
    scored = [s for s in perspectives.values() if s is not None]
    return int(100 * sum(scored) / len(scored) + 0.5) if scored else None


@dataclass
class _Acc:
    """What a rep's (or the team's) deals add up to: numbers only, however many deals."""

    money: dict[str, float] = field(default_factory=lambda: {"signed": 0.0, "collected": 0.0, "weighted_pipeline": 0.0})
    open_items: dict[str, int] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)
    entries: int = 0
    completions: int = 0
    verified: int = 0
    in_step: int = 0
    in_step_of: int = 0
    stuck: int = 0
    fields_done: float = 0.0
    fields_total: float = 0.0
    unconverted: int = 0
    """Deals with money in a currency the team file gives no rate for."""

    def merge(self, other: "_Acc") -> None:
        for k in self.money:
            self.money[k] += other.money[k]
        for mine, theirs in ((self.open_items, other.open_items), (self.items, other.items), (self.groups, other.groups)):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n
        for k in ("entries", "completions", "verified", "in_step", "in_step_of", "stuck", "fields_done",
                  "fields_total", "unconverted"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


class Scorecard:
    """The scorecard, tallied verdict by verdict: memory grows with the reps, not the deals."""

    def __init__(self, playbook: Any, team: TeamFile | None = None):
        self.pb = playbook
        self.book = rulebook(playbook)
        self.team = team or EMPTY_TEAM
        self.measures = list(playbook.scorecard.measures)
        self.perspectives = [pid for pid, _ in self.book.perspectives]
        self.odds = dict(playbook.scorecard.win_probability)
        self._want_items = {m.item for m in self.measures if m.item}
        self._reps: dict[str, _Acc] = {rep: _Acc() for rep in self.team.reps}

    # --- the deals ---

    def in_period(self, day: _dt.date | None) -> bool:
        p = self.team.period
        return p is None or (day is not None and p.start <= day <= p.end)

    def rate(self, currency: str) -> float | None:
        if currency == self.team.currency:
            return 1.0
        return self.team.exchange_rates.get(currency)

    def money(self, deal: Any, value: float | None) -> float | None:
        """A deal's amount (or money collected) in the team's currency, None if not convertible."""
        if value is None:
            return None
        rate = self.rate(getattr(deal, "currency", "CNY"))
        return None if rate is None else value * rate

    def counts(self, v: Verdict) -> bool:
        """Whether a deal counts in the period: open, or closed within it."""
        out = v.deal.outcome
        return out is None or self.in_period(out.date)

    def add(self, v: Verdict) -> None:
        acc = self._reps.setdefault(v.deal.deal.rep, _Acc())
        deal, info = v.deal, v.deal.deal
        status = v.status
        closed_in = status != "open" and self.in_period(deal.outcome.date)
        amount = self.money(info, info.amount)
        if (info.amount is not None and amount is None) or (info.collected is not None and self.money(info, info.collected) is None):
            acc.unconverted += 1
        if status == "won" and closed_in and amount is not None:
            acc.money["signed"] += amount
        collected = self.money(info, info.collected)
        if collected is not None:
            acc.money["collected"] += collected
        if status == "open":
            if amount is not None and v.position:
                acc.money["weighted_pipeline"] += amount * self.odds.get(self.book.stages[v.position - 1].id, 0.0)
            for item in self._want_items:
                if item in v.counted:
                    acc.open_items[item] = acc.open_items.get(item, 0) + 1
            acc.in_step_of += 1
            acc.in_step += v.step in ("in-step", "ahead")
            acc.stuck += v.stuck
        elif status == "dropped" and closed_in:
            acc.in_step_of += 1
            acc.in_step += bool(deal.outcome.reason)
        for item_id in v.counted:
            entry = deal.done[item_id]
            if not self.in_period(entry.date):
                continue
            if item_id in self._want_items:
                acc.items[item_id] = acc.items.get(item_id, 0) + 1
            group = self.book.item(item_id).group  # type: ignore[union-attr]
            acc.groups[group] = acc.groups.get(group, 0) + 1
            acc.verified += bool(entry.verified_by)
        for entered, completed in v.stage_dates:
            acc.entries += entered is not None and self.in_period(entered)
            acc.completions += completed is not None and self.in_period(completed)
        if status == "open" or (status == "won" and closed_in):
            info_part = next((p for p in v.parts if p.name == "information"), None)
            if info_part is not None:
                acc.fields_done += info_part.done
                acc.fields_total += info_part.total

    # --- the figures ---

    def reps(self) -> list[str]:
        return sorted(self._reps)

    def actual(self, m: Any, acc: _Acc, reviews: int | None) -> float | None:
        k = m.kind
        if k in acc.money:
            return round(acc.money[k], 2)
        if k == "open_deals_with_item":
            return acc.open_items.get(m.item, 0)
        if k == "deals_with_item":
            return acc.items.get(m.item, 0)
        if k == "group_items":
            return acc.groups.get(m.group, 0)
        if k == "stage_entries":
            return acc.entries
        if k == "stage_completions":
            return acc.completions
        if k == "verified_items":
            return acc.verified
        if k == "in_step_share":
            return round(acc.in_step / acc.in_step_of, 4) if acc.in_step_of else None
        if k == "stuck_deals":
            return acc.stuck
        if k == "reviews_attended":
            return reviews
        if k == "forms_complete":
            return round(acc.fields_done / acc.fields_total, 4) if acc.fields_total else None
        raise ValueError(k)  # pragma: no cover - the model's Literal holds every kind

    def target(self, mid: str, rep: str | None) -> float | None:
        if rep is None:
            if self.team.team is not None and mid in self.team.team.targets:
                return self.team.team.targets[mid]
            m = next(x for x in self.measures if x.id == mid)
            if unit_of(m.kind) == "share":
                return self.team.defaults.targets.get(mid)
            each = [self.target(mid, r) for r in self.reps()]
            return sum(each) if each and all(t is not None for t in each) else None  # type: ignore[misc]
        entry = self.team.rep(rep)
        if entry is not None and mid in entry.targets:
            return entry.targets[mid]
        return self.team.defaults.targets.get(mid)

    def _reviews(self, rep: str | None) -> int | None:
        if rep is not None:
            entry = self.team.rep(rep)
            return entry.reviews_attended if entry is not None else None
        each = [self._reviews(r) for r in self.reps()]
        return sum(each) if each and all(n is not None for n in each) else None  # type: ignore[misc]

    def card(self, rep: str | None, acc: _Acc) -> Card:
        values = []
        for m in self.measures:
            actual = self.actual(m, acc, self._reviews(rep))
            target = self.target(m.id, rep)
            values.append(MeasureValue(m.id, m.perspective, m.kind, unit_of(m.kind), m.direction, m.weight, actual,
                                       target, measure_score(actual, target, m.direction)))
        perspectives = {p: weighted_mean((v.weight, v.score) for v in values if v.perspective == p)
                        for p in self.perspectives if any(v.perspective == p for v in values)}
        return Card(rep, values, perspectives, review_of(perspectives))

    def total(self) -> _Acc:
        team = _Acc()
        for acc in self._reps.values():
            team.merge(acc)
        return team

    def cards(self) -> list[Card]:
        """One card per rep (by name), then the team's (rep None)."""
        return [self.card(rep, self._reps[rep]) for rep in self.reps()] + [self.card(None, self.total())]

    def unconverted(self) -> int:
        return self.total().unconverted
