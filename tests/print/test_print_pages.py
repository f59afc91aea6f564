"""The checklist and blank-form pages, as generated text: every expectation comes from the
loaded model, so the tests hold whatever the playbook's content becomes."""

from __future__ import annotations

import posixpath
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from salesplaybook import load_playbook
from salesplaybook.model import TEXT_LANGS as LANGS
from salesplaybook.render import paths
from salesplaybook.render.families import applies, variants
from salesplaybook.render.paper.pages import assets, blank_form_path, checklist_pages, checklist_path, print_all_families
from salesplaybook.render.paper.blank_forms import LONG_TEXT_LINES, MIN_ROWS, entry_count, table_lines
from salesplaybook.render.paper.html import inline
from salesplaybook.render.paper.sheet import family_name
from salesplaybook.words import say

ROOT = Path(__file__).resolve().parents[2]
PB = load_playbook(ROOT / "playbook" / "playbook.yaml")
FIXTURE = load_playbook(ROOT / "tests" / "print" / "fixtures" / "playbook" / "playbook.yaml")
SHEETS = [(s, fam) for s in PB.stages for fam in variants(PB, s)]
"""Every checklist of the real playbook: (stage, family), family None for a stage that does not vary."""


def sheet_id(sheet) -> str:
    stage, fam = sheet
    return f"{stage.id}-{fam}" if fam else stage.id


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


class Texts(HTMLParser):
    """The text inside each element with a given class (nested ones included), in order."""

    def __init__(self, html: str, cls: str) -> None:
        super().__init__(convert_charrefs=True)
        self.cls, self.depth, self.found = cls, 0, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in VOID
        elif self.cls in (dict(attrs).get("class") or "").split() and tag not in VOID:
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


VOID = {"input", "br", "img", "link", "meta", "hr", "col"}


def pages(lang, pb=PB):
    return {p.path: p for p in checklist_pages(pb, lang)}


def items_of(pb, stage, fam):
    return [i for i in stage.items() if applies(pb, i, fam)]


@pytest.mark.parametrize("lang", LANGS)
def test_one_page_per_stage_and_family_print_all_pages_one_blank_per_form(lang):
    got = [p.path for p in checklist_pages(PB, lang)]
    families = [f.id for f in PB.procurement.families]
    expected = ([checklist_path(s.id, fam) for s, fam in SHEETS] + [paths.all_checklists(f) for f in families]
                + [blank_form_path(f.id) for f in PB.forms])
    assert got == expected
    assert print_all_families(PB) == families
    # the paths the site's stage pages link to: a stage that does not vary keeps its one checklist
    for stage in PB.stages:
        if variants(PB, stage) == [None]:
            assert f"checklists/{stage.id}.md" in got
        else:
            assert [f"checklists/{stage.id}-{f}.md" for f in families] == [p for p in got if p.startswith(f"checklists/{stage.id}-")]
    assert any(variants(PB, s) != [None] for s in PB.stages), "the real playbook should have stages that vary by family"


@pytest.mark.parametrize("lang", LANGS)
def test_nav_titles_name_the_stage_and_the_family_from_the_catalogue(lang):
    titles = {p.path: p.title for p in checklist_pages(PB, lang)}
    for stage, fam in SHEETS:
        title = titles[checklist_path(stage.id, fam)]
        assert title.startswith(f"{stage.number}. {stage.name.get(lang)}")
        if fam:
            assert title == say("sheet.nav_variant", lang, stage=f"{stage.number}. {stage.name.get(lang)}", family=family_name(PB, fam, lang))
    for fam in print_all_families(PB):
        assert titles[paths.all_checklists(fam)] == say("sheet.all_checklists_family", lang, family=family_name(PB, fam, lang))


def test_a_playbook_whose_stages_never_vary_keeps_one_checklist_per_stage_and_one_print_all_page():
    plain = PB.model_copy(update={"procurement": None})
    got = [p.path for p in checklist_pages(plain, "zh")]
    assert got[: len(PB.stages) + 1] == [checklist_path(s.id) for s in PB.stages] + [paths.ALL_CHECKLISTS]


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_of_a_variant_is_a_labelled_checkbox_with_its_model_id_and_no_other(lang):
    by_path = pages(lang)
    for stage, fam in SHEETS:
        html = Tags(by_path[checklist_path(stage.id, fam)].content)
        boxes = html.find("input", type="checkbox")
        assert [b["data-pb-item"] for b in boxes] == [i.id for i in items_of(PB, stage, fam)], (stage.id, fam)
        for box in boxes:
            assert box["id"] == f"pb-{box['data-pb-item']}"
            assert len(html.find("label", **{"for": box["id"]})) == 1, box["id"]
        sheet = html.with_class("pb-checklist")[0][1]
        assert sheet["data-pb-stage"] == stage.id and sheet.get("data-pb-family") == fam


