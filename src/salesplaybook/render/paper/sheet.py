"""One stage's checklist sheet: what a rep ticks on paper or on the phone.

The rows come from `Stage.items()` groups in the model, so the sheet, the deal file's `done:`
ids and the validator always agree. On the stage's own page the boxes are real, labelled
checkboxes (kept in the phone's storage by checklist.js); on the print-all page they are plain
boxes to tick by hand.
"""

from __future__ import annotations

import re

from ...model import CONDITION_GROUPS, Item, Lang, Playbook, Stage
from ...words import say
from ..md import colon, listing
from .html import blank, esc, inline, plain, print_button, ruled_lines, sheet_top


def stage_title(stage: Stage, lang: Lang) -> str:
    """`第 1 阶段 · 客户规划与电话邀约` (the sheet's heading and the fragment's comment)."""
    return say("sheet.stage_title", lang, n=stage.number, name=stage.name.get(lang))


def group_heading(kind: str, lang: Lang) -> str:
    """A group's heading on paper, in the method's terms; the milestone and success headings
    carry their rule, since no page around them explains it."""
    name = say(f"method.group.{kind}", lang)
    rule = {"milestone": "method.milestone_rule", "success_criteria": "method.success_rule"}.get(kind)
    return name + colon(lang) + say(rule, lang) if rule else name


def stage_sheet(playbook: Playbook, stage: Stage, lang: Lang, *, interactive: bool, level: int = 1) -> str:
    """The checklist of `stage` as one HTML block; `level` is the heading level of its title."""
    h = _Headings(level)
    cs = playbook.customer_stage(stage.customer_stage)
    parts = [
        f'<div class="pb-sheet pb-checklist" data-pb-stage="{esc(stage.id)}"'
        + (' data-pb-interactive="1"' if interactive else "") + ">",
        '<div class="pb-sheet-head">',
        sheet_top(playbook, lang),
        h.tag(0, f'{esc(stage_title(stage, lang))} <span class="pb-kind">{esc(say("sheet.checklist", lang))}</span>', "pb-sheet-heading"),
        f'<p class="pb-sheet-sub">{esc(say("method.customer_stage", lang))}{esc(colon(lang))}{cs.number} {plain(cs.name, lang)}</p>',
        '<div class="pb-blanks">'
        + "".join(blank(say("sheet." + k, lang)) for k in ("deal", "customer", "rep", "date"))
        + "</div>",
        "</div>",
    ]
    if interactive:
        parts.append(f'<p class="pb-no-print pb-actions">{print_button(say("sheet.print", lang))}</p>')

    conditions_open = False
    for kind, items in stage.groups():
        if kind in CONDITION_GROUPS:
            if not conditions_open:
                parts.append(f'<div class="pb-conditions">{h.tag(1, esc(say("method.conditions", lang)), "pb-conditions-heading")}')
                conditions_open = True
            parts.append(_group(h.tag(2, esc(group_heading(kind, lang))), items, playbook, lang, interactive, kind))
        else:
            parts.append(_group(h.tag(1, esc(group_heading(kind, lang))), items, playbook, lang, interactive))
    if conditions_open:
        parts.append("</div>")

    if interactive:
        parts.append(_fragment_tools(playbook, stage, lang))
    parts.append(
        '<div class="pb-manager">'
        + blank(say("sheet.manager", lang), "pb-manager-label")
        + ruled_lines(2)
        + '<div class="pb-blanks pb-sign">'
        + blank(say("sheet.signature", lang), "pb-wide") + blank(say("sheet.date", lang))
        + "</div></div>"
    )
    parts.append("</div>")
    return "\n".join(parts)


class _Headings:
    """Heading tags relative to the sheet's own level (h1 on a stage page, h2 on the all page),
    so the outline never skips a level."""

    def __init__(self, level: int) -> None:
        self.level = level

    def tag(self, depth: int, html: str, cls: str = "pb-group-heading") -> str:
        n = min(self.level + depth, 6)
        return f'<h{n} class="{cls}">{html}</h{n}>'


def _group(heading: str, items: list[Item], playbook: Playbook, lang: Lang, interactive: bool, kind: str = "") -> str:
    cls = f"pb-group pb-group-{kind}" if kind else "pb-group"
    rows = "\n".join(_row(item, playbook, lang, interactive) for item in items)
    return f'<div class="{cls}">{heading}\n<ul class="pb-items">\n{rows}\n</ul></div>'


