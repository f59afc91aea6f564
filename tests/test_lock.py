"""Reproducible installs: every dependency is bounded below its next major version, and the
committed lock pins each one (and what they pull in) to a version the bounds allow, with hashes.

`make setup` installs the lock with `--require-hashes`; `make lock` refreshes it (README.md).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)(.*)$")


def _requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]


def _lock() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes)."""
    pins: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = (match.group(2), [])
        elif current and line.strip().startswith("--hash=sha256:"):
            pins[current][1].append(line.strip().split(":", 1)[1].rstrip(" \\"))
        elif line and not line.startswith((" ", "#")):
            current = None
    return pins


def test_every_dependency_has_an_upper_bound_on_its_major_version():
    for req in _requirements():
        uppers = [s for s in req.specifier if s.operator in ("<", "<=", "~=", "==")]
        assert uppers, f"{req} has no upper bound"
        assert any(s.operator == ">=" for s in req.specifier), f"{req} has no lower bound"


def test_the_lock_pins_every_dependency_within_its_bounds_with_hashes():
    pins = _lock()
    for req in _requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in requirements.lock (run `make lock`)"
        version, _ = pins[name]
        assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {req.specifier}"
    for name, (version, hashes) in pins.items():
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{name}=={version} has no hash"


def test_the_lock_names_no_package_index_or_local_path():
    """The lock says what to install, not where from: each machine uses its own index."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert not re.search(r"^\s*--(index-url|extra-index-url|find-links|trusted-host)", text, re.M)
    assert "file:" not in text and "://" not in text


def test_the_installed_packages_are_the_locked_ones():
    """`make setup` installed this environment from the lock: no package drifted from its pin."""
    from importlib import metadata

    for name, (version, _) in _lock().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # for another platform (the lock lists what pip-compile saw)
        assert installed == version, f"{name} {installed} is installed, the lock says {version} (run `make setup`)"
