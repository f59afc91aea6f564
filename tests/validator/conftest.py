"""Shared fixtures of the validator's tests.

Most tests use the validator's own stable playbook (fixtures/rich: three milestone actions per
stage, typed form fields) so they do not move while the real content is being written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salesplaybook import load_playbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RICH = HERE / "fixtures" / "rich" / "playbook.yaml"
MINI = ROOT / "tests" / "fixtures" / "mini" / "playbook.yaml"
REAL = ROOT / "playbook" / "playbook.yaml"
CASES = HERE / "cases"
GOLDEN = HERE / "golden"
TODAY = "2026-11-27"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """The playbook cache goes to a temporary folder, never to the developer's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(scope="session")
def rich():
    return load_playbook(RICH)


def compare_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; UPDATE_GOLDEN=1 rewrites it (review the diff by eye)."""
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path.name} has no golden file yet; run with UPDATE_GOLDEN=1 and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert actual == path.read_bytes().decode("utf-8")  # exact, line ends included (CSV ends lines in CR LF)
