"""Chinese search on the real site: whole domain terms and their parts both find the page
that defines them among the first three results (typed into Material's search box)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.site]

# query -> pages that define it (any one of them among the first three results passes)
WHOLE_TERMS = {
    "里程碑": {"glossary/"},
    "成功标准": {"glossary/"},
    "电话邀约": {"glossary/", "stages/plan-and-call/"},
    "经手人": {"glossary/"},
    "初步方案": {"glossary/", "stages/preliminary-proposal/"},
    "技术交流": {"glossary/", "stages/demo-and-exchange/"},
    "需求分析": {"glossary/", "stages/formal-proposal/"},
    "项目评估": {"stages/project-evaluation/", "forms/project-evaluation/"},
    "商务谈判": {"stages/negotiation/"},
    "签约": {"stages/signing/"},
    "平衡计分卡": {"glossary/", "managers/"},
    "客户综合评估表": {"forms/customer-evaluation/"},
    "方案演示": {"stages/demo-and-exchange/", "forms/demo-record/"},
}
PART_WORDS = {
    "邀约": {"glossary/", "stages/plan-and-call/"},
    "评估表": {"forms/customer-evaluation/"},
    "计分卡": {"glossary/", "managers/"},
    "标准": {"glossary/"},
    "演示": {"stages/demo-and-exchange/", "forms/demo-record/"},
    "谈判": {"stages/negotiation/", "forms/negotiation-plan/"},
    "立项": {"glossary/", "stages/preliminary-proposal/"},
    "调研": {"glossary/", "stages/visit-and-research/"},
    "计分": {"glossary/", "managers/"},
}


def first_results(page, site_url: str, query: str, n: int = 3) -> list[str]:
    """Page paths of the first `n` search results, as a user gets them by typing."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator('.md-header label.md-header__button[for="__search"]').click()
    # Old results are marked; Material renders new list items for the new query.
    page.evaluate("document.querySelectorAll('.md-search-result__list > li').forEach(li => li.dataset.stale = '1')")
    box.fill(query)
    box.press("End")  # Material's search reacts to keyup: one keyup, one search for the whole query
    page.wait_for_function(
        "() => { const first = document.querySelector('.md-search-result__list > li');"
        " return first && !first.dataset.stale }")
    items = page.locator(".md-search-result__list > li.md-search-result__item")
    # One entry per page: its first link (the others are sections of the same page).
    hrefs = items.evaluate_all("els => els.map(li => li.querySelector('a').getAttribute('href'))")[:n]
    return [h.split("#")[0].removeprefix(site_url + "/").removeprefix("./") for h in hrefs]


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(site_url + "/", wait_until="networkidle")
    yield page
    context.close()


def _misses(page, site_url, queries: dict[str, set[str]]) -> dict[str, list[str]]:
    misses = {}
    for query, wanted in queries.items():
        got = first_results(page, site_url, query)
        if not wanted & set(got):
            misses[query] = got
    return misses


def test_whole_terms_find_their_page(search_page, site_url):
    assert len(WHOLE_TERMS) >= 12
    assert _misses(search_page, site_url, WHOLE_TERMS) == {}


def test_part_words_find_their_page(search_page, site_url):
    assert len(PART_WORDS) >= 8
    assert _misses(search_page, site_url, PART_WORDS) == {}
