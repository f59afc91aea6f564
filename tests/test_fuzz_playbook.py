"""Fuzzing the loader: no input may end in a traceback.

The real playbook (playbook/*.yaml, copied: another engineer edits it) is mutated a few hundred
times, seeded and so the same on every run. Each mutation either loads, or fails with a
SourceError whose every line is `file:line:col: [path: ]what is wrong (what to do)` and points
at a line that exists. Any other exception is a bug in the loader.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesplaybook import SourceError, load_playbook
from salesplaybook.problems import MAX_PROBLEMS
from salesplaybook.yaml_source import decode, parse

pytestmark = pytest.mark.fuzz

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "playbook"

LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?:[^\s:]+: )?\S.*\)$")
MORE = re.compile(r"^\.\.\. and \d+ more problem\(s\); fix the ones above and run again$")

NODE_MUTATIONS = 150
TEXT_MUTATIONS = 100

ODD_VALUES: list[Any] = [None, 0, -1, 2.5, True, "", "文本", "Bad_Id", [], {}, [1, 2], {"x": 1}, {"zh": ""},
                         {"en": "only English"}, dt.date(2026, 1, 1), "customer-profile.nope", 10**30]


# --- node-level mutations on the parsed YAML of one file ---


def _nodes(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path in a plain-data tree (mappings and lists), the root first."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _nodes(v, path + (i,))
    return out


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _set(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _parent(data, path)[path[-1]] = value
    return data


def _get(data: Any, path: tuple) -> Any:
    return _parent(data, path)[path[-1]] if path else data


def _delete(data: Any, path: tuple, rng: random.Random) -> Any:
    if not path:
        return None
    del _parent(data, path)[path[-1]]
    return data


def _duplicate(data: Any, path: tuple, rng: random.Random) -> Any:
    parent = _parent(data, path) if path else None
    if isinstance(parent, list):
        parent.insert(path[-1], _copy(parent[path[-1]]))
    elif isinstance(parent, dict):  # the same value under a second, similar key
        parent[f"{path[-1]}2"] = _copy(parent[path[-1]])
    return data


def _retype(data: Any, path: tuple, rng: random.Random) -> Any:
    return _set(data, path, _copy(rng.choice(ODD_VALUES)))


def _rename(data: Any, path: tuple, rng: random.Random) -> Any:
    parent = _parent(data, path) if path else None
    if not isinstance(parent, dict):
        return _retype(data, path, rng)
    key = str(path[-1])
    new = rng.choice([key[:-1], key + "s", key.upper(), key.replace("_", "-"), "include", "zh", "id"])
    items = [(new if k == path[-1] else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return data


def _swap(data: Any, path: tuple, rng: random.Random) -> Any:
    other = rng.choice(_nodes(data))
    if not path or not other or path[: len(other)] == other or other[: len(path)] == path:
        return _retype(data, path, rng)
    a, b = _copy(_get(data, path)), _copy(_get(data, other))
    _set(data, path, b)
    _set(data, other, a)
    return data


def _copy(value: Any) -> Any:
    return copy.deepcopy(value)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


NODE_OPS: list[Callable[[Any, tuple, random.Random], Any]] = [_delete, _duplicate, _retype, _rename, _swap]


# --- text-level mutations: what a hurried edit in a text editor does ---


def _text_mutation(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(10)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[i])  # a duplicate key, or a duplicate list entry
    elif op == 2:
        lines[i] = "\t" + lines[i]
    elif op == 3:
        lines[i] = " " + lines[i]
    elif op == 4:
        lines[i] = lines[i].replace(": ", ":", 1)
    elif op == 5:
        lines[i] = lines[i] + rng.choice([" [", " {", " '", ' "', " &a", " *a", " !!python/object:os.system", " #", ": x", "\x07"])
    elif op == 6:
        cut = rng.randrange(len(text) + 1)
        return text[:cut]
    elif op == 7:
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    elif op == 8:
        lines.insert(i, rng.choice(["---", "- x", "x: |", "  ? a", "<<: *a", "include: missing.yaml", "%YAML 1.1"]))
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


# --- the check every outcome must pass ---


def _assert_clean_failure(error: SourceError, where: Path) -> None:
    lines = error.report("en").splitlines()
    assert lines, "a SourceError with no problem"
    assert len(lines) <= MAX_PROBLEMS + 1
    for line in lines:
        if MORE.match(line):
            continue
        m = LOCATED.match(line)
        assert m, f"not in the located format: {line!r}"
        file = where / m["file"]
        if file.is_file():
            count = file.read_bytes().count(b"\n") + 1
            assert 1 <= int(m["line"]) <= count, f"line {m['line']} is past the end of {m['file']}: {line!r}"


def _load(where: Path) -> None:
    try:
        load_playbook("playbook/playbook.yaml")
    except SourceError as e:
        _assert_clean_failure(e, where)


@pytest.fixture
def playbook_copy(tmp_path, monkeypatch) -> Path:
    shutil.copytree(REAL, tmp_path / "playbook")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(where: Path) -> list[Path]:
    return sorted((where / "playbook").rglob("*.yaml"))


def test_node_mutations_load_or_fail_cleanly(playbook_copy):
    rng = random.Random(20261127)
    files = _files(playbook_copy)
    originals = {f: f.read_text(encoding="utf-8") for f in files}
    parsed = {f: yaml.load(t, Loader=_Loader) for f, t in originals.items()}
    outcomes = {"loaded": 0, "refused": 0}
    for n in range(NODE_MUTATIONS):
        file = rng.choice(files)
        data = _copy(parsed[file])
        path = rng.choice(_nodes(data))
        op = rng.choice(NODE_OPS)
        try:
            file.write_text(_dump(op(data, path, rng)), encoding="utf-8")
            try:
                load_playbook("playbook/playbook.yaml")
                outcomes["loaded"] += 1
            except SourceError as e:
                _assert_clean_failure(e, playbook_copy)
                outcomes["refused"] += 1
        except Exception as e:
            raise AssertionError(f"mutation {n}: {op.__name__} at {path} in {file.name}: {type(e).__name__}: {e}") from e
        finally:
            file.write_text(originals[file], encoding="utf-8")
    # the mutations must exercise both ways out, or the test proves little
    assert outcomes["refused"] > NODE_MUTATIONS // 2
    assert outcomes["loaded"] > 0


def test_text_mutations_load_or_fail_cleanly(playbook_copy):
    rng = random.Random(1127)
    files = _files(playbook_copy)
    originals = {f: f.read_text(encoding="utf-8") for f in files}
    refused = 0
    for n in range(TEXT_MUTATIONS):
        file = rng.choice(files)
        text = _text_mutation(originals[file], rng)
        try:
            file.write_text(text, encoding="utf-8")
            try:
                load_playbook("playbook/playbook.yaml")
            except SourceError as e:
                _assert_clean_failure(e, playbook_copy)
                refused += 1
        except Exception as e:
            raise AssertionError(f"mutation {n} of {file.name}: {type(e).__name__}: {e}\n--- text:\n{text[:2000]}") from e
        finally:
            file.write_text(originals[file], encoding="utf-8")
    assert refused > TEXT_MUTATIONS // 4


# --- hypothesis: whatever comes in, parse() raises SourceError or nothing ---

YAML_BITS = ["\n", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/name:os.system ",
             "!x ", "---\n", "...\n", "'", '"', "#", "\t", "|\n", ">\n", "<<: ", "%YAML 1.2\n", "x", "1", "2026-01-01",
             "中文", "yes", "~", "\\", "\x85", "\u2028", "\ufeff", "\r\n", "@", "`"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(YAML_BITS), max_size=60).map("".join))
def test_yaml_like_text_never_escapes_as_another_exception(text):
    try:
        data, locs = parse(text, "f.yaml")
    except SourceError as e:
        assert all(p.mark.file == "f.yaml" and p.mark.line >= 1 and p.mark.column >= 1 for p in e.problems)
        return
    assert all(m.line >= 1 for m in locs.values.values())


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=200))
def test_any_text_never_escapes_as_another_exception(text):
    try:
        parse(text, "f.yaml")
    except SourceError as e:
        assert e.problems


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.binary(max_size=200))
def test_any_bytes_never_escape_as_another_exception(data):
    try:
        parse(decode(data, "f.yaml"), "f.yaml")
    except SourceError as e:
        assert e.problems
