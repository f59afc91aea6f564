"""The compliance page: the rules that hold in every stage, then every stage's red lines, each
with the law (or company rule) behind it; and the procurement-modes page: how customers buy,
what each mode allows, and which family of a stage's variants applies."""

from __future__ import annotations

from ...model import Lang, Playbook
from ...words import say
from .. import paths
from ..families import scope_names
from ..md import colon, link, listing, stage_nav_title, t


def render_compliance(pb: Playbook, lang: Lang) -> str:
    here = paths.COMPLIANCE
    out = [f"# {say('site.nav.compliance', lang)}", ""]
    if pb.compliance is not None:
        out += [t(pb.compliance.intro, lang), "", f"## {say('site.compliance_rules', lang)}", ""]
        for rule in pb.compliance.rules:
            out += [f"### {t(rule.title, lang)} {{ #{rule.id} }}", "", t(rule.text, lang), "",
                    f"*{say('site.basis', lang)}{colon(lang)}{t(rule.basis, lang)}*", ""]
    out += [f"## {say('site.red_lines_by_stage', lang)}", ""]
    for stage in pb.stages:
        if not stage.red_lines:
            continue
        out += [f"### [{stage_nav_title(stage, lang)}]({link(here, paths.stage(stage.id))})", ""]
        for line in stage.red_lines:
            scope = scope_names(pb, line, lang)
            tag = f" *{say('site.only_for', lang, names=listing(scope, lang))}*" if scope else ""
            out += [f"- {t(line.text, lang)}{tag}  ", f"  {say('site.basis', lang)}{colon(lang)}{t(line.basis, lang)}"]
        out += [""]
    return "\n".join(out).rstrip() + "\n"


def render_procurement(pb: Playbook, lang: Lang) -> str:
    proc = pb.procurement
    assert proc is not None  # the page exists only when the playbook defines modes
    default = pb.mode(proc.default_mode)
    out = [f"# {say('site.nav.procurement', lang)}", "",
           say("site.procurement_intro", lang, default=t(default.name, lang), id=default.id), ""]
    for family in proc.families:
        out += [f"## {t(family.name, lang)} {{ #{family.id} }}", "", t(family.summary, lang), ""]
        for mode in (m for m in proc.modes if m.family == family.id):
            out += [f"### {t(mode.name, lang)} {{ #{mode.id} }}", "", f"`procurement_mode: {mode.id}`", "",
                    t(mode.allows, lang), "", f"*{say('site.basis', lang)}{colon(lang)}{t(mode.basis, lang)}*", ""]
    return "\n".join(out).rstrip() + "\n"
