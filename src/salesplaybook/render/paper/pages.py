"""Printable stage checklists and blank forms.

    pages = checklist_pages(playbook, "zh")   # checklists/<stage>[-<family>].md, checklists/all[-<family>].md,
                                              # blank-forms/<form>.md
    files = assets()                          # {"assets/checklist.css": "...", "assets/checklist.js": "..."}

A stage whose items differ by procurement-mode family has one checklist per family
(`paths.checklist(stage, family)`), and then each family has its own print-all page
(`paths.all_checklists(family)`) holding its variant of every stage; a playbook whose stages
never vary has one checklist per stage and one print-all page.

Each page is Markdown holding one raw HTML block (see sheet.py, blank_forms.py). The
page links its own CSS and JavaScript, so they load on these pages whatever the site's theme
configuration; the CSS is scoped to `.pb-sheet` pages and the script runs once per page.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ...model import Lang, Playbook, Stage
from ...words import say
from .. import Page, paths
from ..families import variants
from ..md import stage_nav_title
from .blank_forms import blank_form, form_title
from .html import esc, print_button
from .sheet import family_name, stage_sheet

ASSET_DIR = Path(__file__).parent / "assets"
CSS = "assets/checklist.css"
JS = "assets/checklist.js"
ALL = paths.ALL_CHECKLISTS


# Where the pages live: the site's own table of paths, which its pages link to.
checklist_path = paths.checklist
blank_form_path = paths.blank_form


def checklist_pages(playbook: Playbook, lang: Lang) -> list[Page]:
    """One checklist page per stage and variant (stage by stage, a stage's families in the
    playbook's order), the print-all pages (one per family when any stage varies), and one
    blank form per form."""
    checklists = say("sheet.checklists", lang)
    forms = say("sheet.blank_forms", lang)
    meta = {"hide": ["toc"]}  # the sheets have their own layout; a table of contents only narrows it
    pages = [
        Page(checklist_path(s.id, fam), nav_title(playbook, s, fam, lang),
             _page(checklist_path(s.id, fam), stage_sheet(playbook, s, lang, interactive=True, family=fam)),
             checklists, dict(meta))
        for s in playbook.stages for fam in variants(playbook, s)
    ]
    for fam in print_all_families(playbook):
        path = paths.all_checklists(fam)
        title = say("sheet.all_checklists_family", lang, family=family_name(playbook, fam, lang)) if fam else say("sheet.all_checklists", lang)
        pages.append(Page(path, title, _page(path, _all_sheets(playbook, lang, fam)), checklists, dict(meta)))
    pages += [
        Page(blank_form_path(f.id), form_title(f, lang),
             _page(blank_form_path(f.id), blank_form(playbook, f, lang)), forms, dict(meta))
        for f in playbook.forms
    ]
    return pages


def assets() -> dict[str, str]:
    """Extra files (path in the site -> text) the checklist pages need: CSS, JavaScript."""
    return {
        CSS: (ASSET_DIR / "checklist.css").read_text(encoding="utf-8"),
        JS: (ASSET_DIR / "checklist.js").read_text(encoding="utf-8"),
    }


def nav_title(playbook: Playbook, stage: Stage, family: str | None, lang: Lang) -> str:
    """The same nav title as the stage's own page (`5. 需求分析与正式方案设计`), with the
    family's name for one of its variants."""
    title = stage_nav_title(stage, lang)
    if family is None:
        return title
    return say("sheet.nav_variant", lang, stage=title, family=family_name(playbook, family, lang))


def print_all_families(playbook: Playbook) -> list[str | None]:
    """The print-all pages: one per procurement-mode family when any stage varies, else one."""
    if all(variants(playbook, s) == [None] for s in playbook.stages):
        return [None]
    return [f.id for f in playbook.procurement.families]  # type: ignore[union-attr]


def variant_for(playbook: Playbook, stage: Stage, family: str | None) -> str | None:
    """Which variant of `stage` a family's print-all page shows (None: the stage does not vary)."""
    return family if family in variants(playbook, stage) else None


def _all_sheets(playbook: Playbook, lang: Lang, family: str | None = None) -> str:
    """Every stage's sheet (the family's variant where a stage varies), each starting on a new
    printed page; boxes to tick by hand only."""
    if family:
        name = family_name(playbook, family, lang)
        title, intro = say("sheet.all_checklists_family", lang, family=name), say("sheet.all_intro_family", lang, family=name)
    else:
        title, intro = say("sheet.all_checklists", lang), say("sheet.all_intro", lang)
    head = (
        '<div class="pb-all-head pb-no-print">'
        f'<h1>{esc(title)}</h1>'
        f'<p>{esc(intro)}</p>'
        f'<p class="pb-actions">{print_button(say("sheet.print_all", lang))}</p>'
        "</div>"
    )
    sheets = "\n".join(stage_sheet(playbook, s, lang, interactive=False, level=2, family=variant_for(playbook, s, family))
                       for s in playbook.stages)
    return f'<div class="pb-all">\n{head}\n{sheets}\n</div>'


def _page(path: str, html: str) -> str:
    """The page's Markdown: its assets, linked relative to where the page is served
    (`checklists/x.md` is served at `checklists/x/`), then the sheet."""
    url_dir = posixpath.splitext(path)[0] + "/"
    css = posixpath.relpath(CSS, url_dir)
    js = posixpath.relpath(JS, url_dir)
    return (
        '<div class="pb-page">\n'
        f'<link rel="stylesheet" href="{css}">\n'
        f'<script src="{js}" defer></script>\n'
        f"{html}\n"
        "</div>\n"
    )
