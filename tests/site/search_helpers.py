"""Search as a rep uses it on a phone, for the search tests and the site benchmark.

    sets = query_sets()                                  # {"tuning": {"zh": [...], "en": [...]}, "heldout": ...}
    page = phone_search_page(browser, site_url + "/")    # 390x844, touch
    got = typed_results(page, "回款")                     # page paths of the results, best first
    report = top3(page, sets["tuning"]["zh"])            # {"passed": n, "total": n, "misses": [...]}

The query is typed key by key, as a phone keyboard sends it, and then one key goes up: the
search box reacts to `keyup` (a pasted CJK string alone fires none).
"""

from __future__ import annotations

from pathlib import Path

import yaml

QUERIES = Path(__file__).parent / "search_queries"


def query_sets() -> dict[str, dict[str, list[dict]]]:
    return {name: yaml.safe_load((QUERIES / f"{name}.yaml").read_text(encoding="utf-8")) for name in ("tuning", "heldout")}


def phone_search_page(browser, url: str):
    """A 390x844 touch page opened at `url` (a page of one language of the site)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    remember_root(page, url)
    return page


def remember_root(page, url: str) -> None:
    """Result links are read as paths from `url`, the root of the page's language."""
    page.evaluate("url => { window.__root = new URL(url, location.href).href }", url)


def open_search(page) -> None:
    """Tap the search button, as on a phone (the box sits in the header even while closed)."""
    if not page.locator("#__search").is_checked():
        page.locator('.md-header label.md-header__button[for="__search"]').tap()
    page.locator("input.md-search__input").wait_for(state="visible")


def typed_results(page, query: str) -> list[str]:
    """The result pages (paths from the language's root, "" the home page), best first, after
    typing `query` into an emptied search box."""
    open_search(page)
    box = page.locator("input.md-search__input")
    page.evaluate("""() => {
        document.querySelectorAll('.md-search-result__list > li').forEach(li => li.dataset.stale = '1');
        const meta = document.querySelector('.md-search-result__meta');
        if (meta) meta.dataset.stale = meta.textContent;
    }""")
    box.fill("")
    box.type(query, delay=20)
    box.press("End")  # one key up after the last character, as a keyboard gives
    page.wait_for_function("""() => {
        const first = document.querySelector('.md-search-result__list > li');
        if (first) return !first.dataset.stale;
        const meta = document.querySelector('.md-search-result__meta');
        const none = JSON.parse(document.querySelector('#__config').textContent).translations['search.result.none'];
        return meta && meta.textContent.trim() === none.trim();
    }""")
    return result_paths(page)


def result_paths(page, every: bool = False) -> list[str]:
    """The result pages shown, best first; `every`: scrolled to the end of the list first (the
    list shows ten and adds more as the rep scrolls)."""
    if every:  # the list grows each time the rep reaches its end again
        shown = -1
        wrap = page.locator(".md-search__scrollwrap")
        while shown != page.locator(".md-search-result__list > li").count():
            shown = page.locator(".md-search-result__list > li").count()
            wrap.evaluate("el => el.scrollTo(0, 0)")
            page.wait_for_timeout(150)
            wrap.evaluate("el => el.scrollTo(0, el.scrollHeight)")
            page.wait_for_timeout(300)
    hrefs = page.locator(".md-search-result__list > li").evaluate_all(
        "els => els.map(li => li.querySelector('a').href)")
    root = page.evaluate("window.__root")
    return [h.split("#")[0].split("?")[0].removeprefix(root) for h in hrefs]


def top3(page, queries: list[dict]) -> dict:
    """How many queries bring one of their pages into the first three results, and the misses
    with what came instead."""
    misses = []
    for row in queries:
        got = typed_results(page, row["q"])
        if not set(row["expect"]) & set(got[:3]):
            misses.append({"q": row["q"], "kind": row["kind"], "expect": row["expect"], "got": got[:3]})
    return {"passed": len(queries) - len(misses), "total": len(queries), "misses": misses}
