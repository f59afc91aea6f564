"""Blank tool forms to print and fill in by hand.

Each field gets its label and room to write sized by its type: one line for a phone number,
ruled lines for long text, boxes for choices. Forms a deal holds many of (a call log) print
several entries, as many as fit on one A4 page.
"""

from __future__ import annotations

from ...model import Form, FormField, Lang, Playbook
from ...words import say
from ..md import parens
from .html import blank, esc, inline, plain, print_button, ruled_lines, sheet_top

LONG_TEXT_LINES = 3
PAGE_MM = 240
"""Room for entries on an A4 page under the form's header (A4 less margins and header)."""
MAX_ENTRIES = 6

_SHORT_TYPES = {"date", "number", "money", "phone", "yes_no"}


def form_title(form: Form, lang: Lang) -> str:
    return form.name.get(lang)


def blank_form(playbook: Playbook, form: Form, lang: Lang) -> str:
    """The blank of `form` as one HTML block."""
    entries = entry_count(form)
    parts = [
        f'<div class="pb-sheet pb-form" data-pb-form="{esc(form.id)}">',
        '<div class="pb-sheet-head">',
        sheet_top(playbook, lang),
        f'<h1 class="pb-sheet-heading">{plain(form.name, lang)} <span class="pb-kind">{esc(say("sheet.blank_form", lang))}</span></h1>',
        f'<p class="pb-sheet-sub">{esc(say("sheet.form_purpose", lang))}{inline(form.purpose, lang)}</p>',
        '<div class="pb-blanks">'
        + "".join(blank(say("sheet." + k, lang)) for k in ("deal", "customer", "filled_by", "date"))
        + "</div>",
        "</div>",
        f'<p class="pb-no-print pb-actions">{print_button(say("sheet.print", lang))}</p>',
    ]
    for n in range(1, entries + 1):
        heading = f'<p class="pb-entry-label">{esc(say("sheet.entry_n", lang, n=n))}</p>' if form.repeatable else ""
        fields = "\n".join(_field(playbook, f, lang) for f in form.fields)
        cls = "pb-entry pb-repeat" if form.repeatable else "pb-entry"  # a repeated entry is never split
        parts.append(f'<div class="{cls}">{heading}<div class="pb-fields">\n{fields}\n</div></div>')
    parts.append("</div>")
    return "\n".join(parts)


def entry_count(form: Form) -> int:
    """One entry for a plain form; for a repeatable one, as many as fit on one page."""
    if not form.repeatable:
        return 1
    return max(1, min(MAX_ENTRIES, int(PAGE_MM // entry_height_mm(form))))


def entry_height_mm(form: Form) -> float:
    """A rough printed height of one entry: two short fields side by side share a row."""
    rows: list[float] = []
    pending_short = False
    for f in form.fields:
        height = _field_height_mm(f)
        if f.type in _SHORT_TYPES and pending_short:
            rows[-1] = max(rows[-1], height)
            pending_short = False
            continue
        rows.append(height)
        pending_short = f.type in _SHORT_TYPES
    return 10 + sum(h + 1.5 for h in rows)  # + the entry's label and margins; 1.5 mm between rows


def _field_height_mm(field: FormField) -> float:
    head = 4.5 + (3.5 if field.help else 0)
    if field.type == "long_text":
        return head + LONG_TEXT_LINES * 7
    if field.type in ("choice", "multi_choice"):
        return head + 6 * (1 + len(field.choices) // 5)
    return head + 7


def _field(playbook: Playbook, field: FormField, lang: Lang) -> str:
    wide = field.type not in _SHORT_TYPES
    notes = []
    if field.type == "choice":
        notes.append(say("sheet.pick_one", lang))
    elif field.type == "multi_choice":
        notes.append(say("sheet.pick_any", lang))
    if field.required_from:
        stage = next((s for s in playbook.stages if s.id == field.required_from), None)
        if stage is not None:
            notes.append(say("method.required_from", lang, n=stage.number))
    sep = say("punct.semicolon", lang)
    note = f' <span class="pb-field-note">{esc(parens(sep.join(notes), lang))}</span>' if notes else ""
    help_ = f'<span class="pb-field-help">{inline(field.help, lang)}</span>' if field.help else ""
    label = f'<span class="pb-field-label">{plain(field.label, lang)}</span>{note}{help_}'
    cls = f"pb-field pb-type-{field.type.replace('_', '-')}" + (" pb-field-wide" if wide else "")
    return f'<div class="{cls}" data-pb-field="{esc(field.id)}"><div class="pb-field-head">{label}</div>{_room(field, lang)}</div>'


def _room(field: FormField, lang: Lang) -> str:
    """The room to write in, by the field's type."""
    t = field.type
    if t == "long_text":
        return ruled_lines(LONG_TEXT_LINES)
    if t in ("choice", "multi_choice"):
        shape = "pb-round" if t == "choice" else ""
        return '<div class="pb-choices">' + "".join(
            f'<span class="pb-choice"><span class="pb-box {shape}" aria-hidden="true"></span>{plain(c.label, lang)}</span>'
            for c in field.choices
        ) + "</div>"
    if t == "yes_no":
        return '<div class="pb-choices">' + "".join(
            f'<span class="pb-choice"><span class="pb-box" aria-hidden="true"></span>{esc(say("sheet." + k, lang))}</span>'
            for k in ("yes", "no")
        ) + "</div>"
    if t == "person":
        own = field.label.get(lang)  # a field labelled 姓名 needs no second 姓名 on its line
        return '<div class="pb-blanks pb-person">' + "".join(
            blank("" if say("sheet." + k, lang) == own else say("sheet." + k, lang)) for k in ("person_name", "person_title", "person_phone")
        ) + "</div>"
    if t == "date":
        # year, month and day each on its own short line: 年/月/日 after them, or - between them
        after = say("sheet.date_after", lang).split("|")
        return '<div class="pb-date">' + "".join(
            f'<span class="pb-line pb-{part}"></span><span class="pb-date-sep">{esc(a)}</span>'
            for part, a in zip(("year", "month", "day"), after)
        ) + "</div>"
    if t == "money":
        unit = say("sheet.money_unit", lang)
        return f'<div class="pb-write pb-short"><span class="pb-line"></span><span class="pb-unit">{esc(unit)}</span></div>'
    if t in ("number", "phone"):
        return '<div class="pb-write pb-short"><span class="pb-line"></span></div>'
    return '<div class="pb-write"><span class="pb-line"></span></div>'  # text, email
