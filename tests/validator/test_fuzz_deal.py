"""Fuzz: arbitrary bytes, arbitrary YAML and mutated deal files never raise anything but a
located SourceError, and whatever loads can be judged and reported."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from salesplaybook import SourceError
from salesplaybook.deal import _fast_read, _located_read, read_deal
from salesplaybook.plain_deal import plain_dump
from salesplaybook.judge import judge
from salesplaybook.yaml_source import decode
from salesplaybook import verdicts as report

from .conftest import CASES, RICH
from salesplaybook import load_playbook

pytestmark = pytest.mark.fuzz

PB = load_playbook(RICH)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True, database=None)  # the same examples on every run: CI never flakes
IDS = [i.id for _, i in PB.items()]


def check(text: str) -> None:
    same_on_both_paths(text)
    try:
        loaded = read_deal(text, "fuzz.yaml", PB)
    except SourceError as e:
        assert e.problems
        for line in e.report("en").splitlines()[:-1] if "more problem" in e.report("en") else e.report("en").splitlines():
            assert line.startswith("fuzz.yaml:"), line
        return
    v = judge(PB, loaded.deal, "fuzz.yaml")
    json.dumps(report.verdict_json(v, PB, "en"), ensure_ascii=False)
    report.verdict_text(v, PB, "zh")


def same_on_both_paths(text: str) -> None:
    """The fast path accepts only what the located reader accepts, and reads it the same."""
    fast = _fast_read(text, PB)
    try:
        slow = _located_read(text, "fuzz.yaml", PB).deal
    except SourceError:
        assert fast is None, text
        return
    assert fast is None or repr(plain_dump(fast)) == repr(plain_dump(slow)), text


def check_bytes(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.yaml")
    except SourceError:
        return
    check(text)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    check_bytes(data)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text):
    check(text)


scalars = st.none() | st.booleans() | st.integers(-5, 20) | st.floats(allow_nan=False) | st.text(max_size=8) | st.dates() \
    | st.sampled_from(IDS[:20] + ["deal", "done", "forms", "date", "customer-profile", "call-log", "name"])
keys = st.sampled_from(["deal", "customer_stage", "claimed_stage", "done", "forms", "id", "name", "customer",
                        "rep", "date", "evidence", "customer-profile", "call-log", "industry", "budget"] + IDS[:12]) | st.text(max_size=6)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=25)


@SETTINGS
@given(st.dictionaries(keys, values, max_size=6))
def test_arbitrary_yaml_documents(data):
    check(yaml.safe_dump(data, allow_unicode=True))


CASE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(CASES.glob("*.yaml"))]


@SETTINGS
@given(st.sampled_from(CASE_TEXTS), st.data())
def test_mutated_deal_files(text, data):
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap-id", "retype", "indent", "cut"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap-id":
            lines[i] = lines[i].replace(lines[i].strip().split(":")[0], data.draw(st.sampled_from(IDS)), 1) if lines[i].strip() else lines[i]
        elif op == "retype":
            head = lines[i].split(":")[0]
            lines[i] = head + ": " + data.draw(st.sampled_from(["[]", "{}", "3", "yes", "~", "'x'", "2026-02-30", "!!binary aGk="]))
        elif op == "indent":
            lines[i] = data.draw(st.sampled_from(["  ", "\t", ""])) + lines[i].lstrip()
        else:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
    check("\n".join(lines))


@SETTINGS
@given(st.sampled_from(CASE_TEXTS), st.sampled_from(["dup", "alias", "tag", "deep", "nullkey", "intkey"]))
def test_tricky_valid_looking_files_agree_on_both_paths(text, trick):
    extra = {
        "dup": "\ndone:\n  call-ms-1: {date: 2026-11-02}\n",
        "alias": "\nx: &a {date: 2026-11-02}\n",
        "tag": "\nnote: !!binary aGk=\n",
        "deep": "\nforms: {customer-profile: {name: [[[[[[[[[[x]]]]]]]]]]}}\n",
        "nullkey": "\n~: 1\n",
        "intkey": "\n1: 1\n",
    }[trick]
    same_on_both_paths(text + extra)


def test_valid_case_files_take_the_fast_path():
    for text in CASE_TEXTS:
        assert _fast_read(text, PB) is not None
