"""A Chinese rep reads Chinese only, an English rep English only: help, argument errors, file
errors, verdicts and the team view, with no flag but the locale, or with --lang."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from salesplaybook import load_playbook
from salesplaybook.words import catalogue

from .conftest import CASES, REAL, ROOT

CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def _fragments(lang: str) -> set[str]:
    """Pieces of the catalogue's texts in `lang` long enough to be words, not punctuation."""
    out = set()
    for text in catalogue(lang).values():
        for piece in re.split(r"\{[^}]*\}|`[^`]*`|\n", text):
            piece = piece.strip(" :：,，.。()（）;；")
            if (CJK.search(piece) and len(piece) >= 3) or (not CJK.search(piece) and len(piece) >= 12 and " " in piece):
                out.add(piece)
    return out


ARGPARSE_ENGLISH = ["usage:", "positional arguments", "options:", "show this help", "error:", "invalid choice",
                    "the following arguments are required", "expected one argument"]


def _run(args: list[str], env_lang: str | None, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")}
    env.update(PYTHONIOENCODING="utf-8", PLAYBOOK_NO_CACHE="1")
    if env_lang:
        env["LANG"] = env_lang
    done = subprocess.run([sys.executable, "-m", "playbook_cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    return done.stdout + done.stderr


def _commands(tmp: Path) -> dict[str, list[str]]:
    # the real playbook: its content is complete in both languages (a content test says so)
    first = load_playbook(REAL).stages[0].milestone[0].id
    deal = tmp / "acme.yaml"
    deal.write_text("deal: {id: acme, name: Acme plant, customer: Acme Ltd, rep: Li Lei}\n"
                    f"customer_stage: 2\nclaimed_stage: 2\ndone:\n  {first}: {{date: 2026-11-02}}\n", encoding="utf-8")
    broken = tmp / "broken.yaml"
    broken.write_text("deal: {id: b, name: B, customer: C, rep: R}\ncustomer_stage: 9\nclaimed_stage: 2\ndone: [x]\n",
                      encoding="utf-8")
    pb = ["--playbook", str(REAL)]
    return {
        "help": ["--help"],
        "check help": ["check", "--help"],
        "misspelt command": ["chek", str(deal)],
        "missing argument": ["check"],
        "score out of range": ["check", str(deal), "--min-score", "101", *pb],
        "bad date": ["check", str(deal), "--today", "yesterday", *pb],
        "verdict": ["check", str(deal), "--today", "2026-11-27", *pb],
        "verdict markdown": ["check", str(deal), "--format", "markdown", "--today", "2026-11-27", *pb],
        "file errors": ["check", str(broken), str(tmp / "none.yaml"), *pb],
        "team": ["team", str(deal), *pb],
        "blank unknown stage": ["blank", "nine", *pb],
        "blank": ["blank", "2", *pb],
        "no playbook": ["check", str(deal)],
        "csv without team": ["check", str(deal), "--format", "csv", *pb],
    }


@pytest.mark.parametrize("how", ["locale", "flag"])
def test_a_chinese_rep_reads_chinese_only(tmp_path, how):
    english = _fragments("en")
    for name, args in _commands(tmp_path).items():
        out = _run(args, "zh_CN.UTF-8", tmp_path) if how == "locale" else _run(["--lang", "zh", *args] if args[0].startswith("-") else [args[0], "--lang", "zh", *args[1:]], "en_US.UTF-8", tmp_path)
        assert CJK.search(out), f"{name}: no Chinese at all:\n{out}"
        leaks = [f for f in english if f in out] + [w for w in ARGPARSE_ENGLISH if w in out]
        assert not leaks, f"{name}: English in a Chinese rep's output: {leaks[:5]}\n{out[:600]}"


@pytest.mark.parametrize("how", ["locale", "flag"])
def test_an_english_rep_reads_english_only(tmp_path, how):
    for name, args in _commands(tmp_path).items():
        if how == "locale":
            out = _run(args, "en_US.UTF-8", tmp_path)
        else:
            out = _run(["--lang", "en", *args] if args[0].startswith("-") else [args[0], "--lang", "en", *args[1:]], None, tmp_path)
        assert not CJK.search(out), f"{name}: Chinese in an English rep's output:\n{out[:600]}"


def test_no_locale_at_all_means_chinese(tmp_path):
    out = _run(["check", "--help"], None, tmp_path)
    assert "用法" in out and "usage" not in out


def test_the_fragments_would_catch_a_leak():
    """The check above can fail: an English verdict word is among the fragments."""
    assert "not yet in stage 1" in _fragments("en") and "尚未进入第一阶段" in _fragments("zh")
    assert ROOT.is_dir() and CASES.is_dir()
