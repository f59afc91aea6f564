"""Every checklist (of every procurement-mode family) and blank form, printed by Chromium to A4
PDF and read back with poppler: page counts, every item of the variant on paper and nothing of
another family, its red lines with their basis, the version, none of the site's chrome, and a
real CJK font embedded."""

from __future__ import annotations

import re
from html import unescape

import pytest

from salesplaybook.model import TEXT_LANGS as LANGS, Text
from salesplaybook.model import GROUPS
from salesplaybook.render import paths
from salesplaybook.render.families import applies, variants
from salesplaybook.render.paper.blank_forms import MIN_ROWS, entry_count
from salesplaybook.render.paper.sheet import family_name, group_heading
from salesplaybook.words import say
from salesplaybook.render.paper.pages import blank_form_path, checklist_path, print_all_families
from salesplaybook.render.paper.html import inline

pytestmark = [pytest.mark.pdf, pytest.mark.browser, pytest.mark.site]

MAX_FORM_PAGES = 2


def squash(text: str) -> str:
    """Text without any whitespace: the PDF wraps lines wherever the paper ends."""
    return re.sub(r"\s+", "", text)


def plain(text: Text, lang: str) -> str:
    """What a text prints as: its inline Markdown rendered, tags dropped."""
    return unescape(re.sub(r"<[^>]+>", "", inline(text, lang)))


def assert_no_chrome(doc) -> None:
    """Nothing of the site prints: no navigation, header, search or footer text that the sheet
    itself does not also show (a form's name, say), no button, no URL."""
    printed = squash(doc.text)
    sheet = squash(doc.sheet_text)
    assert doc.nav_texts, "the page had no navigation to hide: the check would prove nothing"
    leaked = [t for t in doc.nav_texts if squash(t) and squash(t) not in sheet and squash(t) in printed]
    assert not leaked, f"{doc.lang} {doc.page_path}: the site's chrome printed: {leaked}"
    buttons = [say("sheet." + key, doc.lang) for key in ("print", "print_all", "make_fragment", "copy", "download", "clear")]
    assert [b for b in buttons if squash(b) in printed and squash(b) not in sheet] == []
    assert "http" not in doc.text and "127.0.0.1" not in doc.text


def embedded_font_names(pdf) -> set[str]:
    """The names in the PDF's font descriptors, subset prefixes dropped. Chromium embeds CFF
    fonts such as Noto Sans CJK as Type 3 fonts, which pdffonts lists as `[none]`; their
    descriptors still name the font the glyphs were drawn from."""
    return {m.decode() for m in re.findall(rb"/FontName\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9-]+)", pdf.read_bytes())}


def assert_cjk_font_embedded(doc) -> None:
    rows = [line.split() for line in doc.fonts.splitlines()[2:] if line.strip()]
    assert rows, f"{doc.page_path}: no fonts at all"
    # pdffonts columns end with: emb sub uni object ID -> `emb` is 5th from the end
    assert all(r[-5] == "yes" for r in rows), f"{doc.page_path}: a font is not embedded:\n{doc.fonts}"
    has_han = re.search(r"[\u4e00-\u9fff]", doc.text) is not None
    if doc.lang == "zh":
        assert has_han, f"{doc.page_path}: no Chinese text came back from the PDF"
    if has_han:  # an English form may hold no Chinese at all, and then needs no CJK font
        names = embedded_font_names(doc.pdf)
        assert any("CJK" in n for n in names), f"{doc.page_path}: no CJK font embedded: {sorted(names)}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_checklist_of_every_family_prints_on_one_portrait_page(printed, sheets, lang):
    counts = {(s.id, fam): printed[(lang, checklist_path(s.id, fam))].pages for s, fam in sheets}
    assert {k: n for k, n in counts.items() if n != 1} == {}
    for s, fam in sheets:
        (w, h), = printed[(lang, checklist_path(s.id, fam))].sizes
        assert w < h, f"{s.id}/{fam}: not portrait"


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_of_the_variant_prints_with_its_id_and_the_version(printed, playbook, sheets, lang):
    for stage, fam in sheets:
        doc = printed[(lang, checklist_path(stage.id, fam))]
        text = squash(doc.text)
        assert squash(playbook.meta.version) in text
        assert squash(playbook.meta.title.get(lang)) in text
        assert squash(stage.name.get(lang)) in text
        if fam:
            assert squash(say("sheet.family", lang, family=family_name(playbook, fam, lang))) in text
        for item in stage.items():
            if not applies(playbook, item, fam):
                continue
            assert squash(plain(item.text, lang)) in text, f"{stage.id}/{fam}: {item.id} text missing"
            assert item.id in text, f"{stage.id}/{fam}: {item.id} id missing"
            if item.evidence is not None:
                assert squash(plain(item.evidence, lang)) in text, f"{stage.id}/{fam}: evidence of {item.id} missing"
        for item in stage.conditions.information:
            if not applies(playbook, item, fam):
                continue
            for ref in item.fields:
                form, field = playbook.field(ref)
                assert squash(form.name.get(lang)) in text and squash(field.label.get(lang)) in text
        # the room to write: the names of the two columns
        for key in ("sheet.done_on", "sheet.evidence_seen"):
            assert squash(say(key, lang)) in text


