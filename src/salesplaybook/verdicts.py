"""Verdicts worded for people and programs: text, Markdown, JSON and CSV, of one deal and of
the team view. Formatting only: every judgement comes from `judge.py`, every word from the
catalogue (`words/`). The command line picks a format; the site's rules page shows its worked
example through the same Markdown formatter.

The JSON shape is stable (documented on the site's "how deals are judged" page): fields are
only ever added, and `FORMAT_VERSION` changes when a field has to change its meaning.

Values from a deal file (names, customers, reps, paths) are shown so that they cannot act
where they land: control characters escaped in text, Markdown and HTML neutralised in
Markdown, spreadsheet formulas neutralised in CSV.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, Iterable

from .judge import Open, RepSummary, Verdict
from .problems import Problem, format_path, one_line
from .rulebook import rulebook, text_in
from .words import say

Lang = str

FORMAT_VERSION = 4
"""2: the kind of an open success criterion is `success_criteria` (was `success`).
3: a deal has a procurement `mode`; the score measures the claimed stages; new fields
`other_mode`, `entered_on`, `days_in_stage`, `stuck`.
4: the team view's `review_score` is the balanced scorecard's (the playbook's measures against
the team file's targets; null without targets; a playbook without measures keeps the
assessment items' score), with the rep's `scorecard`; a top-level
`scorecard` holds every card; a deal has `currency`, `expected_close`, `collected`, `outcome`,
and `verified` (items a manager verified)."""

PART_WORDS = {"milestone": "method.group.milestone", "success_criteria": "method.group.success_criteria",
              "conditions": "method.conditions", "information": "verdict.part.information",
              "in_step": "verdict.part.in_step"}
"""The catalogue key naming each score part (the first three are the method's own terms)."""


def part_name(part: str, lang: Lang) -> str:
    return say(PART_WORDS[part], lang)


def kind_name(kind: str, lang: Lang) -> str:
    """One open point's kind: `里程碑`, `success criterion`, `required field` ..."""
    return say("verdict.kind.field" if kind == "field" else f"method.item.{kind}", lang)


def stage_name(pb: Any, number: int, lang: Lang) -> str:
    if number == 0:
        return "0 " + say("verdict.stage_none", lang)
    return f"{number} {text_in(rulebook(pb).stages[number - 1].name, lang)}"


def customer_name(pb: Any, number: int, lang: Lang) -> str:
    return f"{number} {text_in(rulebook(pb).customer(number)[2], lang)}"


def _perspective(pb: Any, pid: str, lang: Lang) -> str:
    return text_in(rulebook(pb).perspective_name(pid), lang)


def mode_name(pb: Any, mode: str | None, lang: Lang) -> str | None:
    name = rulebook(pb).mode_name(mode)
    return text_in(name, lang) if name else None


def num(x: float) -> str:
    return f"{x:g}"


def _w(key: str, lang: Lang, **values: Any) -> str:
    return say(key, lang, **values)


class _Paint:
    def __init__(self, on: bool):
        self.on = on

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text


# --- one deal as text (a terminal, CI's log) ---


def verdict_text(v: Verdict, pb: Any, lang: Lang, color: bool = False) -> str:
    paint = _Paint(color)
    d = v.deal.deal
    c = _w("punct.colon", lang)
    sep = _w("punct.sep", lang)
    verdict = paint(_w("verdict.short", lang), "1;31") if v.falls_short else paint(_w("verdict.ok", lang), "1;32")
    out = [f"{paint(one_line(v.name), '1')}  {d.id} · {one_line(d.name)} · {one_line(d.customer)} · {one_line(d.rep)}",
           f"  {verdict} · {_w('verdict.label.score', lang)} {v.score}/100"]
    if v.below_min_score:
        out.append("  " + paint(_w("verdict.below_min_score", lang, n=v.min_score), "31"))
    where = stage_name(pb, v.position, lang) + (_w("punct.aside", lang, text=_state(v, lang)) if v.position else "")
    claim = _w(f"verdict.claim.{v.claim}", lang)
    out.append(f"  {_w('verdict.label.position', lang)}{c}{where}{_w('punct.semicolon', lang)}"
               f"{_w('verdict.label.claimed', lang)}{c}{stage_name(pb, v.claimed, lang)} → "
               + (claim if v.claim == "supported" else paint(claim, "33")))
    step = _w(f"verdict.step.{v.step}", lang)
    out.append(f"  {_w('verdict.label.customer', lang)}{c}{customer_name(pb, v.customer, lang)} → "
               + (step if v.step == "in-step" else paint(step, "33")))
    out += [f"  {line}" for line in _context(v, pb, lang)]
    parts = [f"{part_name(p.name, lang)} {num(p.weight)}×{num(p.done)}/{num(p.total)}={num(p.points)}" for p in v.parts]
    out.append(f"  {_w('verdict.label.why', lang)}{c}" + sep.join(parts))
    if v.missing_required:
        out.append(f"  {paint(_w('verdict.label.required', lang), '31')}{c.rstrip()}")
        out += [_open_line(o, lang, short=True) for o in v.missing_required]
    if _to_move_on(v):
        out.append(f"  {_w('verdict.label.missing', lang)}{c.rstrip()}")
        out += [_open_line(o, lang) for o in _to_move_on(v)]
    for key, ids in _id_lists(v):
        if ids:
            out.append(f"  {_w('verdict.label.' + key, lang)}{c}" + ", ".join(ids))
    out.append(f"  {_w('verdict.label.earned', lang)}{c}" + sep.join(_earned(v, pb, lang)))
    return "\n".join(out)


def _open_line(o: Open, lang: Lang, short: bool = False) -> str:
    """An open point's line of the text verdict (`short`: without its stage, kind and guidance).
    Made once per point and language: the judge shares its points between deals, and a big
    batch lists the same ones many times."""
    lines = o.__dict__.setdefault("_lines", {})
    line = lines.get((lang, short))
    if line is None:
        if short:
            line = f"    - {o.id} {text_in(o.text, lang)}"
        else:
            line = f"    - [{o.stage} {kind_name(o.kind, lang)}] {o.id} {text_in(o.text, lang)}"
            if o.guidance is not None:
                line += f" → {text_in(o.guidance, lang)}"
        lines[lang, short] = line
    return line


def _to_move_on(v: Verdict) -> list:
    """What the rep still has to do: nothing for a deal lost or dropped (its file keeps the
    record; a to-do list would only be noise). A won deal still has delivery and payment."""
    return [] if v.status in ("lost", "dropped") else v.missing


def _state(v: Verdict, lang: Lang) -> str:
    return _w("verdict.label.complete" if v.complete else "verdict.label.entered", lang)


def _id_lists(v: Verdict) -> list[tuple[str, list[str]]]:
    return [("out_of_order", v.out_of_order), ("other_mode", v.other_mode), ("no_evidence", v.no_evidence),
            ("future", v.future_dates)]


def _context(v: Verdict, pb: Any, lang: Lang, shown: Any = one_line) -> list[str]:
    """The lines about the deal's mode, its time in the stage and its outcome, when there is
    something to say (`shown` disarms a value from the deal file for the format)."""
    out = []
    name = mode_name(pb, v.mode, lang)
    if name:
        out.append(_w("verdict.mode", lang, mode=name))
    if v.days_in_stage is not None:
        out.append(_w("verdict.stuck" if v.stuck else "verdict.days_in_stage", lang, days=v.days_in_stage))
    outcome = getattr(v.deal, "outcome", None)
    if outcome is not None:
        line = _w("verdict.outcome." + outcome.status, lang, date=outcome.date.isoformat())
        if outcome.reason:
            line += _w("punct.aside", lang, text=_w("verdict.outcome_reason", lang, reason=shown(outcome.reason)))
        out.append(line)
    return out


def _earned(v: Verdict, pb: Any, lang: Lang) -> list[str]:
    return [f"{_perspective(pb, e.perspective, lang)} {num(e.weight)}/{num(e.available)}" for e in v.earned if e.available]


def summary_line(n_ok: int, n_short: int, n_bad: int, lang: Lang) -> str:
    return _w("verdict.summary", lang, n=n_ok + n_short, ok=n_ok, short=n_short, bad=n_bad)


# --- one deal as Markdown (a wiki page, a pull request, the site's rules page) ---

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_text(value: str) -> str:
    """A value from a deal file as inert Markdown: one line, its Markdown and HTML characters
    escaped, so a name cannot add a heading, a table cell, a link or a script."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(value).replace("&", "&amp;"))


def verdict_markdown(v: Verdict, pb: Any, lang: Lang, *, heading: bool = True, limit: int | None = None) -> str:
    """`heading=False` leaves out the deal's own heading and file line (the rules page has
    its own); `limit` shortens the list of what is missing."""
    d = v.deal.deal
    c = _w("punct.colon", lang)
    verdict = _w("verdict.short", lang) if v.falls_short else _w("verdict.ok", lang)
    out: list[str] = []
    if heading:
        out += [f"## {md_text(d.name)} ({d.id})", "",
                f"{_code(v.name)} · {md_text(d.customer)} · {md_text(d.rep)}", ""]
    out += [f"**{verdict}** · {_w('verdict.label.score', lang)} **{v.score}**/100", ""]
    if v.below_min_score:
        out += [_w("verdict.below_min_score", lang, n=v.min_score), ""]
    out += [f"- {_w('verdict.label.position', lang)}{c}{stage_name(pb, v.position, lang)}"
            + (_w("punct.aside", lang, text=_state(v, lang)) if v.position else ""),
            f"- {_w('verdict.label.claimed', lang)}{c}{stage_name(pb, v.claimed, lang)} → {_w('verdict.claim.' + v.claim, lang)}",
            f"- {_w('verdict.label.customer', lang)}{c}{customer_name(pb, v.customer, lang)} → {_w('verdict.step.' + v.step, lang)}",
            *[f"- {line}" for line in _context(v, pb, lang, md_text)],
            "", f"| {_w('verdict.label.why', lang)} | {_w('verdict.label.sum', lang)} | {_w('verdict.label.points', lang)} |",
            "|---|---:|---:|"]
    for p in v.parts:
        out.append(f"| {part_name(p.name, lang)} | {num(p.weight)} × {num(p.done)}/{num(p.total)} | {num(p.points)} |")
    for key, rows in (("required", v.missing_required), ("missing", _to_move_on(v))):
        if rows:
            out += ["", f"**{_w('verdict.label.' + key, lang)}**", ""]
            shown = rows if limit is None else rows[:limit]
            out += [_open_md(o, lang) for o in shown]
            if len(shown) < len(rows):
                out.append("- …")
    for key, ids in _id_lists(v):
        if ids:
            out += ["", f"**{_w('verdict.label.' + key, lang)}**{c}" + ", ".join(_code(i) for i in ids)]
    out += ["", f"**{_w('verdict.label.earned', lang)}**{c}" + _w("punct.sep", lang).join(_earned(v, pb, lang))]
    return "\n".join(out)


def _open_md(o: Open, lang: Lang) -> str:
    line = f"- [ ] {o.stage} {kind_name(o.kind, lang)} `{o.id}`{_w('punct.colon', lang)}{text_in(o.text, lang)}"
    if o.guidance is not None:
        line += f" → {text_in(o.guidance, lang)}"
    return line


def _code(value: str) -> str:
    """A path or id as inline code that no backtick in it can end early."""
    text = one_line(value)
    fence = "``" if "`" in text else "`"
    return f"{fence}{' ' if fence == '``' else ''}{text}{' ' if fence == '``' else ''}{fence}"


def problems_markdown(problems: Iterable[Problem], lang: Lang) -> str:
    lines = [p.render(lang) for p in problems]
    return ("```\n" + "\n".join(line.replace("```", "`\u200b``") for line in lines) + "\n```") if lines else ""


# --- JSON (programs; stable shape) ---


def _open_json(o: Open, lang: Lang) -> dict[str, Any]:
    return {"stage": o.stage, "kind": o.kind, "id": o.id, "text": text_in(o.text, lang),
            "guidance": text_in(o.guidance, lang) if o.guidance is not None else None}


def verdict_json(v: Verdict, pb: Any, lang: Lang) -> dict[str, Any]:
    book = rulebook(pb)
    d = v.deal.deal
    return {
        "file": v.name,
        "deal": {"id": d.id, "name": d.name, "customer": d.customer, "rep": d.rep, "amount": d.amount,
                 "currency": d.currency, "expected_close": d.expected_close.isoformat() if d.expected_close else None,
                 "collected": d.collected},
        "outcome": _outcome_json(v.deal.outcome),
        "ok": not v.falls_short,
        "score": v.score,
        "below_min_score": v.below_min_score,
        "mode": v.mode,
        "position": {"number": v.position, "id": book.stages[v.position - 1].id if v.position else None, "complete": v.complete},
        "claimed": {"number": v.claimed, "id": book.stages[v.claimed - 1].id},
        "claim": v.claim,
        "customer": {"number": v.customer, "id": book.customer(v.customer)[1]},
        "step": v.step,
        "gap": v.gap,
        "score_parts": [{"part": p.name, "weight": p.weight, "done": p.done, "total": p.total, "points": p.points} for p in v.parts],
        "missing_required": [_open_json(o, lang) for o in v.missing_required],
        "missing": [_open_json(o, lang) for o in v.missing],
        "out_of_order": list(v.out_of_order),
        "other_mode": list(v.other_mode),
        "no_evidence": list(v.no_evidence),
        "future_dates": list(v.future_dates),
        "entered_on": v.entered_on.isoformat() if v.entered_on else None,
        "days_in_stage": v.days_in_stage,
        "stuck": v.stuck,
        "verified": [i for i, entry in v.deal.done.items() if entry.verified_by and i in v.counted],
        "earned": [{"perspective": e.perspective, "items": list(e.items), "weight": e.weight, "available": e.available} for e in v.earned],
    }


def _outcome_json(outcome: Any) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {"status": outcome.status, "date": outcome.date.isoformat(), "reason": outcome.reason}


def problem_json(p: Problem, lang: Lang) -> dict[str, Any]:
    return {"file": p.mark.file, "line": p.mark.line, "column": p.mark.column, "path": format_path(p.path),
            "message": p.message.render(lang)}


# --- the team view ---


def figure(value: float | None, unit: str) -> str:
    """A measure's value as shown: money with thousands separators, a share in per cent, a
    count as it is; a dash when there is none."""
    if value is None:
        return "–"
    if unit == "money":
        return f"{value:,.0f}"
    if unit == "share":
        return f"{value * 100:.0f}%"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def measure_name(pb: Any, mid: str, lang: Lang) -> str:
    m = next(m for m in pb.scorecard.measures if m.id == mid)
    return m.name.get(lang)


def _cards(data: dict[str, Any]) -> dict[str | None, dict[str, Any]]:
    return {c["rep"]: c for c in data["scorecard"]["cards"]}


def team_json(rows: Iterable[RepSummary], data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """One entry per rep with deals; `review_score` is the rep's scorecard (None without
    targets), `scorecard` its measures. A playbook without `scorecard.measures` keeps the
    assessment items' review score (`judge.review_score`)."""
    cards = _cards(data) if data and data["scorecard"]["measures"] else {}
    out = []
    for r in rows:
        card = cards.get(r.rep)
        out.append({"rep": r.rep, "deals": r.deals, "by_stage": {str(k): c for k, c in r.by_stage.items()},
                    "earned": r.earned, "available": r.available,
                    "review_score": card["review"] if card else r.review_score,
                    "mean_score": r.mean_score, "falls_short": r.falls_short,
                    **({"scorecard": card} if card else {})})
    return out


