"""Chinese on the printed sheets is drawn from a real CJK font, glyph for glyph: Chromium
reports which platform font drew each text node, so a character without a glyph (a box on
paper) would show up as drawn by another font or missing from the count."""

from __future__ import annotations

import re

import pytest

from salesplaybook.render.paper.pages import blank_form_path, checklist_path

pytestmark = [pytest.mark.browser, pytest.mark.site]

HAN = re.compile(r"[\u4e00-\u9fff]")


def han_glyphs_by_font(page, selector: str) -> tuple[int, dict[str, int]]:
    """(Han characters in the elements' own text, glyphs drawn per font family)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    han, fonts = 0, {}
    for node_id in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        node = cdp.send("DOM.describeNode", {"nodeId": node_id, "depth": 1})["node"]
        own = "".join(c.get("nodeValue", "") for c in node.get("children", []) if c.get("nodeType") == 3)
        if not HAN.search(own):
            continue
        han += len(HAN.findall(own))
        for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]:
            fonts[f["familyName"]] = fonts.get(f["familyName"], 0) + f["glyphCount"]
    return han, fonts


@pytest.mark.parametrize("which", ["checklist", "form"])
def test_chinese_prints_from_a_cjk_font(browser, page_url, playbook, which):
    path = checklist_path(playbook.stages[0].id) if which == "checklist" else blank_form_path(playbook.forms[0].id)
    page = browser.new_page()
    try:
        page.goto(page_url(path))
        page.emulate_media(media="print")
        han, fonts = han_glyphs_by_font(page, ".pb-sheet *")
        assert han > 0
        cjk = sum(n for family, n in fonts.items() if "CJK" in family)
        assert cjk >= han, f"{han} Chinese characters but only {cjk} glyphs from a CJK font: {fonts}"
    finally:
        page.close()
