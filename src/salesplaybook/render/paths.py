"""Where each generated page lives. The same paths in both languages, so the language
switcher can link a page to its translation."""

from __future__ import annotations

HOME = "index.md"
MANAGERS = "managers.md"
JUDGING = "judging.md"
GLOSSARY = "glossary.md"
COMPLIANCE = "compliance.md"
PROCUREMENT = "procurement.md"
DEALS = "deals.md"
"""My deals: the phone app where a rep keeps deals, ticks with evidence and sees the verdict."""


def stage(stage_id: str) -> str:
    return f"stages/{stage_id}.md"


def form(form_id: str) -> str:
    return f"forms/{form_id}.md"


# Written by the paper wing (render/paper/pages.py); linked from the site's pages. A stage
# whose items differ by procurement-mode family has one checklist per family (see families.py).
def checklist(stage_id: str, family: str | None = None) -> str:
    return f"checklists/{stage_id}-{family}.md" if family else f"checklists/{stage_id}.md"


def all_checklists(family: str | None = None) -> str:
    return f"checklists/all-{family}.md" if family else "checklists/all.md"


ALL_CHECKLISTS = all_checklists()


def blank_form(form_id: str) -> str:
    return f"blank-forms/{form_id}.md"
