"""The team view as an Excel workbook: one sheet per view (deals, per rep, scorecard), typed
cells (numbers, dates, per cents), frozen header rows, headers in the reader's language.

Written with XlsxWriter. Values from deal files are written as text cells, never as formulas,
and a text that a spreadsheet would read as a formula gets the CSV's leading apostrophe
(`verdicts.csv_cell`), so a copy to CSV stays disarmed too.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from ..rulebook import rulebook, text_in
from ..verdicts import csv_cell, measure_name
from ..words import say

Lang = str


def team_workbook(data: dict[str, Any], pb: Any, lang: Lang, all_rows: list[dict[str, Any]] | None = None) -> bytes:
    """The workbook's bytes. `all_rows`: every deal (`Review(keep_all=True).all_rows`); else the
    review's listed deals."""
    import xlsxwriter

    book = rulebook(pb)
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    head = wb.add_format({"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True, "valign": "top"})
    money = wb.add_format({"num_format": "#,##0"})
    count = wb.add_format({"num_format": "#,##0"})
    share = wb.add_format({"num_format": "0%"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True})
    bold_share = wb.add_format({"bold": True, "num_format": "0%"})
    fmts = {"money": money, "count": count, "share": share}

    def w(key: str, **values: Any) -> str:
        return say("review." + key, lang, **values)

    def text(ws: Any, r: int, c: int, value: Any, fmt: Any = None) -> None:
        if value is None:
            return
        ws.write_string(r, c, str(csv_cell(str(value))), fmt)

    def number(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
        if value is not None:
            ws.write_number(r, c, value, fmt)

    def date(ws: Any, r: int, c: int, value: str | None) -> None:
        if value:
            ws.write_datetime(r, c, _dt.datetime.fromisoformat(value), day)

    def header(ws: Any, names: list[str], widths: list[int]) -> None:
        for c, (name, width) in enumerate(zip(names, widths)):
            ws.write_string(0, c, name, head)
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 1)
        ws.set_row(0, 32)
        # printed: A4 landscape, one page wide, the header on every page
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)

    def stage(n: int) -> str:
        return f"{n} " + (say("verdict.stage_none", lang) if n == 0 else text_in(book.stages[n - 1].name, lang))

    # --- deals ---
    ws = wb.add_worksheet(w("sheet.deals"))
    cols = [("deal", 28), ("customer", 20), ("rep", 12), ("status_col", 10), ("amount", 14), ("currency_col", 8),
            ("collected", 14), ("expected_close_col", 12), ("our_stage", 22), ("claimed_col", 8), ("customer_stage", 10),
            ("step_col", 22), ("days", 8), ("head.stuck", 8), ("score", 8), ("falls_short_col", 10), ("why_col", 30), ("file", 30)]
    header(ws, [w(k) for k, _ in cols], [x for _, x in cols])
    rows = all_rows if all_rows is not None else data["deals"]["rows"]
    for r, d in enumerate(rows, 1):
        text(ws, r, 0, d["name"])
        text(ws, r, 1, d["customer"])
        text(ws, r, 2, d["rep"])
        text(ws, r, 3, w("status." + d.get("status", "open")))
        number(ws, r, 4, d["amount"], money)
        text(ws, r, 5, d["currency"])
        number(ws, r, 6, d.get("collected"), money)
        date(ws, r, 7, d["expected_close"])
        text(ws, r, 8, stage(d["position"]))
        number(ws, r, 9, d["claimed"], count)
        number(ws, r, 10, d["customer_stage"], count)
        text(ws, r, 11, w("step." + d["step"]))
        number(ws, r, 12, d["days_in_stage"], count)
        text(ws, r, 13, w("yes") if d["stuck"] else w("no"))
        number(ws, r, 14, d["score"], count)
        text(ws, r, 15, w("yes") if d["falls_short"] else w("no"))
        text(ws, r, 16, say("punct.sep", lang).join(w("why." + a) for a in d["attention"]) or None)
        text(ws, r, 17, d["file"])
    if rows:
        ws.autofilter(0, 0, len(rows), len(cols) - 1)

    # --- per rep ---
    ws = wb.add_worksheet(w("sheet.reps"))
    stages = range(len(book.stages) + 1)
    names = [w("rep"), w("deals_col"), *[w("head." + s) for s in ("open", "won", "lost", "dropped")],
             *[w("at_stage", n=n) for n in stages], w("open_amount"), w("head.stuck"), w("falls_short_col"), w("review_score")]
    header(ws, names, [14, 8, 8, 8, 8, 8, *[9] * len(stages), 16, 8, 10, 10])
    cards = {c["rep"]: c for c in data["scorecard"]["cards"]}
    reps = [*data["reps"], {"rep": None, **data["team"]}]
    for r, g in enumerate(reps, 1):
        text(ws, r, 0, g["rep"] if g["rep"] is not None else w("team"), None if g["rep"] is not None else bold)
        number(ws, r, 1, g["deals"], count)
        for i, s in enumerate(("open", "won", "lost", "dropped")):
            number(ws, r, 2 + i, g["status"][s], count)
        for n in stages:
            number(ws, r, 6 + n, g["funnel"][n]["count"], count)
        c = 6 + len(stages)
        number(ws, r, c, round(sum(f["amount"] for f in g["funnel"]), 2), money)
        number(ws, r, c + 1, g["stuck"], count)
        number(ws, r, c + 2, g["falls_short"], count)
        card = cards.get(g["rep"])
        number(ws, r, c + 3, card["review"] if card else None, count)

    # --- scorecard ---
    ws = wb.add_worksheet(w("sheet.scorecard"))
    sc = data["scorecard"]
    order = [cards[None], *[cards[r["rep"]] for r in data["reps"] if r["rep"] in cards]]
    names = [w("perspective"), w("measure"), w("weight"), w("direction")]
    for card in order:
        who = w("team") if card["rep"] is None else str(csv_cell(card["rep"]))
        names += [w("col_actual", who=who), w("col_target", who=who), w("col_score", who=who)]
    header(ws, names, [18, 30, 8, 14, *[14] * (3 * len(order))])
    r = 1
    text(ws, r, 1, w("review_score"), bold)
    for i, card in enumerate(order):
        number(ws, r, 4 + 3 * i + 2, None if card["review"] is None else card["review"] / 100, bold_share)
    for p in sc["perspectives"]:
        r += 1
        text(ws, r, 0, text_in(book.perspective_name(p), lang), bold)
        for i, card in enumerate(order):
            number(ws, r, 4 + 3 * i + 2, card["perspectives"].get(p), bold_share)
        for m in sc["measures"]:
            if m["perspective"] != p:
                continue
            r += 1
            text(ws, r, 0, text_in(book.perspective_name(p), lang))
            text(ws, r, 1, measure_name(pb, m["id"], lang))
            number(ws, r, 2, m["weight"], None)
            text(ws, r, 3, w("lower_better") if m["direction"] == "lower" else w("higher_better"))
            for i, card in enumerate(order):
                v = card["measures"][m["id"]]
                number(ws, r, 4 + 3 * i, v["actual"], fmts[m["unit"]])
                number(ws, r, 4 + 3 * i + 1, v["target"], fmts[m["unit"]])
                number(ws, r, 4 + 3 * i + 2, v["score"], share)
    ws.freeze_panes(1, 2)
    wb.close()
    return buf.getvalue()
