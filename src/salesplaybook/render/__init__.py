"""Rendering the playbook: plain functions from the model to pages (Markdown/HTML strings).

    from salesplaybook.render import book_pages, assets
    pages = book_pages(playbook, "zh")   # every generated page, in navigation order
    files = assets(playbook, "zh")       # CSS, JavaScript, data and icons the pages link

Two wings share `md.py` (Markdown helpers and the one Markdown configuration) and `paths.py`
(where each page lives): `site/` renders the pages a rep reads, `paper/` the sheets a manager
prints. No MkDocs imports here: the plugin turns each `Page` into a generated MkDocs file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One generated page: its path inside the site's docs (e.g. `stages/plan-and-call.md`),
    its navigation title and its Markdown content."""

    path: str
    title: str
    content: str
    nav_section: str | None = None
    """The navigation section this page belongs to (None: top level)."""
    meta: dict = field(default_factory=dict)


def book_pages(playbook, lang: str) -> list[Page]:
    """Every generated page of one language in navigation order: the site's own pages, with
    the checklists and blank forms right after the forms they print."""
    from .app.page import app_page
    from .paper.pages import checklist_pages
    from .site.pages import site_pages

    paper = checklist_pages(playbook, lang)
    app = app_page(playbook, lang)
    main = site_pages(playbook, lang, available={p.path for p in paper} | {app.path})
    main[1:1] = [app]  # right after the home page: a rep's own deals come first
    forms = [p for p in main if p.path.startswith("forms/")]
    after = forms[-1].nav_section if forms else None
    last = max((i for i, p in enumerate(main) if after is not None and p.nav_section == after), default=len(main) - 1)
    return main[: last + 1] + paper + main[last + 1:]


def fragments(playbook, lang: str) -> dict[str, str]:
    """Generated parts of hand-written pages: a page includes one with `<!-- playbook:NAME -->`
    (the guide's worked example is computed by the validator, so it cannot drift)."""
    from .site.worked_example import render_worked_example

    return {"worked-example": render_worked_example(playbook, lang)}


def assets(playbook, lang: str) -> dict[str, str | bytes]:
    """Files the generated pages link (path in the site -> text): the sheets' style and
    script, the phone app's, and the rules as data."""
    from .app.page import app_assets
    from .paper.pages import assets as paper_assets

    return {**paper_assets(), **app_assets(playbook, lang)}
