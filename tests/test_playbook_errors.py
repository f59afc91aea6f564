"""Golden error messages: each file in tests/playbook_errors/ is one broken playbook.

A case names a file of tests/fixtures/mini/ (relative to its folder) and one change:

    file: stages/03-preliminary-proposal.yaml
    replace: "number: 3"        # text that occurs exactly once in the file ...
    with: "number: 4"           # ... and what it becomes
    # or   content: "..."       # the file's whole new text
    # or   hex: "c4e3 bac3"     # the file's whole new bytes (binary, GBK, UTF-16)
    # or   delete: true         # remove the file
    # or   folder: true         # replace the file by a folder
    # or   fifo: true           # replace the file by a named pipe (reading it would block)
    # or   changes: [{file: ..., replace: ..., with: ...}, ...]   # several changes at once
    load: playbook/playbook.yaml   # optional: what to load (default the root file)
    expect: |                   # the exact report in English ...
      playbook/stages/03-preliminary-proposal.yaml:3:9: stages[2].number: ...
    expect_zh: |                # ... and in Chinese: the last two keys of the file
      playbook/stages/03-preliminary-proposal.yaml:3:9: stages[2].number: ...

The fixture is copied to tmp_path/playbook and loaded from tmp_path, so reports name files
as `playbook/...`, the way a user sees them. Adding a case is adding a file.

`UPDATE_GOLDEN=1 pytest tests/test_playbook_errors.py` rewrites every `expect:` and
`expect_zh:`; read each new message before committing it: file:line:col, field path, what is
wrong, what to do.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from salesplaybook import SourceError, load_playbook
from salesplaybook.yaml_source import load_file

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "playbook_errors").glob("*.yaml"))
MINI = HERE / "fixtures" / "mini"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# file:line:col: [path: ]message (what to do) -- the one format every problem line has
LOCATED = re.compile(r"^playbook/[^:\n]+:\d+:\d+: (?:[^\s:]+: )?\S.*[)）]$")
CASE_KEYS = {"changes", "file", "replace", "with", "content", "hex", "delete", "folder", "fifo", "load", "expect", "expect_zh"}


def _read_case(path: Path) -> dict:
    case, _ = load_file(path)
    assert isinstance(case, dict) and set(case) <= CASE_KEYS, f"{path.name}: keys must be among {sorted(CASE_KEYS)}"
    assert list(case)[-2:] == ["expect", "expect_zh"], f"{path.name}: `expect`, `expect_zh` must be the last keys (UPDATE_GOLDEN rewrites them)"
    return case


def _apply(case: dict, folder: Path) -> None:
    if "changes" in case:
        for change in case["changes"]:
            _apply(change, folder)
        return
    target = folder / case["file"]
    if "replace" in case:
        text = target.read_text(encoding="utf-8")
        assert text.count(case["replace"]) == 1, f"`replace` must occur exactly once in {case['file']}"
        target.write_text(text.replace(case["replace"], case["with"]), encoding="utf-8")
    elif "content" in case:
        target.write_text(case["content"], encoding="utf-8")
    elif "hex" in case:
        target.write_bytes(bytes.fromhex(case["hex"]))
    elif case.get("delete"):
        target.unlink()
    elif case.get("folder"):
        target.unlink()
        target.mkdir()
    elif case.get("fifo"):
        target.unlink()
        os.mkfifo(target)
    else:
        raise AssertionError("a case needs one of replace/with, content, hex, delete, folder, fifo")


def _error(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SourceError:
    shutil.copytree(MINI, tmp_path / "playbook")
    _apply(case, tmp_path / "playbook")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError) as caught:
        load_playbook(case.get("load", "playbook/playbook.yaml"))
    return caught.value


def _rewrite_expect(path: Path, reports: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("\nexpect:") + 1]
    for key, report in reports.items():
        head += f"{key}: |\n" + "".join(f"  {line}\n" for line in report.splitlines())
    path.write_text(head, encoding="utf-8")


@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_broken_playbook_gets_its_exact_report(path, tmp_path, monkeypatch):
    case = _read_case(path) if not UPDATE else load_file(path)[0]
    error = _error(case, tmp_path, monkeypatch)
    reports = {"expect": error.report("en"), "expect_zh": error.report("zh")}
    if UPDATE:
        _rewrite_expect(path, reports)
        return
    for key, report in reports.items():
        assert report + "\n" == case[key], key
        for line in report.splitlines():
            assert LOCATED.match(line), f"not in the located format: {line}"


def test_there_are_enough_cases():
    assert len(CASES) >= 30


def test_the_fixture_itself_loads():
    """Every case breaks a playbook that loads: the report is the change's doing."""
    assert len(load_playbook(MINI / "playbook.yaml").stages) == 8


@pytest.mark.parametrize("change", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_are_accepted_with_the_same_places(change, tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "playbook")
    for f in (tmp_path / "playbook").rglob("*.yaml"):
        data = f.read_bytes()
        if "crlf" in change:
            data = data.replace(b"\n", b"\r\n")
        if "bom" in change:
            data = b"\xef\xbb\xbf" + data
        f.write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert load_playbook("playbook/playbook.yaml") == load_playbook(MINI / "playbook.yaml")
    # and a mistake is still placed on the right line and column
    stage = Path("playbook/stages/03-preliminary-proposal.yaml")
    stage.write_bytes(stage.read_bytes().replace(b"number: 3", b"number: x"))
    with pytest.raises(SourceError) as caught:
        load_playbook("playbook/playbook.yaml")
    assert caught.value.report("en").startswith("playbook/stages/03-preliminary-proposal.yaml:3:9: stages[2].number: ")


def test_a_long_report_stops_at_the_cap_and_says_how_many_more(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "playbook")
    stage = tmp_path / "playbook" / "stages" / "01-plan-and-call.yaml"
    unknown = ", ".join(f"nobody{i}" for i in range(60))
    stage.write_text(stage.read_text(encoding="utf-8").replace("people: [handler]", f"people: [{unknown}]"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError) as caught:
        load_playbook("playbook/playbook.yaml")
    lines = caught.value.report("en").splitlines()
    assert len(caught.value.problems) == 60
    assert len(lines) == 51
    assert all(LOCATED.match(line) for line in lines[:50])
    assert lines[50] == "... and 10 more problem(s); fix the ones above and run again"


def test_the_checks_find_nothing_in_the_fixture_and_the_same_on_the_model():
    from salesplaybook import checks

    pb = load_playbook(MINI / "playbook.yaml")
    assert checks.check(pb) == []
    # the model-level entry point sees what the data-level one sees
    broken = pb.model_copy(update={"stages": [pb.stages[1], *pb.stages[1:]]})
    assert ("stages", 1, "id") in [path for path, _ in checks.check(broken)]
