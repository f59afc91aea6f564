"""One page per stage, always in the same order of sections.

A rep opens a stage page on a phone between meetings: the first screen says what to do to
enter and to complete the stage (its milestone and success criteria in short form, one tab per
procurement-mode family where they differ) and links the phone checklist; the red lines come
next; the stage's full guidance follows, its long parts folded.
"""

from __future__ import annotations

from ...model import CONDITION_GROUPS, Item, Lang, Playbook, Stage, Step
from ...words import say
from .. import paths
from ..families import applies, scope_names, variants
from ..md import colon, indent, link, listing, num, parens, stage_nav_title, t


def stage_title(stage: Stage, lang: Lang) -> str:
    return say("method.stage_title", lang, n=stage.number, name=t(stage.name, lang))


def render_stage(pb: Playbook, stage: Stage, lang: Lang, available: set[str]) -> str:
    """The stage page's Markdown. `available` holds the paths of pages in the build, so a
    link to a page that is not generated (yet) is left out instead of breaking."""
    here = paths.stage(stage.id)
    customer = pb.customer_stage(stage.customer_stage)
    customer_title = say("method.customer_stage_title", lang, n=customer.number, name=t(customer.name, lang))
    out: list[str] = [f"# {stage_title(stage, lang)}", "",
                      f"{say('method.customer_stage', lang)}{colon(lang)}{customer_title}", ""]
    out += _next_step(pb, stage, lang, here, available)
    out += _red_lines(pb, stage, lang)

    out += [f"## {say('site.customer_doing', lang)}", "", t(customer.doing, lang), ""]
    if stage.people:
        out += [say("site.people", lang) + colon(lang) + listing([t(_role(pb, r), lang) for r in stage.people], lang), ""]
    out += [f"## {say('site.purpose', lang)}", "", t(stage.purpose, lang), "",
            f"**{say('site.outcome', lang)}**{colon(lang)}{t(stage.outcome, lang)}", ""]

    # the long guidance folds: a rep opens what they need
    work = [f"- **{t(w.title, lang)}**{colon(lang)}{t(w.text, lang)}" for w in stage.work_content]
    out += _folded(say("site.work_content", lang), work)
    out += _folded(say("site.main_process", lang), _steps(stage.main_process, lang, 0))
    principles = ([f"**{say('site.do', lang)}**", ""] + [f"- {t(x, lang)}" for x in stage.principles.do]
                  + ["", f"**{say('site.dont', lang)}**", ""] + [f"- {t(x, lang)}" for x in stage.principles.dont])
    out += _folded(say("site.principles", lang), principles)

    # The method's groups in their one order (Stage.groups): milestone and success criteria
    # with their rule, the conditions under one heading, the assessment items on their own.
    extras = {
        "relationship": lambda i: _relationship(pb, i, lang),
        "information": lambda i: _fields(pb, here, i, lang),
        "assessment": lambda a: [
            f"**{say('method.perspective', lang)}**{colon(lang)}{t(_perspective(pb, a.perspective), lang)} · "
            f"**{say('method.weight', lang)}**{colon(lang)}{num(a.weight)}"],
    }
    rules = {"milestone": "method.milestone_rule", "success_criteria": "method.success_rule"}
    for kind, items in stage.groups():
        heading = say(f"method.group.{kind}", lang)
        if kind in rules:
            out += [f"## {heading}", "", say(rules[kind], lang), ""]
        elif kind == "assessment":
            out += [f"## {heading}", ""]
        else:
            if kind == CONDITION_GROUPS[0]:  # the first condition group opens the conditions
                out += [f"## {say('method.conditions', lang)}", "", say("site.conditions_intro", lang), ""]
            out += [f"### {heading}", ""]
        out += _items(pb, items, lang, extra=extras.get(kind))

    out += [f"## {say('site.tools', lang)}", ""]
    for form_id in stage.tools:
        form = pb.form(form_id)
        out += [f"- [{t(form.name, lang)}]({link(here, paths.form(form_id))}){colon(lang)}{t(form.purpose, lang)}"]
    out += [""]

    out += _prev_next(pb, stage, lang)
    return "\n".join(out).rstrip() + "\n"


def _next_step(pb: Playbook, stage: Stage, lang: Lang, here: str, available: set[str]) -> list[str]:
    """What to do to enter and to complete the stage, in short form, and the checklist: the
    first screen of the page. One tab per procurement-mode family where the items differ."""
    families = variants(pb, stage)
    names = {f.id: t(f.name, lang) for f in pb.procurement.families} if pb.procurement else {}

    def block(family: str | None) -> list[str]:
        lines: list[str] = []
        # first, so they are on the first screen of a phone: tick in my deals, or print
        buttons = []
        if paths.DEALS in available:
            buttons.append(f"[{say('site.tick_in_app', lang)}]({link(here, paths.DEALS)}#stage={stage.id})"
                           "{ .md-button .md-button--primary }")
        checklist = paths.checklist(stage.id, family)
        if checklist not in available:  # one checklist for every family
            checklist = paths.checklist(stage.id)
        if checklist in available:
            buttons.append(f"[{say('site.checklist', lang)}]({link(here, checklist)}){{ .md-button }}")
        if buttons:
            lines += [" ".join(buttons), ""]
        for kind, key in (("milestone", "site.next_enter"), ("success_criteria", "site.next_complete")):
            items = [i for i in getattr(stage, kind) if applies(pb, i, family)]
            lines += [f"**{say(key, lang)}**{say('punct.aside', lang, text=say(f'method.group.{kind}', lang))}", ""]
            for item in items:
                mark = f" **{parens(say('method.commitment', lang), lang)}**" if getattr(item, "commitment", False) else ""
                lines.append(f"- {t(item.text, lang)}{mark}")
            lines.append("")
        return lines

    out = ['<div class="pb-next" markdown>', ""]
    if families == [None]:
        out += block(None)
    else:
        for family in families:
            out += [f'=== "{names[family]}"', ""] + [("    " + line) if line else "" for line in block(family)]
    return out + ["</div>", ""]


