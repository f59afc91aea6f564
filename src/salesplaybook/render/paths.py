"""Where each generated page lives. The same paths in both languages, so the language
switcher can link a page to its translation."""

from __future__ import annotations

HOME = "index.md"
MANAGERS = "managers.md"
JUDGING = "judging.md"
GLOSSARY = "glossary.md"


def stage(stage_id: str) -> str:
    return f"stages/{stage_id}.md"


def form(form_id: str) -> str:
    return f"forms/{form_id}.md"


# Written by the checklist renderer (render/checklists.py); linked from the pages here.
def checklist(stage_id: str) -> str:
    return f"checklists/{stage_id}.md"


ALL_CHECKLISTS = "checklists/all.md"


def blank_form(form_id: str) -> str:
    return f"blank-forms/{form_id}.md"
