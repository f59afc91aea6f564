"""The search index (render/site/search.py) and the file a real build writes from it."""

from __future__ import annotations

import gzip
import json

import pytest

from salesplaybook import load_playbook
from salesplaybook.render import paths as page_paths
from salesplaybook.render.paper.pages import print_all_families
from salesplaybook.render.site.search import (
    FORMAT,
    PAGE_TYPES,
    PRINT_TYPES,
    IndexedPage,
    html_sections,
    page_type,
    search_index,
)
from salesplaybook.words import say
from site_helpers import FIXTURE, ROOT

pytestmark = pytest.mark.site

REAL = load_playbook(ROOT / "playbook" / "playbook.yaml")


def test_page_types_by_path():
    assert [page_type(p) for p in ("stages/signing.md", "forms/call-log.md", "glossary.md", "judging.md", "managers.md",
                                   "index.md", "guide.md", "checklists/signing.md", "checklists/all.md",
                                   "blank-forms/call-log.md")] == [
        "stage", "form", "glossary", "rules", "managers", "guide", "guide", "checklist", "checklist", "blank_form"]
    assert PRINT_TYPES < set(PAGE_TYPES)


def test_sections_are_headings_with_their_plain_text():
    html = ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <strong>text</strong>.</p>'
            '<h2 id="a">A &amp; B</h2><ul><li>one</li><li>two</li></ul><script>var x = "no";</script>'
            '<h3 id="c">C</h3><table><tr><td>x</td><td>y</td></tr></table>')
    assert html_sections(html) == [("t", "Title", "Intro text."), ("a", "A & B", "one two"), ("c", "C", "x y")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_index_holds_types_terms_and_words_of_the_catalogue(lang):
    pb = load_playbook(FIXTURE / "playbook.yaml")
    stage, form = pb.stages[0], pb.forms[0]
    pages = [
        IndexedPage(f"stages/{stage.id}.md", f"stages/{stage.id}/", "1. x", '<h1 id="x">x</h1><p>body</p>'),
        IndexedPage(f"forms/{form.id}.md", f"forms/{form.id}/", "f", '<h1 id="f">f</h1>'),
        IndexedPage("glossary.md", "glossary/", "g", f'<h1 id="g">g</h1><h2 id="{pb.glossary[0].id}">term</h2><p>def</p>'),
        IndexedPage(f"checklists/{stage.id}.md", f"checklists/{stage.id}/", "1. x", "<h1>x</h1><p>every label</p>"),
    ]
    index = search_index(pb, lang, pages)
    meta = index["config"]["playbook"]
    assert meta["format"] == FORMAT and meta["order"] == list(PAGE_TYPES) and set(meta["print"]) == PRINT_TYPES
    assert meta["labels"] == {kind: say(f"site.search_type.{kind}", lang) for kind in PAGE_TYPES}
    docs = {d["u"]: d for d in index["docs"]}
    assert [d["k"] for d in index["docs"]] == ["stage", "form", "glossary", "checklist"]
    assert docs[f"stages/{stage.id}/"]["s"] == [["x", "x", "body"]]
    assert "s" not in docs[f"checklists/{stage.id}/"], "a printable copy is found by its title only"
    # the fixture's stages list no search terms: a stage is still found by its number
    assert {"zh": "第一阶段", "en": "stage one"}[lang] in docs[f"stages/{stage.id}/"]["w"]


def test_search_terms_of_stages_forms_glossary_and_scorecard_reach_the_index():
    pages = [IndexedPage("stages/signing.md", "stages/signing/", "8", "<h1 id='s'>s</h1>"),
             IndexedPage("forms/bid-checklist.md", "forms/bid-checklist/", "f", "<h1 id='f'>f</h1>"),
             IndexedPage("managers.md", "managers/", "m", "<h1 id='m'>m</h1>"),
             IndexedPage("glossary.md", "glossary/", "g", "<h1 id='g'>g</h1><h2 id='decision-maker'>决策者</h2><p>d</p>")]
    for lang in ("zh", "en"):
        docs = {d["u"]: d for d in search_index(REAL, lang, pages)["docs"]}
        signing = REAL.stage("signing").search_terms
        terms = docs["stages/signing/"]["w"]
        own = signing.zh if lang == "zh" else signing.en
        assert terms[:len(own)] == own
        assert set(terms[len(own):]) == ({"第8阶段", "第八阶段", "阶段8", "八阶段"} if lang == "zh" else {"stage 8", "stage eight", "step 8"})
        assert docs["forms/bid-checklist/"]["w"] and docs["managers/"]["w"]
        decision_maker = next(g for g in REAL.glossary if g.id == "decision-maker").search_terms
        assert docs["glossary/"]["s"][1][3] == (decision_maker.zh if lang == "zh" else decision_maker.en)
    assert "回款" in REAL.stage("signing").search_terms.zh and "收款" in REAL.stage("signing").search_terms.zh


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en/", "en")])
def test_the_built_index_is_ours_and_small(real_site, prefix, lang):
    raw = (real_site / prefix / "search" / "search_index.json").read_bytes()
    index = json.loads(raw)
    assert index["config"]["playbook"]["format"] == FORMAT
    urls = {d["u"]: d["k"] for d in index["docs"]}
    assert urls[""] == "guide" and urls["glossary/"] == "glossary" and urls["judging/"] == "rules"
    assert {u for u, k in urls.items() if k == "stage"} == {f"stages/{s.id}/" for s in REAL.stages}
    assert {u for u, k in urls.items() if k == "form"} == {f"forms/{f.id}/" for f in REAL.forms}
    assert {urls[page_paths.all_checklists(f).removesuffix(".md") + "/"] for f in print_all_families(REAL)} == {"checklist"}
    assert "guide/" in urls and "validator/" in urls  # the hand-written pages too
    assert len(gzip.compress(raw)) < 60_000, "the index is fetched when the search opens: keep it small"


def test_pages_name_the_worker_that_reads_the_index(real_site):
    html = (real_site / "stages" / "signing" / "index.html").read_text(encoding="utf-8")
    assert 'data.search = "../../assets/javascripts/playbook-search.js"' in html
    assert (real_site / "assets" / "javascripts" / "playbook-search.js").is_file()
