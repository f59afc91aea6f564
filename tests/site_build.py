"""MkDocs builds inside the test process, and a local HTTP server for a built site.

`build()` does what `mkdocs build --strict -f CONFIG -d SITE` does (mkdocs/__main__.py's
build_command): load the config strictly, run the plugins' startup event, build clean, run
their shutdown event. In process it takes a fraction of a subprocess's time: MkDocs, Material,
the playbook core and jieba's dictionary are loaded once per test run, not once per build.

Two things differ from a fresh process, and neither changes what is built:

- MkDocs keeps one instance of each plugin that has startup/shutdown events per process
  (config_options.Plugins.plugin_cache), so consecutive builds share the `playbook` and
  `search` plugin objects. Both reset their per-build state in on_config, and a clean build
  (dirty=False) keeps no search index from the build before.
- Material prints its end-of-life notice only when the program is `mkdocs`; the variable the
  Makefile sets to silence it, NO_MKDOCS_2_WARNING=1, is set here as well for the build.

Where the subprocess is the point (the exit code and the messages a user sees after a failed
`mkdocs build --strict`, `mkdocs serve`), tests still start one: see tests/site/site_helpers.py.
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LANGUAGES = (("mkdocs.yml", ""), ("mkdocs.en.yml", "en"))
"""Config and folder under the site of each language, Chinese first: its build cleans the whole
site folder, the English one under it included (the Makefile's `build` target)."""


@dataclass(frozen=True)
class Built:
    """The outcome of an in-process build, shaped like a finished `mkdocs build` process."""

    returncode: int
    """0 when the build succeeded, 1 when MkDocs aborted it (as the command's exit code)."""
    stderr: str
    """The warnings and errors MkDocs logged, one `LEVEL    -  message` line each, then the
    abort message: what the command prints on stderr, without INFO lines and colours."""


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


def build(config_file: Path, site_dir: Path, *, strict: bool = True) -> Built:
    """`mkdocs build [--strict] -f config_file -d site_dir`, in this process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    logger = logging.getLogger("mkdocs")
    lines = _Lines()
    level = logger.level
    logger.addHandler(lines)
    # The command's level. It also keeps a test run's --log-level from hiding the warnings
    # that --strict counts (the counter sits on this logger).
    logger.setLevel(logging.INFO)
    old_env = os.environ.get("NO_MKDOCS_2_WARNING")
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except Abort as e:
        return Built(1, "\n".join([*lines.lines, "", e.format_message()]))
    finally:
        logger.removeHandler(lines)
        logger.setLevel(level)
        if old_env is None:
            os.environ.pop("NO_MKDOCS_2_WARNING", None)
        else:
            os.environ["NO_MKDOCS_2_WARNING"] = old_env
    return Built(0, "\n".join(lines.lines))


def build_both(project: Path, site: Path) -> None:
    """Build the Chinese site into `site` and the English one into `site/en`, strictly, as
    `make build` does; a failed build fails the test with MkDocs' messages."""
    for config, folder in LANGUAGES:
        done = build(project / config, site / folder)
        if done.returncode != 0:
            pytest.fail(f"`mkdocs build --strict -f {config}` failed:\n{done.stderr[-4000:]}", pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path):
    """An http.server thread on a free port of 127.0.0.1; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
