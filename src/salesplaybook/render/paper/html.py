"""Small HTML helpers shared by the checklist sheets and the blank forms.

The pages are Markdown files whose body is one raw HTML block: Markdown would turn our boxes
and ruled lines into lists and paragraphs, so the texts' inline Markdown is rendered here.
"""

from __future__ import annotations

from html import escape

from ...model import Lang, Playbook, Text
from ...words import say
from ..md import inline_html


def esc(text: str) -> str:
    return escape(text, quote=True)


def inline(text: Text | None, lang: Lang) -> str:
    """A playbook text as inline HTML (its **bold** and [links] kept, no paragraph around it),
    rendered with the site's own Markdown configuration."""
    return "" if text is None else inline_html(text.get(lang))


def plain(text: Text | None, lang: Lang) -> str:
    """A playbook text as plain escaped text (for attributes and titles)."""
    return esc(text.get(lang)) if text is not None else ""


def sheet_top(playbook: Playbook, lang: Lang, aside: str = "") -> str:
    """The line above every printed sheet: the playbook's title and its version, so a manager
    can tell which edition of the rules a paper was filled in against; `aside` (HTML) ends it."""
    return (
        f'<p class="pb-sheet-top"><span class="pb-sheet-title">{plain(playbook.meta.title, lang)}</span> '
        f'<span class="pb-sheet-version">{esc(say("sheet.version", lang))} {esc(playbook.meta.version)}</span>'
        + (f' <span class="pb-sheet-aside">{aside}</span>' if aside else "") + "</p>"
    )


def blank(label: str, cls: str = "") -> str:
    """A label with a line to write on."""
    extra = f" {cls}" if cls else ""
    return f'<span class="pb-blank{extra}"><span class="pb-blank-label">{esc(label)}</span><span class="pb-line"></span></span>'


def ruled_lines(n: int) -> str:
    return '<div class="pb-ruled">' + '<span class="pb-line"></span>' * n + "</div>"


def print_button(label: str) -> str:
    return f'<button type="button" class="pb-print pb-button" data-pb-action="print">{esc(label)}</button>'
