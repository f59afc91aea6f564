"""The weekly pipeline review as one self-contained HTML page: inline CSS, inline SVG charts
drawn here from the review's figures (`numbers.py`), no script and no request outside the file.
It opens from disk on a laptop or a phone and prints on A4 landscape.

Every figure on the page carries the path of its value in the JSON (`data-k`) and the value
itself (`data-v`), so a test can hold the page equal to `playbook review --format json`.
Every value from a deal file is escaped where it lands (`_e`); every word comes from the
catalogue (`review.*`) or the playbook.
"""

from __future__ import annotations

import html
from importlib import resources
from typing import Any

from ..problems import Problem, one_line
from ..rulebook import rulebook, text_in
from ..verdicts import figure, kind_name, measure_name
from ..words import say

Lang = str
_W = 520
"""The width of a bar chart's drawing: its text stays readable when a phone shrinks it."""
STEP_CLASS = {"in-step": "in", "ahead": "ahead", "ahead-warning": "warn", "behind": "behind", "drop": "drop"}


def _e(value: Any) -> str:
    """A value as inert HTML text: control characters shown escaped, markup escaped."""
    return html.escape(one_line(str(value)), quote=True)


def _fig(path: str, value: Any, unit: str = "count", tag: str = "span", cls: str = "") -> str:
    """A figure with its JSON path and raw value, as the JSON has it."""
    raw = "" if value is None else repr(value)
    c = f' class="{cls}"' if cls else ""
    return f'<{tag}{c} data-k="{_e(path)}" data-v="{_e(raw)}">{_e(figure(value, unit))}</{tag}>'


