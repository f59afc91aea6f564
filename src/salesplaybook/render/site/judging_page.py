"""The site's "how deals are judged" page, generated from the same rules the validator runs.

Numbers (weights, thresholds) come from the playbook's `rules:`; the verdict wording from the
catalogue's `verdict` namespace; the file format from the deal file's JSON Schema; the worked
example is a deal built from the playbook's own ids, judged by `judge.judge` and worded by
`verdicts.verdict_markdown`, exactly as `playbook check --format markdown` does. So the page
cannot drift from what `playbook check` does.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, get_args

from ...deal_model import Deal, DealInfo, DoneEntry, deal_json_schema
from ...judge import judge
from ...model import SCORE_PARTS, FieldType, Lang, Playbook
from ...verdicts import part_name, verdict_markdown
from ...words import say
from ..md import colon, num
from .worked_example import score_rise

_FIELD_TYPES = get_args(FieldType)


def t(key: str, lang: Lang, **values: Any) -> str:
    return say("site.judging." + key, lang, **values)


def rules_page(playbook: Playbook, lang: Lang) -> str:
    """Markdown: the validator's rules and the deal-file format reference, with an example."""
    r = playbook.rules
    claims = {k: say(f"verdict.claim.{k}", lang) for k in ("supported", "overstated", "understated")}
    out = [f"# {say('site.nav.judging', lang)}", "", t("intro", lang), "",
           f"## {t('where', lang)}", "", t("where_body", lang, none=say("verdict.stage_none", lang)), "",
           f"## {t('claim', lang)}", "", t("claim_body", lang, **claims), "",
           f"## {t('step', lang)}", "", t("step_body", lang), "",
           f"| {t('gap_head', lang)} | {t('verdict_head', lang)} |", "|---|---|"]
    out += _step_rows(r.behind_consider_drop, r.ahead_warning, lang) + [""]
    out += [f"## {t('score', lang)}", "", t("score_body", lang), "",
            f"| {t('part_head', lang)} | {say('method.weight', lang)} | {t('counts_head', lang)} |", "|---|---:|---|"]
    for part in SCORE_PARTS:
        what = t(f"score_{part}", lang, partial=f"{r.in_step_partial:.0%}")
        out.append(f"| {part_name(part, lang)} | {getattr(r.score, part):g} | {what} |")
    if len(playbook.stages) >= 4:  # the worked example walks stages 1 to 4
        out += [""] + score_rise(playbook, lang)
    out += ["", f"## {t('short', lang)}", "", t("short_body", lang), "",
            f"## {t('missing', lang)}", "", t("missing_body", lang), "",
            f"## {t('review', lang)}", "", t("review_body", lang), ""]
    out += _perspectives(playbook, lang)
    out += [f"## {t('format', lang)}", "", t("format_body", lang), ""]
    out += _format_rows(lang)
    out += ["", f"### {t('types', lang)}", "", f"| {t('type_head', lang)} | {t('how_head', lang)} |", "|---|---|"]
    out += [f"| `{k}` | {t('type.' + k, lang)} |" for k in _FIELD_TYPES]
    out += ["", f"### {t('json', lang)}", "", t("json_body", lang), ""]
    out += _example(playbook, lang)
    return "\n".join(out) + "\n"


def _range(kind: str, first: int, last: int, lang: Lang) -> str:
    if first == last:
        return t(f"gap_{kind}", lang, a=first)
    return t(f"gap_{kind}_range", lang, a=first, b=last)


def _step_rows(drop: int, ahead: int, lang: Lang) -> list[str]:
    """The gap table, from the same thresholds `judge.step_of` reads."""
    rows = [(t("gap_same", lang), say("verdict.step.in-step", lang))]
    if drop > 1:
        rows.append((_range("behind", 1, drop - 1, lang), say("verdict.step.behind", lang)))
    rows.append((t("gap_behind_more", lang, a=drop), say("verdict.step.drop", lang)))
    if ahead > 1:
        rows.append((_range("ahead", 1, ahead - 1, lang), say("verdict.step.ahead", lang)))
    rows.append((t("gap_ahead_more", lang, a=ahead), say("verdict.step.ahead-warning", lang)))
    return [f"| {a} | {b} |" for a, b in rows]


