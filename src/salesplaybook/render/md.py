"""Small Markdown helpers shared by the site's pages and the printed sheets, and the one
Markdown configuration both render with.

The site's pages are Markdown that MkDocs renders with `MARKDOWN_EXTENSIONS` (the plugin
adds them to the build); the printed sheets are HTML whose playbook texts are rendered here,
with the very same extensions, so a text reads the same on the site and on paper.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from ..model import Lang, Stage, Text
from ..words import say

MARKDOWN_EXTENSIONS: dict[str, dict] = {
    "attr_list": {}, "md_in_html": {}, "tables": {}, "toc": {"permalink": True},
    "admonition": {}, "pymdownx.details": {}, "pymdownx.superfences": {},
    "pymdownx.tabbed": {"alternate_style": True},
}
"""Python-Markdown extensions of every generated page and their settings: `toc` gives headings
their anchors, `attr_list` the field anchors and buttons, `details` folds long guidance,
`tabbed` shows a stage's variants by procurement-mode family."""


def t(text: Text | None, lang: Lang) -> str:
    """A playbook text in `lang` ('' when absent)."""
    return text.get(lang) if text is not None else ""


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped once."""
    return " ".join(text.split()).replace("\\|", "|").replace("|", "\\|")


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """The relative Markdown link target from one generated page to another (MkDocs checks it)."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def indent(text: str, spaces: int) -> str:
    """Continuation lines of a list item, indented under it."""
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.splitlines())


# Punctuation differs between the languages (full-width in Chinese): it is in the catalogue.
def colon(lang: Lang) -> str:
    return say("punct.colon", lang)


def listing(parts: list[str], lang: Lang) -> str:
    """'a、b、c' in Chinese, 'a, b, c' in English."""
    return say("punct.list", lang).join(parts)


def parens(text: str, lang: Lang) -> str:
    return say("punct.parens", lang, text=text)


def stage_nav_title(stage: Stage, lang: Lang) -> str:
    """`3. 提交初步方案`: a stage in the navigation and in links, the same on site and paper."""
    return f"{stage.number}. {t(stage.name, lang)}"


def num(value: float) -> str:
    """A weight or count as people write it: 2, not 2.0; 1.5 stays 1.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@lru_cache(maxsize=1)
def _converter():
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSIONS)


@lru_cache(maxsize=4096)
def inline_html(markdown_text: str) -> str:
    """A playbook text as inline HTML: its **bold** and [links] kept, no paragraph around it.
    Cached: the print-all page renders every stage's texts a second time."""
    html = _converter().reset().convert(markdown_text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html
