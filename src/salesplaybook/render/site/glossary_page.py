"""The glossary: each term with its own anchor, so other pages can point at it."""

from __future__ import annotations

from ...model import Lang, Playbook
from ...words import say
from ..md import t


def render_glossary(pb: Playbook, lang: Lang) -> str:
    out = [f"# {say('site.nav.glossary', lang)}", ""]
    for term in pb.glossary:
        out += [f"## {t(term.term, lang)} {{ #{term.id} }}", "", t(term.definition, lang), ""]
    return "\n".join(out).rstrip() + "\n"
