"""Fixtures of the print tests: the real site and its server (tests/conftest.py's, shared with
the site tests), and every checklist and blank form printed to PDF once."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from salesplaybook import load_playbook
from salesplaybook.render import paths as page_paths
from salesplaybook.render.families import variants
from salesplaybook.render.paper.pages import blank_form_path, checklist_path, print_all_families

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def playbook():
    return load_playbook(ROOT / "playbook" / "playbook.yaml")


@pytest.fixture(scope="session")
def sheets(playbook):
    """Every checklist: (stage, family), family None for a stage the same in every mode."""
    return [(s, fam) for s in playbook.stages for fam in variants(playbook, s)]


def url_of(page_path: str) -> str:
    """`checklists/x.md` -> `checklists/x/` (MkDocs' directory URLs)."""
    return page_path.removesuffix(".md") + "/"


@pytest.fixture(scope="session")
def page_url(base_url):
    """The served URL of a generated page, e.g. page_url("checklists/x.md", "en")."""
    return lambda page_path, lang="zh": base_url + ("en/" if lang == "en" else "") + url_of(page_path)


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    """The real site, Chinese at the root and English under en/: the run's one build."""
    return real_site


@pytest.fixture(scope="session")
def base_url(site_url):
    """The served site's URL, with a trailing slash."""
    return site_url + "/"


@dataclass(frozen=True)
class Printed:
    """One page printed to PDF, with what poppler reads back from it."""

    page_path: str
    lang: str
    pdf: Path
    pages: int
    sizes: tuple[tuple[float, float], ...]
    """Each page's width and height in points (A4 portrait: 595 x 842)."""
    text: str
    """pdftotext's output, pages separated by form feeds."""
    fonts: str
    """pdffonts' table."""
    nav_texts: tuple[str, ...]
    """The texts of the site's chrome on the printed page (see CHROME; none of them may print)."""
    sheet_text: str
    """The text the page's own content shows under print media (what may print)."""

    def page_texts(self) -> list[str]:
        return self.text.split("\f")[: self.pages]


CHROME = (".md-nav__link, .md-tabs__link, .md-header__topic, .md-search__input, .md-footer__link, "
          ".md-footer__direction, .md-footer-meta, .md-content__button, .md-select__link")
"""The site's chrome: navigation, header, search, footer, edit buttons, language switcher."""


def print_pdf(page, url: str, target: Path) -> tuple[tuple[str, ...], str]:
    """Print `url` to `target` as A4 the way a browser's print dialog does; returns the nav's
    link texts and the text of the page's own content under print media. `page` may have
    printed before: it is back on screen media before it loads `url`."""
    page.emulate_media(media="no-override")
    page.goto(url, wait_until="load")
    nav = page.eval_on_selector_all(CHROME, "els => els.map(e => (e.placeholder || e.textContent).trim())")
    page.pdf(path=str(target), format="A4", prefer_css_page_size=True)
    page.emulate_media(media="print")
    sheet = page.eval_on_selector(".pb-page", "e => e.innerText")
    return tuple(t for t in nav if t), sheet


def page_sizes(pdf: Path, pages: int) -> tuple[tuple[float, float], ...]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and " size:" in line:
            w, _, h = line.split("size:")[1].split()[:3]
            sizes.append((float(w), float(h)))
    return tuple(sizes)


def read_pdf(pdf: Path) -> tuple[int, str, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return pages, text, fonts


@pytest.fixture(scope="session")
def pdf_reader():
    """read_pdf for tests that print a page of their own: pdf -> (pages, text, fonts)."""
    return read_pdf


@pytest.fixture(scope="session")
def printed(site, base_url, browser, playbook, sheets, tmp_path_factory) -> dict[tuple[str, str], Printed]:
    """Every checklist of every family, the print-all pages and every blank form, in both
    languages, as PDF. Keyed by (lang, page path).

    One page prints them all, one after the other (a fresh page per print took twice as long:
    a new browser context, the site's CSS and JavaScript fetched again), while poppler reads
    the PDFs back in background threads. What comes out is the same as one page per print."""
    out = tmp_path_factory.mktemp("pdf")
    paths = ([checklist_path(s.id, fam) for s, fam in sheets] + [page_paths.all_checklists(f) for f in print_all_families(playbook)]
             + [blank_form_path(f.id) for f in playbook.forms])

    def read_back(pdf: Path):
        pages, text, fonts = read_pdf(pdf)
        return pages, page_sizes(pdf, pages), text, fonts

    printing = {}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        with ThreadPoolExecutor(max_workers=2) as poppler:
            for lang, prefix in (("zh", ""), ("en", "en/")):
                for path in paths:
                    pdf = out / f"{lang}-{path.replace('/', '-').removesuffix('.md')}.pdf"
                    nav, sheet = print_pdf(page, base_url + prefix + url_of(path), pdf)
                    printing[(lang, path)] = (pdf, nav, sheet, poppler.submit(read_back, pdf))
    finally:
        page.close()
    result = {}
    for (lang, path), (pdf, nav, sheet, reading) in printing.items():
        pages, sizes, text, fonts = reading.result()
        result[(lang, path)] = Printed(path, lang, pdf, pages, sizes, text, fonts, nav, sheet)
    return result