def _red_lines(pb: Playbook, stage: Stage, lang: Lang) -> list[str]:
    """What a rep must never do here, each with the law (or company rule) behind it."""
    if not stage.red_lines:
        return []
    out = [f"## {say('site.red_lines', lang)}", ""]
    for line in stage.red_lines:
        scope = scope_names(pb, line, lang)
        tag = f" *{say('site.only_for', lang, names=listing(scope, lang))}*" if scope else ""
        out += [f"- {t(line.text, lang)}{tag}  ", f"  {say('site.basis', lang)}{colon(lang)}{t(line.basis, lang)}"]
    out += [""]
    if pb.compliance is not None:
        out += [say("site.red_lines_all", lang, link=link(paths.stage(stage.id), paths.COMPLIANCE)), ""]
    return out


def _folded(title: str, lines: list[str]) -> list[str]:
    """A section folded under its title (open on paper: the theme opens folds to print)."""
    return [f'??? note "{title}"', ""] + [("    " + line) if line else "" for line in lines] + [""]


def _steps(steps: list[Step], lang: Lang, depth: int) -> list[str]:
    lines: list[str] = []
    for n, step in enumerate(steps, 1):
        lines.append("    " * depth + f"{n}. {t(step.text, lang)}")
        if step.steps:
            lines += _steps(step.steps, lang, depth + 1)
    return lines


def _items(pb: Playbook, items: list[Item], lang: Lang, extra=None) -> list[str]:
    """Each item as a list entry: the text, then what proves it and what to do while open;
    an item of some procurement modes only says which."""
    lines: list[str] = []
    for item in items:
        mark = f" **{parens(say('method.commitment', lang), lang)}**" if getattr(item, "commitment", False) else ""
        scope = scope_names(pb, item, lang)
        if scope:
            mark += f" *{say('site.only_for', lang, names=listing(scope, lang))}*"
        lines.append(f"- {t(item.text, lang)}{mark}")
        details: list[str] = []
        if extra:
            details += extra(item)
        if item.evidence:
            details.append(f"**{say('method.evidence', lang)}**{colon(lang)}{t(item.evidence, lang)}")
        if item.guidance:
            details.append(f"**{say('method.if_open', lang)}**{colon(lang)}{t(item.guidance, lang)}")
        if details:
            lines += ["", indent("  \n".join(details), 4)]
        lines.append("")
    return lines


def _relationship(pb: Playbook, item, lang: Lang) -> list[str]:
    level = next(x for x in pb.relationship.levels if x.id == item.level)
    content = next(x for x in pb.relationship.contents if x.id == item.content)
    text = f"**{say('method.relationship', lang)}**{colon(lang)}{t(level.name, lang)} · {t(content.name, lang)}"
    if item.people:
        text += f" · **{say('method.with_whom', lang)}**{colon(lang)}" + listing([t(_role(pb, r), lang) for r in item.people], lang)
    return [text]


def _fields(pb: Playbook, here: str, item, lang: Lang) -> list[str]:
    links = []
    for ref in item.fields:
        form, field = pb.field(ref)
        links.append(f"[{t(field.label, lang)}]({link(here, paths.form(form.id), 'field-' + field.id)})")
    return [f"**{say('method.fields_known', lang)}**{colon(lang)}{listing(links, lang)}"]


def _prev_next(pb: Playbook, stage: Stage, lang: Lang) -> list[str]:
    """Links to the neighbouring stages: a rep works through them in order."""
    here = paths.stage(stage.id)
    i = pb.stages.index(stage)
    parts = []
    if i > 0:
        prev = pb.stages[i - 1]
        parts.append(f"← {say('site.previous', lang)}{colon(lang)}[{stage_nav_title(prev, lang)}]({link(here, paths.stage(prev.id))})")
    if i + 1 < len(pb.stages):
        nxt = pb.stages[i + 1]
        parts.append(f"{say('site.next', lang)}{colon(lang)}[{stage_nav_title(nxt, lang)}]({link(here, paths.stage(nxt.id))}) →")
    if not parts:
        return []
    return ["---", "", "  \n".join(parts), ""]


def _role(pb: Playbook, role_id: str):
    return next(r for r in pb.roles if r.id == role_id).name


def _perspective(pb: Playbook, perspective_id: str):
    return next(p for p in pb.scorecard.perspectives if p.id == perspective_id).name