def test_variants_differ_where_the_items_do():
    by_path = pages("zh")
    for stage in PB.stages:
        fams = variants(PB, stage)
        if fams == [None]:
            continue
        shown = {fam: {b["data-pb-item"] for b in Tags(by_path[checklist_path(stage.id, fam)].content).find("input")} for fam in fams}
        scoped = {i.id for i in stage.items() if i.modes is not None}
        for fam in fams:
            others = set().union(*(shown[f] for f in fams if f != fam)) - shown[fam]
            assert others <= scoped, f"{stage.id}/{fam} lacks an item of every mode: {others - scoped}"


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_header_names_the_playbook_its_version_the_stage_and_the_family(lang):
    by_path = pages(lang)
    for stage, fam in SHEETS:
        content = by_path[checklist_path(stage.id, fam)].content
        text = "".join(Tags(content).text)
        assert PB.meta.version in text
        assert PB.meta.title.get(lang) in text
        assert stage.name.get(lang) in text
        assert PB.customer_stage(stage.customer_stage).name.get(lang) in text
        heading = Texts(content, "pb-sheet-heading").found
        assert len(heading) == 1 and stage.name.get(lang) in heading[0]
        if fam:
            assert say("sheet.family", lang, family=family_name(PB, fam, lang)) in heading[0]


@pytest.mark.parametrize("lang", LANGS)
def test_each_variant_prints_its_red_lines_with_their_basis_and_none_of_another_family(lang):
    by_path = pages(lang)
    for stage, fam in SHEETS:
        content = by_path[checklist_path(stage.id, fam)].content
        boxes = Texts(content, "pb-red-lines").found
        wanted = [r for r in stage.red_lines if applies(PB, r, fam)]
        assert len(boxes) == (1 if wanted else 0), (stage.id, fam)
        lines = Texts(content, "pb-red-line").found
        assert Texts(content, "pb-red-text").found == [rendered(r.text, lang) for r in wanted], (stage.id, fam)
        for line, red in zip(lines, wanted):
            assert say("sheet.basis", lang, basis=red.basis.get(lang)) in line
    assert all(s.red_lines for s in PB.stages), "every stage of the real playbook has red lines"


@pytest.mark.parametrize("lang", LANGS)
def test_an_item_limited_to_one_mode_of_its_family_carries_a_tag_naming_it(lang):
    # the print tests' playbook: stage 2 has a success criterion for requests for quotation only
    by_path = pages(lang, FIXTURE)
    stage = FIXTURE.stages[1]
    quote = next(i for i in stage.items() if i.modes == ["quotation"])
    tender = Tags(by_path[checklist_path(stage.id, "tender")].content)
    tags = Texts(by_path[checklist_path(stage.id, "tender")].content, "pb-scope").found
    assert tags == [say("sheet.only_modes", lang, modes=FIXTURE.mode("quotation").name.get(lang))]
    assert quote.id in [b["data-pb-item"] for b in tender.find("input")]
    private = Tags(by_path[checklist_path(stage.id, "private")].content)
    assert quote.id not in [b["data-pb-item"] for b in private.find("input")]
    assert private.with_class("pb-scope") == []  # an item of the whole family needs no tag


def test_paper_only_parts_are_marked_and_the_phone_tools_do_not_print():
    content = pages("zh")[checklist_path(PB.stages[0].id)].content
    html = Tags(content)
    for cls in ("pb-blanks", "pb-write-room", "pb-manager", "pb-cols"):
        found = [a for _, a in html.with_class(cls) if "pb-sign" not in a["class"].split()]  # pb-sign: in pb-manager
        assert found and all("pb-print-only" in a["class"].split() for a in found), cls
    assert len(html.with_class("pb-write-room")) == len(list(PB.stages[0].items()))
    tools = html.with_class("pb-tools")
    assert len(tools) == 1 and "pb-no-print" in tools[0][1]["class"].split()
    # the print button and the undo of "Clear ticks" sit with the tools, after the boxes
    for action in ("print", "clear", "undo", "fragment"):
        assert len(html.find("button", data_pb_action=action)) == 1, action
    assert content.index('data-pb-action="print"') > content.rindex('type="checkbox"')


