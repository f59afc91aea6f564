"""Rendering the playbook into site pages: plain functions from the model to Markdown/HTML.

No MkDocs imports here: the plugin turns each `Page` into a generated MkDocs file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One generated page: its path inside the site's docs (e.g. `stages/plan-and-call.md`),
    its navigation title and its Markdown content."""

    path: str
    title: str
    content: str
    nav_section: str | None = None
    """The navigation section this page belongs to (None: top level)."""
    meta: dict = field(default_factory=dict)
