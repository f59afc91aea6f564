"""A blank deal file for a stage (`playbook blank STAGE`), listing every id with its text.

Done items are written as comments: the file loads as it is, and a rep removes the `# ` of
each item done and fills in the date and evidence. The groups, their names and the form
fields come from the model and the catalogue, as on the site and the printed sheets.
"""

from __future__ import annotations

from .model import Lang, Playbook, Stage
from .words import say

SCHEMA_COMMENT = "# yaml-language-server: $schema={ref}"
"""The first line: editors that speak the YAML language server read the schema it names."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def blank_deal(pb: Playbook, stage: Stage, lang: Lang, schema_ref: str, mode: str | None = None) -> str:
    """The blank file's text; `schema_ref` is where the deal file's JSON Schema is, as seen from
    the file (a relative path, or a `file://` URL). With procurement modes, the file states
    `mode` (else the playbook's default) and lists only the items of that mode."""
    numbers = {s.id: s.number for s in pb.stages}
    customer = pb.customer_stage(stage.customer_stage)
    todo = say("deal_file.to_fill", lang)
    lines = [SCHEMA_COMMENT.format(ref=schema_ref),
             "# " + say("deal_file.head", lang, n=stage.number, name=_one_line(stage.name.get(lang))), "deal:"]
    for key, value in (("id", "new-deal"), ("name", todo), ("customer", todo), ("rep", todo)):
        lines.append(f"  {key}: {value}  # {say('deal_file.note.' + key, lang)}")
    choices = ", ".join(f"{c.number} {c.id}" for c in pb.customer_stages)
    if pb.procurement is not None:
        mode = mode or pb.procurement.default_mode
        modes = ", ".join(m.id for m in pb.procurement.modes)
        lines.append(f"procurement_mode: {mode}  # {say('deal_file.procurement_mode', lang)} {modes}")
    lines.append(f"customer_stage: {customer.id}  # {say('deal_file.customer_stage', lang)} {choices}")
    lines.append(f"claimed_stage: {stage.id}  # {say('deal_file.claimed_stage', lang)}")
    lines.append("done:")
    evidence = say("method.evidence", lang)
    for s in pb.stages[: stage.number]:
        lines.append(f"  # --- {s.number} {_one_line(s.name.get(lang))} ---")
        for kind, items in s.groups():
            lines.append(f"  # {say('method.group.' + kind, lang)}")
            for item in items:
                if mode is not None and not item.applies_to(mode, pb):
                    continue
                note = _one_line(item.text.get(lang))
                if item.evidence is not None:
                    note += say("punct.aside", lang, text=f"{evidence}{say('punct.colon', lang)}{_one_line(item.evidence.get(lang))}")
                lines.append(f"  # {item.id}: {{date: YYYY-MM-DD, evidence: \"\"}}  # {note}")
    lines.append("forms:")
    wanted = {form_id for s in pb.stages[: stage.number] for form_id in s.tools}
    for form in pb.forms:
        required = [f for f in form.fields if f.required_from and numbers.get(f.required_from, 99) <= stage.number]
        if form.id not in wanted and not required:
            continue
        note = _one_line(form.name.get(lang)) + (say("punct.aside", lang, text=say("deal_file.repeatable", lang))
                                                 if form.repeatable else "")
        lines.append(f"  {form.id}:  # {note}")
        indent = "    - " if form.repeatable else "    "
        for i, fld in enumerate(form.fields):
            prefix = indent if i == 0 else "    " + ("  " if form.repeatable else "")
            about = say(f"site.field_type.{fld.type}", lang)
            if fld.choices:
                about += say("punct.colon", lang) + " | ".join(c.id for c in fld.choices)
            if fld.required_from:
                about += say("punct.semicolon", lang) + say("method.required_from", lang, n=numbers.get(fld.required_from, "?"))
            lines.append(f"{prefix}{fld.id}:  # {_one_line(fld.label.get(lang))}{say('punct.aside', lang, text=about)}")
    return "\n".join(lines) + "\n"
