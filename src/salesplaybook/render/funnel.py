"""The sales funnel as an inline SVG, drawn from the stages in the YAML."""

from __future__ import annotations

from html import escape

from ..model import Lang, Playbook
from .labels import label
from .md import t

_WIDTH = 640
_BAND = 44
_GAP = 4
_MIN_WIDTH = 0.34  # the narrowest band, as a share of the widest


def funnel_svg(pb: Playbook, lang: Lang) -> str:
    n = len(pb.stages)
    height = n * (_BAND + _GAP)
    names = ("、" if lang == "zh" else ", ").join(f"{s.number} {t(s.name, lang)}" for s in pb.stages)
    alt = escape(label("funnel_alt", lang, names=names))
    parts = [f'<svg class="pb-funnel" viewBox="0 0 {_WIDTH} {height}" role="img" aria-labelledby="pb-funnel-title" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="pb-funnel-title">{alt}</title>']
    for i, stage in enumerate(pb.stages):
        top = _band_width(i, n)
        bottom = _band_width(i + 1, n)
        y = i * (_BAND + _GAP)
        pts = [((_WIDTH - top) / 2, y), ((_WIDTH + top) / 2, y),
               ((_WIDTH + bottom) / 2, y + _BAND), ((_WIDTH - bottom) / 2, y + _BAND)]
        points = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in pts)
        # Two alternating dark shades: white labels stay readable on both.
        parts.append(f'<polygon points="{points}" class="pb-funnel-band pb-funnel-band--{i % 2}"/>')
        parts.append(f'<text x="{_WIDTH / 2:.0f}" y="{y + _BAND / 2 + 6:.0f}" text-anchor="middle" class="pb-funnel-label">'
                     f'{stage.number} {escape(t(stage.name, lang))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _band_width(i: int, n: int) -> float:
    return _WIDTH * (1 - (1 - _MIN_WIDTH) * i / n)
