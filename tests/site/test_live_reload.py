"""`mkdocs serve` on a temporary copy of the project: saving the playbook YAML rebuilds the
site and reloads the open page, and the same server shows the English site under /en/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from site_helpers import make_project

pytestmark = [pytest.mark.browser, pytest.mark.site]

STAGE = "stages/demo-and-exchange/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {text!r} within {seconds} s")


def _start_hearing_ctrl_c(args: list[str], **kwargs) -> subprocess.Popen:
    """Popen, with SIGINT not ignored in the child even when it is ignored here.

    A shell script run in the background (`nohup`, `cmd &` in a script, some CI runners)
    starts its commands with SIGINT ignored, and a child inherits that; `mkdocs serve` would
    then not hear the Ctrl-C below and sit out the 30 s before it is killed. A handler, unlike
    SIG_IGN, is reset to the default on exec, so Python in the child installs its own."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        return subprocess.Popen(args, **kwargs)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return subprocess.Popen(args, **kwargs)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path)
    port = _free_port()
    log = open(tmp_path / "serve.log", "w")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = _start_hearing_ctrl_c([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                   cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGINT)  # mkdocs serve shuts down cleanly on Ctrl-C
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_saving_the_yaml_reloads_the_open_page(served, browser):
    project, url = served
    _wait_for(f"{url}/{STAGE}", "方案演示与技术交流")
    # One server, both languages: the English site is built into the served site under /en/.
    _wait_for(f"{url}/en/{STAGE}", "Demo and technical exchange")

    # a preview: no service worker, which would keep the old pages and hide the change
    assert _get(f"{url}/sw.js") is None and _get(f"{url}/en/sw.js") is None

    page = browser.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{url}/{STAGE}")
    assert "方案演示与技术交流" in page.locator("h1").inner_text()

    stage = project / "playbook" / "stages" / "04-demo-and-exchange.yaml"
    stage.write_text(stage.read_text(encoding="utf-8").replace("zh: 方案演示与技术交流", "zh: 演示与交流（新）"), encoding="utf-8")

    # No goto/reload here: the live-reload script in the page reloads it after the rebuild.
    page.wait_for_function("() => document.querySelector('h1') && document.querySelector('h1').textContent.includes('演示与交流（新）')")
    page.close()
    _wait_for(f"{url}/en/{STAGE}", "Demo and technical exchange")
