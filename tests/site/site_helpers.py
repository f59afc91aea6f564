"""Helpers of the site tests: real MkDocs builds, project copies, a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def mkdocs(*args: str, cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def build_both(project: Path, site: Path) -> None:
    """Build the Chinese site into `site` and the English one into `site/en`, strictly."""
    for config, target in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        done = mkdocs("build", "--strict", "-f", config, "-d", str(target), cwd=project)
        if done.returncode != 0:
            pytest.fail(f"`mkdocs build --strict -f {config}` failed:\n{done.stderr[-4000:]}", pytrace=False)


def make_project(where: Path, playbook: Path = FIXTURE) -> Path:
    """A copy of the site project (configs, theme overrides, hand-written pages) around a
    copy of `playbook`, so a test can change anything without touching the repository."""
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(ROOT / name, where / name)
    shutil.copytree(ROOT / "overrides", where / "overrides")
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copytree(playbook, where / "playbook")
    return where


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path):
    """An http.server thread on a free port of 127.0.0.1; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
