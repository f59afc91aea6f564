"""Verdicts as text, Markdown, JSON and CSV. Formatting only: every judgement comes from
`salesplaybook.judge`.

The JSON shape is stable (documented on the site's "how deals are judged" page); fields are
only ever added, never renamed or removed, and `format_version` changes if that ever has to.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from salesplaybook.judge import RepSummary, Verdict, say
from salesplaybook.model import Lang, Playbook
from salesplaybook.problems import Problem

FORMAT_VERSION = 1

LABELS: dict[str, dict[Lang, str]] = {
    "score": {"zh": "得分", "en": "score"},
    "position": {"zh": "实际阶段", "en": "really at"},
    "claimed": {"zh": "声称", "en": "claimed"},
    "customer": {"zh": "客户阶段", "en": "customer at"},
    "complete": {"zh": "已完成", "en": "complete"},
    "entered": {"zh": "已进入，未完成", "en": "entered, not complete"},
    "why": {"zh": "得分明细", "en": "why this score"},
    "missing": {"zh": "要推进还缺", "en": "to move on"},
    "required": {"zh": "声称阶段的必填字段未填", "en": "required fields empty at the claimed stage"},
    "out_of_order": {"zh": "顺序不对（已列出，不计分）", "en": "done out of order (listed, not counted)"},
    "no_evidence": {"zh": "只写了日期、没有证据（证据、联系人或文件）", "en": "only a date, no evidence (evidence, contact or document)"},
    "future": {"zh": "日期在今天之后", "en": "dated in the future"},
    "earned": {"zh": "考核项", "en": "assessment items earned"},
    "stage": {"zh": "阶段", "en": "stage"},
    "sum": {"zh": "计算", "en": "weight × done / total"},
    "points": {"zh": "分数", "en": "points"},
    "summary": {"zh": "共 {n} 个交易：{ok} 个通过，{short} 个不足，{bad} 个文件无法读取",
                "en": "{n} deals: {ok} OK, {short} falling short, {bad} files unreadable"},
    "rep": {"zh": "销售", "en": "rep"},
    "deals": {"zh": "交易数", "en": "deals"},
    "by_stage": {"zh": "各阶段", "en": "by stage"},
    "review": {"zh": "考核得分", "en": "review score"},
    "mean": {"zh": "平均交易得分", "en": "mean deal score"},
    "short": {"zh": "不足", "en": "falling short"},
}


def label(key: str, lang: Lang) -> str:
    return LABELS[key][lang]


def _stage_name(pb: Playbook, number: int, lang: Lang) -> str:
    if number == 0:
        return "0 " + say("stage.none", lang)
    return f"{number} {pb.stages[number - 1].name.get(lang)}"


def _customer_name(pb: Playbook, number: int, lang: Lang) -> str:
    c = next(c for c in pb.customer_stages if c.number == number)
    return f"{number} {c.name.get(lang)}"


def _perspective(pb: Playbook, pid: str, lang: Lang) -> str:
    return next(p.name.get(lang) for p in pb.scorecard.perspectives if p.id == pid)


def _num(x: float) -> str:
    return f"{x:g}"


class _Paint:
    def __init__(self, on: bool):
        self.on = on

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text


def verdict_text(v: Verdict, pb: Playbook, lang: Lang, color: bool = False) -> str:
    paint = _Paint(color)
    d = v.deal.deal
    sep = "，" if lang == "zh" else ", "
    verdict = paint(say("verdict.short", lang), "1;31") if v.falls_short else paint(say("verdict.ok", lang), "1;32")
    out = [f"{paint(v.name, '1')}  {d.id} · {d.name} · {d.customer} · {d.rep}",
           f"  {verdict} · {label('score', lang)} {v.score}/100"]
    if v.below_min_score:
        out.append("  " + paint(say("below_min_score", lang).format(n=v.min_score), "31"))
    state = label("complete", lang) if v.complete else label("entered", lang)
    c = "：" if lang == "zh" else ": "
    where = _stage_name(pb, v.position, lang) + ((f"（{state}）" if lang == "zh" else f" ({state})") if v.position else "")
    claim = say(f"claim.{v.claim}", lang)
    out.append(f"  {label('position', lang)}{c}{where}{'；' if lang == 'zh' else '; '}{label('claimed', lang)}{c}"
               f"{_stage_name(pb, v.claimed, lang)} → " + (claim if v.claim == "supported" else paint(claim, "33")))
    step = say(f"step.{v.step}", lang)
    out.append(f"  {label('customer', lang)}{c}{_customer_name(pb, v.customer, lang)} → "
               + (step if v.step == "in-step" else paint(step, "33")))
    parts = [f"{say('part.' + p.name, lang)} {_num(p.weight)}×{_num(p.done)}/{_num(p.total)}={_num(p.points)}" for p in v.parts]
    out.append(f"  {label('why', lang)}{c}" + sep.join(parts))
    if v.missing_required:
        out.append(f"  {paint(label('required', lang), '31')}{c.rstrip()}")
        out += [f"    - {o.id} {o.text.get(lang)}" for o in v.missing_required]
    if v.missing:
        out.append(f"  {label('missing', lang)}{c.rstrip()}")
        for o in v.missing:
            kind = say(f"kind.{o.kind}", lang)
            line = f"    - [{o.stage} {kind}] {o.id} {o.text.get(lang)}"
            if o.guidance is not None:
                line += f" → {o.guidance.get(lang)}"
            out.append(line)
    for key, ids in (("out_of_order", v.out_of_order), ("no_evidence", v.no_evidence), ("future", v.future_dates)):
        if ids:
            out.append(f"  {label(key, lang)}{c}" + ", ".join(ids))
    earned = [f"{_perspective(pb, e.perspective, lang)} {_num(e.weight)}/{_num(e.available)}" for e in v.earned if e.available]
    out.append(f"  {label('earned', lang)}{c}" + sep.join(earned))
    return "\n".join(out)


def verdict_markdown(v: Verdict, pb: Playbook, lang: Lang) -> str:
    d = v.deal.deal
    verdict = say("verdict.short", lang) if v.falls_short else say("verdict.ok", lang)
    c = "：" if lang == "zh" else ": "
    state = label("complete", lang) if v.complete else label("entered", lang)
    out = [f"## {d.name} ({d.id})", "",
           f"`{v.name}` · {d.customer} · {d.rep}", "",
           f"**{verdict}** · {label('score', lang)} **{v.score}**/100", "",
           *([say("below_min_score", lang).format(n=v.min_score), ""] if v.below_min_score else []),
           f"- {label('position', lang)}{c}{_stage_name(pb, v.position, lang)}"
           + (((f"（{state}）") if lang == "zh" else f" ({state})") if v.position else ""),
           f"- {label('claimed', lang)}{c}{_stage_name(pb, v.claimed, lang)} → {say('claim.' + v.claim, lang)}",
           f"- {label('customer', lang)}{c}{_customer_name(pb, v.customer, lang)} → {say('step.' + v.step, lang)}",
           "", f"| {label('why', lang)} | {label('sum', lang)} | {label('points', lang)} |", "|---|---:|---:|"]
    for p in v.parts:
        out.append(f"| {say('part.' + p.name, lang)} | {_num(p.weight)} × {_num(p.done)}/{_num(p.total)} | {_num(p.points)} |")
    for title, rows in ((label("required", lang), v.missing_required), (label("missing", lang), v.missing)):
        if rows:
            out += ["", f"**{title}**", ""]
            for o in rows:
                line = f"- [ ] {o.stage} {say('kind.' + o.kind, lang)} `{o.id}`{c}{o.text.get(lang)}"
                if o.guidance is not None:
                    line += f" → {o.guidance.get(lang)}"
                out.append(line)
    for key, ids in (("out_of_order", v.out_of_order), ("no_evidence", v.no_evidence), ("future", v.future_dates)):
        if ids:
            out += ["", f"**{label(key, lang)}**{c}" + ", ".join(f"`{i}`" for i in ids)]
    earned = [f"{_perspective(pb, e.perspective, lang)} {_num(e.weight)}/{_num(e.available)}" for e in v.earned if e.available]
    out += ["", f"**{label('earned', lang)}**{c}" + ("，" if lang == "zh" else ", ").join(earned)]
    return "\n".join(out)


def _open(o: Any, lang: Lang) -> dict[str, Any]:
    return {"stage": o.stage, "kind": o.kind, "id": o.id, "text": o.text.get(lang),
            "guidance": o.guidance.get(lang) if o.guidance is not None else None}


def verdict_json(v: Verdict, pb: Playbook, lang: Lang) -> dict[str, Any]:
    d = v.deal.deal
    return {
        "file": v.name,
        "deal": {"id": d.id, "name": d.name, "customer": d.customer, "rep": d.rep, "amount": d.amount},
        "ok": not v.falls_short,
        "score": v.score,
        "below_min_score": v.below_min_score,
        "position": {"number": v.position, "id": pb.stages[v.position - 1].id if v.position else None, "complete": v.complete},
        "claimed": {"number": v.claimed, "id": pb.stages[v.claimed - 1].id},
        "claim": v.claim,
        "customer": {"number": v.customer, "id": next(c.id for c in pb.customer_stages if c.number == v.customer)},
        "step": v.step,
        "gap": v.gap,
        "score_parts": [{"part": p.name, "weight": p.weight, "done": p.done, "total": p.total, "points": p.points} for p in v.parts],
        "missing_required": [_open(o, lang) for o in v.missing_required],
        "missing": [_open(o, lang) for o in v.missing],
        "out_of_order": list(v.out_of_order),
        "no_evidence": list(v.no_evidence),
        "future_dates": list(v.future_dates),
        "earned": [{"perspective": e.perspective, "items": list(e.items), "weight": e.weight, "available": e.available} for e in v.earned],
    }


def problem_json(p: Problem) -> dict[str, Any]:
    from salesplaybook.problems import format_path

    return {"file": p.mark.file, "line": p.mark.line, "column": p.mark.column, "path": format_path(p.path), "message": p.message}


def summary_line(n_ok: int, n_short: int, n_bad: int, lang: Lang) -> str:
    return label("summary", lang).format(n=n_ok + n_short, ok=n_ok, short=n_short, bad=n_bad)


# --- the team view ---


def team_json(rows: Iterable[RepSummary]) -> list[dict[str, Any]]:
    return [{"rep": r.rep, "deals": r.deals, "by_stage": {str(k): c for k, c in r.by_stage.items()},
             "earned": r.earned, "available": r.available, "review_score": r.review_score,
             "mean_score": r.mean_score, "falls_short": r.falls_short} for r in rows]


def team_csv(rows: Iterable[RepSummary], pb: Playbook) -> str:
    perspectives = [p.id for p in pb.scorecard.perspectives]
    stages = range(0, len(pb.stages) + 1)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["rep", "deals", *[f"stage_{n}" for n in stages],
                *[f"earned_{p}" for p in perspectives], *[f"available_{p}" for p in perspectives],
                "review_score", "mean_score", "falls_short"])
    for r in rows:
        w.writerow([r.rep, r.deals, *[r.by_stage.get(n, 0) for n in stages],
                    *[_num(r.earned[p]) for p in perspectives], *[_num(r.available[p]) for p in perspectives],
                    r.review_score, r.mean_score, r.falls_short])
    return buf.getvalue()


def team_text(rows: Iterable[RepSummary], pb: Playbook, lang: Lang) -> str:
    c = "：" if lang == "zh" else ": "
    sep = "，" if lang == "zh" else ", "
    out = []
    for r in rows:
        stages = sep.join(f"{label('stage', lang)} {n} × {k}" for n, k in sorted(r.by_stage.items()))
        earned = sep.join(f"{_perspective(pb, p, lang)} {_num(r.earned[p])}/{_num(r.available[p])}"
                          for p in r.earned if r.available[p])
        out.append(f"{r.rep}{c}{label('deals', lang)} {r.deals}{sep}{label('review', lang)} {r.review_score}{sep}"
                   f"{label('mean', lang)} {r.mean_score}{sep}{label('short', lang)} {r.falls_short}\n"
                   f"  {label('by_stage', lang)}{c}{stages}\n  {label('earned', lang)}{c}{earned}")
    return "\n".join(out)
