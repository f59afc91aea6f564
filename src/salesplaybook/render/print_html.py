"""Small HTML helpers shared by the checklist sheets and the blank forms.

The pages are Markdown files whose body is one raw HTML block: Markdown would turn our boxes
and ruled lines into lists and paragraphs, so the texts' inline Markdown is rendered here.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

import markdown

from ..model import Lang, Playbook, Text
from .checklist_words import word

_md = markdown.Markdown()


def esc(text: str) -> str:
    return escape(text, quote=True)


def inline(text: Text | None, lang: Lang) -> str:
    """A playbook text as inline HTML (its **bold** and [links] kept, no paragraph around it)."""
    return "" if text is None else _inline(text.get(lang))


@lru_cache(maxsize=4096)
def _inline(markdown_text: str) -> str:
    # cached: the print-all page renders every stage's texts a second time
    html = _md.reset().convert(markdown_text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def plain(text: Text | None, lang: Lang) -> str:
    """A playbook text as plain escaped text (for attributes and titles)."""
    return esc(text.get(lang)) if text is not None else ""


def sheet_top(playbook: Playbook, lang: Lang) -> str:
    """The line above every printed sheet: the playbook's title and its version, so a manager
    can tell which edition of the rules a paper was filled in against."""
    return (
        f'<p class="pb-sheet-top"><span class="pb-sheet-title">{plain(playbook.meta.title, lang)}</span> '
        f'<span class="pb-sheet-version">{esc(word("version", lang))} {esc(playbook.meta.version)}</span></p>'
    )


def blank(label: str, cls: str = "") -> str:
    """A label with a line to write on."""
    extra = f" {cls}" if cls else ""
    return f'<span class="pb-blank{extra}"><span class="pb-blank-label">{esc(label)}</span><span class="pb-line"></span></span>'


def ruled_lines(n: int) -> str:
    return '<div class="pb-ruled">' + '<span class="pb-line"></span>' * n + "</div>"


def print_button(label: str) -> str:
    return f'<button type="button" class="pb-print pb-button" data-pb-action="print">{esc(label)}</button>'
