"""The site's "how deals are judged" page, generated from the same rules the validator runs.

Numbers (weights, thresholds) come from the playbook's `rules:`; the verdict wording comes from
`judge.WORDS`; the file format table comes from the deal file's JSON Schema; the worked
example is a deal built from the playbook's own ids and judged by `judge.judge` itself. So the
page cannot drift from what `playbook check` does.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .deal import Deal, DoneEntry, DealInfo, deal_json_schema
from .judge import SCORE_PARTS, Verdict, judge, say
from .model import Lang, Playbook

_T: dict[str, dict[Lang, str]] = {
    "title": {"zh": "如何判断交易", "en": "How deals are judged"},
    "intro": {
        "zh": "`playbook check` 按下面的规则判断每个交易文件。规则和本手册读的是同一份数据：改了手册里的 `rules:`，这一页和检查结果一起变。",
        "en": "`playbook check` judges each deal file by the rules below. They read the same data as this playbook: change `rules:` and this page and the checks change together.",
    },
    "where": {"zh": "交易实际在哪个阶段", "en": "Where the deal really is"},
    "where.body": {
        "zh": ("- 一个阶段的**里程碑**动作全部完成，才算**进入**这个阶段。\n"
               "- 进入了一个阶段、并且它的**成功标准**全部完成，才算**完成**这个阶段。\n"
               "- 阶段按顺序算：实际阶段是最后一个里程碑已完成、且之前每个阶段都已完成的阶段。"
               "做不到，就还在上一个阶段；第 1 阶段的里程碑没完成，就是「{none}」。\n"
               "- 超过下一阶段的事项（阶段号大于实际阶段 + 1）算**顺序不对**：会列出来，但不计分。"),
        "en": ("- A stage is **entered** only when every **milestone** action of it is done.\n"
               "- A stage is **complete** only when it is entered and every **success criterion** of it is done.\n"
               "- Stages count in order: the deal is at the last stage whose milestone is met while every "
               "earlier stage is complete. Otherwise it is still at the previous stage; without stage 1's "
               "milestone it is \"{none}\".\n"
               "- Items of stages beyond the next one (number above position + 1) are **out of order**: "
               "listed, not counted."),
    },
    "claim": {"zh": "销售的阶段判断", "en": "The rep's claim"},
    "claim.body": {
        "zh": "交易文件里的 `claimed_stage` 和实际阶段比较：相同为「{supported}」，更高为「{overstated}」，更低为「{understated}」。",
        "en": "The file's `claimed_stage` is compared with the real stage: the same is \"{supported}\", higher is \"{overstated}\", lower is \"{understated}\".",
    },
    "step": {"zh": "和客户是否同步", "en": "In step with the customer"},
    "step.body": {
        "zh": ("每个销售阶段对应客户的一个采购阶段。把客户实际所在的阶段（`customer_stage`）和我们实际阶段对应的客户阶段比较：\n\n"
               "| 差距 | 判断 |\n|---|---|"),
        "en": ("Each seller stage matches one customer procurement stage. The customer's observed stage "
               "(`customer_stage`) is compared with the customer stage our real stage matches:\n\n"
               "| gap | verdict |\n|---|---|"),
    },
    "gap.same": {"zh": "相同", "en": "none"},
    "gap.behind": {"zh": "客户领先 {a} 个阶段", "en": "customer {a} stage ahead"},
    "gap.behind_range": {"zh": "客户领先 {a} 到 {b} 个阶段", "en": "customer {a} to {b} stages ahead"},
    "gap.behind_more": {"zh": "客户领先 {a} 个阶段或更多", "en": "customer {a} or more stages ahead"},
    "gap.ahead": {"zh": "我们领先 {a} 个阶段", "en": "we are {a} stage ahead"},
    "gap.ahead_range": {"zh": "我们领先 {a} 到 {b} 个阶段", "en": "we are {a} to {b} stages ahead"},
    "gap.ahead_more": {"zh": "我们领先 {a} 个阶段或更多", "en": "we are {a} or more stages ahead"},
    "score": {"zh": "得分（0 到 100）", "en": "The score (0 to 100)"},
    "score.body": {
        "zh": ("得分看第 1 阶段到 T 阶段，T 取声称阶段和实际阶段中较高的一个（至少为 1）。顺序不对的事项不计。"
               "每一部分的分数 = 权重 × 完成数 / 总数，加起来四舍五入为整数。权重在手册的 `rules.score` 里。"),
        "en": ("The score looks at stages 1 to T, T being the higher of the claimed and the real stage (at least 1). "
               "Out-of-order items do not count. Each part scores weight × done / total; the sum is rounded to a "
               "whole number. The weights live in the playbook's `rules.score`."),
    },
    "score.head": {"zh": "| 部分 | 权重 | 算什么 |\n|---|---:|---|", "en": "| part | weight | what counts |\n|---|---:|---|"},
    "score.milestone": {"zh": "第 1 到 T 阶段的里程碑动作", "en": "milestone actions of stages 1 to T"},
    "score.success_criteria": {"zh": "第 1 到 T 阶段的成功标准", "en": "success criteria of stages 1 to T"},
    "score.conditions": {"zh": "第 1 到 T 阶段的四类阶段条件", "en": "the four groups of stage conditions of stages 1 to T"},
    "score.information": {"zh": "从第 T 阶段或更早开始必填的表单字段", "en": "form fields required from stage T or earlier"},
    "score.in_step": {"zh": "同步得全部；落后但不到考虑放弃{ahead}得 {partial:.0%}；其余为 0",
                      "en": "all when in step; {partial:.0%} when behind but not yet far{ahead}; else none"},
    "score.in_step.ahead": {"zh": "、或略超前", "en": ", or slightly ahead"},
    "short": {"zh": "通过还是不足", "en": "OK or falling short"},
    "short.body": {
        "zh": ("交易在下面两种情况下**不足**（`playbook check` 退出码为 1）：阶段判断过高；或者声称阶段及以前必填的表单字段没填。"
               "用 `--min-score N` 时，得分低于 N 也算不足。文件读不了（格式错误、未知 id 等）退出码为 2。"),
        "en": ("A deal **falls short** (`playbook check` exits with 1) when the claim is overstated, or when a form field "
               "required at or before the claimed stage is empty. With `--min-score N`, a score under N falls short "
               "too. A file that cannot be read (syntax, unknown ids ...) exits with 2."),
    },
    "missing": {"zh": "要推进还缺什么", "en": "What is missing to move on"},
    "missing.body": {
        "zh": "列出当前阶段和下一阶段还没完成的里程碑、成功标准、阶段条件和必填字段，每项附手册里的做法提示。",
        "en": "Open milestone actions, success criteria, stage conditions and required form fields of the current and the next stage, each with the playbook's guidance.",
    },
    "review": {"zh": "考核项与考核得分", "en": "Assessment items and the review score"},
    "review.body": {
        "zh": ("交易文件把考核项的 id 列为已完成（且顺序没错），销售就得到这个考核项和它的权重，按平衡计分卡的角度归类。"
               "团队视图（`playbook team 文件夹`）把一个销售的所有交易加起来：每个角度的得分 = 已得权重 / 可得权重"
               "（第 1 到 T 阶段的考核项），考核得分 = 各角度得分的平均 × 100，每个角度同等重要（还没有可得考核项的角度不算在内）。"),
        "en": ("When a deal file lists an assessment item's id as done (and not out of order), the rep earns the item "
               "and its weight, under its scorecard perspective. The team view (`playbook team FOLDER`) adds up a "
               "rep's deals: each perspective scores earned weight / available weight (the assessment items of "
               "stages 1 to T), and the review score is the average of the perspectives × 100, each perspective "
               "counting the same (a perspective with nothing to earn yet is left out)."),
    },
    "format": {"zh": "交易文件格式", "en": "The deal file"},
    "format.body": {
        "zh": ("一个 YAML 文件写一个交易。`playbook blank 阶段` 打印某一阶段的空白文件，列出所有 id 和说明；"
               "编辑器读文件第一行的 JSON Schema（`playbook schema deal`）给出提示。"),
        "en": ("One YAML file per deal. `playbook blank STAGE` prints a blank file for a stage, with every id and its "
               "text; editors read the JSON Schema named on the first line (`playbook schema deal`)."),
    },
    "required": {"zh": "必填", "en": "required"},
    "per_id": {"zh": "每个已完成的事项一行，键是手册里的事项 id", "en": "one line per item done, keyed by the playbook's item id"},
    "types": {"zh": "表单字段按类型填写", "en": "Form fields by type"},
    "example": {"zh": "示例", "en": "A worked example"},
    "example.body": {
        "zh": "下面的交易声称在第 {claimed} 阶段。它的判断完全由 `playbook check` 的同一段代码算出：",
        "en": "The deal below claims stage {claimed}. Its verdict is computed by the very code `playbook check` runs:",
    },
    "json": {"zh": "JSON 输出", "en": "JSON output"},
    "json.body": {
        "zh": ("`playbook check --format json` 输出 `{format_version, deals, errors, summary}`。每个交易有："
               "`file`、`deal`、`ok`、`score`、`below_min_score`、`position {number, id, complete}`、`claimed`、`claim`、`customer`、"
               "`step`、`gap`、`score_parts`、`missing_required`、`missing`、`out_of_order`、`no_evidence`、"
               "`future_dates`、`earned`。只会增加字段，不会改名或删除。"),
        "en": ("`playbook check --format json` prints `{format_version, deals, errors, summary}`. Each deal has "
               "`file`, `deal`, `ok`, `score`, `below_min_score`, `position {number, id, complete}`, `claimed`, `claim`, `customer`, "
               "`step`, `gap`, `score_parts`, `missing_required`, `missing`, `out_of_order`, `no_evidence`, "
               "`future_dates`, `earned`. Fields are only ever added, never renamed or removed."),
    },
}

# What each key of the deal file means, in Chinese (the schema's descriptions are English).
_ZH_DESC = {
    "deal": "交易是什么、谁负责", "deal.id": "交易 id：小写字母、数字和连字符", "deal.name": "项目名称",
    "deal.customer": "客户", "deal.rep": "负责的销售（团队视图按它分组）", "deal.amount": "预计合同金额，可不填",
    "customer_stage": "客户实际所在的采购阶段（id 或 1 到 8）", "claimed_stage": "销售认为交易所在的阶段（id 或 1 到 8）",
    "done": "已完成的事项，用手册里的 id", "done.*.date": "完成日期（YYYY-MM-DD）", "done.*.evidence": "证据（邮件、纪要等）",
    "done.*.contact": "客户方的具名联系人", "done.*.document": "文件名或链接", "done.*.note": "其他说明",
    "forms": "填好的表单：表单 id → 字段 id → 值；可多条的表单写成列表",
}

_TYPES: dict[str, dict[Lang, str]] = {
    "text": {"zh": "一行文字", "en": "one line of text"},
    "long_text": {"zh": "多行文字", "en": "text of several lines"},
    "date": {"zh": "日期 YYYY-MM-DD", "en": "a date, YYYY-MM-DD"},
    "number": {"zh": "数字", "en": "a number"},
    "money": {"zh": "金额（数字，不小于 0）", "en": "an amount (a number, 0 or more)"},
    "phone": {"zh": "电话号码", "en": "a phone number"},
    "email": {"zh": "邮箱 name@example.com", "en": "an email address"},
    "choice": {"zh": "一个选项的 id", "en": "the id of one choice"},
    "multi_choice": {"zh": "选项 id 的列表", "en": "a list of choice ids"},
    "person": {"zh": "人名", "en": "a person's name"},
    "yes_no": {"zh": "true 或 false", "en": "true or false"},
}


def t(key: str, lang: Lang) -> str:
    return _T[key][lang]


def rules_page(playbook: Playbook, lang: Lang) -> str:
    """Markdown: the validator's rules and the deal-file format reference, with an example."""
    r = playbook.rules
    words = {k.split(".", 1)[1]: say(k, lang) for k in ("claim.supported", "claim.overstated", "claim.understated")}
    out = [f"# {t('title', lang)}", "", t("intro", lang), "",
           f"## {t('where', lang)}", "", t("where.body", lang).format(none=say("stage.none", lang)), "",
           f"## {t('claim', lang)}", "", t("claim.body", lang).format(**words), "",
           f"## {t('step', lang)}", "", t("step.body", lang)]
    out += _step_rows(r.behind_consider_drop, r.ahead_warning, lang) + [""]
    out += [f"## {t('score', lang)}", "", t("score.body", lang), "", t("score.head", lang)]
    for part in SCORE_PARTS:
        ahead = t("score.in_step.ahead", lang) if r.ahead_warning > 1 else ""
        what = t(f"score.{part}", lang).format(partial=r.in_step_partial, ahead=ahead)
        out.append(f"| {say('part.' + part, lang)} | {getattr(r.score, part):g} | {what} |")
    out += ["", f"## {t('short', lang)}", "", t("short.body", lang), "",
            f"## {t('missing', lang)}", "", t("missing.body", lang), "",
            f"## {t('review', lang)}", "", t("review.body", lang), ""]
    out += _perspectives(playbook, lang)
    out += [f"## {t('format', lang)}", "", t("format.body", lang), ""]
    out += _format_rows(lang)
    out += ["", f"### {t('types', lang)}", "", "| type | " + ("填写方式" if lang == "zh" else "how to fill it") + " |", "|---|---|"]  # no empty header cell (axe)
    out += [f"| `{k}` | {v[lang]} |" for k, v in _TYPES.items()]
    out += ["", f"### {t('json', lang)}", "", t("json.body", lang), ""]
    out += _example(playbook, lang)
    return "\n".join(out) + "\n"


