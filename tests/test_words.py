"""The catalogue of interface words: complete in every language, the only place words live,
and open to a new language by adding one file."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from salesplaybook import words
from salesplaybook.words import catalogue, languages, placeholders, reader_lang
from salesplaybook.yaml_source import load_file

ROOT = Path(__file__).resolve().parents[1]
WORDS = ROOT / "src" / "salesplaybook" / "words"
RICH = ROOT / "tests" / "validator" / "fixtures" / "rich" / "playbook.yaml"
CASE = ROOT / "tests" / "validator" / "cases" / "overstated-missing-action.yaml"

NAMESPACES = {"punct", "method", "app", "site", "sheet", "verdict", "deal_file", "cli", "errors", "review"}


def test_the_project_speaks_chinese_first_then_english():
    assert languages()[:2] == ("zh", "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_file_reads_strictly_and_holds_only_texts(lang):
    """Read with the project's own strict reader: a duplicate key in the catalogue is an error,
    not a quiet overwrite; every leaf is a text (`yes:` must be quoted, or it is a boolean)."""
    data, _ = load_file(WORDS / f"{lang}.yaml")
    assert set(data) == NAMESPACES

    def leaves(node, path=""):
        if isinstance(node, dict):
            for key, value in node.items():
                assert isinstance(key, str), f"{path}: key {key!r} is not text (quote it)"
                yield from leaves(value, f"{path}.{key}" if path else key)
        else:
            yield path, node

    for path, value in leaves(data):
        assert isinstance(value, str) and value, f"{lang}.yaml {path}: {value!r} is not a text"


def test_every_key_is_in_every_language_with_the_same_placeholders():
    reference = catalogue("zh")
    for lang in languages():
        other = catalogue(lang)
        assert set(other) == set(reference), f"{lang}: missing {sorted(set(reference) - set(other))[:5]}, extra {sorted(set(other) - set(reference))[:5]}"
        for key, text in reference.items():
            assert placeholders(other[key]) == placeholders(text), f"{lang}: {key} has other placeholders"


def test_placeholders_fill_and_braces_are_escaped():
    for lang in languages():
        for key, text in catalogue(lang).items():
            text.format(**{name: "x" for name in placeholders(text)})  # no stray brace


def test_reader_language_follows_the_locale_as_posix_orders_it():
    assert reader_lang({}) == "zh"
    assert reader_lang({"LANG": "en_US.UTF-8"}) == "en"
    assert reader_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert reader_lang({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}) == "zh"
    assert reader_lang({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB"}) == "en"
    assert reader_lang({"LANG": "C.UTF-8"}) == "zh"  # no language in it: Chinese
    assert reader_lang({"LANG": "fr_FR.UTF-8"}) == "zh"  # a language we do not speak: Chinese


# --- no words outside the catalogue ---

# Modules whose every user-facing word must come from the catalogue.
SCANNED = [*sorted((ROOT / "src" / "salesplaybook" / "render").rglob("*.py")),
           ROOT / "src" / "salesplaybook" / "verdicts.py", ROOT / "src" / "salesplaybook" / "blank_deal.py",
           *sorted((ROOT / "src" / "salesplaybook" / "review").glob("*.py")), ROOT / "src" / "salesplaybook" / "scorecard.py",
           *sorted((ROOT / "tools" / "playbook_cli").glob("*.py")), *sorted((ROOT / "plugins" / "mkdocs_playbook").glob("*.py"))]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PROSE = re.compile(r"\b[A-Za-z]{3,}\b \b[a-z]{3,}\b")  # two words in a row: a sentence, not a name
# Strings that look like prose but are code: argparse's own message ids (speak.py translates
# them), data attributes and file names.
ALLOWED = {
    # the full stops a quoted item text loses inside a sentence
    "worked_example.py": {"。."},
    "speak.py": {"usage: ", "positional arguments", "show this help message and exit", "the following arguments are required: %s",
                 "unrecognized arguments: %s", "argument %(argument_name)s: %(message)s",
                 "invalid choice: %(value)r (choose from %(choices)s)", "expected one argument", "expected at least one argument",
                 "invalid %(type)s value: %(value)r", "ambiguous option: %(option)s could match %(matches)s",
                 "ignored explicit argument %r", "not allowed with argument %s", "one of the arguments %s is required"},
}


def _strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # a string standing alone as a statement documents the code around it (docstrings, and
    # the attribute docstrings under a field)
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def _is_words(text: str) -> bool:
    """Chinese characters, or two English words in a row, once markup (a tag, or the part of
    one an f-string splits off), placeholders and inline code are taken out."""
    plain = re.sub(r"<[^>]*>?|^[^<]*?>|\{[^}]*\}|`[^`]*`", " ", text)
    return bool(CJK.search(plain) or PROSE.search(plain))


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_user_facing_words_outside_the_catalogue(path):
    allowed = ALLOWED.get(path.name, set())
    found = []
    for line, text in _strings(path):
        if text in allowed:
            continue
        if _is_words(text):
            found.append(f"{path.name}:{line}: {text[:70]!r}")
    assert not found, "words outside the catalogue (put them in src/salesplaybook/words/*.yaml):\n" + "\n".join(found)


def test_the_scan_catches_a_word_and_a_sentence(tmp_path):
    """The scan itself can fail."""
    bad = tmp_path / "bad.py"
    bad.write_text('def f():\n    """Docstrings are fine."""\n    return ["客户", "the deal is short", "pb-row", \'<div class="a b">\', "<p>no pitch here</p>"]\n',
                   encoding="utf-8")
    hits = [text for _, text in _strings(bad) if _is_words(text)]
    assert hits == ["客户", "the deal is short", "<p>no pitch here</p>"]


# --- a third language is one file ---


def _fake_language(tmp_path: Path) -> Path:
    """`xx.yaml`: the English catalogue with every text marked, so the output shows its origin."""
    folder = tmp_path / "words"
    folder.mkdir()
    data, _ = load_file(WORDS / "en.yaml")

    def mark(node):
        if isinstance(node, dict):
            return {k: mark(v) for k, v in node.items()}
        return "⟦" + node + "⟧" if re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", node)) else node

    (folder / "xx.yaml").write_text(json.dumps(mark(data), ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def _playbook(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "playbook_cli", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_a_new_language_is_one_file(tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PLAYBOOK_NO_CACHE="1",
               **{words.FOLDER_ENV: str(_fake_language(tmp_path))})
    env.pop("LC_ALL", None)
    env["LANG"] = "xx_XX.UTF-8"  # the locale picks the new language
    helped = _playbook("check", "--help", env=env)
    assert helped.returncode == 0 and "⟦judge deal files" in helped.stdout
    checked = _playbook("check", str(CASE), "--playbook", str(RICH), "--today", "2026-11-27", env=env)
    assert checked.returncode == 1
    assert "⟦FALLS SHORT⟧" in checked.stdout and "⟦claim overstated⟧" in checked.stdout
    wrong = _playbook("check", str(tmp_path / "none.yaml"), "--playbook", str(RICH), env=env)
    assert wrong.returncode == 2 and "⟦no such file" in wrong.stderr
