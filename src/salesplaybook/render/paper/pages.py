"""Printable stage checklists and blank forms.

    pages = checklist_pages(playbook, "zh")   # checklists/<stage>.md, checklists/all.md, blank-forms/<form>.md
    files = assets()                          # {"assets/checklist.css": "...", "assets/checklist.js": "..."}

Each page is Markdown holding one raw HTML block (see sheet.py, blank_forms.py). The
page links its own CSS and JavaScript, so they load on these pages whatever the site's theme
configuration; the CSS is scoped to `.pb-sheet` pages and the script runs once per page.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ...model import Lang, Playbook
from ...words import say
from .. import Page, paths
from ..md import stage_nav_title
from .blank_forms import blank_form, form_title
from .html import esc, print_button
from .sheet import stage_sheet

ASSET_DIR = Path(__file__).parent / "assets"
CSS = "assets/checklist.css"
JS = "assets/checklist.js"
ALL = paths.ALL_CHECKLISTS


# Where the pages live: the site's own table of paths, which its pages link to.
checklist_path = paths.checklist
blank_form_path = paths.blank_form


def checklist_pages(playbook: Playbook, lang: Lang) -> list[Page]:
    """One checklist page per stage, a print-all page, and one blank form per form."""
    checklists = say("sheet.checklists", lang)
    forms = say("sheet.blank_forms", lang)
    meta = {"hide": ["toc"]}  # the sheets have their own layout; a table of contents only narrows it
    pages = [
        Page(checklist_path(s.id), stage_nav_title(s, lang),  # the same nav title as the stage's own page
             _page(checklist_path(s.id), stage_sheet(playbook, s, lang, interactive=True)), checklists, dict(meta))
        for s in playbook.stages
    ]
    pages.append(Page(ALL, say("sheet.all_checklists", lang), _page(ALL, _all_sheets(playbook, lang)), checklists, dict(meta)))
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


def _all_sheets(playbook: Playbook, lang: Lang) -> str:
    """Every stage's sheet, each starting on a new printed page; boxes to tick by hand only."""
    head = (
        '<div class="pb-all-head pb-no-print">'
        f'<h1>{esc(say("sheet.all_checklists", lang))}</h1>'
        f'<p>{esc(say("sheet.all_intro", lang))}</p>'
        f'<p class="pb-actions">{print_button(say("sheet.print_all", lang))}</p>'
        "</div>"
    )
    sheets = "\n".join(stage_sheet(playbook, s, lang, interactive=False, level=2) for s in playbook.stages)
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