def test_information_items_name_the_form_they_come_from():
    by_path = pages("zh")
    for stage, fam in SHEETS:
        content = "".join(Tags(by_path[checklist_path(stage.id, fam)].content).text)
        for item in stage.conditions.information:
            if not applies(PB, item, fam):
                continue
            for ref in item.fields:
                form, field = PB.field(ref)
                assert form.name.zh in content and field.label.zh in content, ref


@pytest.mark.parametrize("lang", LANGS)
def test_each_family_has_a_print_all_page_with_its_variant_of_every_stage(lang):
    by_path = pages(lang)
    for fam in print_all_families(PB):
        html = Tags(by_path[paths.all_checklists(fam)].content)
        sheets = [a for t, a in html.with_class("pb-sheet")]
        assert [a["data-pb-stage"] for a in sheets] == [s.id for s in PB.stages]
        assert [a.get("data-pb-family") for a in sheets] == [fam if fam in variants(PB, s) else None for s in PB.stages]
        assert html.find("input") == []  # paper only: no stored ticks, no duplicate ids
        want = sum(len(items_of(PB, s, fam)) for s in PB.stages)
        assert len(html.with_class("pb-box")) == want


@pytest.mark.parametrize("lang", LANGS)
def test_blank_form_gives_each_field_room_sized_by_its_type(lang):
    by_path = pages(lang)
    for form in PB.forms:
        if form.repeatable:
            continue
        content = by_path[blank_form_path(form.id)].content
        html = Tags(content)
        assert PB.meta.version in content
        assert len(html.with_class("pb-entry")) == entry_count(form) == 1
        fields = [a for t, a in html.tags if a.get("data-pb-field")]
        assert [a["data-pb-field"] for a in fields] == [f.id for f in form.fields]
        text = "".join(html.text)
        for field in form.fields:
            assert field.label.get(lang) in text
        long_text = sum(1 for f in form.fields if f.type == "long_text")
        choices = sum(len(f.choices) for f in form.fields if f.type in ("choice", "multi_choice"))
        yes_no = sum(1 for f in form.fields if f.type == "yes_no")
        assert len(html.with_class("pb-ruled")) == long_text
        assert len(html.with_class("pb-box")) == choices + 2 * yes_no
        ruled_lines = re.findall(r'<div class="pb-ruled">((?:<span class="pb-line"></span>)+)</div>', content)
        assert all(r.count("pb-line") == LONG_TEXT_LINES for r in ruled_lines)


@pytest.mark.parametrize("lang", LANGS)
def test_a_repeatable_form_is_a_table_each_field_once_in_its_header_and_a_row_per_entry(lang):
    by_path = pages(lang)
    repeatable = [f for f in PB.forms if f.repeatable]
    assert repeatable
    for form in repeatable:
        content = by_path[blank_form_path(form.id)].content
        html = Tags(content)
        # each field is named once, in the table's header: no field appears twice
        heads = [a["data-pb-field"] for t, a in html.tags if a.get("data-pb-field")]
        assert heads == [f.id for f in form.fields], form.id
        labels = Texts(content, "pb-th").found
        assert [squash_label(t) for t in labels] == [squash_label(t) for t in labels if t]  # none empty
        rows = html.with_class("pb-trow")
        assert len(rows) == entry_count(form, lang) >= MIN_ROWS
        assert len(html.with_class("pb-td")) == len(rows) * len(form.fields)
        assert sum(len(line) for line in table_lines(form)) == len(form.fields)
        # a choice's label is in the key once; the rows hold the letters to circle
        key = "".join(Texts(content, "pb-keys").found)
        for field in form.fields:
            for choice in field.choices:
                assert key.count(choice.label.get(lang)) >= 1, (form.id, field.id, choice.id)
        for t, a in html.tags:
            assert a.get("class") != "pb-ruled" and "pb-box" not in (a.get("class") or "")


def rendered(text, lang: str) -> str:
    """A playbook text as the page shows it: its inline Markdown rendered, tags dropped."""
    return unescape(re.sub(r"<[^>]+>", "", inline(text, lang)))


def squash_label(text: str) -> str:
    return re.sub(r"\s+", "", text)


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
