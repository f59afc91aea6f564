"""Golden files: the checklist and blank-form pages rendered from the print tests' own small
playbook (tests/print/fixtures/playbook), compared with tests/print/golden/.

After an intended change, rewrite them and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/print/test_print_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salesplaybook import load_playbook
from salesplaybook.model import TEXT_LANGS as LANGS
from salesplaybook.render.paper.pages import blank_form_path, checklist_pages, checklist_path

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
PB = load_playbook(HERE / "fixtures" / "playbook" / "playbook.yaml")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# stage 1 the same in every mode; stage 2 in the variant of a family with two modes (one item
# limited to one of them); a plain form and a repeatable one
PAGES = [checklist_path(PB.stages[0].id), checklist_path(PB.stages[1].id, "tender")] + [blank_form_path(f.id) for f in PB.forms]


def check(golden: Path, actual: str) -> None:
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.relative_to(HERE)} differs (UPDATE_GOLDEN=1 rewrites it)"


@pytest.mark.parametrize("lang", LANGS)
def test_page_list_matches_golden(lang):
    lines = [f"{p.path} | {p.title} | {p.nav_section} | {p.meta}" for p in checklist_pages(PB, lang)]
    check(GOLDEN / lang / "pages.txt", "\n".join(lines) + "\n")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_matches_golden(lang, path):
    page = {p.path: p for p in checklist_pages(PB, lang)}[path]
    check(GOLDEN / lang / path, page.content)
