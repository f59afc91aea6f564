"""Worker processes change nothing but the time: a batch judged on two workers prints the same
bytes, in the same order, with the same exit code, as one judged in one process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from playbook_cli import batch

from .conftest import CASES, HERE, RICH, TODAY


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Good, short and broken deals mixed, in subfolders, more than a worker's share each."""
    root = tmp_path_factory.mktemp("deals")
    for copy in range(6):
        sub = root / f"team-{copy}"
        sub.mkdir()
        for f in sorted(CASES.glob("*.yaml")):
            shutil.copy(f, sub / f"{copy}-{f.name}")
        for f in ("duplicate-key.yaml", "missing-keys.yaml", "syntax-error.yaml", "unknown-form-and-field.yaml"):
            shutil.copy(HERE / "bad" / f, sub / f"{copy}-bad-{f}")
    (root / "empty-folder").mkdir()
    return root


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "playbook_cli", *args, "--playbook", str(RICH), "--today", TODAY],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize("args", [
    ("check", "--format", "text"),
    ("check", "--format", "json", "--lang", "en"),
    ("check", "--format", "markdown", "--min-score", "80"),
    ("team", "--format", "csv"),
    ("team", "--format", "json", "--lang", "en"),
    ("review", "--format", "json"),
], ids=["text", "json", "markdown", "team-csv", "team-json", "review-json"])
def test_two_workers_print_what_one_process_prints(folder, args):
    one = _run(args[0], str(folder), *args[1:], "--jobs", "1")
    two = _run(args[0], str(folder), *args[1:], "--jobs", "2")
    assert one.returncode == 2, one.stderr  # broken files among them
    assert one.stdout.strip()
    assert "Traceback" not in two.stderr
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


def test_a_big_batch_uses_every_core_by_default_a_small_one_none():
    assert batch.workers_for(batch.AUTO_FROM - 1, None) == 1
    assert batch.workers_for(batch.AUTO_FROM, None) == batch.usable_cores()
    assert batch.workers_for(10, 3) == 3


@pytest.mark.parametrize("value", ["0", "65", "x", "-1"])
def test_a_wrong_number_of_workers_is_named(value):
    for lang, words in (("en", "number of workers"), ("zh", "工作进程数")):
        done = _run("check", str(CASES), "--jobs", value, "--lang", lang)
        assert done.returncode == 2
        assert f"`{value}`" in done.stderr and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