def _range(kind: str, first: int, last: int, lang: Lang) -> str:
    if first == last:
        return t(f"gap.{kind}", lang).format(a=first)
    return t(f"gap.{kind}_range", lang).format(a=first, b=last)


def _step_rows(drop: int, ahead: int, lang: Lang) -> list[str]:
    """The gap table, from the same thresholds `judge.step_of` reads."""
    rows = [(t("gap.same", lang), say("step.in-step", lang))]
    if drop > 1:
        rows.append((_range("behind", 1, drop - 1, lang), say("step.behind", lang)))
    rows.append((t("gap.behind_more", lang).format(a=drop), say("step.drop", lang)))
    if ahead > 1:
        rows.append((_range("ahead", 1, ahead - 1, lang), say("step.ahead", lang)))
    rows.append((t("gap.ahead_more", lang).format(a=ahead), say("step.ahead-warning", lang)))
    return [f"| {a} | {b} |" for a, b in rows]


def _perspectives(pb: Playbook, lang: Lang) -> list[str]:
    rows = []
    for p in pb.scorecard.perspectives:
        items = [a for s in pb.stages for a in s.conditions.assessment if a.perspective == p.id]
        what = (f"{len(items)} 个考核项，总权重 {sum(a.weight for a in items):g}" if lang == "zh"
                else f"{len(items)} items, total weight {sum(a.weight for a in items):g}")
        rows.append(f"- **{p.name.get(lang)}**{'：' if lang == 'zh' else ': '}{what}")
    return rows + [""]


