"""Helpers of the site tests: MkDocs builds of project copies, in process or as the command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_build import ROOT, Built, build as build_in_process

FIXTURE = Path(__file__).parent / "fixtures" / "mini"

__all__ = ["FIXTURE", "ROOT", "build", "make_project", "mkdocs"]


def mkdocs(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    """The `mkdocs` command in a subprocess: for tests of what a user sees (exit code, stderr)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def build(project: Path, site: Path, config: str = "mkdocs.yml") -> Built:
    """`mkdocs build --strict -f config -d site` of `project`, in this process: for tests of
    what a build makes. Has `returncode` and `stderr` like the command's finished process."""
    return build_in_process(project / config, site)


def make_project(where: Path, playbook: Path = FIXTURE) -> Path:
    """A copy of the site project (configs, theme overrides, hand-written pages) around a
    copy of `playbook`, so a test can change anything without touching the repository."""
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, where / name)
    shutil.copytree(ROOT / "overrides", where / "overrides")
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copytree(playbook, where / "playbook")
    return where
