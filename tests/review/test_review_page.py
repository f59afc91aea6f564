"""The review page in headless Chromium, as a manager opens it from disk: at 1280 and 390 px
no sideways scroll, every figure equal to the JSON's, zero axe violations, no request outside
the file, every deal line's link lands on its details, hostile values inert."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import REAL, ROOT, TODAY, run

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = os.environ.get("REVIEW_SHOTS")
"""A folder to keep the screenshots in (docs/images/ for the README); else a temporary one."""


@pytest.fixture(scope="module", params=["en", "zh"])
def review(request, team_dir):
    lang = request.param
    page = team_dir / f"review.{lang}.html"
    code, _, err = run("review", "gen", "--playbook", str(REAL), "--today", TODAY, "--lang", lang, "-o", str(page),
                       cwd=team_dir)
    assert code in (0, 1), err
    code, out, err = run("review", "gen", "--playbook", str(REAL), "--today", TODAY, "--lang", lang, "--format", "json",
                         cwd=team_dir)
    return lang, page, json.loads(out.decode("utf-8"))


def _at(data, path: str):
    for key in path.split("."):
        if isinstance(data, list):
            data = data[int(key)]
        else:
            data = data[None if key == "None" else key]
    return data


def _open(browser, page_path: Path, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(page_path.as_uri(), wait_until="load")
    return context, page, requests


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_fits_loads_nothing_else_and_is_looked_at(browser, review, width, tmp_path):
    lang, path, _ = review
    context, page, requests = _open(browser, path, width)
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, "the page scrolls sideways"
    assert requests == [path.as_uri()]
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"review-{lang}-{width}.png"), full_page=False)
    context.close()


def test_every_figure_on_the_page_is_the_jsons(browser, review):
    _, path, data = review
    context, page, _ = _open(browser, path, 1280)
    figures = page.evaluate("[...document.querySelectorAll('[data-k]')].map(e => [e.dataset.k, e.dataset.v, e.textContent])")
    context.close()
    assert len(figures) > 500
    paths = set()
    for key, raw, text in figures:
        value = _at(data, key)
        paths.add(key)
        if value is None:
            assert raw == "" and text == "–", key
            continue
        assert float(raw) == pytest.approx(value), key
        shown = float(text.replace(",", "").rstrip("%"))
        expected = round(value * 100) if text.endswith("%") else round(value)
        assert shown == expected, (key, text, value)
    # the charts and tables show every figure of the team's funnel, matrix and scorecard
    for i, _ in enumerate(data["team"]["funnel"]):
        assert {f"team.funnel.{i}.count", f"team.funnel.{i}.amount"} <= paths
    team_card = len(data["scorecard"]["cards"]) - 1
    for m in data["scorecard"]["measures"]:
        assert f"scorecard.cards.{team_card}.measures.{m['id']}.actual" in paths
    assert sum(_at(data, k) for k in paths if k.startswith("team.matrix.")) == data["team"]["status"]["open"]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation(browser, review, width):
    _, path, _ = review
    context, page, _ = _open(browser, path, width)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document)).violations"
                          ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))")
    context.close()
    assert found == []


def test_each_deal_links_to_its_details(browser, review):
    _, path, data = review
    context, page, _ = _open(browser, path, 390)
    broken = page.evaluate("[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href').slice(1))"
                           ".filter(id => !document.getElementById(id))")
    first = data["deals"]["rows"][0]
    page.locator(f'#deals a[href="#{first["anchor"]}"]').click()
    assert page.evaluate("location.hash") == f"#{first['anchor']}"
    details = page.locator(f'#{first["anchor"]}').inner_text()
    context.close()
    assert broken == []
    assert first["name"] in details and first["file"] in details


def test_hostile_values_stay_text(browser, tmp_path):
    hostile = ROOT / "tests" / "validator" / "hostile" / "hostile-values.yaml"
    rich = ROOT / "tests" / "validator" / "fixtures" / "rich" / "playbook.yaml"
    out = tmp_path / "review.html"
    code, _, err = run("review", str(hostile), "--playbook", str(rich), "--today", TODAY, "--lang", "en", "-o", str(out),
                       cwd=tmp_path)
    assert code in (0, 1), err
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "\x1b" not in html
    context, page, requests = _open(browser, out, 1280)
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert "<script>alert(1)</script>" in page.locator("#details").inner_text()
    context.close()
    assert requests == [out.as_uri()]


def test_a_report_is_never_written_over_a_deal_file(team_dir):
    deal = sorted((team_dir / "gen").glob("gen-*.yaml"))[0]
    before = deal.read_bytes()
    code, _, err = run("review", "gen", "--playbook", str(REAL), "-o", str(deal), "--lang", "en", cwd=team_dir)
    assert code == 2 and "is a deal file or a folder" in err
    assert deal.read_bytes() == before


@pytest.mark.pdf
def test_the_page_prints_on_a4_landscape(browser, review, tmp_path):
    import subprocess

    _, path, _ = review
    context, page, _ = _open(browser, path, 1280)
    pdf = tmp_path / "review.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, height = (float(x) for x in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (842, 595), size  # A4, wide and not tall
