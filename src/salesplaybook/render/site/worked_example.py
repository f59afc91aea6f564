"""A worked example, computed: one deal placed step by step with the playbook's own ids and
judged by the validator itself, so the guide's example cannot drift from the rules.

Three moments of the same deal:
1. the rep claims stage 3, but one milestone action of it is still open: the deal is really
   at stage 2 and the claim is overstated;
2. the rep does that action and records it: the claim holds, and the score rises;
3. the customer moves on to its stage 4: the deal is behind the customer and must catch up.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ...deal_model import Deal, DealInfo, DoneEntry
from ...judge import Verdict, judge
from ...model import Lang, Playbook
from ...rulebook import text_in
from ...verdicts import customer_name, num, part_name, stage_name
from ...words import say
from ..md import colon, t

TODAY = _dt.date(2026, 11, 27)


def moments(pb: Playbook, lang: Lang) -> list[tuple[Deal, Verdict, str]]:
    """The deal at each moment, its verdict, and the item the moment is about."""
    mode = pb.procurement.default_mode if pb.procurement else None
    s1, s2, s3 = pb.stages[0], pb.stages[1], pb.stages[2]
    day = _dt.date(2026, 10, 12)
    evidence = say("site.worked.data.evidence", lang)
    done: dict[str, DoneEntry] = {}
    for stage in (s1, s2):
        for item in stage.items():
            if mode is None or item.applies_to(mode, pb):
                done[item.id] = DoneEntry(date=day, evidence=evidence)
        day += _dt.timedelta(days=14)
    actions = [a for a in s3.milestone if mode is None or a.applies_to(mode, pb)]
    for action in actions[:-1]:
        done[action.id] = DoneEntry(date=day, evidence=evidence)
    last = actions[-1]
    forms = _required_forms(pb, s3.number, lang)
    info = DealInfo(id="worked-example", name=say("site.worked.data.name", lang), customer=say("site.worked.data.customer", lang),
                    rep=say("site.worked.data.rep", lang))

    def deal(done: dict, customer: str) -> Deal:
        return Deal(deal=info, procurement_mode=mode, customer_stage=customer, claimed_stage=s3.id, done=done, forms=forms)

    first = deal(dict(done), s3.customer_stage)
    second = deal({**done, last.id: DoneEntry(date=day + _dt.timedelta(days=3), evidence=evidence)}, s3.customer_stage)
    third = deal(second.done, pb.stages[3].customer_stage)
    return [(d, judge(pb, d, "deal.yaml", today=TODAY), last.id) for d in (first, second, third)]


def _required_forms(pb: Playbook, up_to: int, lang: Lang) -> dict[str, Any]:
    """The forms with every field required up to a stage filled in with a plausible value."""
    numbers = {s.id: s.number for s in pb.stages}
    forms: dict[str, Any] = {}
    for form in pb.forms:
        for fld in form.fields:
            if fld.required_from and numbers.get(fld.required_from, 99) <= up_to:
                entry = forms.setdefault(form.id, [{}] if form.repeatable else {})
                (entry[0] if form.repeatable else entry)[fld.id] = _sample(fld, lang)
    return forms


def _sample(fld: Any, lang: Lang) -> Any:
    samples = {"date": _dt.date(2026, 10, 12), "number": 12, "money": 1200000, "phone": "010-12345678",
               "email": "zhang.san@example.com", "yes_no": True}
    if fld.type == "choice":
        return fld.choices[0].id
    if fld.type == "multi_choice":
        return [fld.choices[0].id]
    return samples.get(fld.type, fld.label.get(lang))


def render_worked_example(pb: Playbook, lang: Lang) -> str:
    """Markdown for the guide: the three moments, each with the verdict `playbook check` gives."""
    (d1, v1, last), (d2, v2, _), (d3, v3, _) = moments(pb, lang)
    action = pb.item_index()[last][1]
    c = colon(lang)
    claimed = pb.stages[v1.claimed - 1]
    customer = pb.customer_stages[v3.customer - 1]
    out = [say("site.worked.intro", lang, name=d1.deal.name, customer=d1.deal.customer, rep=d1.deal.rep,
               stage=say("method.stage_title", lang, n=claimed.number, name=t(claimed.name, lang))), ""]
    steps = [
        ("site.worked.step1", v1, {"open": t(action.text, lang).rstrip("。.")}),
        ("site.worked.step2", v2, {"before": v1.score, "after": v2.score}),
        ("site.worked.step3", v3, {"customer": say("method.customer_stage_title", lang, n=customer.number,
                                                   name=t(customer.name, lang))}),
    ]
    for n, (key, v, values) in enumerate(steps, 1):
        out += [f"### {say(key + '_title', lang, n=n)}", "", say(key, lang, **values), "",
                f"- {say('verdict.label.position', lang)}{c}{stage_name(pb, v.position, lang)}",
                f"- {say('verdict.label.claimed', lang)}{c}{stage_name(pb, v.claimed, lang)} → {say('verdict.claim.' + v.claim, lang)}",
                f"- {say('verdict.label.customer', lang)}{c}{customer_name(pb, v.customer, lang)} → {say('verdict.step.' + v.step, lang)}",
                f"- {say('verdict.label.score', lang)}{c}{v.score}", ""]
        missing = [o for o in v.missing if o.stage == max(v.position, 1)][:3]
        if missing:
            out += [f"{say('verdict.label.missing', lang)}{c}", ""]
            out += [f"- {text_in(o.text, lang)}" for o in missing] + [""]
    out += [say("site.worked.outro", lang), ""]
    return "\n".join(out)


def score_rise(pb: Playbook, lang: Lang) -> list[str]:
    """For the rules page: the same deal before and after its rep recorded one action, part by
    part: why the score rose."""
    (_, v1, last), (_, v2, _), _ = moments(pb, lang)
    out = [say("site.worked.rise", lang, item=f"`{last}`", before=v1.score, after=v2.score), "",
           f"| {say('site.judging.part_head', lang)} | {say('site.worked.before', lang)} | {say('site.worked.after', lang)} |",
           "|---|---:|---:|"]
    for a, b in zip(v1.parts, v2.parts):
        out.append(f"| {part_name(a.name, lang)} | {num(a.weight)} × {num(a.done)}/{num(a.total)} = {num(a.points)} "
                   f"| {num(b.weight)} × {num(b.done)}/{num(b.total)} = {num(b.points)} |")
    out.append(f"| **{say('verdict.label.score', lang)}** | **{v1.score}** | **{v2.score}** |")
    return out + [""]
