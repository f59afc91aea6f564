"""Under `mkdocs serve`: build the other language into the served site, so one server on
127.0.0.1:8000 shows both. It runs as a separate `mkdocs build` process in the background, so
the Chinese page reloads without waiting for it; a newer build stops an older one first.

The background build runs on the engine that runs the server: MkDocs, or ProperDocs (the
maintained fork of MkDocs 1.x, which answers `import mkdocs` with its own package)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def engine() -> str:
    """The engine running this build, as `python -m` names it: `mkdocs` or `properdocs`."""
    import mkdocs

    return mkdocs.__name__.partition(".")[0]


class AlternateBuild:
    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.process: subprocess.Popen | None = None

    def start(self, site_dir: Path) -> Path:
        """Start the build into `<site_dir>/<lang>/`; returns that folder."""
        self.stop()
        target = site_dir / self._lang_dir()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", engine(), "build", "-q", "-f", str(self.config_file), "-d", str(target)],
            cwd=self.config_file.parent, env=env, stdout=subprocess.DEVNULL,  # its warnings and errors show in the serve terminal
        )
        return target

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self.process = None

    def _lang_dir(self) -> str:
        # mkdocs.en.yml -> en
        return self.config_file.name.split(".")[-2]
