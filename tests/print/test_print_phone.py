"""The checklist page on a 390 x 844 phone: the boxes in the first screen and nothing of the paper
there, thumb-sized rows, ticks that survive a reload (kept per stage and family, the same in
both languages), a clear that can be undone, and a deal-file fragment with exactly the ticked
ids that the validator's parser accepts."""

from __future__ import annotations

import pytest
import yaml

from salesplaybook.deal import parse_deal
from salesplaybook.words import say
from salesplaybook.render.families import applies, variants
from salesplaybook.render.paper.pages import checklist_path
from salesplaybook.render.paper.sheet import family_name

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
MIN_ROW_PX = 44


@pytest.fixture()
def phone(browser, base_url):
    """A fresh phone (empty storage) that records every request it makes."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


def sheet_with_most_items(playbook):
    """(stage, family) of the longest checklist."""
    sheets = [(s, fam) for s in playbook.stages for fam in variants(playbook, s)]
    return max(sheets, key=lambda sf: len(items_of(playbook, *sf)))


def items_of(playbook, stage, family):
    return [i for i in stage.items() if applies(playbook, i, family)]


def varying_stage(playbook):
    """A stage with one checklist per family, and an item its first two families share."""
    stage = next(s for s in playbook.stages if variants(playbook, s) != [None])
    first, second = variants(playbook, stage)[:2]
    shared = next(i.id for i in stage.items() if applies(playbook, i, first) and applies(playbook, i, second))
    return stage, first, second, shared


def three_items(playbook, stage, family):
    """Three items from different groups: the first action, the first criterion, the last
    assessment item (of the family's variant)."""
    groups = dict(stage.groups())
    pick = [groups["milestone"], groups["success_criteria"], groups["assessment"][::-1]]
    return [next(i.id for i in items if applies(playbook, i, family)) for items in pick]


def tap_row(page, item_id):
    """A thumb on the row's left part, half-way down (away from any link in the item's text;
    a tap near a row's edge may be snapped to the neighbour by the browser's touch adjustment)."""
    row = page.locator(f"label[for='pb-{item_id}']")
    row.scroll_into_view_if_needed()
    row.tap(position={"x": 16, "y": row.bounding_box()["height"] / 2})


def checked_ids(page):
    return page.eval_on_selector_all("input.pb-check:checked", "els => els.map(e => e.dataset.pbItem)")


def test_every_row_is_a_thumb_sized_label_of_its_checkbox(phone, base_url, page_url, playbook):
    stage, fam = sheet_with_most_items(playbook)
    phone.goto(page_url(checklist_path(stage.id, fam)))
    rows = phone.locator("li.pb-item label.pb-row")
    assert rows.count() == len(items_of(playbook, stage, fam))
    for i in range(rows.count()):
        box = rows.nth(i).bounding_box()
        assert box["height"] >= MIN_ROW_PX, f"row {i} is {box['height']} px tall"
        assert box["width"] >= 300  # the whole width of the phone is the target
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"


PAPER_ONLY = ".pb-blanks, .pb-manager, .pb-write-room, .pb-cols"
"""Parts of a sheet for paper only: blanks for the deal, the room to write, the manager's lines."""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_phone_opens_with_boxes_to_tick_and_nothing_of_the_paper(phone, page_url, playbook, lang):
    """Every checklist, at 390 x 844: the first box to tick is within the first screen, and the
    blank lines, the writing room and the manager's lines are not shown at all (they print)."""
    for stage in playbook.stages:
        for fam in variants(playbook, stage):
            phone.goto(page_url(checklist_path(stage.id, fam), lang))
            box = phone.locator("input.pb-check").first.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, f"{lang} {stage.id}/{fam}: first box at {box}"
            shown = phone.eval_on_selector_all(PAPER_ONLY, "els => els.filter(e => e.getClientRects().length).length")
            assert shown == 0, f"{lang} {stage.id}/{fam}: {shown} paper-only parts on screen"
            # the print button is no longer above the boxes
            button = phone.get_by_role("button", name=say("sheet.print", lang), exact=True).bounding_box()
            assert button["y"] > box["y"]
    phone.emulate_media(media="print")
    assert phone.eval_on_selector_all(PAPER_ONLY, "els => els.filter(e => e.getClientRects().length).length") > 0


def test_ticks_survive_a_reload_and_become_a_fragment_the_validator_reads(phone, base_url, page_url, playbook):
    stage, fam = sheet_with_most_items(playbook)
    ids = three_items(playbook, stage, fam)
    phone.goto(page_url(checklist_path(stage.id, fam)))
    assert checked_ids(phone) == []
    for item_id in ids:
        tap_row(phone, item_id)
    phone.reload()
    order = [i.id for i in stage.items()]
    assert checked_ids(phone) == sorted(ids, key=order.index)

    phone.get_by_role("button", name=say("sheet.make_fragment", "zh")).tap()
    output = phone.get_by_label(say("sheet.fragment", "zh"))
    assert output.is_visible()
    fragment = output.input_value()
    if fam:
        assert family_name(playbook, fam, "zh") in fragment.splitlines()[0]  # the comment names the family
    today = phone.evaluate("new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, the phone's own day
    data = yaml.safe_load(fragment)
    assert list(data) == ["done"]
    assert set(data["done"]) == set(ids)
    assert all(str(entry["date"]) == today and list(entry) == ["date"] for entry in data["done"].values())

    mode = next((m.id for m in playbook.procurement.modes if m.family == fam), None) if fam else None
    deal_text = (
        "deal: {id: phone-test, name: 测试项目, customer: 测试客户, rep: 测试}\n"
        + (f"procurement_mode: {mode}\n" if mode else "")
        + f"customer_stage: {stage.customer_stage}\n"
        f"claimed_stage: {stage.id}\n" + fragment
    )
    deal = parse_deal(deal_text, "phone-test.yaml", playbook)
    assert set(deal.done) == set(ids)
    assert {str(e.date) for e in deal.done.values()} == {today}


def test_download_gives_the_same_fragment_and_nothing_leaves_the_site(phone, base_url, page_url, playbook):
    stage, fam, _, shared = varying_stage(playbook)
    phone.goto(page_url(checklist_path(stage.id, fam)))
    tap_row(phone, shared)
    phone.get_by_role("button", name=say("sheet.make_fragment", "zh")).tap()
    with phone.expect_download() as info:
        phone.get_by_role("button", name=say("sheet.download", "zh")).tap()
    download = info.value
    assert download.suggested_filename == f"{stage.id}-{fam}-done.yaml"
    assert open(download.path(), encoding="utf-8").read() == phone.get_by_label(say("sheet.fragment", "zh")).input_value()
    outside = [u for u in phone.requests if not u.startswith(base_url) and not u.startswith(("blob:", "data:"))]
    assert outside == []


def test_copy_puts_the_fragment_on_the_clipboard(browser, page_url, playbook):
    stage = playbook.stages[0]
    context = browser.new_context(**PHONE)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        phone = context.new_page()
        phone.goto(page_url(checklist_path(stage.id)))
        tap_row(phone, stage.success_criteria[0].id)
        phone.get_by_role("button", name=say("sheet.make_fragment", "zh")).tap()
        phone.get_by_role("button", name=say("sheet.copy", "zh")).tap()
        phone.wait_for_function("document.querySelector('.pb-status').textContent !== ''")
        expected = phone.get_by_label(say("sheet.fragment", "zh")).input_value()
        assert phone.evaluate("navigator.clipboard.readText()") == expected
        assert phone.locator(".pb-status").inner_text() == say("sheet.copied", "zh")
    finally:
        context.close()


def test_print_button_opens_the_print_dialog(phone, page_url, playbook):
    phone.goto(page_url(checklist_path(playbook.stages[0].id)))
    # a function, so that evaluate() runs it (an expression that is a function gets called)
    phone.evaluate("() => { window.print = () => { window.pbPrinted = (window.pbPrinted || 0) + 1; }; }")
    phone.get_by_role("button", name=say("sheet.print", "zh"), exact=True).tap()
    assert phone.evaluate("window.pbPrinted") == 1


def test_ticks_are_kept_per_stage_and_clear_empties_them(phone, base_url, page_url, playbook):
    first, second = playbook.stages[0], playbook.stages[1]
    phone.goto(page_url(checklist_path(first.id)))
    tap_row(phone, first.milestone[0].id)
    phone.goto(page_url(checklist_path(second.id)))
    assert checked_ids(phone) == []
    phone.goto(page_url(checklist_path(first.id)))
    assert checked_ids(phone) == [first.milestone[0].id]
    phone.get_by_role("button", name=say("sheet.clear", "zh")).tap()
    phone.reload()
    assert checked_ids(phone) == []
    phone.get_by_role("button", name=say("sheet.make_fragment", "zh")).tap()
    assert phone.locator(".pb-status").inner_text() == say("sheet.nothing_ticked", "zh")
    assert not phone.get_by_label(say("sheet.fragment", "zh")).is_visible()


def test_ticks_are_kept_per_family_and_shared_by_the_two_languages(phone, page_url, playbook):
    """An item two families share is ticked on one family's sheet only; the English page of
    that sheet shows the Chinese page's ticks (the ids are the same in both)."""
    stage, first, second, shared = varying_stage(playbook)
    phone.goto(page_url(checklist_path(stage.id, first)))
    tap_row(phone, shared)
    phone.goto(page_url(checklist_path(stage.id, second)))
    assert checked_ids(phone) == []
    phone.goto(page_url(checklist_path(stage.id, first), "en"))
    assert checked_ids(phone) == [shared]
    keys = phone.evaluate("Object.keys(localStorage)")
    assert keys == [f"salesplaybook:checklist:{stage.id}:{first}"]


def test_a_family_sheet_starts_from_ticks_kept_before_stages_had_families(phone, page_url, playbook):
    stage, first, second, shared = varying_stage(playbook)
    only_second = next(i.id for i in stage.items() if not applies(playbook, i, first) and applies(playbook, i, second))
    phone.goto(page_url(checklist_path(stage.id, first)))
    phone.evaluate(f"localStorage.setItem('salesplaybook:checklist:{stage.id}', JSON.stringify(['{shared}', '{only_second}']))")
    phone.reload()
    assert checked_ids(phone) == [shared]  # only what this sheet holds
    tap_row(phone, shared)  # untick: the family's own (empty) list now wins over the old one
    phone.reload()
    assert checked_ids(phone) == []


def test_clear_ticks_can_be_undone(phone, page_url, playbook):
    stage = playbook.stages[0]
    ids = [stage.milestone[0].id, stage.success_criteria[0].id]
    phone.goto(page_url(checklist_path(stage.id)))
    undo = phone.get_by_role("button", name=say("sheet.undo", "zh"))
    assert not undo.is_visible()
    for item_id in ids:
        tap_row(phone, item_id)
    phone.get_by_role("button", name=say("sheet.clear", "zh")).tap()
    assert checked_ids(phone) == []
    assert phone.locator(".pb-status").inner_text() == say("sheet.cleared", "zh", n=2)
    undo.tap()
    assert checked_ids(phone) == ids
    assert phone.locator(".pb-status").inner_text() == say("sheet.restored", "zh", n=2)
    assert not undo.is_visible()
    phone.reload()
    assert checked_ids(phone) == ids  # restored ticks are stored again
    # a tick after a clear ends the chance to undo it
    phone.get_by_role("button", name=say("sheet.clear", "zh")).tap()
    tap_row(phone, ids[0])
    assert not undo.is_visible()
