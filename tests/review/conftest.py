"""Shared fixtures of the pipeline review's tests: the real playbook, examples/deals and a
generated team of 5 reps x 20 deals (tests/review/generate_team.py), reviewed as of TODAY."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
REAL = ROOT / "playbook" / "playbook.yaml"
GOLDEN = HERE / "golden"
TODAY = "2026-11-27"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
sys.path.insert(0, str(HERE))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def real():
    from salesplaybook import load_playbook

    return load_playbook(REAL)


@pytest.fixture(scope="session")
def team_dir(tmp_path_factory) -> Path:
    """A folder holding `gen/`: 5 reps x 20 deals and their team file."""
    from generate_team import generate

    base = tmp_path_factory.mktemp("team")
    generate(base / "gen", reps=5, deals=20)
    return base


def run(*args: str, cwd: Path) -> tuple[int, bytes, str]:
    """`playbook ARGS` in-process from `cwd`: (exit code, standard output's bytes, standard error)."""
    import contextlib
    import io

    from playbook_cli.main import main

    out, err = io.BytesIO(), io.StringIO()

    wrapper = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(wrapper), contextlib.redirect_stderr(err):
            code = main(list(args))
        wrapper.flush()
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def review_json(folder: str, cwd: Path, lang: str = "en") -> dict:
    code, out, err = run("review", folder, "--playbook", str(REAL), "--format", "json", "--today", TODAY,
                         "--lang", lang, cwd=cwd)
    assert code in (0, 1), err
    return json.loads(out.decode("utf-8"))


def compare_golden(path: Path, actual: str) -> None:
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path.name} has no golden file yet; run with UPDATE_GOLDEN=1 and review it")
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
