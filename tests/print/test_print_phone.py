"""The checklist page on a 390 px phone: thumb-sized rows, ticks that survive a reload, and a
deal-file fragment with exactly the ticked ids that the validator's parser accepts."""

from __future__ import annotations

import pytest
import yaml

from salesplaybook.deal import parse_deal
from salesplaybook.render.checklist_words import WORDS
from salesplaybook.render.checklists import checklist_path

pytestmark = [pytest.mark.browser, pytest.mark.site]

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


def stage_with_most_items(playbook):
    return max(playbook.stages, key=lambda s: len(list(s.items())))


def three_items(stage):
    """Three items from different groups: the first action, the first criterion, the last
    assessment item."""
    return [stage.milestone[0].id, stage.success_criteria[0].id, stage.conditions.assessment[-1].id]


def tap_row(page, item_id):
    """A thumb on the row's left part, half-way down (away from any link in the item's text;
    a tap near a row's edge may be snapped to the neighbour by the browser's touch adjustment)."""
    row = page.locator(f"label[for='pb-{item_id}']")
    row.scroll_into_view_if_needed()
    row.tap(position={"x": 16, "y": row.bounding_box()["height"] / 2})


def checked_ids(page):
    return page.eval_on_selector_all("input.pb-check:checked", "els => els.map(e => e.dataset.pbItem)")


def test_every_row_is_a_thumb_sized_label_of_its_checkbox(phone, base_url, page_url, playbook):
    stage = stage_with_most_items(playbook)
    phone.goto(page_url(checklist_path(stage.id)))
    rows = phone.locator("li.pb-item label.pb-row")
    assert rows.count() == len(list(stage.items()))
    for i in range(rows.count()):
        box = rows.nth(i).bounding_box()
        assert box["height"] >= MIN_ROW_PX, f"row {i} is {box['height']} px tall"
        assert box["width"] >= 300  # the whole width of the phone is the target
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"


def test_ticks_survive_a_reload_and_become_a_fragment_the_validator_reads(phone, base_url, page_url, playbook):
    stage = stage_with_most_items(playbook)
    ids = three_items(stage)
    phone.goto(page_url(checklist_path(stage.id)))
    assert checked_ids(phone) == []
    for item_id in ids:
        tap_row(phone, item_id)
    phone.reload()
    order = [i.id for i in stage.items()]
    assert checked_ids(phone) == sorted(ids, key=order.index)

    phone.get_by_role("button", name=WORDS["make_fragment"]["zh"]).tap()
    output = phone.get_by_label(WORDS["fragment"]["zh"])
    assert output.is_visible()
    fragment = output.input_value()
    today = phone.evaluate("new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, the phone's own day
    data = yaml.safe_load(fragment)
    assert list(data) == ["done"]
    assert set(data["done"]) == set(ids)
    assert all(str(entry["date"]) == today and list(entry) == ["date"] for entry in data["done"].values())

    deal_text = (
        "deal: {id: phone-test, name: 测试项目, customer: 测试客户, rep: 测试}\n"
        f"customer_stage: {stage.customer_stage}\n"
        f"claimed_stage: {stage.id}\n" + fragment
    )
    deal = parse_deal(deal_text, "phone-test.yaml", playbook)
    assert set(deal.done) == set(ids)
    assert {str(e.date) for e in deal.done.values()} == {today}


def test_download_gives_the_same_fragment_and_nothing_leaves_the_site(phone, base_url, page_url, playbook):
    stage = playbook.stages[0]
    phone.goto(page_url(checklist_path(stage.id)))
    tap_row(phone, stage.milestone[0].id)
    phone.get_by_role("button", name=WORDS["make_fragment"]["zh"]).tap()
    with phone.expect_download() as info:
        phone.get_by_role("button", name=WORDS["download"]["zh"]).tap()
    download = info.value
    assert download.suggested_filename == f"{stage.id}-done.yaml"
    assert open(download.path(), encoding="utf-8").read() == phone.get_by_label(WORDS["fragment"]["zh"]).input_value()
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
        phone.get_by_role("button", name=WORDS["make_fragment"]["zh"]).tap()
        phone.get_by_role("button", name=WORDS["copy"]["zh"]).tap()
        phone.wait_for_function("document.querySelector('.pb-status').textContent !== ''")
        expected = phone.get_by_label(WORDS["fragment"]["zh"]).input_value()
        assert phone.evaluate("navigator.clipboard.readText()") == expected
        assert phone.locator(".pb-status").inner_text() == WORDS["copied"]["zh"]
    finally:
        context.close()


def test_print_button_opens_the_print_dialog(phone, page_url, playbook):
    phone.goto(page_url(checklist_path(playbook.stages[0].id)))
    # a function, so that evaluate() runs it (an expression that is a function gets called)
    phone.evaluate("() => { window.print = () => { window.pbPrinted = (window.pbPrinted || 0) + 1; }; }")
    phone.get_by_role("button", name=WORDS["print"]["zh"], exact=True).tap()
    assert phone.evaluate("window.pbPrinted") == 1


def test_ticks_are_kept_per_stage_and_clear_empties_them(phone, base_url, page_url, playbook):
    first, second = playbook.stages[0], playbook.stages[1]
    phone.goto(page_url(checklist_path(first.id)))
    tap_row(phone, first.milestone[0].id)
    phone.goto(page_url(checklist_path(second.id)))
    assert checked_ids(phone) == []
    phone.goto(page_url(checklist_path(first.id)))
    assert checked_ids(phone) == [first.milestone[0].id]
    phone.get_by_role("button", name=WORDS["clear"]["zh"]).tap()
    phone.reload()
    assert checked_ids(phone) == []
    phone.get_by_role("button", name=WORDS["make_fragment"]["zh"]).tap()
    assert phone.locator(".pb-status").inner_text() == WORDS["nothing_ticked"]["zh"]
    assert not phone.get_by_label(WORDS["fragment"]["zh"]).is_visible()
