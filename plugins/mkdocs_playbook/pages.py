"""The generated pages of one build, from the core's plain rendering functions.

    load_pages("playbook/playbook.yaml", "zh")  # -> ("ok", [page tuples]) or ("error", report)

Pages are plain tuples (`PageData`): the MkDocs side of the plugin needs nothing of the core
but these functions.
"""

from __future__ import annotations

from typing import NamedTuple

import yaml


class PageData(NamedTuple):
    path: str
    title: str
    content: str
    nav_section: str | None
    meta: dict


def load_pages(playbook_path: str, lang: str) -> tuple[str, object]:
    """("ok", [PageData, ...]) in navigation order, or ("error", the loader's located report)."""
    from salesplaybook import SourceError, load_playbook

    try:
        playbook = load_playbook(playbook_path)
    except SourceError as e:
        return "error", e.report()
    return "ok", [PageData(p.path, p.title, p.content, p.nav_section, dict(p.meta)) for p in collect_pages(playbook, lang)]


def collect_pages(playbook, lang: str) -> list:
    """Every generated page of one language, in navigation order: the site's own pages with
    the checklists right after the forms they print."""
    from salesplaybook.render import checklists
    from salesplaybook.render.site import site_pages

    extra = checklists.checklist_pages(playbook, lang)
    main = site_pages(playbook, lang, available={p.path for p in extra})
    forms = [p for p in main if p.path.startswith("forms/")]
    after = forms[-1].nav_section if forms else None
    last = max((i for i, p in enumerate(main) if after is not None and p.nav_section == after), default=len(main) - 1)
    return main[: last + 1] + extra + main[last + 1:]


def checklist_assets() -> dict[str, str]:
    """Files the checklist pages link (site path -> text)."""
    from salesplaybook.render import checklists

    return checklists.assets()


def page_source(page) -> str:
    """The Markdown MkDocs reads for a page: its front matter (if any), then its content."""
    if not page.meta:
        return page.content
    return "---\n" + yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=True) + "---\n\n" + page.content
