"""`make serve` runs `mkdocs serve --dirty` (only pages whose Markdown changed are rebuilt: ~1 s instead of
a full build per save). The strict config must not abort on MkDocs' warning about it, an edit must show
on its page, and the registry-errors box must still appear on, and leave, every page."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import make_project

pytestmark = pytest.mark.site
QUESTION = "questions/cell-types-without-training"


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body: bytes = response.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, text: str, present: bool = True, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (text in _get(url)) == present:
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} {'never appeared' if present else 'never went'} at {url}")


CTRL_C_STOPS_MKDOCS = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                       "from mkdocs.__main__ import cli; cli(prog_name='mkdocs')")
"""`mkdocs` itself, with Ctrl-C (SIGINT) handled even when this test run was started in the background, where
the shell has it ignored and every process started from the run inherits that."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path / "project")
    port = _port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-c", CTRL_C_STOPS_MKDOCS, "serve", "--dirty", "--dev-addr",
                                f"127.0.0.1:{port}"],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + "about/", "</html>")
        yield project, base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail("mkdocs serve did not stop within 30 s of Ctrl-C; its log ends:\n"
                        + (tmp_path / "serve.log").read_text("utf-8")[-2000:])
        finally:
            log.close()
    assert "Aborted" not in (tmp_path / "serve.log").read_text("utf-8")


def test_an_edit_and_a_registry_error_show_under_serve_dirty(served: tuple[Path, str]) -> None:
    project, base = served
    question = project / "registry" / f"{QUESTION}.yaml"
    good = question.read_text("utf-8")
    _wait_for(base + "pagefind/pagefind-entry.json", '"languages"')  # the preview can be searched
    entry = _get(base + "pagefind/pagefind-entry.json")
    question.write_text(good.replace("answer: >-\n  ", "answer: >-\n  Freshly edited. ", 1), "utf-8")
    _wait_for(base + QUESTION + "/", "Freshly edited.")
    deadline = time.monotonic() + 90  # and its index follows the edit (the index's hash changes)
    while _get(base + "pagefind/pagefind-entry.json") == entry:
        assert time.monotonic() < deadline, "the search index was not rebuilt after the edit"
        time.sleep(0.2)
    question.write_text(good.replace("task: ", "task: no-such-task-", 1), "utf-8")
    _wait_for(base + "about/", "The registry has errors")  # a page whose Markdown did not change
    question.write_text(good, "utf-8")
    _wait_for(base + "about/", "The registry has errors", present=False)
    _wait_for(base + QUESTION + "/", "Freshly edited.", present=False)
    contributing = project / "CONTRIBUTING.md"  # published from its path, so a dirty build sees it change
    contributing.write_text(contributing.read_text("utf-8") + "\nA freshly added line.\n", "utf-8")
    _wait_for(base + "contributing/", "A freshly added line.")
