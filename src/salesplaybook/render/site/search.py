"""The site's search index: one static JSON file per language, built from the rendered pages.

    index = search_index(playbook, "zh", [IndexedPage("stages/signing.md", "stages/signing/", "8. 签约成交", html), ...])
    json.dumps(index)   # the plugin writes it to <site>/search/search_index.json

The browser fetches it only when the rep first opens the search box (overrides/main.html
holds that back) and searches it in a web worker (overrides/assets/javascripts/
playbook-search.js). It is one static file, so an offline cache can store it like any page.

What ranks a page (the worker applies it; this module supplies the data):

- its **type**: stage pages first, then forms, the glossary, the rules, the rest; printable
  copies (checklists, blank forms, the print-all page) come after every reading page and are
  indexed by their title only, so their repeated labels never crowd out the pages that define
  a thing, and a rep who types 检查清单 still finds them;
- its **search terms** (`search_terms` in the YAML: what reps type that the page may not say),
  then its title, its headings (a glossary term is a heading) and its text.

Each result says what it is: the type's label, a word of the catalogue, goes with the page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser

from typing import TYPE_CHECKING

from ...words import say

if TYPE_CHECKING:  # annotations only: a cached build writes the index without the model
    from ...model import Lang, Playbook, SearchTerms
from .. import paths

PAGE_TYPES: tuple[str, ...] = ("stage", "form", "glossary", "rules", "managers", "guide", "checklist", "blank_form")
"""Page types in ranking order: a stage page ranks above a form matching a query as well."""
PRINT_TYPES: frozenset[str] = frozenset({"checklist", "blank_form"})
"""Printable copies: below every reading page, indexed by title only."""

FORMAT = 1
"""The index's format version (the worker checks it; bump it when the shape changes)."""


@dataclass(frozen=True)
class IndexedPage:
    """One built page: its source path in docs (`stages/signing.md`), its URL from the language's
    root (`stages/signing/`, "" for the home page), its title and its rendered HTML body."""

    src: str
    url: str
    title: str
    html: str


_FOLDERS = {posixpath.dirname(where("x")): kind for where, kind in (
    (paths.stage, "stage"), (paths.form, "form"), (paths.checklist, "checklist"), (paths.blank_form, "blank_form"))}
_SINGLE = {paths.GLOSSARY: "glossary", paths.JUDGING: "rules", paths.MANAGERS: "managers",
           paths.COMPLIANCE: "rules", paths.PROCUREMENT: "rules"}


def page_type(src: str) -> str:
    """The type of the page at docs path `src` (one of PAGE_TYPES); home and hand-written
    pages are guides."""
    return _SINGLE.get(src) or _FOLDERS.get(posixpath.dirname(src), "guide")


def type_labels(lang: Lang) -> dict[str, str]:
    return {kind: say(f"site.search_type.{kind}", lang) for kind in PAGE_TYPES}


def search_index(pb: Playbook, lang: Lang, pages: list[IndexedPage]) -> dict:
    """The index of one language's site.

    `docs` holds one entry per page: `u` its URL, `t` its title, `k` its type, `w` its search
    terms, `s` its h1-h3 sections as `[anchor, heading, plain text]`, with the section's search
    terms as a fourth entry where it has any (a glossary term). Printable pages carry no
    sections: they are found by their title and type only.
    """
    return index_from_terms(search_terms(pb, lang), lang, pages)


def search_terms(pb: Playbook, lang: Lang) -> dict:
    """What the index takes from the playbook, as plain JSON data (the build cache keeps it
    with the pages): `pages` {docs path: terms}, `sections` [[docs path, anchor, terms]]."""
    page_terms, section_terms = _terms(pb, lang)
    return {"pages": page_terms, "sections": [[src, anchor, words] for (src, anchor), words in section_terms.items()]}


