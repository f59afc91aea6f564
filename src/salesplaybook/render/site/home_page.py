"""The home page: the two processes side by side, the funnel, and the milestone rule."""

from __future__ import annotations

from ...model import Lang, Playbook
from ...words import say
from .. import paths
from ..md import colon, link, stage_nav_title, t, table
from .funnel import funnel_svg


def render_home(pb: Playbook, lang: Lang, available: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    here = paths.HOME
    out = [f"# {t(pb.meta.title, lang)}", ""]
    if pb.meta.subtitle:
        out += [t(pb.meta.subtitle, lang), ""]
    out += _doors(pb, here, lang, available)

    out += [f"## {say('site.two_processes', lang)}", ""]
    # Two columns, numbered inside the cells: a third column for the number costs a phone too much width.
    rows = []
    for stage in pb.stages:
        customer = pb.customer_stage(stage.customer_stage)
        rows.append([f"{customer.number}. {t(customer.name, lang)}",
                     f"[{stage_nav_title(stage, lang)}]({link(here, paths.stage(stage.id))})"])
    out += [table([say("site.customer_process", lang), say("site.our_process", lang)], rows), ""]

    out += [f"## {say('site.funnel', lang)}", "", '<figure class="pb-funnel-figure">' + funnel_svg(pb, lang) + "</figure>", ""]

    out += [f"## {say('site.rule', lang)}", "", say("site.rule_text", lang), ""]
    out += _example(pb, lang)
    return "\n".join(out).rstrip() + "\n"


def _example(pb: Playbook, lang: Lang) -> list[str]:
    """Stage 4 -> 5 when the playbook has them (the method's own example), else the first two."""
    by_number = {s.number: s for s in pb.stages}
    a, b = (by_number[4], by_number[5]) if 4 in by_number and 5 in by_number else (pb.stages[0], pb.stages[1] if len(pb.stages) > 1 else None)
    if b is None:
        return []
    out = [f"### {say('site.example', lang, a=a.number, b=b.number)}", "",
           say("site.example_done", lang, a=a.number, name=t(a.name, lang)), ""]
    out += [f"- {t(c.text, lang)}" for c in a.success_criteria]
    out += ["", say("site.example_enter", lang, b=b.number, name=t(b.name, lang)), ""]
    out += [f"- {t(m.text, lang)}" for m in b.milestone]
    out += ["", f"[{stage_nav_title(a, lang)}]({link(paths.HOME, paths.stage(a.id))}) → "
            f"[{stage_nav_title(b, lang)}]({link(paths.HOME, paths.stage(b.id))})", ""]
    return out


def _doors(pb: Playbook, here: str, lang: Lang, available: set[str]) -> list[str]:
    """Where a rep and a manager start: my deals on the phone, the checklists on paper."""
    buttons = []
    if paths.DEALS in available:
        buttons.append(f"[{say('site.open_app', lang)}]({link(here, paths.DEALS)}){{ .md-button .md-button--primary }}")
    out = [" ".join(buttons), ""] if buttons else []
    return out + print_all_links(pb, here, lang, available)


def print_all_links(pb: Playbook, here: str, lang: Lang, available: set[str]) -> list[str]:
    """'Print all checklists', once, or once per procurement-mode family (their sheets differ)."""
    if paths.all_checklists() in available:
        return [f"[{say('site.print_all', lang)}]({link(here, paths.all_checklists())})", ""]
    families = [(f.id, t(f.name, lang)) for f in pb.procurement.families] if pb.procurement else []
    links = [f"[{name}]({link(here, paths.all_checklists(fid))})" for fid, name in families
             if paths.all_checklists(fid) in available]
    return [say("site.print_all", lang) + colon(lang) + " · ".join(links), ""] if links else []
