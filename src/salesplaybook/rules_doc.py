"""The site's "how deals are judged" page, generated from the same rules the validator runs
(to be written)."""

from __future__ import annotations

from .model import Lang, Playbook


def rules_page(playbook: Playbook, lang: Lang) -> str:
    """Markdown: the validator's rules and the deal-file format reference, with an example."""
    return "# 如何判断交易\n" if lang == "zh" else "# How deals are judged\n"