def _schema_type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return "mapping"
    if "anyOf" in prop:
        return " / ".join(_schema_type(p, defs) for p in prop["anyOf"] if p.get("type") != "null")
    kind = prop.get("type", "")
    if kind == "string" and prop.get("format") == "date":
        return "date"
    if kind == "object":
        return "mapping"
    return {"string": "text", "integer": "integer", "number": "number", "array": "list"}.get(kind, kind)


def _format_rows(lang: Lang) -> list[str]:
    """The deal file's keys as a nested list (reads better than a wide table on a phone)."""
    schema = deal_json_schema()
    defs = schema.get("$defs", {})
    colon = "：" if lang == "zh" else ": "
    rows: list[str] = []

    def sub_model(prop: dict[str, Any]) -> tuple[dict[str, Any] | None, bool]:
        """The model a key holds (and whether it is one per id, as `done` holds one per item)."""
        for cand in [prop] + prop.get("anyOf", []):
            if "$ref" in cand:
                return defs[cand["$ref"].rsplit("/", 1)[-1]], False
            for each in [cand.get("additionalProperties")] + list((cand.get("patternProperties") or {}).values()):
                if isinstance(each, dict) and "$ref" in each:
                    return defs[each["$ref"].rsplit("/", 1)[-1]], True
        return None, False

    def walk(props: dict[str, Any], required: list[str], prefix: str, depth: int) -> None:
        for key, prop in props.items():
            path = prefix + key
            desc = _ZH_DESC.get(path, prop.get("description", "")) if lang == "zh" else prop.get("description", "")
            req = f", {t('required', lang)}" if key in required else ""
            rows.append(f"{'    ' * depth}- `{key}` ({_schema_type(prop, defs)}{req}){colon}{desc}")
            model, per_id = sub_model(prop)
            if model is None:
                continue
            if per_id:
                rows.append(f"{'    ' * (depth + 1)}- `<id>` (mapping){colon}{t('per_id', lang)}")
                walk(model["properties"], model.get("required", []), path + ".*.", depth + 2)
            else:
                walk(model["properties"], model.get("required", []), path + ".", depth + 1)

    walk(schema["properties"], schema.get("required", []), "", 0)
    return rows


