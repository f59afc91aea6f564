"""The real site in headless Chromium: phone navigation, no sideways scroll, no request
outside the site, zero axe violations, the language switch."""

from __future__ import annotations

import pytest

from salesplaybook import load_playbook
from salesplaybook.render import paths
from salesplaybook.render.families import variants
from site_helpers import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.site]

PLAYBOOK = load_playbook(ROOT / "playbook" / "playbook.yaml")
FIFTH = next(s for s in PLAYBOOK.stages if s.number == 5)
FORM = PLAYBOOK.stages[0].tools[0]

# One page of every generated type, plus the hand-written ones.
PAGE_TYPES = {
    "home": "",
    "stage": f"stages/{FIFTH.id}/",
    "form": f"forms/{FORM}/",
    "managers": "managers/",
    "judging": "judging/",
    "glossary": "glossary/",
    "guide": "guide/",
    # stage 5 differs by procurement-mode family: one checklist, and one print-all page, per family
    "checklist": paths.checklist(FIFTH.id, variants(PLAYBOOK, FIFTH)[0]).removesuffix(".md") + "/",
    "all-checklists": paths.all_checklists(variants(PLAYBOOK, FIFTH)[0]).removesuffix(".md") + "/",
    "blank-form": f"blank-forms/{FORM}/",
    "english-stage": f"en/stages/{FIFTH.id}/",
    "my-deals": "deals/",
    "english-my-deals": "en/deals/",
    "compliance": "compliance/",
    "procurement": "procurement/",
}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _open(browser, url: str, width: int, height: int = 844):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return context, page


def test_phone_navigation_from_home_to_stage_5(phone, site_url):
    phone.goto(site_url + "/", wait_until="networkidle")
    phone.locator('.md-header label.md-header__button[for="__drawer"]').click()
    phone.get_by_text("八个阶段", exact=True).first.click()
    target = phone.locator(f'.md-nav--primary a[href$="stages/{FIFTH.id}/"]').first
    target.click()
    phone.wait_for_url(f"**/stages/{FIFTH.id}/")
    assert FIFTH.name.zh in phone.locator("h1").inner_text()
    # The page tells the rep where the printable checklist is.
    assert phone.locator(f'a[href$="{PAGE_TYPES["checklist"]}"]').count() >= 1


@pytest.mark.parametrize("width", [360, 390, 414])
def test_no_page_scrolls_sideways_on_a_phone(browser, site_url, width):
    wide = {}
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{site_url}/{path}", wait_until="load")
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide[kind] = (scroll, client)
    context.close()
    assert wide == {}


def test_no_request_leaves_the_site(browser, site_url):
    requests: list[str] = []
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for path in PAGE_TYPES.values():
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
    page.goto(f"{site_url}/", wait_until="networkidle")  # a search loads the worker and the index
    page.locator('.md-header label.md-header__button[for="__search"]').click()
    page.locator("input.md-search__input").fill("里程碑")
    page.locator("input.md-search__input").press("End")
    page.locator(".md-search-result__item").first.wait_for()
    context.close()
    foreign = [u for u in requests if not (u.startswith(site_url + "/") or u.startswith(("data:", "blob:")))]
    assert len(requests) > 20
    assert foreign == []


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_violation(browser, site_url, width):
    found = {}
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{site_url}/{path}", wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => (await axe.run(document)).violations"
                               ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))")
        if result:
            found[kind] = result
    context.close()
    assert found == {}


def test_language_switch_keeps_the_page(phone, site_url):
    phone.goto(f"{site_url}/stages/{FIFTH.id}/", wait_until="networkidle")
    phone.locator(".md-header__option .md-select button").first.hover()
    phone.locator('a.md-select__link[hreflang="en"]').first.click()
    phone.wait_for_url(f"**/en/stages/{FIFTH.id}/")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert FIFTH.name.get("en") in phone.locator("h1").inner_text()
    phone.locator(".md-header__option .md-select button").first.hover()
    phone.locator('a.md-select__link[hreflang="zh"]').first.click()
    phone.wait_for_url(f"{site_url}/stages/{FIFTH.id}/")
    assert FIFTH.name.zh in phone.locator("h1").inner_text()
