"""One stage's checklist sheet: what a rep ticks on paper or on the phone.

The rows come from `Stage.items()` groups in the model, so the sheet, the deal file's `done:`
ids and the validator always agree. A stage whose items differ by procurement-mode family has
one sheet per family (`families.variants`), each with only the items of that family's variant.
On the stage's own page the boxes are real, labelled checkboxes (kept in the phone's storage by
checklist.js); on the print-all page they are plain boxes to tick by hand.

On paper each row has room to write the day it was done and the evidence seen, and the stage's
red lines print in a marked box with their legal basis. Paper-only parts (the blanks for the
deal, the writing room, the manager's remarks and signature) carry `pb-print-only`: the phone
opens with the boxes to tick.
"""

from __future__ import annotations

import re

from ...model import CONDITION_GROUPS, Item, Lang, Playbook, RedLine, Stage
from ...words import say
from ..families import applies, family_modes, scope_names
from ..md import colon, listing
from .html import blank, esc, inline, plain, print_button, sheet_top


def stage_title(stage: Stage, lang: Lang) -> str:
    """`第 1 阶段 · 客户规划与电话邀约` (the sheet's heading and the fragment's comment)."""
    return say("sheet.stage_title", lang, n=stage.number, name=stage.name.get(lang))


_RULES = {"milestone": "method.milestone_rule", "success_criteria": "method.success_rule"}


def group_heading(kind: str, lang: Lang) -> str:
    """A group's heading on paper, in the method's terms; the milestone and success headings
    carry their rule, since no page around them explains it."""
    name = say(f"method.group.{kind}", lang)
    rule = _RULES.get(kind)
    return name + colon(lang) + say(rule, lang) if rule else name


def _group_heading_html(kind: str, lang: Lang) -> str:
    """`group_heading` as HTML: the rule, when there is one, set apart from the group's name."""
    name = esc(say(f"method.group.{kind}", lang))
    rule = _RULES.get(kind)
    return f'{name}{esc(colon(lang))}<span class="pb-rule">{esc(say(rule, lang))}</span>' if rule else name


def family_name(playbook: Playbook, family: str | None, lang: Lang) -> str:
    """The name of a procurement-mode family (`招标与询价`), '' for a sheet of every mode."""
    if family is None or playbook.procurement is None:
        return ""
    return next(f.name.get(lang) for f in playbook.procurement.families if f.id == family)


