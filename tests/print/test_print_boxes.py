"""With print media, the boxes to tick are solid dark squares on white: visible on a black and
white printout (Material's task-list icons print as a faint grey circle)."""

from __future__ import annotations

import pytest

from salesplaybook.render import paths
from salesplaybook.render.paper.pages import blank_form_path, checklist_path, print_all_families

pytestmark = [pytest.mark.browser, pytest.mark.site]

BOX_STYLE = """els => els.map(e => {
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {top: s.borderTopWidth, left: s.borderLeftWidth, style: s.borderTopStyle,
          color: s.borderTopColor, colors: [s.borderRightColor, s.borderBottomColor, s.borderLeftColor],
          background: s.backgroundColor, appearance: s.appearance, width: r.width, height: r.height};
})"""


def rgb(css: str) -> tuple[int, ...]:
    return tuple(int(float(v)) for v in css[css.index("(") + 1: css.index(")")].split(",")[:3])


def assert_visible_on_paper(box: dict) -> None:
    assert float(box["top"].removesuffix("px")) >= 1.0 and float(box["left"].removesuffix("px")) >= 1.0, box
    assert box["style"] == "solid", box
    assert max(rgb(box["color"])) <= 64, f"border not dark: {box}"
    assert all(rgb(c) == rgb(box["color"]) for c in box["colors"]), f"border not the same all round: {box}"
    assert box["appearance"] in ("none", "auto") and box["width"] >= 10 and box["height"] >= 10, box
    background = rgb(box["background"]) if box["background"] != "rgba(0, 0, 0, 0)" else (255, 255, 255)
    assert min(background) >= 200, f"an empty box must be light inside: {box}"


@pytest.mark.parametrize("which", ["stage", "all", "form"])
def test_empty_boxes_have_a_dark_solid_border_in_print(browser, page_url, playbook, which):
    if which == "stage":
        url, selector = page_url(checklist_path(playbook.stages[0].id)), "input.pb-check"
    elif which == "all":
        url, selector = page_url(paths.all_checklists(print_all_families(playbook)[0])), ".pb-box"
    else:
        form = next((f for f in playbook.forms if not f.repeatable and any(x.type in ("choice", "multi_choice", "yes_no") for x in f.fields)), None)
        if form is None:
            pytest.skip("no form with choices in this playbook")
        url, selector = page_url(blank_form_path(form.id)), ".pb-box"
    page = browser.new_page()
    try:
        page.goto(url)
        page.emulate_media(media="print")
        boxes = page.eval_on_selector_all(selector, BOX_STYLE)
        assert boxes, f"no {selector} on {url}"
        for box in boxes:
            assert_visible_on_paper(box)
        # none of Material's task-list icons, which print grey
        assert page.locator(".task-list-indicator, .task-list-control").count() == 0
    finally:
        page.close()


def test_a_box_ticked_on_the_phone_prints_filled(browser, page_url, playbook):
    stage = playbook.stages[0]
    page = browser.new_page()
    try:
        page.goto(page_url(checklist_path(stage.id)))
        page.check(f"#pb-{stage.milestone[0].id}")
        page.emulate_media(media="print")
        ticked, empty = page.eval_on_selector_all("input.pb-check", BOX_STYLE)[:2]
        assert rgb(ticked["background"]) == (0, 0, 0)
        assert_visible_on_paper(empty)
    finally:
        page.close()
