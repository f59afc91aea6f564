"""No silent pass: whatever in the input cannot be read is named, and the run exits 2.

An unreadable folder is tested with the kernel's own refusal: `chmod 000` and the command run
by a user it applies to. Root reads a chmod 000 folder anyway (CI runs as root), so as root
the command runs as `nobody` through `setpriv`; that exercises the real path (os.walk's
scandir failing with EACCES, the onerror hook, the exit code) where a monkeypatched scandir
would only exercise our guess at what the OS does. A monkeypatched test is kept too, for the
message in both languages and for machines where neither way is open.

Pipes, sockets and devices run in a subprocess with a timeout: if one were opened for
reading, the run would block, and the test must fail rather than hang.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from playbook_cli.main import main

from .conftest import CASES, RICH, TODAY

GOOD = CASES / "supported-in-step.yaml"
SETPRIV = shutil.which("setpriv")
NOBODY = 65534


@pytest.fixture
def shared_tmp():
    """A folder another user can reach (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="pb-nosilent-"))
    folder.chmod(0o755)
    yield folder
    for p in [folder, *folder.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(folder)


def _as_a_plain_user() -> list[str]:
    """The prefix that runs a command as a user `chmod 000` applies to."""
    if os.geteuid() != 0:
        return []
    if SETPRIV is None:
        pytest.skip("running as root without setpriv: root reads a chmod 000 folder")
    prefix = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if not _runs_as(tuple(prefix)):
        pytest.skip("`nobody` cannot run this checkout's Python (a private folder on the way)")
    return prefix


@functools.lru_cache(maxsize=None)
def _runs_as(prefix: tuple[str, ...]) -> bool:
    probe = subprocess.run([*prefix, sys.executable, "-c", "import playbook_cli.main"],
                           capture_output=True, timeout=60)
    return probe.returncode == 0


def cli(*args: str, prefix: list[str] = (), timeout: int = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLAYBOOK_NO_CACHE": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*prefix, sys.executable, "-m", "playbook_cli", *args, "--playbook", str(RICH),
                           "--today", TODAY], capture_output=True, text=True, env=env, timeout=timeout)


def _deals(folder: Path) -> Path:
    deals = folder / "deals"
    (deals / "open").mkdir(parents=True)
    (deals / "open" / "good.yaml").write_bytes(GOOD.read_bytes())
    (deals / "locked").mkdir()
    (deals / "locked" / "hidden.yaml").write_bytes(GOOD.read_bytes())
    (deals / "locked").chmod(0)
    return deals


@pytest.mark.parametrize("command", ["check", "team"])
def test_an_unreadable_subfolder_is_an_input_error_that_names_it(shared_tmp, command):
    deals = _deals(shared_tmp)
    p = cli(command, str(deals), "--format", "json", "--lang", "en", prefix=_as_a_plain_user())
    assert p.returncode == 2, p.stderr
    doc = json.loads(p.stdout)
    [error] = doc["errors"]
    assert error["file"] == str(deals / "locked")
    assert "permission denied" in error["message"] and "not checked" in error["message"]
    if command == "check":  # the readable deal is still judged
        assert [d["file"] for d in doc["deals"]] == [str(deals / "open" / "good.yaml")]


def test_an_unreadable_folder_given_is_named_not_called_empty(shared_tmp):
    deals = _deals(shared_tmp)
    p = cli("check", str(deals / "locked"), "--lang", "en", prefix=_as_a_plain_user())
    assert p.returncode == 2
    assert f"{deals / 'locked'}:1:1: cannot be read: permission denied" in p.stderr
    assert "holds no deal files" not in p.stderr


def test_an_unreadable_deal_file_is_an_input_error(shared_tmp):
    deals = shared_tmp / "deals"
    deals.mkdir()
    (deals / "a.yaml").write_bytes(GOOD.read_bytes())
    (deals / "b.yaml").write_bytes(GOOD.read_bytes())
    (deals / "b.yaml").chmod(0)
    p = cli("check", str(deals), "--lang", "en", prefix=_as_a_plain_user())
    assert p.returncode == 2
    assert f"{deals / 'b.yaml'}:1:1: cannot be read: permission denied" in p.stderr


def test_a_folder_that_cannot_be_listed_is_reported_in_both_languages(tmp_path, monkeypatch, capsys):
    """The same path in-process, the refusal simulated where os.walk meets it (any user)."""
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "good.yaml").write_bytes(GOOD.read_bytes())
    (tmp_path / "locked").mkdir()
    (tmp_path / "odd").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        name = os.path.basename(os.fspath(path))
        if name == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        if name == "odd":
            raise OSError(5, "Input/output error", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for lang, words in [("en", ["cannot be read: permission denied", "cannot be read: Input/output error"]),
                        ("zh", ["无法读取：没有权限", "无法读取：Input/output error"])]:
        code = main(["check", str(tmp_path), "--playbook", str(RICH), "--today", TODAY, "--lang", lang])
        out, err = capsys.readouterr()
        assert code == 2
        lines = err.splitlines()
        assert lines[0].startswith(f"{tmp_path / 'locked'}:1:1: {words[0]}")
        assert lines[1].startswith(f"{tmp_path / 'odd'}:1:1: {words[1]}")
        assert "supported-in-step" in out  # the readable deal is judged


def _special(folder: Path, kind: str) -> Path:
    if kind == "fifo":
        path = folder / "pipe.yaml"
        os.mkfifo(path)
    elif kind == "socket":
        path = folder / "sock.yaml"
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    else:
        if os.geteuid() != 0:
            pytest.skip("only root makes device files")
        path = folder / "null.yaml"
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    return path


WORDS = {"fifo": "is a named pipe (FIFO), not a regular file", "socket": "is a socket, not a regular file",
         "device": "is a device, not a regular file"}


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_a_pipe_socket_or_device_found_in_a_folder_is_named_and_never_opened(tmp_path, kind):
    (tmp_path / "good.yaml").write_bytes(GOOD.read_bytes())
    path = _special(tmp_path, kind)
    p = cli("check", str(tmp_path), "--lang", "en")  # blocks (and times out) if it opens a pipe
    assert p.returncode == 2
    assert f"{path}:1:1: {WORDS[kind]}; not read" in p.stderr
    assert "supported-in-step" in p.stdout


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_a_pipe_socket_or_device_given_is_named_and_never_opened(tmp_path, kind):
    path = _special(tmp_path, kind) if kind != "device" else Path("/dev/null")
    p = cli("check", str(path), str(GOOD), "--lang", "en")
    assert p.returncode == 2
    assert f"{path}:1:1: {WORDS[kind]}; not read" in p.stderr


def test_a_linked_folder_is_followed_once(tmp_path, capsys):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "good.yaml").write_bytes(GOOD.read_bytes())
    (tmp_path / "deals").mkdir()
    (tmp_path / "deals" / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "back").symlink_to(tmp_path / "deals")  # a loop: must end
    code = main(["check", str(tmp_path / "deals"), "--playbook", str(RICH), "--today", TODAY,
                 "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [d["file"] for d in doc["deals"]] == [str(tmp_path / "deals" / "linked" / "good.yaml")]
