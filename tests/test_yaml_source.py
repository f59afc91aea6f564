"""The located YAML reader: places, refusals, and the same answers from both PyYAML parsers."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from salesplaybook import yaml_source
from salesplaybook.problems import Mark, SourceError
from salesplaybook.yaml_source import decode, load_file, parse, read_text

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Run a test with the C parser and again with PyYAML's pure-Python one (its fallback)."""
    if request.param == "python":
        monkeypatch.setattr(yaml_source, "_Parser", yaml_source._PyParser)
    elif yaml_source._Parser is yaml_source._PyParser:
        pytest.skip("PyYAML was built without libyaml")
    return request.param


def _problem(text: str) -> str:
    with pytest.raises(SourceError) as caught:
        parse(text, "f.yaml")
    assert len(caught.value.problems) == 1
    return caught.value.problems[0].render("en")


# --- places ---


def test_every_value_and_key_has_its_line_and_column(parser):
    data, locs = parse("a:\n  - x\n  - {b: 1, 中文: [y, z]}\n", "f.yaml")
    assert data == {"a": ["x", {"b": 1, "中文": ["y", "z"]}]}
    assert locs.values[("a",)] == Mark("f.yaml", 2, 3)
    assert locs.values[("a", 1, "b")] == Mark("f.yaml", 3, 9)
    assert locs.keys[("a", 1, "中文")] == Mark("f.yaml", 3, 12)
    # columns count characters, as editors do, not UTF-8 bytes
    assert locs.values[("a", 1, "中文", 1)] == Mark("f.yaml", 3, 20)


def test_a_missing_place_falls_back_to_the_nearest_located_parent():
    _, locs = parse("a:\n  b: 1\n", "f.yaml")
    assert locs.of(("a", "b", "c", 0)) == Mark("f.yaml", 2, 6)
    assert locs.of(("nothing",)) == Mark("f.yaml", 1, 1)


def test_both_parsers_read_the_fixture_identically(monkeypatch):
    if yaml_source._Parser is yaml_source._PyParser:
        pytest.skip("PyYAML was built without libyaml")
    for file in sorted(MINI.rglob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        fast = parse(text, file.name)
        monkeypatch.setattr(yaml_source, "_Parser", yaml_source._PyParser)
        slow = parse(text, file.name)
        monkeypatch.undo()
        assert fast == slow, file.name


def test_bom_and_crlf_change_no_place(parser):
    plain = parse(decode(b"a: 1\nb:\n  - x\n", "f.yaml"), "f.yaml")
    assert parse(decode(b"\xef\xbb\xbfa: 1\r\nb:\r\n  - x\r\n", "f.yaml"), "f.yaml") == plain


# --- values ---


def test_keys_are_the_text_written_and_values_are_typed(parser):
    data, _ = parse("yes: 1\n1: on\n~: 2026-01-01\n'q': '2'\nx: =\ny: ! 12\n", "f.yaml")
    assert data == {"yes": 1, "1": True, "~": dt.date(2026, 1, 1), "q": "2", "x": "=", "y": "12"}


SCALARS = ["1", "-1", "+1", "0", "0x1F", "0o17", "1_000", "1.5", ".5", "1.0e+3", "1e3", ".inf", "-.inf", "true",
           "False", "yes", "No", "on", "off", "~", "null", "", "2026-01-01", "2026-01-01 10:00:00", "'1'", '"x"',
           "abc", "中文", "<x", "!!str 1", "!!int '7'", "!!float 1", "!!bool yes", "!!null ''"]


@pytest.mark.parametrize("scalar", SCALARS)
def test_values_mean_what_pyyaml_says_they_mean(parser, scalar):
    """Except where noted in test_keys_are_the_text_written...: `=` is text, `! 12` is text (as the YAML spec says)."""
    import yaml

    text = f"a: {scalar}\n"
    assert parse(text, "f.yaml")[0] == yaml.safe_load(text)


def test_anchors_and_aliases_still_work(parser):
    data, _ = parse("a: &x [1, 2]\nb: *x\nc: &s text\nd: *s\n", "f.yaml")
    assert data == {"a": [1, 2], "b": [1, 2], "c": "text", "d": "text"}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "--- # c\n...\n"])