def stage_sheet(playbook: Playbook, stage: Stage, lang: Lang, *, interactive: bool, level: int = 1,
                family: str | None = None) -> str:
    """The checklist of `stage` as one HTML block; `level` is the heading level of its title.
    With `family`, only the items (and red lines) of that family's variant of the stage."""
    h = _Headings(level)
    cs = playbook.customer_stage(stage.customer_stage)
    fam = family_name(playbook, family, lang)
    heading = f'{esc(stage_title(stage, lang))} <span class="pb-kind">{esc(say("sheet.checklist", lang))}</span>'
    if fam:
        heading += f' <span class="pb-family">{esc(say("sheet.family", lang, family=fam))}</span>'
    stage_of_customer = f'{esc(say("method.customer_stage", lang))}{esc(colon(lang))}{cs.number} {plain(cs.name, lang)}'
    # on the phone, ticks go into the rep's current deal (my deals): the page says which one
    deal_line = ""
    if interactive:
        words = {k: say(f"sheet.{k}", lang, name="{name}") for k in ("recording_into", "first_deal", "open_deals")}
        deal_line = ('<p class="pb-deal-line pb-no-print" role="status" '
                     + " ".join(f'data-pb-msg-{k.replace("_", "-")}="{esc(v)}"' for k, v in words.items()) + "></p>")
    parts = [
        f'<div class="pb-sheet pb-checklist" data-pb-stage="{esc(stage.id)}" data-pb-customer-stage="{esc(cs.id)}"'
        + (f' data-pb-family="{esc(family)}"' if family else "")
        # a checklist page is served at checklists/<name>/: my deals is two folders up
        + (' data-pb-interactive="1" data-pb-deals="../../deals/"' if interactive else "") + ">",
        '<div class="pb-sheet-head">',
        sheet_top(playbook, lang, stage_of_customer),
        h.tag(0, heading, "pb-sheet-heading"),
        deal_line,
        '<div class="pb-blanks pb-print-only">'
        + "".join(blank(say("sheet." + k, lang)) for k in ("deal", "customer", "rep", "date"))
        + "</div>",
        "</div>",
    ]

    # over the rows' writing room, once, the names of its two columns
    cols = ('<p class="pb-cols pb-print-only" aria-hidden="true">'
            f'<span class="pb-col-date">{esc(say("sheet.done_on", lang))}</span>'
            f'<span class="pb-col-evidence">{esc(say("sheet.evidence_seen", lang))}</span></p>')
    conditions_open = False
    for kind, all_items in stage.groups():
        items = [i for i in all_items if applies(playbook, i, family)]
        if not items:
            continue
        if kind in CONDITION_GROUPS:
            head = h.tag(2, _group_heading_html(kind, lang))
            if not conditions_open:
                # "Stage conditions" heads the four groups; on paper it shares its first group's line
                parts.append('<div class="pb-conditions">')
                head = h.tag(1, esc(say("method.conditions", lang)), "pb-conditions-heading") + head
                conditions_open = True
        else:
            head = h.tag(1, _group_heading_html(kind, lang))
        parts.append(_group(f'<div class="pb-group-head">{head}{cols}</div>', items, playbook, lang, interactive, family, kind))
        cols = ""
    if conditions_open:
        parts.append("</div>")

    red_lines = [r for r in stage.red_lines if applies(playbook, r, family)]
    if red_lines:
        parts.append(_red_lines(red_lines, playbook, lang, family, h))
    if interactive:
        parts.append(_fragment_tools(playbook, stage, lang, family))
    # the manager's remarks run on into the line that ends with the signature and the date
    parts.append(
        '<div class="pb-manager pb-print-only">'
        + blank(say("sheet.manager", lang), "pb-manager-label")
        + '<div class="pb-blanks pb-sign"><span class="pb-line"></span>'
        + blank(say("sheet.signature", lang)) + blank(say("sheet.date", lang))
        + "</div></div>"
    )
    parts.append("</div>")
    return "\n".join(parts)


def scope_tag(playbook: Playbook, item: Item | RedLine, family: str | None, lang: Lang) -> str:
    """The modes an item (or red line) is limited to, as the sheet names them: on a family's
    variant only the modes of that family it is limited to (nothing when it applies to all of
    them); on a sheet of every mode the modes or families of its scope. '' for no limit."""
    if item.modes is None or playbook.procurement is None:
        return ""
    if family is None:
        names = scope_names(playbook, item, lang)
    else:
        modes = family_modes(playbook, family)
        covered = playbook.mode_ids(item.modes) & modes
        if covered == modes:
            return ""
        names = [m.name.get(lang) for m in playbook.procurement.modes if m.id in covered]
    return say("sheet.only_modes", lang, modes=listing(names, lang)) if names else ""


class _Headings:
    """Heading tags relative to the sheet's own level (h1 on a stage page, h2 on the all page),
    so the outline never skips a level."""

    def __init__(self, level: int) -> None:
        self.level = level

    def tag(self, depth: int, html: str, cls: str = "pb-group-heading") -> str:
        n = min(self.level + depth, 6)
        return f'<h{n} class="{cls}">{html}</h{n}>'


def _group(heading: str, items: list[Item], playbook: Playbook, lang: Lang, interactive: bool,
           family: str | None, kind: str) -> str:
    cls = f"pb-group pb-group-{kind}"
    rows = "\n".join(_row(item, playbook, lang, interactive, family) for item in items)
    return f'<div class="{cls}">{heading}\n<ul class="pb-items">\n{rows}\n</ul></div>'


# On paper, right of each row: a short line for the day it was done, a longer one for the
# evidence seen (the columns are named once, above the first group).
_WRITE = ('<span class="pb-write-room pb-print-only" aria-hidden="true">'
          '<span class="pb-write-date"></span><span class="pb-write-evidence"></span></span>')


