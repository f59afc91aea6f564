"""The real site, both languages, built once with --strict (the `real_site` fixture): every
generated page is there and links to its printable counterpart."""

from __future__ import annotations

import json

import pytest

from salesplaybook import load_playbook
from salesplaybook.render.families import variants
from salesplaybook.render.paper.pages import checklist_path
from site_helpers import ROOT

pytestmark = pytest.mark.site

PLAYBOOK = load_playbook(ROOT / "playbook" / "playbook.yaml")


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_stage_page_links_to_its_checklists_and_neighbours(real_site, prefix):
    for i, stage in enumerate(PLAYBOOK.stages):
        html = (real_site / prefix / "stages" / stage.id / "index.html").read_text(encoding="utf-8")
        for family in variants(PLAYBOOK, stage):  # one checklist per procurement family where they differ
            url = checklist_path(stage.id, family).removesuffix(".md") + "/"
            assert f'href="../../{url}"' in html, (stage.id, family)
        for form_id in stage.tools:
            assert f'href="../../forms/{form_id}/"' in html, (stage.id, form_id)
        if i + 1 < len(PLAYBOOK.stages):
            assert f'href="../{PLAYBOOK.stages[i + 1].id}/"' in html, stage.id


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_form_page_links_to_its_blank_form(real_site, prefix):
    for form in PLAYBOOK.forms:
        html = (real_site / prefix / "forms" / form.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../blank-forms/{form.id}/"' in html, form.id
        for field in form.fields:
            assert f'id="field-{field.id}"' in html, (form.id, field.id)


def test_both_languages_have_the_same_pages(real_site):
    def pages(folder):
        return {str(p.relative_to(folder)) for p in folder.rglob("index.html") if "en" not in p.relative_to(folder).parts[:1]}
    assert pages(real_site) == pages(real_site / "en")


def test_english_site_is_english(real_site):
    index = json.loads((real_site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en"]
    html = (real_site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert PLAYBOOK.meta.title.get("en") in html
