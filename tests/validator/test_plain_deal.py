"""The fast path (`plain_deal.py`, no pydantic) against the model it stands in for.

Differential, over thousands of generated cases per run (seeded: the same cases every run):
- a plain scalar is read either exactly as PyYAML's SafeLoader reads it, or not at all (the
  file then goes the located way);
- a deal file the fast path accepts is accepted by the model and the located reader, and read
  to the same values; and the fast path does accept most valid files (else it proves nothing).
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
import yaml

from salesplaybook import SourceError, load_playbook
from salesplaybook.deal import _located_read, read_deal
from salesplaybook.deal_model import DoneEntry
from salesplaybook.plain_deal import Doubt, DealRules, deal_rules, fast_read, load_yaml, plain_dump, plain_scalar

from .conftest import REAL, RICH

pytestmark = pytest.mark.fuzz

_PIECES = ["0", "1", "7", "12", "2026", "-", "+", ".", ":", "_", "e", "E", "x", "o", "b", "T", "Z", " ",
           "yes", "No", "TRUE", "off", "On", "null", "~", "NULL", ".inf", ".NaN", "0x1F", "0o7", "1_000",
           "2026-11-02", "2026-02-30", "2026-1-2", "2026-11-02T10:00:00", "2026-11-02 10:00:00Z", "1:30",
           "=", "<<", "ab", "项目", "y", "n", "Null", "nULL", "0b101", "3.", ".5", "1e5", "1.5e+3", "-0"]


def _scalar_text(rnd: random.Random) -> str:
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randrange(1, 4))).strip()


def test_plain_scalars_read_as_safe_loader_reads_them():
    rnd = random.Random(11)
    decided = 0
    for _ in range(6000):
        value = _scalar_text(rnd)
        text = f"k: {value}\n"
        try:
            expected = yaml.load(text, Loader=yaml.CSafeLoader)
        except Exception:  # not a document SafeLoader reads: the fast path must not read it either
            with pytest.raises(Doubt):
                load_yaml(text)
            continue
        try:
            got = load_yaml(text)
        except Doubt:
            continue
        decided += 1
        assert got == expected and type(got["k"]) is type(expected["k"]), (value, got, expected)
    assert decided > 3000  # the fast path reads most scalars itself, or it would prove little


def test_every_first_character_without_a_pattern_is_text():
    for value in ["项目", "abc", "Zed", "王芳", "#x"[1:], "@home", "%20"]:
        assert plain_scalar(value) == value
    for value in ["0x1F", "1_000", "1:30", ".inf", "2026-11-02T10:00:00", "="]:
        with pytest.raises(Doubt):
            plain_scalar(value)


# --- whole deal files ---

_TEXTS = ["华东精密制造", "  带空格  ", "\t制表\t", "x" * 500, "x" * 501, "", " ", "a\u3000", "\u3000b", "ok\n", "李雷"]
_DATES = [dt.date(2026, 11, 2), "2026-11-02", " 2026-11-02 ", "2026-13-01", "20261102", 20261102, None,
          dt.datetime(2026, 11, 2, 0, 0), dt.datetime(2026, 11, 2, 9, 30)]
_NUMBERS = [0, 5, 2400000, 1.5, -1, "100", True, None, 10 ** 400, float("inf")]


def _pick(rnd: random.Random, good, bad, p_bad: float):
    return rnd.choice(bad) if rnd.random() < p_bad else good


def _deal(rnd: random.Random, pb, p_bad: float) -> dict:
    stages = pb.stages
    upto = rnd.randrange(1, len(stages) + 1)
    done = {}
    for s in stages[:upto]:
        for item in s.items():
            if rnd.random() < 0.7:
                entry = {"date": _pick(rnd, dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(300)), _DATES, p_bad)}
                for key in ("evidence", "contact", "document", "note", "verified_by"):
                    if rnd.random() < 0.2:
                        entry[key] = _pick(rnd, "会议纪要", _TEXTS + [None, 3, True], p_bad)
                if rnd.random() < p_bad / 4:
                    entry[rnd.choice(["evidense", "when", "date"])] = "x"
                done[item.id if rnd.random() > p_bad / 4 else rnd.choice(["nope", "Bad_Id", 7])] = entry
    forms = {}
    for form in pb.forms:
        if rnd.random() < 0.5:
            entry = {}
            for f in form.fields:
                if rnd.random() < 0.6:
                    entry[f.id] = _field_value(rnd, f, p_bad)
            forms[form.id] = [entry] if form.repeatable != (rnd.random() < p_bad / 4) else entry
    info = {"id": _pick(rnd, f"deal-{rnd.randrange(99)}", ["Deal", "", "x" * 81, 5, "a--b"], p_bad),
            "name": _pick(rnd, "ERP 升级", _TEXTS + [None, 7], p_bad),
            "customer": _pick(rnd, "某某制造", _TEXTS, p_bad), "rep": _pick(rnd, "李雷", _TEXTS, p_bad)}
    for key, good, bad in (("amount", 2400000, _NUMBERS), ("collected", 0, _NUMBERS),
                           ("currency", "CNY", ["usd", "EURO", "", None, "USD"]),
                           ("expected_close", dt.date(2027, 3, 31), _DATES)):
        if rnd.random() < 0.5:
            info[key] = _pick(rnd, good, bad, p_bad)
    ids = [s.id for s in stages]
    customer_ids = [c.id for c in pb.customer_stages]
    deal = {"deal": info,
            "customer_stage": _pick(rnd, rnd.choice(customer_ids + [1, len(customer_ids)]), [0, 99, True, "nope", None, 2.0], p_bad),
            "claimed_stage": _pick(rnd, rnd.choice(ids + [1, len(ids)]), [0, 99, False, "nope", "Stage"], p_bad),
            "done": done if done or rnd.random() < 0.5 else None, "forms": forms if forms or rnd.random() < 0.5 else None}
    if pb.procurement is not None and rnd.random() < 0.6:
        deal["procurement_mode"] = _pick(rnd, rnd.choice([m.id for m in pb.procurement.modes]), ["nope", None, 3], p_bad)
    if rnd.random() < 0.2:
        deal["outcome"] = {"status": _pick(rnd, rnd.choice(["won", "lost", "dropped"]), ["Won", "open", None], p_bad),
                           "date": _pick(rnd, dt.date(2026, 12, 1), _DATES, p_bad)}
        if rnd.random() < 0.5:
            deal["outcome"]["reason"] = _pick(rnd, "客户改用自研", _TEXTS, p_bad)
    if rnd.random() < p_bad / 4:
        deal[rnd.choice(["extra", "Deal", "notes"])] = "x"
    if rnd.random() < p_bad / 4:
        del deal[rnd.choice(["deal", "customer_stage", "claimed_stage"])]
    return deal


def _field_value(rnd: random.Random, f, p_bad: float):
    t = f.type
    good = {"date": dt.date(2026, 5, 1), "number": 12, "money": 1000.5, "yes_no": True, "email": "a.b@example.com",
            "choice": f.choices[0].id if f.choices else "x",
            "multi_choice": [c.id for c in f.choices[:2]] or ["x"]}.get(t, rnd.choice(["文本", 42, 3.5, ""]))
    bad = [True, "nope", -5, [1, 2], {"a": 1}, dt.date(2026, 1, 1), "2026-02-30", "not-an-email", None, "", []]
    return _pick(rnd, good, bad, p_bad)


def _texts(rnd: random.Random, deal: dict) -> str:
    style = rnd.choice([None, False, True])
    text = yaml.safe_dump(deal, allow_unicode=True, sort_keys=False, default_flow_style=style, width=rnd.choice([80, 4000]))
    if rnd.random() < 0.3:  # dates and numbers quoted, as some editors write them
        text = text.replace(": 2026-", ": '2026-", 1).replace("'2026-", "'2026-", 1)
        text = text if text.count("'") % 2 == 0 else text.replace(": '2026-", ": 2026-", 1)
    return text


@pytest.mark.parametrize("playbook", [RICH, REAL], ids=["rich", "real"])
def test_the_fast_path_reads_what_the_model_reads(playbook):
    pb = load_playbook(playbook)
    rules = deal_rules(pb)
    rnd = random.Random(5)
    fast_valid = valid = 0
    for n in range(2500):
        text = _texts(rnd, _deal(rnd, pb, p_bad=0.0 if n % 2 else 0.08))
        fast = fast_read(text, rules)
        try:
            slow = _located_read(text, "gen.yaml", pb).deal
        except SourceError:
            assert fast is None, text
            continue
        valid += 1
        if fast is not None:
            fast_valid += 1
            assert repr(plain_dump(fast)) == repr(plain_dump(slow)), text  # repr: 5 and 5.0 differ
        assert repr(plain_dump(read_deal(text, "gen.yaml", pb).deal)) == repr(plain_dump(slow))
    assert valid > 1000
    assert fast_valid > 0.9 * valid, (fast_valid, valid)  # nearly every valid file takes the fast path


def test_the_rules_survive_plain_data_both_ways():
    for playbook in (RICH, REAL):
        rules = deal_rules(load_playbook(playbook))
        back = DealRules.from_data(yaml.safe_load(yaml.safe_dump(rules.to_data(), allow_unicode=True)))
        assert back.to_data() == rules.to_data()
        assert back.forms == rules.forms


def test_the_done_keys_are_the_models():
    from salesplaybook import deal

    assert deal._DONE_KEYS == list(DoneEntry.model_fields)


def test_the_field_types_are_the_models():
    """plain_deal keeps its own list (it must not import the model); this holds the two together."""
    from typing import get_args

    from salesplaybook import plain_deal
    from salesplaybook.model import FieldType

    assert plain_deal._FIELD_TYPES == frozenset(get_args(FieldType))
