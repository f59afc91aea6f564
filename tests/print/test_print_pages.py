"""The checklist and blank-form pages, as generated text: every expectation comes from the
loaded model, so the tests hold whatever the playbook's content becomes."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from salesplaybook import load_playbook
from salesplaybook.model import TEXT_LANGS as LANGS
from salesplaybook.render.paper.pages import ALL, assets, blank_form_path, checklist_pages, checklist_path
from salesplaybook.render.paper.blank_forms import LONG_TEXT_LINES, entry_count

ROOT = Path(__file__).resolve().parents[2]
PB = load_playbook(ROOT / "playbook" / "playbook.yaml")


class Tags(HTMLParser):
    """The start tags of an HTML text, with their attributes, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def with_class(self, cls: str) -> list[tuple[str, dict]]:
        return [(t, a) for t, a in self.tags if cls in (a.get("class") or "").split()]


def pages(lang):
    return {p.path: p for p in checklist_pages(PB, lang)}


@pytest.mark.parametrize("lang", LANGS)
def test_one_page_per_stage_one_print_all_page_one_blank_per_form(lang):
    got = [p.path for p in checklist_pages(PB, lang)]
    expected = [checklist_path(s.id) for s in PB.stages] + [ALL] + [blank_form_path(f.id) for f in PB.forms]
    assert got == expected
    assert got == [f"checklists/{s.id}.md" for s in PB.stages] + ["checklists/all.md"] + [f"blank-forms/{f.id}.md" for f in PB.forms]


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_of_a_stage_is_a_labelled_checkbox_with_its_model_id(lang):
    by_path = pages(lang)
    for stage in PB.stages:
        html = Tags(by_path[checklist_path(stage.id)].content)
        boxes = html.find("input", type="checkbox")
        assert [b["data-pb-item"] for b in boxes] == [i.id for i in stage.items()]
        for box in boxes:
            assert box["id"] == f"pb-{box['data-pb-item']}"
            assert len(html.find("label", **{"for": box["id"]})) == 1, box["id"]


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_header_names_the_playbook_its_version_and_the_stage(lang):
    by_path = pages(lang)
    for stage in PB.stages:
        content = "".join(Tags(by_path[checklist_path(stage.id)].content).text)
        assert PB.meta.version in content
        assert PB.meta.title.get(lang) in content
        assert stage.name.get(lang) in content
        assert PB.customer_stage(stage.customer_stage).name.get(lang) in content


def test_information_items_name_the_form_they_come_from():
    by_path = pages("zh")
    for stage in PB.stages:
        content = "".join(Tags(by_path[checklist_path(stage.id)].content).text)
        for item in stage.conditions.information:
            for ref in item.fields:
                form, field = PB.field(ref)
                assert form.name.zh in content and field.label.zh in content, ref


@pytest.mark.parametrize("lang", LANGS)
def test_print_all_page_holds_every_sheet_in_stage_order_with_boxes_to_tick_by_hand(lang):
    html = Tags(pages(lang)[ALL].content)
    sheets = [a["data-pb-stage"] for t, a in html.with_class("pb-sheet")]
    assert sheets == [s.id for s in PB.stages]
    assert html.find("input") == []  # paper only: no stored ticks, no duplicate ids
    assert len(html.with_class("pb-box")) == sum(len(list(s.items())) for s in PB.stages)


@pytest.mark.parametrize("lang", LANGS)
def test_blank_form_gives_each_field_room_sized_by_its_type(lang):
    by_path = pages(lang)
    for form in PB.forms:
        content = by_path[blank_form_path(form.id)].content
        html = Tags(content)
        assert PB.meta.version in content
        entries = html.with_class("pb-entry")
        assert len(entries) == entry_count(form)
        fields = [a for t, a in html.tags if a.get("data-pb-field")]
        assert [a["data-pb-field"] for a in fields] == [f.id for f in form.fields] * len(entries)
        text = "".join(html.text)
        for field in form.fields:
            assert field.label.get(lang) in text
        # count the room of every type across the entries
        n = len(entries)
        long_text = sum(1 for f in form.fields if f.type == "long_text")
        choices = sum(len(f.choices) for f in form.fields if f.type in ("choice", "multi_choice"))
        yes_no = sum(1 for f in form.fields if f.type == "yes_no")
        assert len(html.with_class("pb-ruled")) == n * long_text
        assert len(html.with_class("pb-box")) == n * (choices + 2 * yes_no)
        ruled_lines = re.findall(r'<div class="pb-ruled">((?:<span class="pb-line"></span>)+)</div>', content)
        assert all(r.count("pb-line") == LONG_TEXT_LINES for r in ruled_lines)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_link_the_assets_the_build_ships(lang):
    shipped = assets()
    assert set(shipped) == {"assets/checklist.css", "assets/checklist.js"}
    assert all(text.strip() for text in shipped.values())
    for page in checklist_pages(PB, lang):
        html = Tags(page.content)
        served_at = posixpath.splitext(page.path)[0] + "/"  # checklists/x.md is served at checklists/x/
        links = [a["href"] for a in html.find("link", rel="stylesheet")] + [a["src"] for t, a in html.tags if t == "script"]
        assert sorted(posixpath.normpath(posixpath.join(served_at, u)) for u in links) == sorted(shipped)