def test_an_empty_document_is_none(parser, text):
    assert parse(text, "f.yaml")[0] is None


# --- refusals ---


@pytest.mark.parametrize("text, expected", [
    ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: a: duplicate key `a`, first given at line 1 (keep one; YAML would silently drop the first)"),
    ("x:\n  - {k: 1, k: 2}\n", "f.yaml:2:12: x[0].k: duplicate key `k`, first given at line 2 (keep one; YAML would silently drop the first)"),
    ("1: a\n'1': b\n", "f.yaml:2:1: 1: duplicate key `1`, first given at line 1 (keep one; YAML would silently drop the first)"),
    ("a: !!python/object/apply:os.system [ls]\n", "f.yaml:1:4: a: the tag `!!python/object/apply:os.system` is not allowed (remove it; only plain YAML values are read, and nothing is ever run)"),
    ("!!python/name:os.system x: 1\n", "f.yaml:1:1: the tag `!!python/name:os.system` is not allowed (remove it; only plain YAML values are read, and nothing is ever run)"),
    ("a: !!binary aGk=\n", "f.yaml:1:4: a: the tag `!!binary` is not allowed (remove it; only plain YAML values are read, and nothing is ever run)"),
    ("a: !!set {x}\n", "f.yaml:1:4: a: the tag `!!set` is not allowed (remove it; only plain YAML values are read, and nothing is ever run)"),
    ("a: !!bool maybe\n", "f.yaml:1:4: a: `maybe` is not a valid true/false value (correct it, or quote it if it is meant as text)"),
    ("a: !!int x1\n", "f.yaml:1:4: a: `x1` is not a valid whole number (correct it, or quote it if it is meant as text)"),
    ("a: 2026-02-30\n", "f.yaml:1:4: a: `2026-02-30` is not a valid date (correct it, or quote it if it is meant as text)"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", "f.yaml:3:3: c: merge keys (`<<: *name`) are not supported (write the keys out in full)"),
    ("a: *nowhere\n", 'f.yaml:1:4: a: `*nowhere` is read as a YAML alias, but no `&nowhere` anchor is above it (quote the text, `"*nowhere"`, or write it without the `*`)'),
    ("a: &r [*r]\n", 'f.yaml:1:8: a[0]: `*r` is read as a YAML alias, but no `&r` anchor is above it (quote the text, `"*r"`, or write it without the `*`)'),
    ("? [a, b]\n: 1\n", "f.yaml:1:3: a mapping key must be a plain value, not a list or mapping (check the indentation)"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: holds a second YAML document here (keep one document per file: remove this `---` and what follows, or move it to its own file)"),
    ("a:\n\t- x\n", "f.yaml:2:1: a tab character is used for indentation (YAML needs spaces; replace the tab with spaces)"),
    ("a: b\x07c\n", "f.yaml:1:5: contains the control character U+0007, which YAML does not allow (delete it; it often comes from copying text out of another program)"),
    ("a: 中文\x1b\n", "f.yaml:1:6: contains the control character U+001B, which YAML does not allow (delete it; it often comes from copying text out of another program)"),
])
def test_refusals_name_the_place_and_what_to_do(parser, text, expected):
    assert _problem(text) == expected


def test_mistakes_after_which_the_file_still_reads_are_all_reported(parser):
    text = "a: 1\na: 2\nb: !!python/object:x 3\nc: *nope\nd: *nope\ne: !!int zz\nf: !!map [1]\n<<: {x: 1}\n"
    with pytest.raises(SourceError) as caught:
        parse(text, "f.yaml")
    assert [(p.mark.line, p.path) for p in caught.value.problems] == [
        (2, ("a",)), (3, ("b",)), (4, ("c",)), (6, ("e",)), (7, ("f",)), (8, ())]


def test_a_problem_is_one_line_even_when_the_file_quotes_a_line_break(parser):
    report = _problem('"a\\nb": 1\n"a\\nb": 2\n')
    assert report == "f.yaml:2:1: a\\nb: duplicate key `a\\nb`, first given at line 1 (keep one; YAML would silently drop the first)"
    assert len(report.splitlines()) == 1


def test_a_python_tag_is_never_run(parser, tmp_path):
    marker = tmp_path / "ran"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\nb: !!python/object/new:os.system ["touch {marker}"]\n'
    with pytest.raises(SourceError):
        parse(text, "f.yaml")
    assert not marker.exists()


def test_an_alias_bomb_is_refused_without_expanding_it(parser):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]  # 10**10 values
    message = _problem("\n".join(lines) + "\n")
    assert "has more than 200000 values, or aliases (`*name`) that repeat a block" in message


def test_nesting_is_bounded(parser):
    assert parse("[" * 60 + "]" * 60, "f.yaml")[0] is not None
    # libyaml stops at its own limit (1000) before our check sees the events: same advice
    assert _problem("[" * 10_000 + "]" * 10_000).endswith(" levels deep; refused (flatten the structure)")
    deep_block = "".join("  " * i + "a:\n" for i in range(100))
    assert "nested more than 64 levels" in _problem(deep_block)


def test_unexpected_end_points_at_the_last_line(parser):
    assert _problem("a: 1\nb: [x, y\n") == ("f.yaml:2:4: YAML syntax error: the `[` opened here is not closed where "
                                           "expected (add the missing `]` or `,`; quote text that contains `,` `[` or `]`)")
    assert _problem("a: 1\nb: 'x\n\n") == "f.yaml:2:4: YAML syntax error: the quote opened here is never closed (add the closing quote)"
    # a syntax error libyaml notices past the last line is put on the last line
    assert _problem("a: 1\nb: [x, y").startswith("f.yaml:2:4: ")


@pytest.mark.parametrize("text, expected", [
    ("a: 1\n b: 2\n", "f.yaml:2:3: YAML syntax error: a `: ` where no new key can start (quote the text if it contains `: `, or fix the indentation)"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: YAML syntax error: this line breaks the mapping that starts at line 1 (indent it like the other keys there; quote a value that begins with a quote, `[` or `{`)"),
    ("a:\n  - x\n - y\n", "f.yaml:3:2: YAML syntax error: this line breaks the mapping that starts at line 1 (indent it like the other keys there; quote a value that begins with a quote, `[` or `{`)"),
    ("a: {x: 1\n", "f.yaml:1:4: YAML syntax error: the `{` opened here is not closed where expected (add the missing `}` or `,`; quote text that contains `,` `:` `{` or `}`)"),
    ("a: [x,, y]\n", "f.yaml:1:7: YAML syntax error: an empty entry in a `[...]` or `{...}` (remove the extra `,`, or write the value)"),
    ("a: @x\n", "f.yaml:1:4: YAML syntax error: a character that cannot start a value (quote the text: `\"...\"`)"),
])
def test_syntax_errors_in_plain_words_from_both_parsers(parser, text, expected):
    assert _problem(text) == expected


# --- files and bytes ---


@pytest.mark.parametrize("data, expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "f.yaml:1:1: looks like a binary file, not YAML text (give the path of a .yaml file)"),
    ("a: 中文\n名字: 客户\n".encode("gbk"), "f.yaml:1:4: is not UTF-8 text; it looks like GBK/GB18030, as saved by some Chinese Windows editors (save it as UTF-8, for example with `iconv -f GBK -t UTF-8`, and run again)"),
    ("a: 1\n".encode("utf-16"), "f.yaml:1:1: is saved as UTF-16 or UTF-32 (save it as UTF-8 and run again)"),
    (b"a: \xff\xfe\xfd\xfc\n", "f.yaml:1:4: is not valid UTF-8 text (save it as UTF-8 and run again)"),
])
def test_bad_bytes_get_one_message(data, expected):
    with pytest.raises(SourceError) as caught:
        decode(data, "f.yaml")
    assert caught.value.report("en") == expected


def test_files_that_cannot_be_read(tmp_path):
    cases = {
        tmp_path / "missing.yaml": "no such file (check the path and the working folder)",
        tmp_path: "is a folder, not a YAML file (give the path of a .yaml file)",
    }
    for path, expected in cases.items():
        with pytest.raises(SourceError) as caught:
            read_text(path, name="x.yaml")
        assert caught.value.report("en") == f"x.yaml:1:1: {expected}"


def test_a_folder_with_yaml_files_gets_an_example(tmp_path, monkeypatch):
    (tmp_path / "playbook").mkdir()
    for name in ("forms.yaml", "playbook.yaml"):
        (tmp_path / "playbook" / name).write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError) as caught:
        read_text("playbook")
    assert caught.value.report("en") == ("playbook:1:1: is a folder, not a YAML file "
                                     "(give the path of a .yaml file, e.g. `playbook/playbook.yaml`)")


