"""All pages of the playbook site for one language, in navigation order.

    pages = site_pages(playbook, "zh", available={"checklists/plan-and-call.md", ...})

`available` names other generated pages in the same build (the checklists); pages link to them
only when they exist, so a build never carries a broken link.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...model import Lang, Playbook
from ...words import say
from .. import Page, paths
from ..md import stage_nav_title, t
from .compliance_page import render_compliance, render_procurement
from .form_page import render_form
from .glossary_page import render_glossary
from .home_page import render_home
from .judging_page import rules_page
from .managers_page import render_managers
from .stage_page import render_stage

# Search ranking is not set here: render/site/search.py builds the site's index from the
# rendered pages and the playbook's search terms, and ranks by page type.


def site_pages(pb: Playbook, lang: Lang, available: Iterable[str] = ()) -> list[Page]:
    have = set(available)
    pages = [Page(paths.HOME, say("site.nav.home", lang), render_home(pb, lang, have))]
    pages += [Page(paths.stage(s.id), stage_nav_title(s, lang), render_stage(pb, s, lang, have), say("site.nav.stages", lang))
              for s in pb.stages]
    if pb.procurement is not None:
        pages.append(Page(paths.PROCUREMENT, say("site.nav.procurement", lang), render_procurement(pb, lang)))
    if pb.compliance is not None or any(s.red_lines for s in pb.stages):
        pages.append(Page(paths.COMPLIANCE, say("site.nav.compliance", lang), render_compliance(pb, lang)))
    pages += [Page(paths.form(f.id), t(f.name, lang), render_form(pb, f, lang, have), say("site.nav.forms", lang))
              for f in pb.forms]
    pages += [Page(paths.MANAGERS, say("site.nav.managers", lang), render_managers(pb, lang, have)),
              Page(paths.JUDGING, say("site.nav.judging", lang), rules_page(pb, lang))]
    if pb.glossary:
        pages.append(Page(paths.GLOSSARY, say("site.nav.glossary", lang), render_glossary(pb, lang)))
    return pages