class _Page:
    def __init__(self, data: dict[str, Any], pb: Any, lang: Lang):
        self.d = data
        self.pb = pb
        self.book = rulebook(pb)
        self.lang = lang

    def w(self, key: str, **values: Any) -> str:
        return html.escape(say("review." + key, self.lang, **values), quote=False)

    def stage(self, n: int) -> str:
        if n == 0:
            return html.escape(say("verdict.stage_none", self.lang))
        return html.escape(text_in(self.book.stages[n - 1].name, self.lang))

    def customer(self, n: int) -> str:
        return html.escape(text_in(self.book.customer(n)[2], self.lang))

    def persp(self, pid: str) -> str:
        return html.escape(text_in(self.book.perspective_name(pid), self.lang))

    # --- the sections ---

    def head(self) -> str:
        d, t = self.d, self.d["team"]
        period = d["period"]
        when = self.w("period", start=period["start"], end=period["end"]) if period else self.w("period_all")
        if period and period.get("name"):
            when = f"{_e(period['name'])} · {when}"
        status = " · ".join(f"{self.w('status.' + s)} {_fig('team.status.' + s, t['status'][s])}" for s in t["status"])
        notes = []
        if d["unreadable"]:
            notes.append(self.w("unreadable", n=d["unreadable"]))
        if d["unconverted"]:
            notes.append(self.w("unconverted", n=d["unconverted"], currency=d["currency"]))
        return (f'<header><h1>{self.w("title")}</h1>'
                f'<p class="sub">{when} · {self.w("today", day=d["today"])} · {self.w("currency", currency=_e(d["currency"]))}</p>'
                f'<p class="kpis">{status} · {self.w("attention")} {_fig("team.attention", t["attention"])}'
                f' · {self.w("stuck")} {_fig("team.stuck", t["stuck"])}</p>'
                + "".join(f'<p class="note">{n}</p>' for n in notes) + "</header>")

    def nav(self) -> str:
        links = [("funnel", "funnel"), ("step", "step"), ("days", "days"), ("scorecard", "scorecard"), ("deals", "deals")]
        return ('<nav aria-label="' + self.w("contents") + '"><ul>'
                + "".join(f'<li><a href="#{a}">{self.w("h." + k)}</a></li>' for a, k in links) + "</ul></nav>")

    def funnel(self) -> str:
        t = self.d["team"]
        rows = t["funnel"]
        most = max([r["count"] for r in rows] + [1])
        # each stage: its name on a line, the bar under it (long names fit, and a phone can read them)
        row_h, bar_h, width = 46, 18, _W
        h = len(rows) * row_h
        names = [self.stage(r["stage"]) for r in rows]
        parts = [f'<svg class="chart" viewBox="0 0 {width} {h}" role="img" aria-labelledby="funnel-t">'
                 f'<title id="funnel-t">{self.w("funnel_alt")}</title>']
        for i, r in enumerate(rows):
            y = i * row_h
            bw = max(2.0, (width - 210) * r["count"] / most) if r["count"] else 0
            parts.append(f'<text x="0" y="{y + 15}" class="lbl">{r["stage"]} {names[i]}</text>'
                         f'<rect x="0" y="{y + 21}" width="{bw:.1f}" height="{bar_h}" class="bar s{r["stage"]}"/>'
                         f'<text x="{bw + 6:.1f}" y="{y + 35}" class="val">'
                         f'{_fig(f"team.funnel.{i}.count", r["count"], tag="tspan", cls="num")} · '
                         f'{_fig(f"team.funnel.{i}.amount", r["amount"], "money", tag="tspan")}</text>')
        parts.append("</svg>")
        # per rep: a table of counts and amounts by stage
        head = "".join(f'<th scope="col">{n}</th>' for n in range(len(rows)))
        body = []
        for ri, rep in enumerate(self.d["reps"]):
            cells = "".join(
                f'<td class="n">{_fig(f"reps.{ri}.funnel.{i}.count", f["count"])}'
                + (f'<br><small>{_fig(f"reps.{ri}.funnel.{i}.amount", f["amount"], "money")}</small>' if f["count"] else "")
                + "</td>" for i, f in enumerate(rep["funnel"]))
            body.append(f'<tr><th scope="row">{_e(rep["rep"])}</th>{cells}</tr>')
        legend = " · ".join(f"{r['stage']} {names[i]}" for i, r in enumerate(rows))
        table = self.table(self.w("funnel_by_rep"),
                           f'<thead><tr><th scope="col">{self.w("rep")}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody>', True)
        return (f'<section id="funnel"><h2>{self.w("h.funnel")}</h2><p>{self.w("funnel_intro")}</p>'
                f'<figure>{"".join(parts)}</figure><h3>{self.w("funnel_by_rep")}</h3>{table}'
                f'<p class="legend">{legend}</p></section>')

    def step(self) -> str:
        t = self.d["team"]
        matrix = t["matrix"]
        n_ours, n_cust = len(matrix), len(matrix[0]) if matrix else 0
        cell, left, top = 44, 40, 30
        width, height = left + n_cust * cell + 4, top + n_ours * cell + 4
        parts = [f'<svg class="chart matrix" viewBox="0 0 {width} {height}" role="img" aria-labelledby="step-t">'
                 f'<title id="step-t">{self.w("step_alt")}</title>']
        for c in range(n_cust):
            parts.append(f'<text x="{left + c * cell + cell / 2}" y="{top - 10}" text-anchor="middle" class="lbl">{c + 1}</text>')
        for o in range(n_ours):
            parts.append(f'<text x="{left - 8}" y="{top + o * cell + cell / 2 + 5}" text-anchor="end" class="lbl">{o}</text>')
            for c in range(n_cust):
                n = matrix[o][c]
                kind = self.gap_kind(o, c + 1)
                x, y = left + c * cell, top + o * cell
                parts.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                             f'class="cell {kind if n else "empty"}"/>')
                if n:
                    dark = " on-dark" if kind in ("in", "drop", "warn") else ""
                    parts.append(f'<text x="{x + cell / 2}" y="{y + cell / 2 + 5}" text-anchor="middle" class="num{dark}">'
                                 f'{_fig(f"team.matrix.{o}.{c}", n, tag="tspan")}</text>')
        parts.append("</svg>")
        steps = list(t["steps"])
        legend = "".join(f'<li><span class="key {STEP_CLASS[s]}"></span>{html.escape(say("review.step." + s, self.lang))} '
                         f'{_fig("team.steps." + s, t["steps"][s])}</li>' for s in steps)
        head = "".join(f'<th scope="col">{self.w("step." + s)}</th>' for s in steps)
        body = "".join(f'<tr><th scope="row">{_e(r["rep"])}</th>'
                       + "".join(f'<td>{_fig(f"reps.{i}.steps.{s}", r["steps"][s])}</td>' for s in steps) + "</tr>"
                       for i, r in enumerate(self.d["reps"]))
        table = self.table(self.w("h.step"), f'<thead><tr><th scope="col">{self.w("rep")}</th>{head}</tr></thead><tbody>{body}</tbody>',
                           True)
        axes = self.w("step_axes")
        return (f'<section id="step"><h2>{self.w("h.step")}</h2><p>{self.w("step_intro", drop=self.book.behind_consider_drop)}</p>'
                f'<div class="pair"><figure>{"".join(parts)}<figcaption>{axes}</figcaption></figure>'
                f'<ul class="keys">{legend}</ul></div>{table}</section>')

    def gap_kind(self, ours: int, customer: int) -> str:
        gap = customer - ours
        if gap == 0:
            return "in"
        if gap > 0:
            return "drop" if gap >= self.book.behind_consider_drop else "behind"
        return "warn" if -gap >= self.book.ahead_warning else "ahead"

    def days(self) -> str:
        t = self.d["team"]
        rows = t["days"]
        most = max([r["longest"] or 0 for r in rows] + [r["limit"] or 0 for r in rows] + [1])
        row_h, bar_h, width = 46, 18, _W
        scale = (width - 210) / most
        h = len(rows) * row_h
        parts = [f'<svg class="chart" viewBox="0 0 {width} {h}" role="img" aria-labelledby="days-t">'
                 f'<title id="days-t">{self.w("days_alt")}</title>']
        for i, r in enumerate(rows):
            y = i * row_h
            parts.append(f'<text x="0" y="{y + 15}" class="lbl">{r["stage"]} {self.stage(r["stage"])}</text>')
            if r["longest"] is not None:
                parts.append(f'<rect x="0" y="{y + 25}" width="{r["longest"] * scale:.1f}" height="{bar_h - 8}" class="bar longest"/>')
            if r["median"] is not None:
                parts.append(f'<rect x="0" y="{y + 21}" width="{max(1.0, r["median"] * scale):.1f}" height="{bar_h}" class="bar median"/>')
            if r["limit"] is not None:
                x = r["limit"] * scale
                parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 19}" y2="{y + 21 + bar_h + 2}" class="limit"/>')
            end = max(r["longest"] or 0, r["limit"] or 0) * scale + 8
            parts.append(f'<text x="{end:.1f}" y="{y + 35}" class="val">'
                         f'{_fig(f"team.days.{i}.median", r["median"], tag="tspan")} / '
                         f'{_fig(f"team.days.{i}.longest", r["longest"], tag="tspan")} · '
                         f'{_fig(f"team.days.{i}.stuck", r["stuck"], tag="tspan")}</text>')
        parts.append("</svg>")
        stuck = [r for r in self.d["deals"]["rows"] if r["stuck"]]
        stuck.sort(key=lambda r: -(r["days_in_stage"] or 0))
        body = "".join(
            f'<tr><td><a href="#{r["anchor"]}">{_e(r["name"])}</a></td><td>{_e(r["rep"])}</td>'
            f'<td>{r["position"]} {self.stage(r["position"])}</td>'
            f'<td class="n">{_fig(self.row_path(r, "days_in_stage"), r["days_in_stage"])}</td>'
            f'<td class="n">{self.book.stages[r["position"] - 1].stuck_after_days}</td></tr>' for r in stuck)
        table = (self.table(self.w("stuck_list"),
                            f'<thead><tr><th scope="col">{self.w("deal")}</th><th scope="col">{self.w("rep")}</th>'
                            f'<th scope="col">{self.w("our_stage")}</th><th scope="col">{self.w("days")}</th>'
                            f'<th scope="col">{self.w("limit")}</th></tr></thead><tbody>{body}</tbody>')
                 if stuck else f'<p>{self.w("none_stuck")}</p>')
        more = t["stuck"] - len(stuck)
        return (f'<section id="days"><h2>{self.w("h.days")}</h2><p>{self.w("days_intro")}</p>'
                f'<figure>{"".join(parts)}<figcaption>{self.w("days_key")}</figcaption></figure>'
                f'<h3>{self.w("stuck_list")} {_fig("team.stuck", t["stuck"])}</h3>{table}'
                + (f'<p class="note">{self.w("stuck_more", n=more)}</p>' if more > 0 else "") + "</section>")

    def row_path(self, row: dict[str, Any], key: str) -> str:
        return f"deals.rows.{self.index[id(row)]}.{key}"

    def scorecard(self) -> str:
        sc = self.d["scorecard"]
        cards = sc["cards"]
        if not sc["measures"]:
            return f'<section id="scorecard"><h2>{self.w("h.scorecard")}</h2><p>{self.w("no_measures")}</p></section>'
        order = [len(cards) - 1] + list(range(len(cards) - 1))  # the team first
        head = "".join(f'<th scope="col">{self.w("team") if cards[i]["rep"] is None else _e(cards[i]["rep"])}</th>' for i in order)
        body = [f'<tr class="review"><th scope="row">{self.w("review_score")}</th>'
                + "".join(f'<td class="n">{_fig(f"scorecard.cards.{i}.review", cards[i]["review"])}</td>' for i in order) + "</tr>"]
        for p in sc["perspectives"]:
            body.append(f'<tr class="persp"><th scope="row">{self.persp(p)}</th>'
                        + "".join(f'<td class="n">{_fig(f"scorecard.cards.{i}.perspectives.{p}", cards[i]["perspectives"].get(p), "share")}</td>'
                                  for i in order) + "</tr>")
            for m in sc["measures"]:
                if m["perspective"] != p:
                    continue
                arrow = self.w("lower_better") if m["direction"] == "lower" else ""
                cells = []
                for i in order:
                    v = cards[i]["measures"][m["id"]]
                    pre = f"scorecard.cards.{i}.measures.{m['id']}"
                    score = v["score"]
                    bar = (f'<span class="meter" aria-hidden="true"><span style="width:{100 * score:.0f}%"></span></span>'
                           if score is not None else "")
                    cells.append(f'<td class="n">{_fig(pre + ".actual", v["actual"], m["unit"])}'
                                 f'<small> / {_fig(pre + ".target", v["target"], m["unit"])}</small>{bar}</td>')
                body.append(f'<tr><th scope="row" class="m">{html.escape(measure_name(self.pb, m["id"], self.lang))}'
                            f'{f" <small>{arrow}</small>" if arrow else ""}</th>{"".join(cells)}</tr>')
        table = self.table(self.w("h.scorecard"),
                           f'<thead><tr><th scope="col">{self.w("measure")}</th>{head}</tr></thead><tbody>{"".join(body)}</tbody>', True)
        return (f'<section id="scorecard"><h2>{self.w("h.scorecard")}</h2><p>{self.w("scorecard_intro")}</p>{table}'
                f'<p class="formula">{self.w("formula")}</p></section>')

    def deals(self) -> str:
        dl = self.d["deals"]
        rows = dl["rows"]
        body = []
        for r in rows:
            flags = " ".join(f'<span class="flag {a}">{self.w("why." + a)}</span>' for a in r["attention"])
            body.append(
                f'<tr><td><a href="#{r["anchor"]}">{_e(r["name"])}</a><br><small>{_e(r["customer"])}</small></td>'
                f'<td>{_e(r["rep"])}</td>'
                f'<td class="n">{_fig(self.row_path(r, "amount"), r["amount"], "money")}'
                + (f' <small>{_e(r["currency"])}</small>' if r["currency"] != self.d["currency"] else "") + "</td>"
                f'<td>{r["position"]} / {r["claimed"]}</td><td>{r["customer_stage"]}</td>'
                f'<td><span class="key {STEP_CLASS[r["step"]]}"></span>{self.w("step." + r["step"])}</td>'
                f'<td class="n">{_fig(self.row_path(r, "days_in_stage"), r["days_in_stage"])}</td>'
                f'<td class="n">{_fig(self.row_path(r, "score"), r["score"])}</td><td>{flags}</td></tr>')
        head = "".join(f'<th scope="col">{self.w(k)}</th>' for k in
                       ("deal", "rep", "amount", "ours_claimed", "customer_stage", "step_col", "days", "score", "why_col"))
        table = self.table(self.w("h.deals"), f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>")
        counts = (f'<p>{self.w("deals_counts")} {_fig("deals.open", dl["open"])} · {self.w("listed")} {_fig("deals.listed", dl["listed"])}'
                  f' · {self.w("needing")} {_fig("deals.needing_attention", dl["needing_attention"])}</p>')
        rest = ""
        if dl["not_listed_needing_attention"] or dl["not_listed_in_order"]:
            rest = (f'<p class="note">{self.w("not_listed")} {self.w("not_listed_attention")} '
                    f'{_fig("deals.not_listed_needing_attention", dl["not_listed_needing_attention"])} · '
                    f'{self.w("not_listed_in_order")} {_fig("deals.not_listed_in_order", dl["not_listed_in_order"])}</p>')
        return f'<section id="deals"><h2>{self.w("h.deals")}</h2>{counts}{rest}{table if rows else ""}</section>'

    def details(self) -> str:
        out = [f'<section id="details"><h2>{self.w("h.details")}</h2>']
        for r in self.d["deals"]["rows"]:
            claim = html.escape(say("verdict.claim." + r["claim"], self.lang))
            step = html.escape(say("verdict.step." + r["step"], self.lang))
            lines = [f'<p>{self.w("really_at")} {r["position"]} {self.stage(r["position"])} · {self.w("claimed")} '
                     f'{r["claimed"]} {self.stage(r["claimed"])} → {claim}</p>',
                     f'<p>{self.w("customer_at")} {r["customer_stage"]} {self.customer(r["customer_stage"])} → {step}</p>']
            if r["days_in_stage"] is not None:
                lines.append(f'<p>{self.w("days_line", days=r["days_in_stage"], since=r["entered_on"])}</p>')
            if r["expected_close"]:
                lines.append(f'<p>{self.w("expected_close", day=r["expected_close"])}</p>')
            if r["missing_required"]:
                lines.append(f'<p class="req">{self.w("required")} ' + ", ".join(f"<code>{_e(x)}</code>" for x in r["missing_required"]) + "</p>")
            if r["missing"]:
                items = []
                for o in r["missing"]:
                    text, guidance = self.open_text(o)
                    items.append(f'<li><span class="tag">{o["stage"]} {html.escape(kind_name(o["kind"], self.lang))}</span> {text}'
                                 + (f'<br><small>→ {guidance}</small>' if guidance else "") + "</li>")
                if r["missing_more"]:
                    items.append(f'<li>{self.w("more_missing", n=r["missing_more"])}</li>')
                lines.append(f'<h4>{self.w("to_move_on")}</h4><ul>{"".join(items)}</ul>')
            out.append(f'<article id="{r["anchor"]}" class="deal"><h3>{_e(r["name"])} <small>{_e(r["customer"])} · {_e(r["rep"])}</small></h3>'
                       f'<p class="file"><code>{_e(r["file"])}</code> · {self.w("score")} {_fig(self.row_path(r, "score"), r["score"])}</p>'
                       + "".join(lines) + f'<p class="back"><a href="#deals">{self.w("back")}</a></p></article>')
        out.append("</section>")
        return "".join(out)

    def open_text(self, o: dict[str, Any]) -> tuple[str, str]:
        if o["kind"] == "field":
            f = next((f for f in self.book.required if f.ref == o["id"]), None)
            return (html.escape(text_in(f.label, self.lang)) if f else _e(o["id"]),
                    html.escape(text_in(f.help, self.lang)) if f and f.help else "")
        item = self.book.item(o["id"])
        if item is None:
            return _e(o["id"]), ""
        return html.escape(text_in(item.text, self.lang)), html.escape(text_in(item.guidance, self.lang)) if item.guidance else ""

    def table(self, label: str, inner: str, numbers: bool = False) -> str:
        """A table that scrolls sideways inside its own box (never the page) on a phone;
        `numbers`: every column but the first holds figures (aligned right)."""
        cls = "scroll" + (" nums" if numbers else "")
        return f'<div class="{cls}" role="region" aria-label="{label}" tabindex="0"><table>{inner}</table></div>'

    def render(self, problems: list[Problem]) -> str:
        self.index = {id(r): i for i, r in enumerate(self.d["deals"]["rows"])}
        css = resources.files(__package__).joinpath("review.css").read_text(encoding="utf-8")
        errors = ""
        if problems:
            errors = (f'<section id="errors"><h2>{self.w("h.errors")}</h2><ul>'
                      + "".join(f"<li><code>{_e(p.render(self.lang))}</code></li>" for p in problems[:50]) + "</ul></section>")
        lang_attr = "zh-CN" if self.lang == "zh" else self.lang
        return ("<!DOCTYPE html>\n"
                f'<html lang="{lang_attr}"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{self.w('title')} · {self.d['today']}</title><style>{css}</style></head><body>"
                f"{self.head()}{self.nav()}<main>{self.funnel()}{self.step()}{self.days()}{self.scorecard()}"
                f"{self.deals()}{self.details()}{errors}</main>"
                f'<footer><p>{self.w("footer", version=html.escape(self.book.version))}</p></footer></body></html>\n')


def review_page(data: dict[str, Any], pb: Any, lang: Lang, problems: list[Problem] | None = None) -> str:
    """The review page of `numbers.Review.data()`, worded in `lang`."""
    return _Page(data, pb, lang).render(list(problems or []))
