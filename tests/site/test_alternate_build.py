"""Under `mkdocs serve`, the other language's build (plugins/mkdocs_playbook/alternate.py) waits
for the saves to stop, is stopped by a newer build, runs niced, and is swapped in only when
complete. The build process is a stand-in here (a Python one-liner); the real one is started
by tests/site/test_live_reload.py. No test asserts a duration: each waits for an event."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mkdocs_playbook.alternate import PREVIEW, AlternateBuild


class Recorder(AlternateBuild):
    """An AlternateBuild whose build writes `<out>/index.html` (or sleeps, or fails)."""

    def __init__(self, config_file: Path, delay: float, mode: str = "write") -> None:
        super().__init__(config_file, delay)
        self.mode = mode
        self.launched: list[Path] = []
        self.processes: list[subprocess.Popen] = []
        self.started = threading.Event()

    def launch(self, out: Path) -> subprocess.Popen:
        code = {"write": f"import pathlib; p = pathlib.Path({str(out)!r}); p.mkdir(parents=True); "
                         f"(p / 'index.html').write_text('build {len(self.launched) + 1}')",
                "sleep": "import time; time.sleep(120)",
                "fail": "raise SystemExit(1)"}[self.mode]
        process = subprocess.Popen([sys.executable, "-c", code])
        self.launched.append(out)
        self.processes.append(process)
        self.started.set()
        return process


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "site").mkdir()
    return tmp_path / "site"


def _wait_swapped(build: Recorder, site: Path, text: str) -> None:
    for _ in range(600):
        if (site / "en" / "index.html").is_file() and (site / "en" / "index.html").read_text() == text:
            return
        threading.Event().wait(0.05)
    pytest.fail(f"{site / 'en'} never held {text!r}")


def test_a_burst_of_builds_starts_one_alternate_build_after_the_last(tmp_path, site):
    build = Recorder(tmp_path / "mkdocs.en.yml", delay=1.0)
    try:
        for _ in range(5):  # five saves in a row: each build holds and reschedules
            build.hold(site)
            assert build.schedule(site) == site / "en"
        assert build.started.wait(30)
        _wait_swapped(build, site, "build 1")
        assert len(build.launched) == 1
    finally:
        build.stop()


def test_a_new_build_cancels_the_waiting_one(tmp_path, site):
    build = Recorder(tmp_path / "mkdocs.en.yml", delay=60.0)
    try:
        build.schedule(site)
        build.hold(site)  # a save before the wait is over
        assert build.timer is None and not build.launched
    finally:
        build.stop()


def test_a_new_build_stops_the_running_one_and_keeps_the_last_complete_site(tmp_path, site):
    build = Recorder(tmp_path / "mkdocs.en.yml", delay=0.0)
    try:
        build.schedule(site)
        _wait_swapped(build, site, "build 1")
        build.mode = "sleep"
        build.started.clear()
        build.hold(site)
        assert not (site / "en").exists()  # kept out of the site while MkDocs cleans it
        build.schedule(site)
        assert (site / "en" / "index.html").read_text() == "build 1"  # put back right after the build
        assert build.started.wait(30)
        running = build.processes[-1]
        build.hold(site)  # the next save
        assert running.poll() is not None  # stopped, not left competing for the cores
        build.schedule(site)
        assert (site / "en" / "index.html").read_text() == "build 1"
    finally:
        build.stop()
    assert build.side is None


def test_a_failed_build_leaves_the_last_complete_one(tmp_path, site):
    build = Recorder(tmp_path / "mkdocs.en.yml", delay=0.0)
    try:
        build.schedule(site)
        _wait_swapped(build, site, "build 1")
        build.mode = "fail"
        build.started.clear()
        build.hold(site)
        build.schedule(site)
        assert build.started.wait(30)
        build.processes[-1].wait()
        build.hold(site)
        build.schedule(site)
        assert (site / "en" / "index.html").read_text() == "build 1"
    finally:
        build.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="os.nice is POSIX")
def test_the_real_launch_is_niced_and_writes_no_compressed_copies(tmp_path, monkeypatch):
    import os

    seen: dict = {}
    real_popen = subprocess.Popen

    def fake_popen(args, **kwargs):
        seen.update(kwargs, args=args)
        return real_popen([sys.executable, "-c", "pass"])

    monkeypatch.setattr(subprocess, "Popen", fake_popen)
    AlternateBuild(tmp_path / "mkdocs.en.yml").launch(tmp_path / "out")
    assert seen["env"][PREVIEW] == "1"
    assert seen["args"][-4:] == ["-f", str(tmp_path / "mkdocs.en.yml"), "-d", str(tmp_path / "out")]
    monkeypatch.undo()
    child = subprocess.run([sys.executable, "-c", "import os; print(os.nice(0))"], capture_output=True, text=True,
                           preexec_fn=seen["preexec_fn"])
    assert int(child.stdout) > os.nice(0)
