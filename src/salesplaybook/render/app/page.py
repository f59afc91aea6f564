"""The "my deals" page and the files it needs: the app's script and style, its YAML reader,
and the rules as data (rulebook.to_data(), the very data judge.py judges from)."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from ...model import Lang, Playbook
from ...rulebook import rulebook
from ...words import catalogue
from .. import Page, paths
from ..paper.html import esc

ASSETS = Path(__file__).parent / "assets"
RULES = "assets/rules.json"
FILES = {"assets/app/app.js": "app.js", "assets/app/judge.js": "judge.js", "assets/app/app.css": "app.css",
         "assets/app/js-yaml.min.js": "vendor/js-yaml.min.js", "assets/app/js-yaml.LICENSE.txt": "vendor/js-yaml.LICENSE.txt"}

# The catalogue's words the app shows: its own, the verdict's, the method's, punctuation, and the
# messages of a deal file it cannot read.
_WORD_PREFIXES = ("app.", "verdict.", "method.", "punct.", "errors.deal.", "errors.thing.", "errors.check.unknown_hint",
                  "errors.model.missing", "sheet.yes", "sheet.no")


def app_words(lang: Lang) -> dict[str, str]:
    return {k: v for k, v in catalogue(lang).items() if k.startswith(_WORD_PREFIXES)}


def app_page(pb: Playbook, lang: Lang) -> Page:
    here = posixpath.splitext(paths.DEALS)[0] + "/"  # served at deals/

    def rel(path: str) -> str:
        return posixpath.relpath(path, here)

    words = json.dumps(app_words(lang), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    html = (
        f'<div class="pb-app" data-pb-lang="{esc(lang)}" data-pb-rules="{rel(RULES)}" '
        f'data-pb-title="{esc(pb.meta.title.get(lang))}" data-pb-version="{esc(pb.meta.version)}">\n'
        f'<noscript>{esc(catalogue(lang)["app.no_script"])}</noscript>\n</div>\n'
        f'<script type="application/json" id="pb-app-words">{words}</script>\n'
        f'<link rel="stylesheet" href="{rel("assets/app/app.css")}">\n'
        f'<script src="{rel("assets/app/js-yaml.min.js")}" defer></script>\n'
        f'<script src="{rel("assets/app/judge.js")}" defer></script>\n'
        f'<script src="{rel("assets/app/app.js")}" defer></script>\n'
    )
    content = f"# {catalogue(lang)['app.title']}\n\n{catalogue(lang)['app.intro']}\n\n{html}"
    return Page(paths.DEALS, catalogue(lang)["app.title"], content, None, {"hide": ["toc"]})


def app_assets(pb: Playbook, lang: Lang) -> dict[str, str | bytes]:
    """Site path -> content of every file the app loads, and of the files that make the site
    installable and usable offline (the manifest, its icons, the page script)."""
    from ..offline import page_script

    files: dict[str, str | bytes] = {path: (ASSETS / name).read_text(encoding="utf-8") for path, name in FILES.items()}
    files[RULES] = json.dumps(rulebook(pb).to_data(), ensure_ascii=False, separators=(",", ":"))
    for icon in ("icon.svg", "icon-192.png", "icon-512.png"):
        files[f"assets/icons/{icon}"] = (ASSETS / "icons" / icon).read_bytes()
    files["assets/offline.js"] = page_script(lang)
    files["manifest.webmanifest"] = json.dumps({
        "name": pb.meta.title.get(lang), "short_name": catalogue(lang)["app.short_name"], "lang": lang,
        "description": pb.meta.subtitle.get(lang) if pb.meta.subtitle else pb.meta.title.get(lang),
        "start_url": "./", "scope": "./", "display": "standalone", "background_color": "#ffffff", "theme_color": "#3f51b5",
        "icons": [{"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
                  {"src": "assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
                  {"src": "assets/icons/icon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }, ensure_ascii=False, indent=1)
    return files
