"""Small Markdown helpers shared by the page renderers."""

from __future__ import annotations

import posixpath

from ..model import Lang, Text


def t(text: Text | None, lang: Lang) -> str:
    """A playbook text in `lang` ('' when absent)."""
    return text.get(lang) if text is not None else ""


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, no bare pipes."""
    return " ".join(text.split()).replace("|", "\\|")


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


# Punctuation differs between the languages: full-width in Chinese.
def colon(lang: Lang) -> str:
    return "：" if lang == "zh" else ": "


def listing(parts: list[str], lang: Lang) -> str:
    """'a、b、c' in Chinese, 'a, b, c' in English."""
    return ("、" if lang == "zh" else ", ").join(parts)


def parens(text: str, lang: Lang) -> str:
    return f"（{text}）" if lang == "zh" else f"({text})"
