"""For managers: the assessment matrix and how the review score is computed."""

from __future__ import annotations

from ..model import Lang, Playbook
from . import paths
from .labels import label
from .md import link, t, table
from .stage_page import _num, stage_nav_title


def render_managers(pb: Playbook, lang: Lang) -> str:
    here = paths.MANAGERS
    out = [f"# {label('managers', lang)}", ""]
    if pb.scorecard.why_process:
        out += [f"## {label('why_process', lang)}", "", t(pb.scorecard.why_process, lang), ""]

    out += [f"## {label('matrix', lang)}", "", label("matrix_intro", lang), ""]
    header = [label("perspective", lang)] + [str(s.number) for s in pb.stages] + [label("total", lang)]
    rows = []
    for p in pb.scorecard.perspectives:
        row = [t(p.name, lang)]
        total_n, total_w = 0, 0.0
        for s in pb.stages:
            items = [a for a in s.conditions.assessment if a.perspective == p.id]
            w = sum(a.weight for a in items)
            total_n += len(items)
            total_w += w
            row.append(label("items_weight", lang, n=len(items), w=_num(w)) if items else "–")
        row.append(label("items_weight", lang, n=total_n, w=_num(total_w)) if total_n else "–")
        rows.append(row)
    out += [table(header, rows), ""]

    for p in pb.scorecard.perspectives:
        out += [f"### {t(p.name, lang)}", ""]
        if p.description:
            out += [t(p.description, lang), ""]
        rows = [[f"[{stage_nav_title(s, lang)}]({link(here, paths.stage(s.id))})", t(a.text, lang),
                 t(a.evidence, lang), _num(a.weight)]
                for s in pb.stages for a in s.conditions.assessment if a.perspective == p.id]
        if rows:
            out += [table([label("stage", lang), label("item", lang), label("evidence", lang), label("weight", lang)], rows), ""]
        else:
            out += ["–", ""]

    if pb.scorecard.how_scored:
        out += [f"## {label('how_scored', lang)}", "", t(pb.scorecard.how_scored, lang), ""]
    return "\n".join(out).rstrip() + "\n"
