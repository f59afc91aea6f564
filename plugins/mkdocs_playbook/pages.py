"""The generated pages of one build, from the core's plain rendering functions.

    load_pages("playbook/playbook.yaml", "zh")  # -> ("ok", [page tuples]) or ("error", report)

Pages are plain tuples (`PageData`): the MkDocs side of the plugin needs nothing of the core
but these functions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml


class PageData(NamedTuple):
    path: str
    title: str
    content: str
    nav_section: str | None
    meta: dict


def load_pages(playbook_path: str, lang: str) -> tuple[str, object]:
    """("ok", ([PageData, ...] in navigation order, {fragment name: Markdown}, {site path: content
    of a file the pages link}, the playbook's version, the loaded playbook)), or ("error", the
    loader's located report in the build's language). The playbook is opaque to the plugin: it
    only hands it back to `search_index_json`."""
    from salesplaybook import SourceError, load_playbook
    from salesplaybook.render import assets, book_pages, fragments

    try:
        playbook = load_playbook(playbook_path)
    except SourceError as e:
        return "error", e.report(lang)
    pages = [PageData(p.path, p.title, p.content, p.nav_section, dict(p.meta)) for p in book_pages(playbook, lang)]
    return "ok", (pages, fragments(playbook, lang), assets(playbook, lang), playbook.meta.version, playbook)


def search_index_json(playbook, lang: str, pages: list[tuple[str, str, str, str]]) -> str:
    """The site's search index (render/site/search.py) as JSON text; `pages` holds each built
    page as (docs path, URL, title, rendered HTML)."""
    import json

    from salesplaybook.render.site.search import IndexedPage, search_index

    index = search_index(playbook, lang, [IndexedPage(*page) for page in pages])
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


FRAGMENT = re.compile(r"<!--\s*playbook:([a-z-]+)\s*-->")


def fill_fragments(markdown: str, fragments: dict[str, str]) -> tuple[str, list[str]]:
    """A hand-written page with its `<!-- playbook:NAME -->` markers filled in, and the names
    of markers that name no fragment."""
    unknown: list[str] = []

    def fill(m: re.Match) -> str:
        if m.group(1) not in fragments:
            unknown.append(m.group(1))
            return m.group(0)
        return fragments[m.group(1)]

    return FRAGMENT.sub(fill, markdown), unknown


def finish_site(site_dir: str, lang: str, playbook_version: str) -> None:
    """After a build: the service worker over the finished site (another language's folder
    left out) and precompressed copies of its text files."""
    from pathlib import Path

    from salesplaybook.render.offline import (
        precompress,
        site_files,
        version_of,
        write_service_worker,
    )
    from salesplaybook.words import languages as core_languages

    site = Path(site_dir)
    skip = [other for other in core_languages() if other != lang]
    files = site_files(site, skip)
    write_service_worker(site, files, version_of(site, files), playbook_version)
    precompress(site, skip)


def languages() -> tuple[str, ...]:
    from salesplaybook.words import languages as core_languages

    return core_languages()


def markdown_extensions() -> dict[str, dict]:
    from salesplaybook.render.md import MARKDOWN_EXTENSIONS

    return MARKDOWN_EXTENSIONS


def message(key: str, lang: str, **values: object) -> str:
    """A message of the plugin's own (`errors.plugin.<key>` in the catalogue), in `lang`."""
    from salesplaybook.words import say

    return say("errors.plugin." + key, lang, **values)


def page_source(page) -> str:
    """The Markdown MkDocs reads for a page: its front matter (if any), then its content."""
    if not page.meta:
        return page.content
    return "---\n" + yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=True) + "---\n\n" + page.content
