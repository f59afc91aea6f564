"""The home page: the two processes side by side, the funnel, and the milestone rule."""

from __future__ import annotations

from ..model import Lang, Playbook
from . import paths
from .funnel import funnel_svg
from .labels import label
from .md import link, t, table
from .stage_page import stage_nav_title


def render_home(pb: Playbook, lang: Lang) -> str:
    here = paths.HOME
    out = [f"# {t(pb.meta.title, lang)}", ""]
    if pb.meta.subtitle:
        out += [t(pb.meta.subtitle, lang), ""]

    out += [f"## {label('two_processes', lang)}", ""]
    # Two columns, numbered inside the cells: a third column for the number costs a phone too much width.
    rows = []
    for stage in pb.stages:
        customer = pb.customer_stage(stage.customer_stage)
        rows.append([f"{customer.number}. {t(customer.name, lang)}",
                     f"[{stage_nav_title(stage, lang)}]({link(here, paths.stage(stage.id))})"])
    out += [table([label("customer_process", lang), label("our_process", lang)], rows), ""]

    out += [f"## {label('funnel', lang)}", "", '<figure class="pb-funnel-figure">' + funnel_svg(pb, lang) + "</figure>", ""]

    out += [f"## {label('rule', lang)}", "", label("rule_text", lang), ""]
    out += _example(pb, lang)
    return "\n".join(out).rstrip() + "\n"


def _example(pb: Playbook, lang: Lang) -> list[str]:
    """Stage 4 -> 5 when the playbook has them (the method's own example), else the first two."""
    by_number = {s.number: s for s in pb.stages}
    a, b = (by_number[4], by_number[5]) if 4 in by_number and 5 in by_number else (pb.stages[0], pb.stages[1] if len(pb.stages) > 1 else None)
    if b is None:
        return []
    out = [f"### {label('example', lang, a=a.number, b=b.number)}", "",
           label("example_done", lang, a=a.number, name=t(a.name, lang)), ""]
    out += [f"- {t(c.text, lang)}" for c in a.success_criteria]
    out += ["", label("example_enter", lang, b=b.number, name=t(b.name, lang)), ""]
    out += [f"- {t(m.text, lang)}" for m in b.milestone]
    out += ["", f"[{stage_nav_title(a, lang)}]({link(paths.HOME, paths.stage(a.id))}) → "
            f"[{stage_nav_title(b, lang)}]({link(paths.HOME, paths.stage(b.id))})", ""]
    return out
