"""The site builds under ProperDocs, the maintained fork of MkDocs 1.x, as it does under MkDocs.

MkDocs 1.x is no longer maintained; ProperDocs runs the same configuration and third-party
plugins (it answers `import mkdocs` with its own package). The real site is built with
`properdocs build --strict`, both languages as `make build` does, and must equal the MkDocs
build (`real_site`) file for file, apart from the generator's name in each page's head.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_helpers import ROOT

pytestmark = pytest.mark.site

pytest.importorskip("properdocs")

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "properdocs", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def proper_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    # Chinese first: its build cleans the whole site/, site/en/ included (as in `make build`).
    for config, target in (("mkdocs.yml", site), ("mkdocs.en.yml", site / "en")):
        done = properdocs("build", "--strict", "-f", config, "-d", str(target))
        if done.returncode != 0:
            pytest.fail(f"`properdocs build --strict -f {config}` failed:\n{done.stderr[-4000:]}", pytrace=False)
    return site


SW_VERSION = re.compile(rb'^const VERSION = "[0-9a-f]+";$', re.M)


def _files(site: Path) -> dict[str, bytes]:
    """Every file but the precompressed copies (of pages that name their generator), with the
    generator's name taken out, and the service worker's version (a digest of those pages)."""
    return {p.relative_to(site).as_posix(): SW_VERSION.sub(b"", GENERATOR.sub(b"", p.read_bytes()))
            for p in site.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")}


def test_properdocs_builds_the_same_site_as_mkdocs(proper_site, real_site):
    proper, mk = _files(proper_site), _files(real_site)
    assert sorted(proper) == sorted(mk)
    assert "stages/plan-and-call/index.html" in proper and "en/stages/plan-and-call/index.html" in proper
    different = [name for name in mk if proper[name] != mk[name]]
    assert different == []
    assert b"ProperDocs" in (proper_site / "index.html").read_bytes()  # it really was the other engine


def test_the_background_build_under_serve_runs_on_the_same_engine():
    """`serve_alternate` starts `python -m <engine> build`: ProperDocs' own under `properdocs serve`."""
    probe = "from mkdocs_playbook.alternate import engine; print(engine())"
    under = {}
    for name, prelude in (("mkdocs", ""), ("properdocs", "import properdocs.replacement; ")):
        done = subprocess.run([sys.executable, "-c", prelude + probe], capture_output=True, text=True, timeout=60)
        under[name] = done.stdout.strip()
    assert under == {"mkdocs": "mkdocs", "properdocs": "properdocs"}