def _row(item: Item, playbook: Playbook, lang: Lang, interactive: bool, family: str | None) -> str:
    """One item: its box, its text, notes and id, and (on paper) the room to write in."""
    body = (
        f'<span class="pb-item-body"><span class="pb-item-text">{inline(item.text, lang)}</span>'
        f'{_notes(item, playbook, lang, family)}<code class="pb-id">{esc(item.id)}</code></span>{_WRITE}'
    )
    if interactive:
        box = f'<input type="checkbox" class="pb-check" id="pb-{esc(item.id)}" data-pb-item="{esc(item.id)}">'
        return f'<li class="pb-item"><label class="pb-row" for="pb-{esc(item.id)}">{box}{body}</label></li>'
    return f'<li class="pb-item"><span class="pb-row"><span class="pb-check pb-box" aria-hidden="true"></span>{body}</span></li>'


def _red_lines(red_lines: list[RedLine], playbook: Playbook, lang: Lang, family: str | None, h: "_Headings") -> str:
    """The stage's red lines in a marked box, each with the law (or company rule) behind it."""
    rows = []
    for r in red_lines:
        tag = scope_tag(playbook, r, family, lang)
        rows.append(
            f'<li class="pb-red-line"><span class="pb-red-text">{inline(r.text, lang)}</span>'
            + (f' <span class="pb-tag pb-scope">{esc(tag)}</span>' if tag else "")
            + f' <span class="pb-basis">{esc(say("sheet.basis", lang, basis=r.basis.get(lang)))}</span></li>'
        )
    return (f'<div class="pb-red-lines">{h.tag(1, esc(say("sheet.red_lines", lang)), "pb-red-heading")}'
            f'<ul class="pb-red-list">\n' + "\n".join(rows) + "\n</ul></div>")


def _notes(item: Item, playbook: Playbook, lang: Lang, family: str | None) -> str:
    """The small line under an item: its evidence, the form fields it needs, whom it is with."""
    notes = []
    tag = scope_tag(playbook, item, family, lang)
    if tag:
        notes.append(f'<span class="pb-tag pb-scope">{esc(tag)}</span>')
    if getattr(item, "commitment", False):
        notes.append(f'<span class="pb-tag pb-commitment">{esc(say("method.commitment", lang))}</span>')
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
        notes.append(f'<span class="pb-note-label">{esc(say("sheet.from_form", lang))}</span>' + _field_names(fields, playbook, lang))
    if item.evidence is not None:
        notes.append(f'<span class="pb-note-label">{esc(say("method.evidence", lang) + colon(lang))}</span>{inline(item.evidence, lang)}')
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


def fragment_head(playbook: Playbook, stage: Stage, lang: Lang, family: str | None = None) -> str:
    """The fragment's first line, a YAML comment: `<title> <version> · <stage>[ · <family>]`.
    Always one line, whatever the texts hold: a line break would end the comment and put the
    rest of the title into the deal file as YAML."""
    head = f"{playbook.meta.title.get(lang)} {playbook.meta.version} · {stage_title(stage, lang)}"
    if family:
        head += f" · {family_name(playbook, family, lang)}"
    return _LINE_BREAKS.sub(" ", head)


def _fragment_tools(playbook: Playbook, stage: Stage, lang: Lang, family: str | None) -> str:
    """The phone's tools: turn the ticks into the deal file's `done:` block, to copy or download;
    clear the ticks (with an undo); print the sheet."""
    head = fragment_head(playbook, stage, lang, family)
    out_id = f"pb-fragment-{stage.id}"
    # the script fills in `{n}` itself
    msgs = {k: say(f"sheet.{k}", lang, n="{n}") for k in ("nothing_ticked", "copied", "copy_failed", "ticked_count", "cleared", "restored")}
    data = " ".join(f'data-pb-msg-{k.replace("_", "-")}="{esc(v)}"' for k, v in msgs.items())
    name = f"{stage.id}-{family}-done.yaml" if family else f"{stage.id}-done.yaml"
    return (
        f'<div class="pb-tools pb-no-print" data-pb-fragment-head="{esc(head)}" data-pb-file="{esc(name)}" {data}>'
        f'<p class="pb-hint">{esc(say("sheet.tools_hint", lang))}</p>'
        '<p class="pb-actions">'
        f'<button type="button" class="pb-button" data-pb-action="fragment">{esc(say("sheet.make_fragment", lang))}</button> '
        f'<button type="button" class="pb-button" data-pb-action="clear">{esc(say("sheet.clear", lang))}</button> '
        f'<button type="button" class="pb-button" data-pb-action="undo" hidden>{esc(say("sheet.undo", lang))}</button> '
        f'{print_button(say("sheet.print", lang))}'
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