def index_from_terms(terms: dict, lang: Lang, pages: list[IndexedPage], sections_of=None) -> dict:
    """`search_index` from `search_terms`' data. `sections_of(htmls)`: `html_sections` of each
    HTML text (the build cache's `cached_sections` keeps them between builds)."""
    page_terms = terms["pages"]
    section_terms = {(src, anchor): words for src, anchor, words in terms["sections"]}
    read = [page for page in pages if page_type(page.src) not in PRINT_TYPES]
    found = (sections_of or (lambda htmls: [html_sections(h) for h in htmls]))([page.html for page in read])
    sections_by_src = {page.src: page_sections for page, page_sections in zip(read, found)}
    docs = []
    for page in pages:
        kind = page_type(page.src)
        doc: dict = {"u": page.url, "t": page.title, "k": kind}
        if page.src in page_terms:
            doc["w"] = page_terms[page.src]
        if kind not in PRINT_TYPES:
            sections = []
            for anchor, heading, text in sections_by_src[page.src]:
                words = section_terms.get((page.src, anchor))
                sections.append([anchor, heading, text] + ([words] if words else []))
            doc["s"] = sections
        docs.append(doc)
    return {
        # Material's search box reads this file and hands `config` and `docs` (and nothing
        # else) to the search worker: what the worker needs beyond the pages is in `config`.
        "config": {
            "lang": [lang], "separator": r"[\s\-]+", "pipeline": [], "fields": {},
            "playbook": {"format": FORMAT, "labels": type_labels(lang), "order": list(PAGE_TYPES),
                         "print": sorted(PRINT_TYPES)},
        },
        "docs": docs,
    }


def _words(terms: SearchTerms | None, lang: Lang) -> list[str]:
    if terms is None:
        return []
    return list(terms.en if lang == "en" else terms.zh)


def _terms(pb: Playbook, lang: Lang) -> tuple[dict[str, list[str]], dict[tuple[str, str], list[str]]]:
    """Search terms by page (stages, forms, the scorecard's page) and by section (glossary
    terms, by their anchor). A stage is also found by its number: 第5阶段, 第五阶段, stage 5."""
    pages: dict[str, list[str]] = {}
    numerals = say("site.search_numerals", lang).split("|")
    for stage in pb.stages:
        n = stage.number
        by_number = say("site.search_stage_terms", lang, n=n, cn=numerals[n - 1] if n <= len(numerals) else n).split("|")
        pages[paths.stage(stage.id)] = _words(stage.search_terms, lang) + by_number
    for form in pb.forms:
        pages[paths.form(form.id)] = _words(form.search_terms, lang)
    pages[paths.MANAGERS] = _words(pb.scorecard.search_terms, lang)  # the managers' page shows the scorecard
    sections = {(paths.GLOSSARY, term.id): words for term in pb.glossary if (words := _words(term.search_terms, lang))}
    return {k: v for k, v in pages.items() if v}, sections


# --- rendered HTML -> sections of plain text ---

_HEADINGS = {"h1", "h2", "h3"}
_SKIPPED = {"script", "style", "template"}
_BLOCKS = {"p", "li", "dt", "dd", "tr", "td", "th", "div", "br", "table", "ul", "ol", "blockquote", "section", "article"}


class _Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[list] = [["", "", []]]
        self.heading: list[str] | None = None
        self.skip_tag: str | None = None  # an element left out (a script, a permalink mark) ...
        self.skip_depth = 0  # ... and how deep inside elements of its name we are

    def handle_starttag(self, tag, attrs):
        if self.skip_tag:
            self.skip_depth += tag == self.skip_tag
            return
        if tag in _SKIPPED or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self.skip_tag, self.skip_depth = tag, 1
        elif tag in _HEADINGS:
            self.heading = []
            self.sections.append([dict(attrs).get("id") or "", "", []])
        elif tag in _BLOCKS:
            self.sections[-1][2].append(" ")

    def handle_endtag(self, tag):
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.skip_tag = None
            return
        if tag in _HEADINGS and self.heading is not None:
            self.sections[-1][1] = _squash("".join(self.heading))
            self.heading = None
        elif tag in _BLOCKS:
            self.sections[-1][2].append(" ")

    def handle_data(self, data):
        if self.skip_tag:
            return
        (self.heading if self.heading is not None else self.sections[-1][2]).append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


def html_sections(html: str) -> list[tuple[str, str, str]]:
    """(anchor, heading, plain text) for the page's h1-h3 sections, in order; the text before
    the first heading is merged into the first section. Permalink marks are left out."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    out: list[tuple[str, str, str]] = []
    for anchor, heading, parts in parser.sections:
        text = _squash("".join(parts))
        if not out and not heading and not text:
            continue
        out.append((anchor, heading, text))
    if len(out) > 1 and not out[0][1]:  # text before the first heading (rare): keep it with the page
        first = out.pop(0)
        out[0] = (out[0][0], out[0][1], _squash(first[2] + " " + out[0][2]))
    return out