@pytest.mark.parametrize("lang", LANGS)
def test_each_checklist_prints_its_red_lines_with_their_basis_and_nothing_of_another_family(printed, playbook, sheets, lang):
    for stage, fam in sheets:
        doc = printed[(lang, checklist_path(stage.id, fam))]
        text = squash(doc.text)
        red = [r for r in stage.red_lines if applies(playbook, r, fam)]
        assert red, f"{stage.id}/{fam}: no red lines"
        assert squash(say("sheet.red_lines", lang)) in text
        for r in red:
            assert squash(plain(r.text, lang)) in text, f"{stage.id}/{fam}: red line {r.id} missing"
            assert squash(say("sheet.basis", lang, basis=r.basis.get(lang))) in text, f"{stage.id}/{fam}: basis of {r.id} missing"
        for r in stage.red_lines:
            if r not in red:
                assert squash(plain(r.text, lang)) not in text, f"{stage.id}/{fam}: red line {r.id} of another family printed"
        for item in stage.items():
            if not applies(playbook, item, fam):
                assert item.id not in text, f"{stage.id}/{fam}: {item.id} of another family printed"
                assert squash(plain(item.text, lang)) not in text, f"{stage.id}/{fam}: {item.id} of another family printed"


@pytest.mark.parametrize("lang", LANGS)
def test_checklists_print_none_of_the_site_chrome_and_embed_a_cjk_font(printed, sheets, lang):
    for stage, fam in sheets:
        doc = printed[(lang, checklist_path(stage.id, fam))]
        assert_no_chrome(doc)
        assert_cjk_font_embedded(doc)


@pytest.mark.parametrize("lang", LANGS)
def test_each_family_prints_all_eight_stages_each_on_a_new_page(printed, playbook, lang):
    for family in print_all_families(playbook):
        doc = printed[(lang, paths.all_checklists(family))]
        chosen = [(s, family if family in variants(playbook, s) else None) for s in playbook.stages]
        singles = [printed[(lang, checklist_path(s.id, fam))].pages for s, fam in chosen]
        assert doc.pages == sum(singles) == len(playbook.stages), family
        pages = [squash(p) for p in doc.page_texts()]
        first_page = 0
        for (stage, fam), n in zip(chosen, singles):
            # the stage's first item opens its own page, and nothing of it is on the page before
            first_item = squash(plain(next(i for i in stage.items() if applies(playbook, i, fam)).text, lang))
            assert first_item in pages[first_page], f"{family}: {stage.id} does not start on page {first_page + 1}"
            if first_page:
                assert first_item not in pages[first_page - 1]
            for item in stage.items():
                assert (item.id in pages[first_page]) == applies(playbook, item, fam), (family, stage.id, item.id)
            first_page += n
        assert_no_chrome(doc)
        assert_cjk_font_embedded(doc)


@pytest.mark.parametrize("lang", LANGS)
def test_repeatable_blank_forms_print_at_least_three_rows_on_one_landscape_page(printed, playbook, lang):
    repeatable = [f for f in playbook.forms if f.repeatable]
    assert repeatable
    for form in repeatable:
        doc = printed[(lang, blank_form_path(form.id))]
        assert doc.pages == 1, f"{form.id}: {doc.pages} pages"
        (w, h), = doc.sizes
        assert w > h, f"{form.id}: not landscape"
        assert entry_count(form, lang) >= MIN_ROWS
        # every row is on that page: each entry's number prints
        tokens = doc.text.split()
        assert [n for n in range(1, entry_count(form, lang) + 1) if str(n) not in tokens] == [], form.id
        for field in form.fields:
            assert squash(field.label.get(lang)) in squash(doc.text), f"{form.id}.{field.id}"


@pytest.mark.parametrize("lang", LANGS)
def test_each_blank_form_prints_every_field_label_and_no_chrome(printed, playbook, lang):
    for form in playbook.forms:
        doc = printed[(lang, blank_form_path(form.id))]
        assert 1 <= doc.pages <= MAX_FORM_PAGES, f"{form.id}: {doc.pages} pages"
        text = squash(doc.text)
        assert squash(playbook.meta.version) in text
        assert squash(form.name.get(lang)) in text
        for field in form.fields:
            assert squash(field.label.get(lang)) in text, f"{form.id}.{field.id} label missing"
            for choice in field.choices:
                assert squash(choice.label.get(lang)) in text, f"{form.id}.{field.id}: choice {choice.id} missing"
        assert_no_chrome(doc)
        assert_cjk_font_embedded(doc)


def test_on_small_paper_pages_break_between_rows_never_inside_one(browser, page_url, playbook, sheets, pdf_reader, tmp_path):
    """A5 forces the longest checklist over several pages: each row stays whole on one page, and
    no group heading is left alone at the foot of a page."""
    stage, fam = max(sheets, key=lambda sf: len([i for i in sf[0].items() if applies(playbook, i, sf[1])]))
    items = [i for i in stage.items() if applies(playbook, i, fam)]
    pdf = tmp_path / "a5.pdf"
    page = browser.new_page()
    try:
        page.goto(page_url(checklist_path(stage.id, fam)))
        # a rule after the sheet's own stylesheet (which is linked in the body) wins
        page.evaluate("""() => { const s = document.createElement('style');
            s.textContent = '@media print { @page { size: A5 portrait; } }'; document.body.append(s); }""")
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    pages, text, _ = pdf_reader(pdf)
    assert pages >= 2, "the test needs a checklist that runs over more than one A5 page"
    page_texts = [squash(t) for t in text.split("\f")[:pages]]
    for item in items:
        on = [t for t in page_texts if item.id in t]
        assert len(on) == 1, f"{item.id} printed {len(on)} times"
        assert squash(plain(item.text, "zh")) in on[0], f"{item.id}: the row is split across pages"
    # a heading's line may also hold the names of the writing room's columns, or follow
    # "Stage conditions": a line that starts with a heading is a heading's line
    headings = {squash(group_heading(k, "zh")) for k in GROUPS} | {squash(say("method.conditions", "zh"))}
    for n, t in enumerate(text.split("\f")[: pages - 1], start=1):
        last = squash([line for line in t.splitlines() if line.strip()][-1])
        assert not any(last.startswith(h) for h in headings), f"page {n} ends with the heading {last!r}"
