"""All pages of the playbook site for one language, in navigation order.

    pages = site_pages(playbook, "zh", available={"checklists/plan-and-call.md", ...})

`available` names other generated pages in the same build (the checklists); pages link to them
only when they exist, so a build never carries a broken link.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Lang, Playbook
from ..rules_doc import rules_page
from . import Page, paths
from .form_page import render_form
from .glossary_page import render_glossary
from .home_page import render_home
from .labels import label
from .managers_page import render_managers
from .md import t
from .stage_page import render_stage, stage_nav_title


def site_pages(pb: Playbook, lang: Lang, available: Iterable[str] = ()) -> list[Page]:
    have = set(available)
    pages = [Page(paths.HOME, label("home", lang), render_home(pb, lang))]
    pages += [Page(paths.stage(s.id), stage_nav_title(s, lang), render_stage(pb, s, lang, have), label("stages", lang))
              for s in pb.stages]
    pages += [Page(paths.form(f.id), t(f.name, lang), render_form(pb, f, lang, have), label("forms", lang))
              for f in pb.forms]
    pages += [Page(paths.MANAGERS, label("managers", lang), render_managers(pb, lang)),
              Page(paths.JUDGING, label("judging", lang), rules_page(pb, lang))]
    if pb.glossary:
        pages.append(Page(paths.GLOSSARY, label("glossary", lang), render_glossary(pb, lang)))
    return pages
