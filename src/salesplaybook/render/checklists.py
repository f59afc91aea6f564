"""Printable stage checklists and blank forms (to be written)."""

from __future__ import annotations

from ..model import Lang, Playbook
from . import Page


def checklist_pages(playbook: Playbook, lang: Lang) -> list[Page]:
    """One checklist page per stage, a print-all page, and one blank form per form."""
    return []


def assets() -> dict[str, str]:
    """Extra files (path in the site -> text) the checklist pages need: CSS, JavaScript."""
    return {}
