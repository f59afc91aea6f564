"""`playbook blank STAGE`: a blank deal file for a stage, listing every id with its text.

Done items are written as comments: the file loads as it is, and a rep removes the `# ` of
each item done and fills in the date and evidence.
"""

from __future__ import annotations

from salesplaybook.deal import SCHEMA_COMMENT
from salesplaybook.judge import say
from salesplaybook.model import Lang, Playbook, Stage

_HEAD: dict[Lang, str] = {
    "zh": "# 空白交易文件：第 {n} 阶段「{name}」。做完的事项去掉行首的 `# `，写上日期和证据。",
    "en": "# Blank deal file for stage {n}, {name}. For each item done, remove the leading `# ` and fill in the date and evidence.",
}
_DEAL: dict[Lang, tuple[str, ...]] = {
    "zh": ("交易 id：小写字母、数字和连字符", "项目名称", "客户名称", "负责的销售"),
    "en": ("deal id: lower-case letters, digits, hyphens", "project name", "customer", "the rep who owns the deal"),
}
_TODO: dict[Lang, str] = {"zh": "待填写", "en": "to fill in"}
_CUSTOMER: dict[Lang, str] = {"zh": "客户的采购阶段（看到的实际情况）：", "en": "the customer's procurement stage, as observed:"}
_CLAIMED: dict[Lang, str] = {"zh": "你认为交易所在的销售阶段", "en": "the seller stage you claim"}
_EVIDENCE: dict[Lang, str] = {"zh": "证据", "en": "evidence"}
_REQUIRED: dict[Lang, str] = {"zh": "从第 {n} 阶段起必填", "en": "required from stage {n}"}
_REPEAT: dict[Lang, str] = {"zh": "可多条", "en": "repeatable: one entry per line `- `"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def blank_deal(pb: Playbook, stage: Stage, lang: Lang = "zh") -> str:
    numbers = {s.id: s.number for s in pb.stages}
    customer = pb.customer_stage(stage.customer_stage)
    lines = [SCHEMA_COMMENT, _HEAD[lang].format(n=stage.number, name=_one_line(stage.name.get(lang))), "deal:"]
    for key, value, note in zip(("id", "name", "customer", "rep"),
                                ("new-deal", _TODO[lang], _TODO[lang], _TODO[lang]), _DEAL[lang]):
        lines.append(f"  {key}: {value}  # {note}")
    choices = ", ".join(f"{c.number} {c.id}" for c in pb.customer_stages)
    lines.append(f"customer_stage: {customer.id}  # {_CUSTOMER[lang]} {choices}")
    lines.append(f"claimed_stage: {stage.id}  # {_CLAIMED[lang]}")
    lines.append("done:")
    for s in pb.stages[: stage.number]:
        lines.append(f"  # --- {s.number} {_one_line(s.name.get(lang))} ---")
        groups = [("milestone", s.milestone), ("success", s.success_criteria)] + [
            (g, getattr(s.conditions, g)) for g in ("sales_process", "relationship", "information", "assessment")]
        for kind, items in groups:
            lines.append(f"  # {say('kind.' + kind, lang)}")
            for item in items:
                note = _one_line(item.text.get(lang))
                if item.evidence is not None:
                    note += f" ({_EVIDENCE[lang]}: {_one_line(item.evidence.get(lang))})"
                lines.append(f"  # {item.id}: {{date: YYYY-MM-DD, evidence: \"\"}}  # {note}")
    lines.append("forms:")
    wanted = set()
    for s in pb.stages[: stage.number]:
        wanted.update(s.tools)
    for form in pb.forms:
        required = [f for f in form.fields if f.required_from and numbers.get(f.required_from, 99) <= stage.number]
        if form.id not in wanted and not required:
            continue
        note = _one_line(form.name.get(lang)) + (f" ({_REPEAT[lang]})" if form.repeatable else "")
        lines.append(f"  {form.id}:  # {note}")
        indent = "    - " if form.repeatable else "    "
        for i, fld in enumerate(form.fields):
            prefix = indent if i == 0 else "    " + ("  " if form.repeatable else "")
            note = f"{_one_line(fld.label.get(lang))} ({fld.type}"
            if fld.choices:
                note += ": " + " | ".join(c.id for c in fld.choices)
            if fld.required_from:
                note += "; " + _REQUIRED[lang].format(n=numbers.get(fld.required_from, "?"))
            lines.append(f"{prefix}{fld.id}:  # {note})")
    return "\n".join(lines) + "\n"