def scorecard_json(data: dict[str, Any]) -> dict[str, Any]:
    """The scorecard's measures and every card (each rep's, then the team's, rep null)."""
    return {"currency": data["currency"], "period": data["period"], **data["scorecard"]}


CSV_BOM = "\ufeff"
"""Excel and WPS on a Chinese Windows read a CSV as the local code page unless it starts with
a byte-order mark; with it they read UTF-8."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text and never runs: a text starting with `= + - @`, a
    tab or a carriage return gets a leading apostrophe (the spreadsheet vendors' advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def team_csv(rows: Iterable[RepSummary], data: dict[str, Any], pb: Any, lang: Lang) -> str:
    """The team view as CSV for a spreadsheet: headers in `lang`, one row per rep with deals,
    then the team; the scorecard's actual, target and score of each measure."""
    book = rulebook(pb)
    perspectives = book.perspectives
    stages = range(0, len(book.stages) + 1)
    measures = data["scorecard"]["measures"]
    cards = _cards(data) if measures else {}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([_w("verdict.label.rep", lang), _w("verdict.label.deals", lang),
                *[_w("verdict.csv.at_stage", lang, n=n) for n in stages],
                *[_w("verdict.csv.earned", lang, perspective=text_in(name, lang)) for _, name in perspectives],
                *[_w("verdict.csv.available", lang, perspective=text_in(name, lang)) for _, name in perspectives],
                _w("verdict.label.review", lang), _w("verdict.label.mean", lang), _w("verdict.label.short", lang),
                *[h for m in measures for h in (measure_name(pb, m["id"], lang),
                                                _w("verdict.csv.target", lang, measure=measure_name(pb, m["id"], lang)))],
                *[_w("verdict.csv.perspective_score", lang, perspective=_perspective(pb, p, lang))
                  for p in data["scorecard"]["perspectives"]]])

    def card_cells(card: dict[str, Any] | None) -> list[Any]:
        if card is None:
            return [""] * (2 * len(measures) + len(data["scorecard"]["perspectives"]))
        cells: list[Any] = []
        for m in measures:
            v = card["measures"][m["id"]]
            cells += [_csv_number(v["actual"]), _csv_number(v["target"])]
        return cells + [_csv_number(None if card["perspectives"].get(p) is None else round(100 * card["perspectives"][p]))
                        for p in data["scorecard"]["perspectives"]]

    for r in rows:
        card = cards.get(r.rep)
        review = card["review"] if card else r.review_score
        w.writerow([csv_cell(r.rep), r.deals, *[r.by_stage.get(n, 0) for n in stages],
                    *[r.earned[pid] for pid, _ in perspectives], *[r.available[pid] for pid, _ in perspectives],
                    _csv_number(review), r.mean_score, r.falls_short, *card_cells(card)])
    team = cards.get(None)
    if team is not None and measures:
        t = data["team"]
        w.writerow([_w("review.team", lang), t["deals"], *[""] * len(stages), *[""] * (2 * len(perspectives)),
                    _csv_number(team["review"]), "", t["falls_short"], *card_cells(team)])
    return CSV_BOM + buf.getvalue()