def _perspectives(pb: Playbook, lang: Lang) -> list[str]:
    rows = []
    for p in pb.scorecard.perspectives:
        items = [a for s in pb.stages for a in s.conditions.assessment if a.perspective == p.id]
        what = t("perspective_items", lang, n=len(items), weight=num(sum(a.weight for a in items)))
        rows.append(f"- **{p.name.get(lang)}**{colon(lang)}{what}")
    return rows + [""]


def _schema_type(prop: dict[str, Any], defs: dict[str, Any], lang: Lang) -> str:
    """A key's type in the reader's words: 映射, 文字, 整数 ... / mapping, text, integer ..."""
    if "$ref" in prop:
        kind = "mapping"
    elif "anyOf" in prop:
        return " / ".join(_schema_type(p, defs, lang) for p in prop["anyOf"] if p.get("type") != "null")
    else:
        kind = prop.get("type", "")
        if kind == "string" and prop.get("format") == "date":
            kind = "date"
        kind = {"string": "text", "object": "mapping", "array": "list"}.get(kind, kind)
    return t("schema_type." + kind, lang)


def _format_rows(lang: Lang) -> list[str]:
    """The deal file's keys as a nested list (reads better than a wide table on a phone)."""
    schema = deal_json_schema(lang)
    defs = schema.get("$defs", {})
    c = colon(lang)
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
            req = t("required_sep", lang) if key in required else ""
            kind = say('punct.parens', lang, text=_schema_type(prop, defs, lang) + req)
            rows.append(f"{'    ' * depth}- `{key}` {kind}{c}{prop.get('description', '')}")
            model, per_id = sub_model(prop)
            if model is None:
                continue
            if per_id:
                kind = say('punct.parens', lang, text=t('schema_type.mapping', lang))
                rows.append(f"{'    ' * (depth + 1)}- `<id>` {kind}{c}{t('per_id', lang)}")
                walk(model["properties"], model.get("required", []), path + ".*.", depth + 2)
            else:
                walk(model["properties"], model.get("required", []), path + ".", depth + 1)

    walk(schema["properties"], schema.get("required", []), "", 0)
    return rows


def example_deal(pb: Playbook, lang: Lang) -> Deal:
    """A deal that claims stage 2 but misses one milestone action of it, with the customer at
    stage 2: the page's worked example (and a test's input), with names in `lang`."""
    day = _dt.date(2026, 11, 2)
    s1, s2 = pb.stages[0], pb.stages[min(1, len(pb.stages) - 1)]
    done: dict[str, DoneEntry] = {}
    evidence = t("example_data.evidence", lang)
    for item in list(s1.items()):
        done[item.id] = DoneEntry(date=day, evidence=evidence if item in s1.success_criteria else None)
    for item in s2.milestone[:-1]:
        done[item.id] = DoneEntry(date=day + _dt.timedelta(days=7), contact=t("example_data.contact", lang))
    forms: dict[str, Any] = {}
    for form in pb.forms:
        for fld in form.fields:
            if fld.required_from == s1.id:
                entry = forms.setdefault(form.id, [{}] if form.repeatable else {})
                (entry[0] if form.repeatable else entry)[fld.id] = _sample(fld, day, lang)
    info = DealInfo(id="example-erp", name=t("example_data.name", lang), customer=t("example_data.customer", lang),
                    rep=t("example_data.rep", lang))
    return Deal(deal=info, customer_stage=pb.customer_stage(s2.customer_stage).id, claimed_stage=s2.id,
                done=done, forms=forms)


def _sample(fld: Any, day: _dt.date, lang: Lang) -> Any:
    """A plausible value of a field's type, for the example."""
    samples = {"date": day, "number": 12, "money": 1200000, "phone": "010-12345678",
               "email": "zhang.san@example.com", "yes_no": True, "person": t("example_data.contact", lang)}
    if fld.type == "choice":
        return fld.choices[0].id
    if fld.type == "multi_choice":
        return [fld.choices[0].id]
    return samples.get(fld.type, say("punct.parens", lang, text=fld.label.get(lang)))


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

    data = deal.model_dump(exclude_none=True, exclude_defaults=True)  # a rep leaves out what defaults
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
    deal = example_deal(pb, lang)
    v = judge(pb, deal, "example.yaml", today=_dt.date(2026, 11, 27))
    return [f"## {t('example', lang)}", "", t("example_body", lang, claimed=v.claimed), "",
            "```yaml", example_yaml(deal).rstrip(), "```", "",
            verdict_markdown(v, pb, lang, heading=False, limit=8), ""]
