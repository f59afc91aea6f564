"""For managers: the assessment matrix and how the review score is computed."""

from __future__ import annotations

from ...model import Lang, Playbook
from ...words import say
from .. import paths
from .home_page import print_all_links
from ..md import link, num, stage_nav_title, t, table


def render_managers(pb: Playbook, lang: Lang, available: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    here = paths.MANAGERS
    out = [f"# {say('site.nav.managers', lang)}", ""]
    out += [say("site.managers_print", lang), ""] + print_all_links(pb, here, lang, available)
    if pb.scorecard.why_process:
        out += [f"## {say('site.why_process', lang)}", "", t(pb.scorecard.why_process, lang), ""]

    out += [f"## {say('site.matrix', lang)}", "", say("site.matrix_intro", lang), ""]
    # Stages down, perspectives across: four short columns fit a phone.
    perspectives = pb.scorecard.perspectives
    header = [say("site.stage", lang)] + [t(p.name, lang) for p in perspectives]
    rows = []
    for s in pb.stages:
        row = [f"[{stage_nav_title(s, lang)}]({link(here, paths.stage(s.id))})"]
        for p in perspectives:
            row.append(_cell([a for a in s.conditions.assessment if a.perspective == p.id], lang))
        rows.append(row)
    rows.append([f"**{say('site.total', lang)}**"] + [
        _cell([a for s in pb.stages for a in s.conditions.assessment if a.perspective == p.id], lang)
        for p in perspectives])
    # The wrapper lets the stylesheet keep each "2项/4" cell on one line (overrides/…/playbook.css).
    out += ['<div class="pb-matrix" markdown>', "", table(header, rows), "", "</div>", ""]

    for p in pb.scorecard.perspectives:
        out += [f"### {t(p.name, lang)}", ""]
        if p.description:
            out += [t(p.description, lang), ""]
        rows = [[f"[{stage_nav_title(s, lang)}]({link(here, paths.stage(s.id))})", t(a.text, lang),
                 t(a.evidence, lang), num(a.weight)]
                for s in pb.stages for a in s.conditions.assessment if a.perspective == p.id]
        if rows:
            out += [table([say("site.stage", lang), say("method.group.assessment", lang), say("method.evidence", lang),
                           say("method.weight", lang)], rows), ""]
        else:
            out += [say("site.no_items", lang), ""]

    if pb.scorecard.how_scored:
        out += [f"## {say('site.how_scored', lang)}", "", t(pb.scorecard.how_scored, lang), ""]
    out += _scorecard(pb, lang)
    return "\n".join(out).rstrip() + "\n"


def _scorecard(pb: Playbook, lang: Lang) -> list[str]:
    """The balanced scorecard's measures, their formula and the win probabilities: from the
    same data `playbook team` and `playbook review` score with."""
    measures = pb.scorecard.measures
    if not measures:
        return []
    out = [f"## {say('site.scorecard', lang)}", "", say("site.scorecard_intro", lang), ""]
    items = pb.item_index()
    for p in pb.scorecard.perspectives:
        rows = []
        for m in measures:
            if m.perspective != p.id:
                continue
            item = t(items[m.item][1].text, lang) if m.item in items else ""
            group = say(f"method.group.{m.group}", lang) if m.group else ""
            counts = say(f"review.kind.{m.kind}", lang, item=m.item or "", group=group)
            if item:
                counts += say("punct.aside", lang, text=item)
            rows.append([t(m.name, lang), counts, num(m.weight),
                         say("review.lower_better" if m.direction == "lower" else "review.higher_better", lang)])
        if rows:
            out += [f"### {t(p.name, lang)}", "",
                    table([say("site.measure_head", lang), say("site.counts_head", lang), say("method.weight", lang),
                           say("site.direction_head", lang)], rows), ""]
    out += [f"### {say('site.formula_title', lang)}", "", say("site.formula", lang), ""]
    if pb.scorecard.win_probability:
        out += [say("site.win_probability", lang), "",
                table([say("site.stage", lang), say("site.probability_head", lang)],
                      [[f"[{stage_nav_title(s, lang)}]({link(paths.MANAGERS, paths.stage(s.id))})",
                        f"{100 * pb.scorecard.win_probability[s.id]:g}%"]
                       for s in pb.stages if s.id in pb.scorecard.win_probability]), ""]
    return out


def _cell(items: list, lang: Lang) -> str:
    """'n items / total weight', or a dash when the stage has none in that perspective."""
    if not items:
        return "–"
    return say("site.items_weight", lang, n=len(items), w=num(sum(a.weight for a in items)))
