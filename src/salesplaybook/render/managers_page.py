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
    # Stages down, perspectives across: four short columns fit a phone.
    perspectives = pb.scorecard.perspectives
    header = [label("stage", lang)] + [t(p.name, lang) for p in perspectives]
    rows = []
    for s in pb.stages:
        row = [f"[{stage_nav_title(s, lang)}]({link(here, paths.stage(s.id))})"]
        for p in perspectives:
            row.append(_cell([a for a in s.conditions.assessment if a.perspective == p.id], lang))
        rows.append(row)
    rows.append([f"**{label('total', lang)}**"] + [
        _cell([a for s in pb.stages for a in s.conditions.assessment if a.perspective == p.id], lang)
        for p in perspectives])
    # The wrapper lets the stylesheet keep each "2项/4" cell on one line (overrides/…/playbook.css).
    out += ['<div class="pb-matrix" markdown>', "", table(header, rows), "", "</div>", ""]

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
            out += [label("no_items", lang), ""]

    if pb.scorecard.how_scored:
        out += [f"## {label('how_scored', lang)}", "", t(pb.scorecard.how_scored, lang), ""]
    return "\n".join(out).rstrip() + "\n"


def _cell(items: list, lang: Lang) -> str:
    """'n items / total weight', or a dash when the stage has none in that perspective."""
    if not items:
        return "–"
    return label("items_weight", lang, n=len(items), w=_num(sum(a.weight for a in items)))
