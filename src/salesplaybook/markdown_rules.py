"""What Markdown a playbook text may hold: the one definition, applied by the model to every
text, so the site, the printed sheets and the phone pages only ever render a safe subset.

- no raw HTML (use Markdown), no images (a page must not fetch anything from elsewhere);
- link targets only relative, `http`, `https`, `mailto` or `tel` — checked after decoding
  HTML entities and percent-escapes, dropping the blanks and control characters a browser
  drops, and ignoring case, so `JaVaScRiPt:` and `&#106;avascript:` are seen for what they are;
- no attribute lists (`{: onclick=... }`, `{ #id .class }`): they would add any attribute;
- a one-line text (a name, an item, a label) holds no line break of any kind and does not
  start like a heading, a list or a quote; a long text (paragraphs and lists) may, but adds no
  heading and no table to the page around it.

`problem(text, one_line=...)` returns the first thing wrong as an unworded message, or None.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from .words import Msg, msg

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")

_RAW_HTML = re.compile(r"</?[A-Za-z!?][^>]*>")
_LINE_BREAK = re.compile(r"[\n\r\v\f\x85\u2028\u2029]")
_IMAGE = re.compile(r"!\[")
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)>]*)")
_TITLE = re.compile(r"\s+[\"'(].*$", re.S)
_REFERENCE_TARGET = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*[#.][\w-]|\{[^}\n]*?[\w-]+\s*=")
# `!!!`, `???` and `===` open an admonition, a fold and a tab in the site's Markdown setup
_BLOCK_START = re.compile(r"^\s*(#|[-+*](\s|$)|\d+[.)](\s|$)|>|=+\s*$|([-*_]\s*){3,}$|`{3}|~{3}|!{3}|\?{3})")
_HEADING = re.compile(r"^\s{0,3}(#|=+\s*$|-{2,}\s*$|!{3}|\?{3}|={3})", re.M)
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$", re.M)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_DROPPED = re.compile(r"[\x00-\x20\x7f-\x9f]")


def link_scheme(target: str) -> str | None:
    """The scheme a browser would see in a link target (`javascript`), or None if relative."""
    seen = target
    for _ in range(3):  # `&amp;#106;` decodes twice; three rounds undo any sane nesting
        seen = unquote(html.unescape(seen))
    seen = _DROPPED.sub("", seen).lower()
    match = _SCHEME.match(seen)
    return match.group(1) if match else None


def problem(text: str, *, one_line: bool) -> Msg | None:
    if _RAW_HTML.search(text):
        return msg("errors.markdown.raw_html")
    if one_line and _LINE_BREAK.search(text):
        return msg("errors.markdown.line_break")
    if one_line and _BLOCK_START.match(text):
        return msg("errors.markdown.block_start")
    if _IMAGE.search(text):
        return msg("errors.markdown.image")
    targets = [_TITLE.sub("", t) for t in _INLINE_TARGET.findall(text)] + _REFERENCE_TARGET.findall(text)
    for target in targets:
        scheme = link_scheme(target)
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            return msg("errors.markdown.link_scheme", scheme=scheme, allowed=", ".join(ALLOWED_SCHEMES))
    if _ATTR_LIST.search(text):
        return msg("errors.markdown.attr_list")
    if not one_line and _HEADING.search(text):
        return msg("errors.markdown.heading")
    if not one_line and _TABLE_RULE.search(text):
        return msg("errors.markdown.table")
    return None
