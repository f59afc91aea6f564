"""The generated pages of one build, from the core's plain rendering functions.

    load_pages("playbook/playbook.yaml", "zh")  # -> ("ok", [page tuples]) or ("error", report)

Pages are plain tuples (`PageData`): the MkDocs side of the plugin needs nothing of the core
but these functions.
"""

from __future__ import annotations

import base64
import re
import threading
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
    of a file the pages link}, the playbook's version, the search index's terms (plain data),
    {Markdown extension: settings})), or ("error", the loader's located report in the build's
    language).

    From the build cache (salesplaybook.render.build_cache) while no file the loader read has
    changed: then neither the loader nor the renderers are imported."""
    from salesplaybook.render.build_cache import cached_pages

    try:
        with _RENDERING:  # one at a time: a build waits for a render ahead of it, then reads its entry
            data = cached_pages(playbook_path, lang, lambda read: _render(playbook_path, lang, read))
    except _Broken as e:
        return "error", e.report
    pages = [PageData(path, title, content, section, meta) for path, title, content, section, meta in data["pages"]]
    assets = {path: base64.b64decode(text["base64"]) if isinstance(text, dict) else text
              for path, text in data["assets"].items()}
    return "ok", (pages, data["fragments"], assets, data["version"], data["search"], data["markdown_extensions"])


_RENDERING = threading.Lock()


class RenderAhead:
    """Under `mkdocs serve`: render the pages of a saved playbook as soon as the file changes,
    into the build cache, while MkDocs waits for the saves to settle and reloads its config;
    the rebuild then reads them from the cache. A YAML save so costs the browser what a
    Markdown save does. `changed()` is the file watcher's callback."""

    def __init__(self, playbook_path: str, lang: str) -> None:
        self.playbook_path, self.lang = playbook_path, lang
        self.wanted = threading.Event()
        self.rendered = threading.Event()  # set after each render (for tests)
        threading.Thread(target=self._run, daemon=True).start()

    def changed(self, event) -> None:
        if not getattr(event, "is_directory", False):
            self.wanted.set()

    def _run(self) -> None:
        while True:
            self.wanted.wait()
            self.wanted.clear()
            try:
                load_pages(self.playbook_path, self.lang)
            except Exception:  # a half-written file and the like: the rebuild itself reports it
                pass
            self.rendered.set()


def warm_up() -> None:
    """Import what a changed playbook needs (`_render`), in a background thread: under `mkdocs
    serve` a cached first build imported none of it, and the first YAML save should not pay
    for it."""

    def imports() -> None:
        import importlib
        import pkgutil

        import salesplaybook.loader  # noqa: F401
        import salesplaybook.render

        for module in pkgutil.walk_packages(salesplaybook.render.__path__, "salesplaybook.render."):
            importlib.import_module(module.name)

    threading.Thread(target=imports, daemon=True).start()


class _Broken(Exception):
    def __init__(self, report: str) -> None:
        self.report = report


def _render(playbook_path: str, lang: str, read: list) -> dict:
    """Everything a build takes from the playbook, as plain JSON data (binary assets in base64)."""
    from salesplaybook import SourceError, load_playbook
    from salesplaybook.render import assets, book_pages, fragments
    from salesplaybook.render.md import MARKDOWN_EXTENSIONS
    from salesplaybook.render.site.search import search_terms

    try:
        playbook = load_playbook(playbook_path, read=read)
    except SourceError as e:
        raise _Broken(e.report(lang)) from None
    return {
        "pages": [[p.path, p.title, p.content, p.nav_section, dict(p.meta)] for p in book_pages(playbook, lang)],
        "fragments": fragments(playbook, lang),
        "assets": {path: {"base64": base64.b64encode(text).decode()} if isinstance(text, bytes) else text
                   for path, text in assets(playbook, lang).items()},
        "version": playbook.meta.version,
        "search": search_terms(playbook, lang),
        "markdown_extensions": MARKDOWN_EXTENSIONS,
    }


def search_index_json(terms: dict, lang: str, pages: list[tuple[str, str, str, str]]) -> str:
    """The site's search index (render/site/search.py) as JSON text, from the playbook's search
    terms (`load_pages`) and each built page as (docs path, URL, title, rendered HTML)."""
    import json

    from salesplaybook.render.build_cache import cached_sections
    from salesplaybook.render.site.search import IndexedPage, html_sections, index_from_terms

    def sections_of(htmls: list[str]) -> list:
        return cached_sections(lang, htmls, html_sections)

    index = index_from_terms(terms, lang, [IndexedPage(*page) for page in pages], sections_of)
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


def start_precompression(site_dir: str, lang: str):
    """Start compressing the site's text files in the background (offline.Precompression);
    the theme's files are there already. Hand the result to `finish_site`."""
    from pathlib import Path

    from salesplaybook.render.build_cache import compressed_store
    from salesplaybook.render.offline import Precompression

    precompression = Precompression(Path(site_dir), _other_languages(lang), compressed_store())
    precompression.add_present()
    return precompression


def finish_site(site_dir: str, lang: str, playbook_version: str, precompression=None, *, offline: bool = True) -> None:
    """After a build: the service worker over the finished site (another language's folder
    left out; none when not `offline`: a preview) and, with a `precompression`
    (`start_precompression`), compressed copies of its text files (those of unchanged files
    come from the build cache)."""
    from pathlib import Path

    from salesplaybook.render.offline import site_files, version_of, write_service_worker

    site = Path(site_dir)
    if offline:
        files = site_files(site, _other_languages(lang))
        write_service_worker(site, files, version_of(site, files), playbook_version)
    if precompression is not None:
        precompression.finish()


def _other_languages(lang: str) -> list[str]:
    from salesplaybook.words import languages as core_languages

    return [other for other in core_languages() if other != lang]


def languages() -> tuple[str, ...]:
    from salesplaybook.words import languages as core_languages

    return core_languages()


def message(key: str, lang: str, **values: object) -> str:
    """A message of the plugin's own (`errors.plugin.<key>` in the catalogue), in `lang`."""
    from salesplaybook.words import say

    return say("errors.plugin." + key, lang, **values)


def page_source(page) -> str:
    """The Markdown MkDocs reads for a page: its front matter (if any), then its content."""
    if not page.meta:
        return page.content
    return "---\n" + yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=True) + "---\n\n" + page.content