def example_deal(pb: Playbook) -> Deal:
    """A deal that claims stage 2 but misses one milestone action of it, with the customer at
    stage 2: the page's worked example (and a test's input)."""
    day = _dt.date(2026, 11, 2)
    s1, s2 = pb.stages[0], pb.stages[min(1, len(pb.stages) - 1)]
    done: dict[str, DoneEntry] = {}
    for item in list(s1.items()):
        done[item.id] = DoneEntry(date=day, evidence="会议邀请邮件" if item in s1.success_criteria else None)
    for item in s2.milestone[:-1]:
        done[item.id] = DoneEntry(date=day + _dt.timedelta(days=7), contact="张三")
    forms: dict[str, Any] = {}
    for form in pb.forms:
        for fld in form.fields:
            if fld.required_from == s1.id:
                entry = forms.setdefault(form.id, [{}] if form.repeatable else {})
                (entry[0] if form.repeatable else entry)[fld.id] = _sample(fld, day)
    return Deal(deal=DealInfo(id="example-erp", name="ERP 升级", customer="某某制造", rep="李雷"),
                customer_stage=pb.customer_stage(s2.customer_stage).id, claimed_stage=s2.id, done=done, forms=forms)


def _sample(fld: Any, day: _dt.date) -> Any:
    """A plausible value of a field's type, for the example."""
    samples = {"date": day, "number": 12, "money": 1200000, "phone": "010-12345678",
               "email": "zhang.san@example.com", "yes_no": True, "person": "张三"}
    if fld.type == "choice":
        return fld.choices[0].id
    if fld.type == "multi_choice":
        return [fld.choices[0].id]
    return samples.get(fld.type, f"（{fld.label.zh}）")


