"""The rep's loop on a phone, played as a rep plays it: my deals, ticks with dates and
evidence, the verdict, the deal file out and back in, storage that survives, and all of it
with no signal once the site was visited."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import ROOT

from salesplaybook import load_playbook
from salesplaybook.deal import parse_deal

pytestmark = [pytest.mark.browser, pytest.mark.site]

REAL = ROOT / "playbook" / "playbook.yaml"


def _open_app(phone, site_url: str, lang: str = "zh"):
    phone.goto(f"{site_url}/{'en/' if lang == 'en' else ''}deals/")
    phone.wait_for_selector(".pb-app-bar")
    return phone


def _open(phone, selector: str) -> None:
    """Unfold a folded section (the app keeps it open across redraws)."""
    if not phone.locator(selector).evaluate("e => e.open"):
        phone.locator(f"{selector} > summary").click()


def _fill_everything(phone, evidence: str = "会议纪要") -> None:
    """Tick every item of the shown stage with a date a week ago and evidence, and fill every
    required field, as a rep would by hand."""
    week_ago = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    while True:
        boxes = phone.locator(".pb-app-items input[type=checkbox]:not(:checked)")
        if boxes.count() == 0:
            break
        item = boxes.first.get_attribute("data-pb-item")
        phone.locator(f"#pb-c-{item}").check()  # by id: the app redraws, the list of unticked boxes moves
        row = phone.locator(f"li:has(#pb-c-{item})")
        row.locator("input[type=date]").fill(week_ago)
        row.locator("input[type=date]").dispatch_event("change")
        phone.locator(f"li:has(#pb-c-{item}) input[type=text]").fill(evidence)
        phone.locator(f"li:has(#pb-c-{item}) input[type=text]").dispatch_event("change")
    _open(phone, ".pb-app-fields")
    for _ in range(200):
        empty = phone.locator(".pb-app-fields .pb-field:not(.pb-done)")
        if empty.count() == 0:
            break
        field = empty.first
        select = field.locator("select")
        if select.count():
            options = select.locator("option")
            select.select_option(index=options.count() - 1)
        elif field.locator("input[type=checkbox]").count():
            field.locator("input[type=checkbox]").first.click()  # the panel redraws: click, not check()
        else:
            box = field.locator("input")
            kind = box.get_attribute("type")
            box.fill({"date": week_ago, "number": "12", "email": "li.lei@example.com", "tel": "010-12345678"}.get(kind, "某某"))
            box.dispatch_event("change")


def _details(phone, name: str, customer: str, rep: str) -> None:
    _open(phone, ".pb-app-header")
    for key, value in (("name", name), ("customer", customer), ("rep", rep)):
        phone.locator(f"#pb-f-{key}").fill(value)
        phone.locator(f"#pb-f-{key}").dispatch_event("change")


def _export(phone, tmp_path: Path) -> Path:
    _open(phone, ".pb-app-file")
    with phone.expect_download() as download:
        phone.locator("[data-pb-action=export]").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    return target


def _check(path: Path) -> tuple[int, dict]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PLAYBOOK_NO_CACHE="1")
    done = subprocess.run([sys.executable, "-m", "playbook_cli", "check", str(path), "--playbook", str(REAL),
                           "--format", "json", "--today", dt.date.today().isoformat()],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)["deals"][0]


def test_the_reps_whole_loop_create_tick_see_export_check(phone, site_url, tmp_path):
    _open_app(phone, site_url)
    phone.get_by_role("button", name="新建交易").click()
    _details(phone, "市人民医院信息平台", "市人民医院", "李雷")
    _fill_everything(phone)
    verdict = phone.locator(".pb-verdict")
    assert "第 1 阶段已完成" in verdict.inner_text()
    shown = {"position": int(verdict.get_attribute("data-pb-position")), "score": int(verdict.get_attribute("data-pb-score")),
             "claim": verdict.get_attribute("data-pb-claim")}
    phone.screenshot(path=str(tmp_path / "verdict.png"))
    code, checked = _check(_export(phone, tmp_path))
    assert code == 0, checked
    assert (checked["position"]["number"], checked["score"], checked["claim"]) == (shown["position"], shown["score"], shown["claim"])
    assert checked["position"]["complete"] and not checked["no_evidence"]


def test_the_deal_file_goes_both_ways_and_loses_nothing(phone, site_url, tmp_path):
    pb = load_playbook(REAL)
    original = (ROOT / "examples" / "deals" / "mode-tender-short.yaml").read_text(encoding="utf-8")
    before = parse_deal(original, "in.yaml", pb)
    _open_app(phone, site_url)
    _open(phone, ".pb-app-file")
    phone.locator("#pb-paste").fill(original)
    phone.locator("[data-pb-action=import]").click()
    assert before.deal.name in phone.locator(".pb-notice").inner_text()
    ticked = phone.locator(".pb-app-items input[type=checkbox]:not(:checked)").first.get_attribute("data-pb-item")
    phone.locator(f"#pb-c-{ticked}").check()
    after = parse_deal(_export(phone, tmp_path).read_text(encoding="utf-8"), "out.yaml", pb)
    assert after.deal == before.deal and after.forms == before.forms
    assert after.procurement_mode == before.procurement_mode
    assert (after.customer_stage, after.claimed_stage) == (before.customer_stage, before.claimed_stage)
    assert set(after.done) == set(before.done) | {ticked}
    assert all(after.done[i] == before.done[i] for i in before.done)


def test_a_closed_deal_shows_its_outcome_and_days_as_the_validator_does_and_keeps_them(phone, site_url, tmp_path):
    pb = load_playbook(REAL)
    original = (ROOT / "examples" / "deals" / "dropped-far-behind.yaml").read_text(encoding="utf-8")
    before = parse_deal(original, "in.yaml", pb)
    cli = subprocess.run([sys.executable, "-m", "playbook_cli", "check", str(ROOT / "examples" / "deals" / "dropped-far-behind.yaml"),
                          "--format", "json", "--today", dt.date.today().isoformat()], capture_output=True, text=True, cwd=ROOT)
    expected = json.loads(cli.stdout)["deals"][0]
    _open_app(phone, site_url)
    _open(phone, ".pb-app-file")
    phone.locator("#pb-paste").fill(original)
    phone.locator("[data-pb-action=import]").click()
    card = phone.locator(".pb-verdict").inner_text()
    assert f"{expected['days_in_stage']} 天" in card and "主动放弃" in card and before.outcome.reason in card
    assert "要推进还缺" not in card  # a dropped deal has nothing left to do
    after = parse_deal(_export(phone, tmp_path).read_text(encoding="utf-8"), "out.yaml", pb)
    assert after.outcome == before.outcome and after.deal == before.deal


def test_a_broken_file_is_refused_with_its_line_in_the_pages_language(phone, site_url):
    _open_app(phone, site_url)
    _open(phone, ".pb-app-file")
    phone.locator("#pb-paste").fill("deal: {id: x, name: y, customer: z, rep: w}\ncustomer_stage: 1\nclaimed_stage: 1\n"
                                    "done:\n  call-ms-nope: {date: 2026-11-02}\n")
    phone.locator("[data-pb-action=import]").click()
    errors = phone.locator(".pb-import-errors").inner_text()
    assert "第 5 行" in errors and "call-ms-nope" in errors
    phone.locator("#pb-paste").fill("deal: [\n")
    phone.locator("[data-pb-action=import]").click()
    assert "YAML" in phone.locator(".pb-import-errors").inner_text()
    assert phone.locator(".pb-app-bar select").count() == 0  # nothing was imported


def test_deals_survive_a_reload_and_a_deletion_can_be_undone(phone, site_url):
    _open_app(phone, site_url)
    for _ in range(2):
        phone.get_by_role("button", name="新建交易").click()
    first = phone.locator(".pb-app-items input[type=checkbox]").first.get_attribute("data-pb-item")
    phone.locator(f"#pb-c-{first}").check()
    phone.reload()
    phone.wait_for_selector(".pb-app-bar")
    assert phone.locator("#pb-deal option").count() == 2
    assert phone.locator(".pb-app-items input[type=checkbox]:checked").count() == 1
    phone.get_by_role("button", name="删除").click()
    assert phone.locator("#pb-deal option").count() == 1
    phone.get_by_role("button", name="撤销").click()
    assert phone.locator("#pb-deal option").count() == 2


def test_unreadable_storage_is_set_aside_and_shown_never_erased(phone, site_url):
    _open_app(phone, site_url)
    phone.evaluate("localStorage.setItem('salesplaybook:deals', '{not json')")
    phone.reload()
    phone.wait_for_selector(".pb-notice")
    kept = phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('salesplaybook:deals:aside:'))")
    assert len(kept) == 1
    assert phone.evaluate(f"localStorage.getItem({json.dumps(kept[0])})") == "{not json"
    assert kept[0] in phone.locator(".pb-notice").inner_text()


def test_offline_after_the_first_visit_every_page_opens_and_a_deal_is_ticked_and_exported(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed: every file kept
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    try:
        for path in ("stages/signing/", "forms/call-log/", "compliance/", "glossary/", "deals/"):
            response = page.goto(f"{site_url}/{path}")
            assert response is not None and response.ok, path
        page.wait_for_selector(".pb-app-bar")
        page.get_by_role("button", name="新建交易").click()
        _details(page, "离线交易", "某某制造", "李雷")
        first = page.locator(".pb-app-items input[type=checkbox]").first.get_attribute("data-pb-item")
        page.locator(f"#pb-c-{first}").check()
        exported = _export(page, tmp_path)
    finally:
        context.set_offline(False)
        context.close()
    deal = parse_deal(exported.read_text(encoding="utf-8"), "offline.yaml", load_playbook(REAL))
    assert deal.deal.name == "离线交易" and len(deal.done) == 1


def test_my_deals_with_a_deal_open_has_no_axe_violation(phone, site_url):
    _open_app(phone, site_url)
    phone.get_by_role("button", name="新建交易").click()
    _details(phone, "市人民医院信息平台", "市人民医院", "李雷")
    first = phone.locator(".pb-app-items input[type=checkbox]").first.get_attribute("data-pb-item")
    phone.locator(f"#pb-c-{first}").check()
    for section in (".pb-app-fields", ".pb-app-header", ".pb-app-file"):
        _open(phone, section)
    phone.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    result = phone.evaluate("axe.run(document.querySelector('.pb-app')).then(r => r.violations.map(v => v.id + ': ' + v.nodes.length))")
    assert result == []


def test_ticks_kept_on_the_phone_before_deals_existed_become_a_deal(phone, site_url):
    pb = load_playbook(REAL)
    stage = pb.stages[0]
    ids = [stage.milestone[0].id, stage.milestone[1].id]
    phone.goto(f"{site_url}/")
    phone.evaluate(f"localStorage.setItem('salesplaybook:checklist:{stage.id}', JSON.stringify({json.dumps(ids)}))")
    _open_app(phone, site_url)
    assert phone.locator("#pb-deal option").all_inner_texts() == ["手机上原来的勾选"]
    assert sorted(phone.locator(".pb-app-items input:checked").evaluate_all("bs => bs.map(b => b.dataset.pbItem)")) == sorted(ids)
    assert phone.evaluate("Object.keys(localStorage)") == ["salesplaybook:deals"]
