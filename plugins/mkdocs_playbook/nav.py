"""The site navigation: generated pages grouped by their section, hand-written pages placed
around them."""

from __future__ import annotations

from .pages import PageData


def build_nav(pages: list[PageData], intro: list[str], appendix: list[str]) -> list:
    """MkDocs `nav` data. The home page first, then `intro`, then the generated pages in their
    order (a section appears where its first page is), `appendix` before the last top-level
    page (the glossary)."""
    nav: list = []
    sections: dict[str, list] = {}
    for page in pages:
        entry = {page.title: page.path}
        if page.nav_section is None:
            nav.append(entry)
        elif page.nav_section in sections:
            sections[page.nav_section].append(entry)
        else:
            sections[page.nav_section] = [entry]
            nav.append({page.nav_section: sections[page.nav_section]})
    nav[1:1] = list(intro)
    glossary_last = nav and isinstance(nav[-1], dict) and list(nav[-1].values())[0] == "glossary.md"
    if glossary_last:
        nav[-1:-1] = list(appendix)
    else:
        nav += list(appendix)
    return nav
