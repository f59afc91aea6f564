"""One page per tool form: purpose and fields."""

from __future__ import annotations

from ...model import Form, Lang, Playbook
from ...words import say
from .. import paths
from ..md import colon, link, listing, stage_nav_title, t


def render_form(pb: Playbook, form: Form, lang: Lang, available: set[str]) -> str:
    here = paths.form(form.id)
    out = [f"# {t(form.name, lang)}", "", f"## {say('site.purpose', lang)}", "", t(form.purpose, lang), ""]
    if form.repeatable:
        out += [say("site.repeatable", lang), ""]
    used = [s for s in pb.stages if form.id in s.tools]
    if used:
        out += [say("site.used_in", lang) + colon(lang)
                + listing([f"[{stage_nav_title(s, lang)}]({link(here, paths.stage(s.id))})" for s in used], lang), ""]

    # One list entry per field, not a table: four columns do not fit a phone's width. Each
    # field shows the key a deal file writes it under and the values it takes, so a rep
    # editing YAML needs no other reference.
    out += [f"## {say('site.fields', lang)}", "",
            say("site.deal_file_key_repeatable" if form.repeatable else "site.deal_file_key", lang, form=form.id), ""]
    for f in form.fields:
        kind = say(f"site.field_type.{f.type}", lang)
        if f.choices:
            kind += colon(lang) + " / ".join(f"`{c.id}` {t(c.label, lang)}" for c in f.choices)
        if f.required_from:
            stage = pb.stage(f.required_from)
            required = f"[{say('method.required_from', lang, n=stage.number)}]({link(here, paths.stage(stage.id))})"
        else:
            required = say("site.optional", lang)
        lines = [f"**{t(f.label, lang)}**{{ #field-{f.id} }}", f"`{f.id}` · {kind} · {required}"]
        if f.help:
            lines.append(t(f.help, lang))
        out += ["- " + "  \n  ".join(lines), ""]

    if paths.blank_form(form.id) in available:
        out += [f"[{say('site.blank_form', lang)}]({link(here, paths.blank_form(form.id))})"
                "{ .md-button .md-button--primary }", ""]
    return "\n".join(out).rstrip() + "\n"
