"""The sales funnel as an inline SVG, drawn from the stages in the YAML.

The bands narrow from stage 1 to the last stage; each band carries its number, and the stage
name sits to its right (wrapped onto two lines when long), so labels stay readable on a phone.
"""

from __future__ import annotations

import unicodedata
from html import escape

from ...model import Lang, Playbook
from ...words import say
from ..md import listing, t

_WIDTH = 400        # viewBox width: about the width of a phone's text column
_FUNNEL = 150       # width of the widest band
_BAND = 44
_GAP = 4
_MIN_SHARE = 0.34   # the narrowest band, as a share of the widest
_LABEL_X = _FUNNEL + 14
_FONT = 15
_LINE_UNITS = 28    # what fits in one line right of the funnel: 28 Latin letters or 14 Chinese characters


def funnel_svg(pb: Playbook, lang: Lang) -> str:
    n = len(pb.stages)
    height = n * (_BAND + _GAP) - _GAP
    names = listing([f"{s.number} {t(s.name, lang)}" for s in pb.stages], lang)
    alt = escape(say("site.funnel_alt", lang, names=names))
    parts = [f'<svg class="pb-funnel" viewBox="0 0 {_WIDTH} {height}" role="img" aria-labelledby="pb-funnel-title" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="pb-funnel-title">{alt}</title>']
    for i, stage in enumerate(pb.stages):
        top, bottom = _band_width(i, n), _band_width(i + 1, n)
        y = i * (_BAND + _GAP)
        middle = _FUNNEL / 2
        pts = [(middle - top / 2, y), (middle + top / 2, y), (middle + bottom / 2, y + _BAND), (middle - bottom / 2, y + _BAND)]
        points = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in pts)
        # Two alternating dark shades: the white numbers stay readable on both.
        parts.append(f'<polygon points="{points}" class="pb-funnel-band pb-funnel-band--{i % 2}"/>')
        parts.append(f'<text x="{middle:.0f}" y="{y + _BAND / 2 + 6:.0f}" text-anchor="middle" '
                     f'class="pb-funnel-number">{stage.number}</text>')
        lines = _wrap(t(stage.name, lang))
        first = y + _BAND / 2 + 5 - (len(lines) - 1) * (_FONT + 2) / 2
        spans = "".join(f'<tspan x="{_LABEL_X}" y="{first + k * (_FONT + 2):.0f}">{escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        parts.append(f'<text class="pb-funnel-label" font-size="{_FONT}">{spans}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _band_width(i: int, n: int) -> float:
    return _FUNNEL * (1 - (1 - _MIN_SHARE) * i / n)


def _units(text: str) -> int:
    """Printed width: a wide (CJK) character takes two units, any other one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str) -> list[str]:
    """At most two lines: split at the space nearest the middle (English) or in half (Chinese)."""
    if _units(text) <= _LINE_UNITS:
        return [text]
    if " " in text:
        spaces = [k for k, ch in enumerate(text) if ch == " "]
        cut = min(spaces, key=lambda k: abs(k - len(text) / 2))
        return [text[:cut], text[cut + 1:]]
    half = (len(text) + 1) // 2
    return [text[:half], text[half:]]
