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


# Every line break a YAML reader or an editor knows; each would end the fragment's comment line.
LINE_BREAKS = "\n\r\u2028\u2029\u0085\v\f"


def test_the_fragment_head_is_one_line_whatever_the_texts_hold(playbook):
    """The model refuses a title with a line break (tests/playbook_errors/markdown-line-break-
    in-title*.yaml); the sheet collapses any that got past it anyway, before the page holds it."""
    from salesplaybook.render.paper.sheet import fragment_head, stage_sheet

    title = playbook.meta.title.model_copy(update={"zh": "销售" + LINE_BREAKS + "手册"})
    meta = playbook.meta.model_copy(update={"title": title, "version": "1\r\n2"})
    hostile = playbook.model_copy(update={"meta": meta})
    stage = hostile.stages[0]
    head = fragment_head(hostile, stage, "zh")
    assert head.startswith("销售 手册 1 2 · ") and not any(c in head for c in LINE_BREAKS)
    html = stage_sheet(hostile, stage, "zh", interactive=True)
    attr = html.split('data-pb-fragment-head="', 1)[1].split('"', 1)[0]
    assert attr == head.replace("&", "&amp;")


def test_the_page_script_keeps_the_fragment_head_on_one_line(phone, page_url, playbook):
    """Whatever the page's attribute holds (an older page, an edited one), the script writes
    the comment on one line: the fragment stays YAML the validator reads."""
    stage = playbook.stages[0]
    phone.goto(page_url(checklist_path(stage.id)))
    phone.evaluate("head => document.querySelector('.pb-tools').setAttribute('data-pb-fragment-head', head)",
                   "A" + "B".join(LINE_BREAKS) + "C\n\ndone: {evil: {date: 2020-01-01}}")
    tap_row(phone, stage.milestone[0].id)
    phone.get_by_role("button", name=say("sheet.make_fragment", "zh")).tap()
    fragment = phone.get_by_label(say("sheet.fragment", "zh")).input_value()
    first, *rest = fragment.split("\n")
    assert first == "# A" + " B" * (len(LINE_BREAKS) - 1) + " C done: {evil: {date: 2020-01-01}}"
    assert rest[0] == "done:"
    assert list(yaml.safe_load(fragment)["done"]) == [stage.milestone[0].id]


def test_ticks_go_into_the_current_deal_shared_by_sheets_and_languages(phone, page_url, playbook):
    """A tick is recorded in the rep's current deal (my deals' store): an item two families
    share shows ticked on both families' sheets and on the English page; the page names the
    deal. With no deal yet, the first tick starts one."""
    stage, first, second, shared = varying_stage(playbook)
    phone.goto(page_url(checklist_path(stage.id, first)))
    tap_row(phone, shared)
    store = phone.evaluate("JSON.parse(localStorage.getItem('salesplaybook:deals'))")
    [deal] = store["deals"]
    assert store["current"] == deal["uid"] and list(deal["done"]) == [shared]
    assert deal["claimed_stage"] == stage.id and deal["deal"]["name"] == say("sheet.first_deal", "zh")
    assert say("sheet.first_deal", "zh") in phone.locator(".pb-deal-line").inner_text()
    phone.goto(page_url(checklist_path(stage.id, second)))
    assert checked_ids(phone) == [shared]
    phone.goto(page_url(checklist_path(stage.id, first), "en"))
    assert checked_ids(phone) == [shared]
    assert phone.evaluate("Object.keys(localStorage)") == ["salesplaybook:deals"]


def test_another_deal_has_its_own_ticks(phone, page_url, playbook):
    """Two deals at the same stage: switching the current deal (as my deals does) switches the
    ticks the sheet shows."""
    stage = playbook.stages[0]
    item = stage.milestone[0].id
    phone.goto(page_url(checklist_path(stage.id)))
    tap_row(phone, item)
    phone.evaluate("""() => { const s = JSON.parse(localStorage.getItem('salesplaybook:deals'));
      s.deals.push({uid: 'other', deal: {id: 'other', name: '另一个交易', customer: '', rep: ''},
                    customer_stage: s.deals[0].customer_stage, claimed_stage: s.deals[0].claimed_stage, done: {}});
      s.current = 'other'; localStorage.setItem('salesplaybook:deals', JSON.stringify(s)); }""")
    phone.reload()
    assert checked_ids(phone) == [] and "另一个交易" in phone.locator(".pb-deal-line").inner_text()
    phone.evaluate("() => { const s = JSON.parse(localStorage.getItem('salesplaybook:deals')); s.current = s.deals[0].uid;"
                   " localStorage.setItem('salesplaybook:deals', JSON.stringify(s)); }")
    phone.reload()
    assert checked_ids(phone) == [item]


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
