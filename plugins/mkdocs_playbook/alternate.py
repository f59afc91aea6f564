"""Under `mkdocs serve`: build the other language into the served site, so one server on
127.0.0.1:8000 shows both.

It must not slow down the language being viewed, so the English build:

- waits: it starts `DELAY` seconds after the last build, and every new build (a save) cancels
  the wait or stops a build under way, so a burst of saves costs one English build;
- runs as a separate `mkdocs build` process, niced, without precompressed copies (the dev
  server never sends them);
- is built beside the site and swapped in when complete; meanwhile the last complete one is
  kept out of the site while MkDocs cleans it, and put back right after each build.

The background build runs on the engine that runs the server: MkDocs, or ProperDocs (the
maintained fork of MkDocs 1.x, which answers `import mkdocs` with its own package)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

DELAY = 1.0
"""Seconds from the last build to the start of the other language's build."""
NICENESS = 10
PREVIEW = "PLAYBOOK_PREVIEW_BUILD"
"""Set for the background build: like the `mkdocs serve` build it runs beside, a preview (no
compressed copies, no service worker)."""


def engine() -> str:
    """The engine running this build, as `python -m` names it: `mkdocs` or `properdocs`."""
    import mkdocs

    return mkdocs.__name__.partition(".")[0]


def _lower_priority() -> None:  # in the child, before it runs: the served language comes first
    try:
        os.nice(NICENESS)
    except OSError:
        pass


class AlternateBuild:
    def __init__(self, config_file: Path, delay: float = DELAY) -> None:
        self.config_file = config_file
        self.delay = delay
        self.process: subprocess.Popen | None = None
        self.timer: threading.Timer | None = None
        self.generation = 0  # bumped by every build of the served language: older work is void
        self.lock = threading.RLock()
        self.side: Path | None = None  # beside the site: "ready" (the last complete build), "next"

    # --- the events of the served language's build ---

    def hold(self, site_dir: Path) -> None:
        """Before a build (which cleans the site): stop waiting or building, and keep the last
        complete build out of the site."""
        with self.lock:
            self.generation += 1
            self._cancel()
            target = self.target(site_dir)
            if target.is_dir() and not (self._side() / "ready").exists():
                _move(target, self._side() / "ready")

    def schedule(self, site_dir: Path) -> Path:
        """After a build: put the last complete build back, and start a new one `delay` seconds
        from now unless another build comes first. Returns `<site_dir>/<lang>`."""
        with self.lock:
            self.generation += 1
            self._cancel()
            target = self.target(site_dir)
            ready = self._side() / "ready"
            if ready.is_dir() and not target.exists():
                _move(ready, target)
            self.timer = threading.Timer(self.delay, self._start, args=(site_dir, self.generation))
            self.timer.daemon = True
            self.timer.start()
            return target

    def stop(self) -> None:
        """At the end of `mkdocs serve`: nothing left running, nothing left beside the site."""
        with self.lock:
            self.generation += 1
            self._cancel()
            if self.side is not None:
                shutil.rmtree(self.side, ignore_errors=True)
                self.side = None

    def target(self, site_dir: Path) -> Path:
        # mkdocs.en.yml -> <site>/en
        return site_dir / self.config_file.name.split(".")[-2]

    # --- the background build ---

    def launch(self, out: Path) -> subprocess.Popen:
        """Start `mkdocs build` of the other language into `out`."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{PREVIEW: "1"})
        return subprocess.Popen(
            [sys.executable, "-m", engine(), "build", "-q", "-f", str(self.config_file), "-d", str(out)],
            cwd=self.config_file.parent, env=env, stdout=subprocess.DEVNULL,  # its warnings and errors show in the serve terminal
            preexec_fn=_lower_priority if hasattr(os, "nice") else None,
        )

    def _start(self, site_dir: Path, generation: int) -> None:
        with self.lock:
            if generation != self.generation:
                return
            out = self._side() / "next"
            shutil.rmtree(out, ignore_errors=True)
            self.process = process = self.launch(out)
        threading.Thread(target=self._finish, args=(process, site_dir, out, generation), daemon=True).start()

    def _finish(self, process: subprocess.Popen, site_dir: Path, out: Path, generation: int) -> None:
        """When the build ends: swap it in, unless it failed or a newer build voided it."""
        code = process.wait()
        with self.lock:
            if self.process is process:
                self.process = None
            if code != 0 or generation != self.generation or not out.is_dir():
                return
            target = self.target(site_dir)
            old = self._side() / "old"
            shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(self._side() / "ready", ignore_errors=True)
            if target.exists():
                _move(target, old)
            _move(out, target)
            shutil.rmtree(old, ignore_errors=True)

    def _cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self.process = None

    def _side(self) -> Path:
        if self.side is None:
            self.side = Path(tempfile.mkdtemp(prefix="playbook-alternate-"))
        return self.side


def _move(source: Path, target: Path) -> None:
    """A rename where it can be one (the same file system), a copy otherwise."""
    try:
        os.replace(source, target)
    except OSError:
        shutil.move(str(source), str(target))
