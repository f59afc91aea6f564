"""axe-core finds no accessibility violation on the checklist, print-all and blank-form pages,
on a 390 px phone and on a desktop screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesplaybook.render.checklists import ALL, blank_form_path, checklist_path

pytestmark = [pytest.mark.browser, pytest.mark.site]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def pages_to_check(playbook):
    """(page, language) of each kind of page this part of the site generates."""
    stage = checklist_path(playbook.stages[0].id)
    return {"stage": (stage, "zh"), "stage-en": (stage, "en"), "all": (ALL, "zh"),
            "form": (blank_form_path(playbook.forms[0].id), "zh")}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("which", ["stage", "stage-en", "all", "form"])
def test_no_axe_violations(browser, page_url, playbook, which, size):
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm ci` (make test does)"
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    try:
        page.goto(page_url(*pages_to_check(playbook)[which]))
        # ticks, an opened fragment and its status are part of what the rep sees
        if which.startswith("stage"):
            page.locator("input.pb-check").first.check()
            page.click('[data-pb-action="fragment"]')
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document)")
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
        assert found == [], f"{which} at {size}: {found}"
    finally:
        context.close()
