"""Bad deal files: each gets its exact located message, never a traceback, never a write.

Each case is a file in bad/: `content` (text, written as UTF-8), or `hex` (raw bytes), or
`gbk` (text saved as GBK), optionally `hex_prefix`; or `generate: deep | huge`. The expected
report is golden/bad/<case>.txt ("accepted" when the file loads). UPDATE_GOLDEN=1 regenerates.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from salesplaybook import SourceError
from salesplaybook.deal import load_deal

from .conftest import GOLDEN, HERE, compare_golden

CASES = sorted((HERE / "bad").glob("*.yaml"))


def case_bytes(case: dict, folder: Path) -> Path:
    f = folder / "deal.yaml"
    gen = case.get("generate")
    if gen == "huge":
        with open(f, "wb") as fh:  # sparse: 300 MB on paper, nothing on disk
            fh.truncate(300 * 1024 * 1024)
        return f
    if gen == "deep":
        data = ("deal:\n  id: " + "[" * 5000 + "]" * 5000 + "\n").encode()
    elif "hex" in case:
        data = bytes.fromhex(case["hex"])
    elif "gbk" in case:
        data = case["gbk"].encode("gbk")
    else:
        data = case["content"].encode("utf-8")
    f.write_bytes(bytes.fromhex(case.get("hex_prefix", "")) + data)
    return f


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_bad_deal_file_gets_its_message(path, rich, tmp_path, monkeypatch):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    f = case_bytes(case, tmp_path)
    before = (f.stat().st_mtime_ns, f.stat().st_size)
    monkeypatch.chdir(tmp_path)
    try:
        load_deal("deal.yaml", rich)
        report = "accepted\n"
    except SourceError as e:
        report = e.report("en") + "\n"
        for line in e.report("en").splitlines():  # every line names file:line:col
            assert line.startswith("deal.yaml:") and line.split(":")[1].isdigit() and line.split(":")[2].isdigit(), line
    assert (f.stat().st_mtime_ns, f.stat().st_size) == before  # a deal file is never written to
    compare_golden(GOLDEN / "bad" / f"{path.stem}.txt", report)
