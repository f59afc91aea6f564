"""Blank tool forms to print and fill in by hand.

Each field gets its label and room to write sized by its type: one line for a phone number,
ruled lines for long text, boxes for choices. A form a deal holds many of (a call log, the
contacts) prints as a table on landscape A4: one column per field, its label once in the
header, one row per entry, as many rows as fit on the page. A form with more fields than one
line holds gives each entry two lines. The choices of a choice field are lettered in a key
under the table, and a cell holds the letters to circle.
"""

from __future__ import annotations

import math

from ...model import Form, FormField, Lang, Playbook
from ...words import say
from ..md import colon, listing, parens
from .html import blank, esc, inline, plain, print_button, ruled_lines, sheet_top

LONG_TEXT_LINES = 3

_SHORT_TYPES = {"date", "number", "money", "phone", "yes_no"}

# A repeatable form's table on landscape A4 (297 x 210 mm less the margins of checklist.css's
# `pb-wide` page): the rows that fit under the sheet's head, the table's header and the key.
WIDE_ROOM_MM = 210 - 15
WIDE_WIDTH_MM = 297 - 20
HEAD_MM = 27
SPARE_MM = 6
"""Room kept free at the foot of the page: the estimate of the key's height is rough."""
LINE_MM = 10.0
LINE_MM_LONG = 15.0
"""The height of one line of an entry (checklist.css `.pb-cells`): taller with a long text."""
HEAD_LINE_MM = 11.0
"""The height of one line of the table's header: the labels and their notes."""
NO_MM = 7.0
"""The entry number's column."""
MIN_ROWS = 3
MAX_ROWS = 8
_KEY_LINE_MM = 3.7
KEY_GAP_MM = 8
"""The gap between the key's two columns (checklist.css `.pb-keys`)."""
_KEY_CHAR_MM = {"zh": 2.85}
"""How wide one character of the key prints (8 pt): a Chinese one, else a Latin one on average."""
_LATIN_CHAR_MM = 1.4


def form_title(form: Form, lang: Lang) -> str:
    return form.name.get(lang)