def test_a_huge_file_is_refused_before_it_is_read_whole(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 3000 + b"\n")
    with pytest.raises(SourceError) as caught:
        read_text(big, name="big.yaml", max_bytes=1024)
    assert "is larger than" in caught.value.report("en")
    assert read_text(big, max_bytes=4096).startswith("a: x")


def test_load_file_names_the_file_relative_to_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.yaml").write_text("a: [1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError) as caught:
        load_file(tmp_path / "sub" / "f.yaml")
    assert caught.value.report("en").startswith("sub/f.yaml:")


# --- the command line, as users run it ---


def _playbook(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "playbook_cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_dump_reports_a_broken_playbook_in_one_located_line(tmp_path):
    import shutil

    shutil.copytree(MINI, tmp_path / "playbook")
    stage = tmp_path / "playbook" / "stages" / "02-visit-and-research.yaml"
    stage.write_text(stage.read_text(encoding="utf-8").replace("number: 2", "number: 2\nnumber: 3"), encoding="utf-8")
    run = _playbook("dump", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == ("playbook/stages/02-visit-and-research.yaml:4:1: stages[1].number: duplicate key `number`, "
                          "first given at line 3 (keep one; YAML would silently drop the first)\n")


def test_cli_dump_and_schema_agree_on_the_fixture(tmp_path):
    dump = _playbook("dump", "--playbook", str(MINI / "playbook.yaml"), cwd=tmp_path)
    assert dump.returncode == 0, dump.stderr
    data = json.loads(dump.stdout)
    assert [s["number"] for s in data["stages"]] == list(range(1, 9))
    schema = _playbook("schema", "playbook", cwd=tmp_path)
    assert schema.returncode == 0, schema.stderr
    spec = json.loads(schema.stdout)
    # every top-level section of the dump is described by the schema, and the required ones are present
    assert set(data) <= set(spec["properties"])
    assert set(spec["required"]) <= set(data)


@pytest.mark.parametrize("make, expected", [
    (lambda d: d / "a\0b.yaml", "is not a valid file path (check the path for stray characters)"),
    (lambda d: d / ("x" * 5000), "cannot be read: File name too long (check the path)"),
    (lambda d: (os.symlink(d / "l2", d / "l1"), os.symlink(d / "l1", d / "l2"), d / "l1")[-1],
     "cannot be read: Too many levels of symbolic links (check the path)"),
    (lambda d: (os.mkfifo(d / "pipe"), d / "pipe")[-1], "is a named pipe (FIFO), not a regular file; not read (give the path of a .yaml file)"),
])
def test_odd_paths_get_one_message(tmp_path, make, expected):
    with pytest.raises(SourceError) as caught:
        read_text(make(tmp_path), name="x.yaml")
    assert caught.value.report("en") == f"x.yaml:1:1: {expected}"


def test_a_playbook_over_the_size_limit_is_refused_whole(tmp_path, monkeypatch):
    from salesplaybook import load_playbook

    big = tmp_path / "playbook.yaml"
    line = b"# " + b"x" * 1000 + b"\n"
    big.write_bytes(line * (yaml_source.MAX_BYTES // len(line) + 1))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError) as caught:
        load_playbook("playbook.yaml")
    assert caught.value.report("en") == ("playbook.yaml:1:1: is larger than 5 MB; refused without reading it all "
                                     "(is this the right file?)")
