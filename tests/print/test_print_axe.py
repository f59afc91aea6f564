"""axe-core finds no accessibility violation on the checklist (one the same in every mode, one
family's variant), print-all, blank-form and repeatable blank-form pages, on a 390 px phone and
on a desktop screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesplaybook.render import paths
from salesplaybook.render.families import variants
from salesplaybook.render.paper.pages import blank_form_path, checklist_path, print_all_families

pytestmark = [pytest.mark.browser, pytest.mark.site]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def pages_to_check(playbook):
    """(page, language) of each kind of page this part of the site generates."""
    stage = checklist_path(playbook.stages[0].id)
    varying = next(s for s in playbook.stages if variants(playbook, s) != [None])
    variant = checklist_path(varying.id, variants(playbook, varying)[0])
    plain_form = next(f for f in playbook.forms if not f.repeatable)
    table_form = next(f for f in playbook.forms if f.repeatable)
    return {"stage": (stage, "zh"), "stage-en": (stage, "en"), "stage-family": (variant, "en"),
            "all": (paths.all_checklists(print_all_families(playbook)[0]), "zh"),
            "form": (blank_form_path(plain_form.id), "zh"), "form-table": (blank_form_path(table_form.id), "en")}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("which", ["stage", "stage-en", "stage-family", "all", "form", "form-table"])
def test_no_axe_violations(browser, page_url, playbook, which, size):
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm ci` (make test does)"
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    try:
        page.goto(page_url(*pages_to_check(playbook)[which]))
        page.add_script_tag(path=str(AXE))
        states = {"open": lambda: None}
        if which.startswith("stage"):
            # ticks, an opened fragment and its status, and the undo a clear offers are part of
            # what the rep sees
            def fragment():
                page.locator("input.pb-check").first.check()
                page.click('[data-pb-action="fragment"]')

            states = {"fragment": fragment, "cleared": lambda: page.click('[data-pb-action="clear"]')}
        for state, act in states.items():
            act()
            result = page.evaluate("async () => await axe.run(document)")
            found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
            assert found == [], f"{which} at {size}, {state}: {found}"
    finally:
        context.close()
