"""Every checklist and blank form, printed by Chromium to A4 PDF and read back with poppler:
page counts, every item of the model on paper, the version, none of the site's chrome, and a
real CJK font embedded."""

from __future__ import annotations

import re
from html import unescape

import pytest

from salesplaybook.model import LANGS, Text
from salesplaybook.render.checklist_sheet import group_headings
from salesplaybook.render.checklist_words import WORDS
from salesplaybook.render.checklists import ALL, blank_form_path, checklist_path
from salesplaybook.render.print_html import inline

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
    buttons = [WORDS[key][doc.lang] for key in ("print", "print_all", "make_fragment", "copy", "download", "clear")]
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
def test_each_stage_checklist_prints_on_one_page_two_at_most_for_one_stage(printed, playbook, lang):
    counts = {s.id: printed[(lang, checklist_path(s.id))].pages for s in playbook.stages}
    assert all(n >= 1 for n in counts.values())
    assert all(n <= 2 for n in counts.values()), counts
    assert sum(1 for n in counts.values() if n == 2) <= 1, f"more than one stage needs two pages: {counts}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_item_of_the_stage_prints_with_its_id_and_the_version(printed, playbook, lang):
    for stage in playbook.stages:
        doc = printed[(lang, checklist_path(stage.id))]
        text = squash(doc.text)
        assert squash(playbook.meta.version) in text
        assert squash(playbook.meta.title.get(lang)) in text
        assert squash(stage.name.get(lang)) in text
        for item in stage.items():
            assert squash(plain(item.text, lang)) in text, f"{stage.id}: {item.id} text missing"
            assert item.id in text, f"{stage.id}: {item.id} id missing"
        for item in stage.conditions.assessment:
            assert squash(plain(item.evidence, lang)) in text, f"{stage.id}: evidence of {item.id} missing"
        for item in stage.conditions.information:
            for ref in item.fields:
                form, field = playbook.field(ref)
                assert squash(form.name.get(lang)) in text and squash(field.label.get(lang)) in text


@pytest.mark.parametrize("lang", LANGS)
def test_checklists_print_none_of_the_site_chrome_and_embed_a_cjk_font(printed, playbook, lang):
    for stage in playbook.stages:
        doc = printed[(lang, checklist_path(stage.id))]
        assert_no_chrome(doc)
        assert_cjk_font_embedded(doc)


@pytest.mark.parametrize("lang", LANGS)
def test_print_all_starts_each_stage_on_a_new_page(printed, playbook, lang):
    doc = printed[(lang, ALL)]
    singles = [printed[(lang, checklist_path(s.id))].pages for s in playbook.stages]
    assert doc.pages == sum(singles)
    pages = [squash(p) for p in doc.page_texts()]
    first_page = 0
    for stage, n in zip(playbook.stages, singles):
        # the stage's first item opens its own page, and nothing of it is on the page before
        first_item = squash(plain(next(stage.items()).text, lang))
        assert first_item in pages[first_page], f"{stage.id} does not start on page {first_page + 1}"
        if first_page:
            assert first_item not in pages[first_page - 1]
        first_page += n
    for stage in playbook.stages:
        for item in stage.items():
            assert item.id in squash(doc.text)
    assert_no_chrome(doc)
    assert_cjk_font_embedded(doc)


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


def test_on_small_paper_pages_break_between_rows_never_inside_one(browser, page_url, playbook, pdf_reader, tmp_path):
    """A5 forces the longest stage over several pages: each row stays whole on one page, and
    no group heading is left alone at the foot of a page."""
    stage = max(playbook.stages, key=lambda s: len(list(s.items())))
    pdf = tmp_path / "a5.pdf"
    page = browser.new_page()
    try:
        page.goto(page_url(checklist_path(stage.id)))
        # a rule after the sheet's own stylesheet (which is linked in the body) wins
        page.evaluate("""() => { const s = document.createElement('style');
            s.textContent = '@media print { @page { size: A5 portrait; } }'; document.body.append(s); }""")
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    pages, text, _ = pdf_reader(pdf)
    assert pages >= 2, "the test needs a stage that runs over more than one A5 page"
    page_texts = [squash(t) for t in text.split("\f")[:pages]]
    for item in stage.items():
        on = [t for t in page_texts if item.id in t]
        assert len(on) == 1, f"{item.id} printed {len(on)} times"
        assert squash(plain(item.text, "zh")) in on[0], f"{item.id}: the row is split across pages"
    headings = {squash(h) for h in group_headings("zh").values()}
    for n, t in enumerate(text.split("\f")[: pages - 1], start=1):
        last = squash([line for line in t.splitlines() if line.strip()][-1])
        assert last not in headings, f"page {n} ends with the heading {last!r}"