def _csv_number(x: float | None) -> Any:
    return "" if x is None else (int(x) if float(x).is_integer() else x)


def team_text(rows: Iterable[RepSummary], data: dict[str, Any], pb: Any, lang: Lang) -> str:
    c = _w("punct.colon", lang)
    sep = _w("punct.sep", lang)
    cards = _cards(data) if data["scorecard"]["measures"] else {}
    out = []
    for r in rows:
        card = cards.get(r.rep)
        review = card["review"] if card else r.review_score
        stages = sep.join(f"{_w('verdict.label.stage', lang)} {n} × {k}" for n, k in sorted(r.by_stage.items()))
        earned = sep.join(f"{_perspective(pb, p, lang)} {num(r.earned[p])}/{num(r.available[p])}"
                          for p in r.earned if r.available[p])
        out.append(f"{one_line(r.rep)}{c}{_w('verdict.label.deals', lang)} {r.deals}{sep}"
                   f"{_w('verdict.label.review', lang)} {figure(review, 'count')}{sep}"
                   f"{_w('verdict.label.mean', lang)} {r.mean_score}{sep}{_w('verdict.label.short', lang)} {r.falls_short}\n"
                   f"  {_w('verdict.label.by_stage', lang)}{c}{stages}\n  {_w('verdict.label.earned', lang)}{c}{earned}")
        if card is not None:
            out += _card_text(card, data, pb, lang)
    team = cards.get(None)
    if team is not None and data["scorecard"]["measures"]:
        out.append(f"{_w('review.team', lang)}{c}{_w('verdict.label.deals', lang)} {data['team']['deals']}{sep}"
                   f"{_w('verdict.label.review', lang)} {figure(team['review'], 'count')}")
        out += _card_text(team, data, pb, lang)
    return "\n".join(out)


def _card_text(card: dict[str, Any], data: dict[str, Any], pb: Any, lang: Lang) -> list[str]:
    """A card's lines: each perspective's score, then its measures as actual / target."""
    c = _w("punct.colon", lang)
    sep = _w("punct.sep", lang)
    lines = []
    for p in data["scorecard"]["perspectives"]:
        score = card["perspectives"].get(p)
        shown = [f"{measure_name(pb, m['id'], lang)} {figure(card['measures'][m['id']]['actual'], m['unit'])}"
                 f"/{figure(card['measures'][m['id']]['target'], m['unit'])}"
                 for m in data["scorecard"]["measures"] if m["perspective"] == p]
        lines.append(f"  {_perspective(pb, p, lang)} {figure(score, 'share')}{c}{sep.join(shown)}")
    return lines