def example_yaml(deal: Deal) -> str:
    """The deal as a rep writes it: one line per done item, forms in block style (narrow
    enough for a phone)."""
    import yaml

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    def flow(value: Any) -> str:
        return yaml.dump(value, Dumper=_NoAliases, allow_unicode=True, sort_keys=False,
                         default_flow_style=True, width=10_000).strip()

    data = deal.model_dump(exclude_none=True)
    lines = ["deal:"] + [f"  {flow({k: v})[1:-1]}" for k, v in data["deal"].items()]
    lines += [f"customer_stage: {data['customer_stage']}",
             f"claimed_stage: {data['claimed_stage']}", "done:"]
    lines += [f"  {item}: {flow(entry)}" for item, entry in data["done"].items()]
    if data.get("forms"):
        forms = yaml.dump({"forms": data["forms"]}, Dumper=_NoAliases, allow_unicode=True, sort_keys=False,
                          default_flow_style=False, width=60)
        lines += forms.rstrip().splitlines()
    return "\n".join(lines) + "\n"


def _example(pb: Playbook, lang: Lang) -> list[str]:
    deal = example_deal(pb)
    v = judge(pb, deal, "example.yaml", today=_dt.date(2026, 11, 27))
    out = [f"## {t('example', lang)}", "", t("example.body", lang).format(claimed=v.claimed), "",
           "```yaml", example_yaml(deal).rstrip(), "```", ""]
    return out + _verdict_md(v, pb, lang)


def _verdict_md(v: Verdict, pb: Playbook, lang: Lang) -> list[str]:
    pos = f"{v.position} {pb.stages[v.position - 1].name.get(lang)}" if v.position else say("stage.none", lang)
    cust = next(c for c in pb.customer_stages if c.number == v.customer)
    verdict = say("verdict.short", lang) if v.falls_short else say("verdict.ok", lang)
    head = {"zh": ("实际阶段", "声称", "客户阶段", "得分"), "en": ("really at", "claimed", "customer at", "score")}[lang]
    c = "：" if lang == "zh" else ": "
    out = [f"- {head[0]}{c}**{pos}**",
           f"- {head[1]}{c}{v.claimed} → **{say('claim.' + v.claim, lang)}**",
           f"- {head[2]}{c}{cust.number} {cust.name.get(lang)} → **{say('step.' + v.step, lang)}**",
           f"- {head[3]}{c}**{v.score}** ({verdict})", "", t("score.head", lang).replace("| 算什么 |", "| 计算 |").replace("| what counts |", "| sum |")]
    for p in v.parts:
        out.append(f"| {say('part.' + p.name, lang)} | {p.weight:g} | {p.weight:g} × {p.done:g}/{p.total:g} = {p.points:g} |")
    if v.missing:
        out += ["", f"**{t('missing', lang)}**", ""]
        for o in v.missing[:8]:
            line = f"- {o.stage} {say('kind.' + o.kind, lang)} `{o.id}`{c}{o.text.get(lang)}"
            if o.guidance is not None:
                line += f" → {o.guidance.get(lang)}"
            out.append(line)
        if len(v.missing) > 8:
            out.append("- …")
    return out
