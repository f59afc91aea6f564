"""The `playbook` MkDocs plugin: loads the playbook once per build and adds its pages.

All rendering lives in `salesplaybook.render`; this module only connects it to MkDocs events:

- on_config: load the YAML, or read its pages from the build cache while no file it was read
  from has changed (a broken playbook stops the build with the loader's located messages),
  watch it under `mkdocs serve`, set the navigation.
- on_serve: render a saved YAML into the cache as soon as it changes, ahead of the rebuild.
- on_files: add every page as a generated file (nothing is written into docs/), and keep the
  hand-written pages of this build's language (`name.md` Chinese, `name.en.md` English).
- on_page_content: keep each built page's HTML for the search index.
- on_page_context, on_post_page: start compressing the theme's files, then each page as it is
  written, on the core MkDocs leaves idle (not under `mkdocs serve`).
- on_post_build: write the search index (render/site/search.py) over the theme's own, finish
  the compressed copies, and under `mkdocs serve` build the other language into
  `<site>/<alternate>/` a second after the last build.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .alternate import PREVIEW, AlternateBuild
from .nav import build_nav
from .pages import (
    PageData,
    RenderAhead,
    fill_fragments,
    finish_site,
    languages,
    load_pages,
    message,
    page_source,
    search_index_json,
    start_precompression,
    warm_up,
)

log = get_plugin_logger(__name__)


class PlaybookConfig(Config):
    playbook = c.File(exists=True, default="playbook/playbook.yaml")
    """The root playbook file, relative to mkdocs.yml."""
    lang = c.Choice(languages(), default=languages()[0])
    """The language of the pages this build renders."""
    intro = c.ListOfItems(c.Type(str), default=[])
    """Hand-written pages (paths in docs/) listed in the navigation right after the home page."""
    appendix = c.ListOfItems(c.Type(str), default=[])
    """Hand-written pages listed after the generated reference pages."""
    serve_alternate = c.Optional(c.File(exists=True))
    """Under `mkdocs serve` only: a config file (e.g. mkdocs.en.yml) built into `<site>/<lang>/`
    after each build, so one server shows both languages."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    def __init__(self) -> None:
        self.pages: list[PageData] = []
        self.fragments: dict[str, str] = {}
        self.assets: dict[str, str | bytes] = {}
        self.version = ""
        self.search_terms: dict = {}
        # Every built page for the search index, by source path. Kept across `mkdocs serve`
        # rebuilds: a dirty rebuild renders only the pages that changed.
        self.indexed: dict[str, tuple[str, str, str, str]] = {}
        self.sources: list[str] = []
        self.command = "build"
        self.warmed = False
        self.precompression = None
        self.want_precompression = False
        self.preview = False
        self.alternate: AlternateBuild | None = None

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        # `mkdocs serve` rebuilds in the same process: start every build clean.
        self.pages, self.fragments, self.assets = [], {}, {}
        path = Path(self.config.playbook)
        # Saving any playbook YAML under `mkdocs serve` rebuilds and reloads the browser.
        config.watch.append(str(path.parent.resolve()))
        status, result = load_pages(str(path), self.config.lang)
        if status == "error":
            raise PluginError(message("playbook_problems", self.config.lang) + "\n" + result)
        # The generated pages are written for the core's Markdown configuration (the printed
        # sheets render their texts with it too): make sure the build has every extension.
        self.pages, self.fragments, self.assets, self.version, self.search_terms, extensions = result  # type: ignore[misc]
        for extension, settings in extensions.items():
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
                config.mdx_configs[extension] = settings
        config.nav = build_nav(self.pages, self.config.intro, self.config.appendix)
        if self.command == "serve" and self.config.serve_alternate:
            self.alternate = self.alternate or AlternateBuild(Path(self.config.serve_alternate))
        return config

    def on_serve(self, server, *, config, builder):
        # Render a saved playbook while MkDocs waits for the saves to settle (build_cache keeps
        # the result): only with a usable cache, or the rebuild would render it twice.
        from salesplaybook.render.build_cache import usable_dir
        from watchdog.events import FileSystemEventHandler

        if usable_dir() is not None:
            ahead = RenderAhead(str(Path(self.config.playbook)), self.config.lang)
            handler = FileSystemEventHandler()
            handler.on_any_event = ahead.changed
            server.observer.schedule(handler, str(Path(self.config.playbook).parent.resolve()), recursive=True)
        return server

    def on_files(self, files: Files, *, config) -> Files:
        self._keep_own_language(files, config)
        for page in self.pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(message("page_clash", self.config.lang, path=f"{_docs(config)}/{page.path}"))
            files.append(File.generated(config, page.path, content=page_source(page)))
        # The sheets and the app link their own CSS, JavaScript and data; the files only need to exist.
        for path, text in sorted(self.assets.items()):
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=text))
        self.sources = [file.src_uri for file in files.documentation_pages()]
        return files

    def _keep_own_language(self, files: Files, config) -> None:
        """`guide.md` is Chinese, `guide.en.md` its English translation: an English build
        serves the translation at the Chinese page's path, so the switcher finds it."""
        for file in list(files):
            if not file.src_uri.endswith(".md"):
                continue
            base, dot_lang = _split_lang(file.src_uri)
            if dot_lang is None:
                continue
            files.remove(file)
            if dot_lang == self.config.lang:
                original = files.get_file_from_path(base)
                if original is not None:
                    files.remove(original)
                files.append(File.generated(config, base, abs_src_path=file.abs_src_path))
        if self.config.lang != languages()[0]:
            # A page of the first language left in another language's site: a warning, so `--strict` fails on it.
            for file in list(files):
                translation = _lang_name(file.src_uri, self.config.lang)
                if file.src_uri.endswith(".md") and file.generated_by is None and not (Path(config.docs_dir) / translation).exists():
                    log.warning(message("no_translation", self.config.lang, path=f"{_docs(config)}/{file.src_uri}",
                                        translation=f"{_docs(config)}/{translation}"))

    def on_page_markdown(self, markdown, *, page, config, files):
        # The theme's search plugin would index every page too; ours replaces its index
        # (on_post_build), so spare it the work.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        filled, unknown = fill_fragments(markdown, self.fragments)
        if unknown:
            raise PluginError(message("unknown_fragment", self.config.lang, path=f"{_docs(config)}/{page.file.src_uri}",
                                      names=", ".join(unknown), known=", ".join(sorted(self.fragments))))
        return filled

    def on_page_context(self, context, *, page, config, nav):
        # The pages are about to be written and the theme's files are in place: compress them
        # meanwhile, on the cores the build leaves idle. Not under `mkdocs serve` (its server
        # never sends the copies): a save reloads sooner.
        if self.precompression is None and self.want_precompression:
            self.want_precompression = False
            self.precompression = start_precompression(config.site_dir, self.config.lang)
        return context

    def on_post_page(self, output, *, page, config):
        if self.precompression is not None:  # the bytes MkDocs writes
            self.precompression.add(page.file.dest_uri, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def on_build_error(self, *, error):
        if self.precompression is not None:
            self.precompression.pool.shutdown(wait=True, cancel_futures=True)
            self.precompression = None

    def on_page_content(self, html, *, page, config, files):
        self.indexed[page.file.src_uri] = (page.file.src_uri, page.url, page.title or "", html)
        return html

    def on_pre_build(self, *, config):
        self.precompression = None
        # `mkdocs serve` (and the other language's build beside it) is a preview: no compressed
        # copies (its server never sends them) and no service worker (a page kept offline
        # would hide the very change a live reload is meant to show)
        self.preview = self.command == "serve" or bool(os.environ.get(PREVIEW))
        self.want_precompression = not self.preview
        # The build is about to clean the site directory: stop the other language's pending
        # or running build, and keep its last complete one out of the way.
        if self.alternate is not None:
            self.alternate.hold(Path(config.site_dir))

    @event_priority(-100)  # after the theme's search plugin has written its own index
    def on_post_build(self, *, config):
        index = Path(config.site_dir) / "search" / "search_index.json"
        index.parent.mkdir(parents=True, exist_ok=True)
        # in the build's page order, whatever order earlier (dirty) builds met the pages in
        pages = [self.indexed[src] for src in self.sources if src in self.indexed]
        index.write_text(search_index_json(self.search_terms, self.config.lang, pages), encoding="utf-8")
        # last: the offline copy and the precompressed files cover everything written above.
        # Not under `mkdocs serve` (its server never sends them): a save reloads sooner.
        if self.precompression is None and self.want_precompression:  # no page was written
            self.precompression = start_precompression(config.site_dir, self.config.lang)
        precompression, self.precompression = self.precompression, None
        finish_site(config.site_dir, self.config.lang, self.version, precompression, offline=not self.preview)
        if self.command == "serve" and not self.warmed:
            self.warmed = True
            warm_up()
        if self.alternate is not None:
            target = self.alternate.schedule(Path(config.site_dir))
            log.info(message("building_alternate", self.config.lang, config=str(self.alternate.config_file), target=str(target)))

    def on_shutdown(self):
        if self.alternate is not None:
            self.alternate.stop()


def _split_lang(src_uri: str) -> tuple[str, str | None]:
    """'guide.en.md' -> ('guide.md', 'en'); 'guide.md' -> ('guide.md', None)."""
    stem, ext = posixpath.splitext(src_uri)
    head, dot, lang = stem.rpartition(".")
    if dot and lang in languages():
        return head + ext, lang
    return src_uri, None


def _docs(config) -> str:
    """The docs folder as the user names it (`docs`), for messages."""
    return Path(config.docs_dir).name


def _lang_name(base: str, lang: str) -> str:
    stem, ext = posixpath.splitext(base)
    return f"{stem}.{lang}{ext}"
