"""One page per tool form: purpose and fields."""

from __future__ import annotations

from ..model import Form, Lang, Playbook
from . import paths
from .labels import field_type, label
from .md import colon, link, listing, t
from .stage_page import stage_nav_title


def render_form(pb: Playbook, form: Form, lang: Lang, available: set[str]) -> str:
    here = paths.form(form.id)
    out = [f"# {t(form.name, lang)}", "", f"## {label('purpose', lang)}", "", t(form.purpose, lang), ""]
    if form.repeatable:
        out += [label("repeatable", lang), ""]
    used = [s for s in pb.stages if form.id in s.tools]
    if used:
        out += [label("used_in", lang) + colon(lang)
                + listing([f"[{stage_nav_title(s, lang)}]({link(here, paths.stage(s.id))})" for s in used], lang), ""]

    # One list entry per field, not a table: four columns do not fit a phone's width.
    out += [f"## {label('fields', lang)}", ""]
    for f in form.fields:
        kind = field_type(f.type, lang)
        if f.choices:
            kind += colon(lang) + " / ".join(t(c.label, lang) for c in f.choices)
        if f.required_from:
            stage = pb.stage(f.required_from)
            required = label("required_from_stage", lang,
                             stage=f"[{stage_nav_title(stage, lang)}]({link(here, paths.stage(stage.id))})")
        else:
            required = label("optional", lang)
        lines = [f"**{t(f.label, lang)}**{{ #field-{f.id} }}", f"{kind} · {required}"]
        if f.help:
            lines.append(t(f.help, lang))
        out += ["- " + "  \n  ".join(lines), ""]

    if paths.blank_form(form.id) in available:
        out += [f"[{label('blank_form', lang)}]({link(here, paths.blank_form(form.id))})"
                "{ .md-button .md-button--primary }", ""]
    return "\n".join(out).rstrip() + "\n"