def blank_form(playbook: Playbook, form: Form, lang: Lang) -> str:
    """The blank of `form` as one HTML block."""
    cls = "pb-sheet pb-form pb-form-table" if form.repeatable else "pb-sheet pb-form"
    parts = [
        f'<div class="{cls}" data-pb-form="{esc(form.id)}">',
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
    if form.repeatable:
        parts.append(_table(playbook, form, lang))
    else:
        fields = "\n".join(_field(playbook, f, lang) for f in form.fields)
        parts.append(f'<div class="pb-entry"><div class="pb-fields">\n{fields}\n</div></div>')
    parts.append("</div>")
    return "\n".join(parts)


def entry_count(form: Form, lang: Lang = "zh") -> int:
    """One entry for a plain form; for a repeatable one, the table's entries that fit on one page."""
    if not form.repeatable:
        return 1
    lines = table_lines(form)
    room = WIDE_ROOM_MM - HEAD_MM - SPARE_MM - HEAD_LINE_MM * len(lines) - key_height_mm(form, lang)
    entry = sum(_line_height(line) for line in lines)
    return max(MIN_ROWS, min(MAX_ROWS, int(room // entry)))


def key_height_mm(form: Form, lang: Lang) -> float:
    """A rough printed height of the key under a repeatable form's table (in two columns)."""
    width = _KEY_CHAR_MM.get(lang, _LATIN_CHAR_MM)
    column = (WIDE_WIDTH_MM - KEY_GAP_MM) / 2
    lines = sum(math.ceil(len(_key_text(f, lang)) * width / column) for f in form.fields if _in_key(f))
    return math.ceil(lines / 2) * _KEY_LINE_MM + (5 if lines else 0)


# --- a repeatable form: one table row (or two lines) per entry ---

_WIDTH_MM = {"long_text": 34, "text": 22, "email": 26, "person": 28, "phone": 20, "date": 17,
             "money": 18, "number": 12, "yes_no": 13}
"""A column's natural width, by its field's type (choice fields: by their number of choices)."""


def table_lines(form: Form) -> list[list[FormField]]:
    """The fields of each line of an entry: one line when their natural widths fit the page,
    else two lines of about the same width."""
    fields = list(form.fields)
    widths = [_col_width(f) for f in fields]
    if sum(widths) + NO_MM <= WIDE_WIDTH_MM or len(fields) < 2:
        return [fields]
    half, run, cut = sum(widths) / 2, 0.0, 1
    for i, w in enumerate(widths):
        if run + w / 2 > half:
            cut = max(1, i)
            break
        run += w
    return [fields[:cut], fields[cut:]]


def _line_height(line: list[FormField]) -> float:
    return LINE_MM_LONG if any(f.type == "long_text" for f in line) else LINE_MM


def _letters(field: FormField) -> list[str]:
    """The letters that stand for a choice field's choices: A, B, C ..."""
    return [chr(ord("A") + i) for i in range(len(field.choices))]


def _in_key(field: FormField) -> bool:
    return bool(field.choices) or field.help is not None


def _key_text(field: FormField, lang: Lang) -> str:
    """The plain text of a field's line in the key (to estimate its height)."""
    choices = " ".join(f"{x} {c.label.get(lang)}" for x, c in zip(_letters(field), field.choices))
    return " ".join(t for t in (field.label.get(lang), choices, field.help.get(lang) if field.help else "") if t)


def _col_width(field: FormField) -> float:
    if field.choices:
        return max(17.0, 4.5 * math.ceil(len(field.choices) / 2) + 4)  # the letters in two rows at most
    return _WIDTH_MM.get(field.type, 22)


def _table(playbook: Playbook, form: Form, lang: Lang) -> str:
    lines = table_lines(form)
    styles = [f'grid-template-columns: {NO_MM:g}mm ' + " ".join(f"{_col_width(f):g}fr" for f in line) for line in lines]

    def line(cls: str, style: str, no: str, cells: list[str]) -> str:
        return f'<div class="pb-cells{cls}" style="{style}"><div class="pb-no">{no}</div>{"".join(cells)}</div>'

    head = "".join(
        line("", style, esc(say("sheet.entry_no", lang)) if i == 0 else "", [
            f'<div class="pb-th pb-type-{f.type.replace("_", "-")}" data-pb-field="{esc(f.id)}">'
            f'<span class="pb-field-label">{plain(f.label, lang)}</span>{_column_note(playbook, f, lang)}</div>'
            for f in fields])
        for i, (fields, style) in enumerate(zip(lines, styles))
    )

    def entry(n: int) -> str:
        return '<div class="pb-trow">' + "".join(
            line(" pb-tall" if _line_height(fields) == LINE_MM_LONG else "", style, str(n) if i == 0 else "",
                 [f'<div class="pb-td pb-type-{f.type.replace("_", "-")}">{_cell(f, lang)}</div>' for f in fields])
            for i, (fields, style) in enumerate(zip(lines, styles))
        ) + "</div>"

    rows = "\n".join(entry(n) for n in range(1, entry_count(form, lang) + 1))
    keys = [_key(f, lang) for f in form.fields if _in_key(f)]
    key = (f'<div class="pb-keys"><p class="pb-keys-heading">{esc(say("sheet.keys", lang))}</p>' + "".join(keys) + "</div>") if keys else ""
    two = " pb-two-lines" if len(lines) > 1 else ""
    return (
        f'<div class="pb-table-wrap" role="region" tabindex="0" aria-label="{plain(form.name, lang)}">'
        f'<div class="pb-entries{two}">\n<div class="pb-entries-head">{head}</div>\n{rows}\n</div></div>\n{key}'
    )


def _column_note(playbook: Playbook, field: FormField, lang: Lang) -> str:
    notes = []
    if field.type == "choice":
        notes.append(say("sheet.circle_one", lang))
    elif field.type == "multi_choice":
        notes.append(say("sheet.circle_any", lang))
    elif field.type == "person":
        notes.append(listing([say("sheet." + k, lang) for k in ("person_name", "person_title", "person_phone")], lang))
    notes += _required(playbook, field, lang)
    sep = say("punct.semicolon", lang)
    return f' <span class="pb-field-note">{esc(parens(sep.join(notes), lang))}</span>' if notes else ""


def _cell(field: FormField, lang: Lang) -> str:
    """What a cell holds before it is filled in: the letters or the yes/no to circle, a unit."""
    if field.choices:
        return '<span class="pb-circle">' + "".join(f"<span>{x}</span>" for x in _letters(field)) + "</span>"
    if field.type == "yes_no":
        return '<span class="pb-circle">' + "".join(f'<span>{esc(say("sheet." + k, lang))}</span>' for k in ("yes", "no")) + "</span>"
    if field.type == "money":
        return f'<span class="pb-unit">{esc(say("sheet.money_unit", lang))}</span>'
    return ""


def _key(field: FormField, lang: Lang) -> str:
    """A field's line in the key: its choices by letter, then its help."""
    parts = []
    if field.choices:
        parts.append('<span class="pb-key-choices">' + " ".join(
            f'<span class="pb-key-choice"><b>{x}</b> {plain(c.label, lang)}</span>' for x, c in zip(_letters(field), field.choices)
        ) + "</span>")
    if field.help is not None:
        parts.append(f'<span class="pb-field-help">{inline(field.help, lang)}</span>')
    return (f'<p class="pb-key" data-pb-key="{esc(field.id)}"><span class="pb-field-label">{plain(field.label, lang)}</span>'
            f"{esc(colon(lang))}" + " ".join(parts) + "</p>")


def _required(playbook: Playbook, field: FormField, lang: Lang) -> list[str]:
    if field.required_from:
        stage = next((s for s in playbook.stages if s.id == field.required_from), None)
        if stage is not None:
            return [say("method.required_from", lang, n=stage.number)]
    return []


# --- a form filled in once: one block per field ---


def _field(playbook: Playbook, field: FormField, lang: Lang) -> str:
    wide = field.type not in _SHORT_TYPES
    notes = []
    if field.type == "choice":
        notes.append(say("sheet.pick_one", lang))
    elif field.type == "multi_choice":
        notes.append(say("sheet.pick_any", lang))
    notes += _required(playbook, field, lang)
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
