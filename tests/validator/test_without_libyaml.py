"""Every command works on a PyYAML built without libyaml, with the same verdicts.

The fallback is forced the way such a build behaves: `yaml._yaml` (libyaml's binding) cannot
be imported, so `import yaml` comes without `CSafeLoader` and `CParser`. The same command
then runs in two fresh processes, with and without libyaml, and must print the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import CASES, HERE, RICH, TODAY

# Run before anything imports yaml: the binding is "missing", then the command runs as usual.
WITHOUT_LIBYAML = (
    "import sys; sys.modules['yaml._yaml'] = None\n"
    "import yaml\n"
    "assert not yaml.__with_libyaml__ and not hasattr(yaml, 'CSafeLoader')\n"
    "from salesplaybook import plain_deal, yaml_source\n"
    "assert plain_deal._Loader.__mro__[1] is yaml.BaseLoader, plain_deal._Loader.__mro__\n"
    "assert yaml_source._Parser is yaml_source._PyParser\n"
    "from playbook_cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
WITH_LIBYAML = "import sys\nfrom playbook_cli.main import main\nsys.exit(main(sys.argv[1:]))\n"


def _run(prelude: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLAYBOOK_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-c", prelude, *args], capture_output=True, text=True, env=env, timeout=120)


def test_this_pyyaml_has_libyaml():
    """Else the comparison below would compare the fallback with itself."""
    import yaml

    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML has no libyaml: every other test already runs the fallback")
    from salesplaybook import plain_deal

    assert plain_deal._Loader.__mro__[1] is yaml.CBaseLoader


@pytest.mark.parametrize("args", [
    ("check", str(CASES), "--format", "json"),
    ("check", str(CASES), "--format", "text", "--lang", "en"),
    ("team", str(CASES), "--format", "csv"),
    ("check", str(HERE / "bad"), "--format", "json", "--lang", "en"),
], ids=["check-json", "check-text", "team-csv", "bad-files-json"])
def test_the_pure_python_loader_gives_the_same_output(args):
    args = (*args, "--playbook", str(RICH), "--today", TODAY)
    fast = _run(WITH_LIBYAML, *args)
    slow = _run(WITHOUT_LIBYAML, *args)
    assert "Traceback" not in slow.stderr, slow.stderr
    assert fast.stdout.strip(), fast.stderr
    assert (slow.returncode, slow.stdout, slow.stderr) == (fast.returncode, fast.stdout, fast.stderr)


def test_the_playbook_loads_the_same_without_libyaml():
    fast = _run(WITH_LIBYAML, "dump", "--playbook", str(RICH))
    slow = _run(WITHOUT_LIBYAML, "dump", "--playbook", str(RICH))
    assert slow.returncode == 0, slow.stderr
    assert slow.stdout == fast.stdout