def _row(item: Item, playbook: Playbook, lang: Lang, interactive: bool) -> str:
    body = (
        f'<span class="pb-item-body"><span class="pb-item-text">{inline(item.text, lang)}</span>'
        f'{_notes(item, playbook, lang)}<code class="pb-id">{esc(item.id)}</code></span>'
    )
    if interactive:
        box = f'<input type="checkbox" class="pb-check" id="pb-{esc(item.id)}" data-pb-item="{esc(item.id)}">'
        return f'<li class="pb-item"><label class="pb-row" for="pb-{esc(item.id)}">{box}{body}</label></li>'
    return f'<li class="pb-item"><span class="pb-row"><span class="pb-check pb-box" aria-hidden="true"></span>{body}</span></li>'


def _notes(item: Item, playbook: Playbook, lang: Lang) -> str:
    """The small line under an item: its evidence, the form fields it needs, whom it is with."""
    notes = []
    if getattr(item, "commitment", False):
        notes.append(f'<span class="pb-tag">{esc(say("method.commitment", lang))}</span>')
    level = getattr(item, "level", None)
    if level is not None:
        rel = playbook.relationship
        names = [t.name.get(lang) for t in rel.levels if t.id == level]
        names += [t.name.get(lang) for t in rel.contents if t.id == item.content]  # type: ignore[attr-defined]
        people = [r.name.get(lang) for r in playbook.roles if r.id in item.people]  # type: ignore[attr-defined]
        text = " × ".join(names)
        if people:
            text += f" · {say('method.with_whom', lang)}{colon(lang)}{listing(people, lang)}"
        notes.append(esc(text))
    fields = getattr(item, "fields", None)
    if fields:
        notes.append(esc(say("sheet.from_form", lang)) + _field_names(fields, playbook, lang))
    if item.evidence is not None:
        notes.append(f'{esc(say("method.evidence", lang) + colon(lang))}{inline(item.evidence, lang)}')
    return "".join(f'<span class="pb-note">{n}</span>' for n in notes)


def _field_names(refs: list[str], playbook: Playbook, lang: Lang) -> str:
    """`客户基本信息：客户名称、行业` — fields grouped by their form, in the order named."""
    by_form: dict[str, list[str]] = {}
    for ref in refs:
        form, field = playbook.field(ref)
        by_form.setdefault(form.name.get(lang), []).append(field.label.get(lang))
    return say("punct.semicolon", lang).join(
        f"{esc(form)}{colon(lang)}{esc(listing(labels, lang))}" for form, labels in by_form.items()
    )


# Every character a YAML reader or an editor takes as the end of a line (the same set the
# model refuses in one-line texts, and checklist.js strips again before writing the fragment).
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x85\u2028\u2029]+")


def fragment_head(playbook: Playbook, stage: Stage, lang: Lang) -> str:
    """The fragment's first line, a YAML comment: `<title> <version> · <stage>`. Always one
    line, whatever the texts hold: a line break would end the comment and put the rest of
    the title into the deal file as YAML."""
    head = f"{playbook.meta.title.get(lang)} {playbook.meta.version} · {stage_title(stage, lang)}"
    return _LINE_BREAKS.sub(" ", head)


def _fragment_tools(playbook: Playbook, stage: Stage, lang: Lang) -> str:
    """The phone's tools: turn the ticks into the deal file's `done:` block, to copy or download."""
    head = fragment_head(playbook, stage, lang)
    out_id = f"pb-fragment-{stage.id}"
    # the script fills in `{n}` itself
    msgs = {k: say(f"sheet.{k}", lang, n="{n}") for k in ("nothing_ticked", "copied", "copy_failed", "ticked_count")}
    data = " ".join(f'data-pb-msg-{k.replace("_", "-")}="{esc(v)}"' for k, v in msgs.items())
    return (
        f'<div class="pb-tools pb-no-print" data-pb-fragment-head="{esc(head)}" data-pb-file="{esc(stage.id)}-done.yaml" {data}>'
        f'<p class="pb-hint">{esc(say("sheet.tools_hint", lang))}</p>'
        '<p class="pb-actions">'
        f'<button type="button" class="pb-button" data-pb-action="fragment">{esc(say("sheet.make_fragment", lang))}</button> '
        f'<button type="button" class="pb-button" data-pb-action="clear">{esc(say("sheet.clear", lang))}</button>'
        "</p>"
        '<p class="pb-status" role="status" aria-live="polite"></p>'
        '<div class="pb-output" hidden>'
        f'<label for="{out_id}">{esc(say("sheet.fragment", lang))}</label>'
        f'<textarea id="{out_id}" class="pb-fragment" rows="8" wrap="off" readonly spellcheck="false"></textarea>'
        '<p class="pb-actions">'
        f'<button type="button" class="pb-button" data-pb-action="copy">{esc(say("sheet.copy", lang))}</button> '
        f'<button type="button" class="pb-button" data-pb-action="download">{esc(say("sheet.download", lang))}</button>'
        "</p></div></div>"
    )
