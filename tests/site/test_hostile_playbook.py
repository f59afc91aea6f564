"""A playbook edited by an attacker or a careless hand: what could run is refused at build time
with located errors, and what is accepted renders inert on every page, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_build import build_both, serve
from site_helpers import FIXTURE, make_project, mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.site]

# (file, text to replace, replacement): texts of the kinds the probes used (stage, glossary,
# form label, evidence), each set to a string that must render as text.
INERT = [
    ("stages/02-visit-and-research.yaml", "purpose: （待写）目的",
     'purpose: "&lt;script&gt;alert(1)&lt;/script&gt; a < b > c {id, label} \\u202e反转"'),
    ("stages/03-preliminary-proposal.yaml", "purpose: （待写）目的",
     "purpose: '[x](https://example.com/\"onmouseover=\"alert(1)) **[电话](tel:+86-10-1)** `&lt;b&gt;`'"),
    ("forms.yaml", "label: {zh: 客户名称, en: Customer name}",
     "label: {zh: \"客户名称 &#60;img src=x onerror=alert(1)&#62;\", en: \"Name' onfocus='alert(1)\"}"),
    ("glossary.yaml", "term: {zh: 里程碑, en: Milestone}", "term: {zh: \"里程碑 \\\">&lt;svg onload=alert(1)&gt;\", en: Milestone}"),
]
# The same places, each set to something that would run or reshape: the build refuses them.
HOSTILE = [
    ("stages/02-visit-and-research.yaml", "purpose: （待写）目的", 'purpose: "[点我](&#106;avascript:alert(1))"'),
    ("stages/03-preliminary-proposal.yaml", "purpose: （待写）目的", 'purpose: "*x*{: onfocus=alert(1) autofocus tabindex=1 }"'),
    ("forms.yaml", "label: {zh: 客户名称, en: Customer name}", 'label: {zh: "<img src=x onerror=alert(1)>", en: Name}'),
    ("glossary.yaml", "term: {zh: 里程碑, en: Milestone}", 'term: {zh: "里程碑\\n# 标题", en: Milestone}'),
]


def _project(tmp: Path, changes: list[tuple[str, str, str]]) -> Path:
    (tmp / "project").mkdir()
    project = make_project(tmp / "project", FIXTURE)
    for name, old, new in changes:
        path = project / "playbook" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return project


def test_a_hostile_playbook_is_refused_with_a_located_error_for_each_text(tmp_path):
    project = _project(tmp_path, HOSTILE)
    done = mkdocs("build", "--strict", "-d", str(project / "site"), cwd=project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    located = re.findall(r"^playbook/[^:\n]+:\d+:\d+: \S+: .+$", done.stderr, re.M)
    assert {line.split(":", 1)[0] for line in located} == {f"playbook/{name}" for name, _, _ in HOSTILE}, done.stderr
    assert not (project / "site").exists()


def test_no_page_of_a_site_with_hostile_looking_texts_runs_a_script(tmp_path, browser):
    project = _project(tmp_path, INERT)
    site = tmp_path / "site"
    build_both(project, site)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    assert len(pages) > 30
    url, server = serve(site)
    dialogs: list[str] = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            page.goto(f"{url}/{path}", wait_until="load")
            # focus and hover every element, so handlers a text might have added would fire
            page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
                el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                if (el.focus) el.focus(); } }""")
        # the search shows these texts too, marked: as text, never as elements
        page.goto(f"{url}/", wait_until="load")
        injected = 0
        for query in ("alert", "onerror", "里程碑", "script", "客户名称"):
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(query)
            box.press("End")
            page.locator(".md-search-result__list > li").first.wait_for()
            injected += page.locator(".md-search-result :is(img, script, svg[onload], [onerror], [onmouseover])").count()
        seen_on_site = list(dialogs)
        page.set_content("<script>alert('the listener works')</script>")  # the check itself can fail
        context.close()
    finally:
        server.shutdown()
    assert seen_on_site == [] and dialogs == ["the listener works"]
    assert injected == 0
    form = (site / "forms" / "customer-profile" / "index.html").read_text(encoding="utf-8")
    # shown as text (an entity), never as an element
    assert re.search(r"(&lt;|&#60;)img src=x onerror=alert\(1\)(&gt;|&#62;)", form) and "<img src=x" not in form
