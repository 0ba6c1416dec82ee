"""`mkdocs serve` survives a bad edit: a contributor who saves a broken YAML file sees its
diagnostic in the terminal and on the page, the server keeps answering, and the next good save
brings the pages back. A real server on 127.0.0.1 (a free port) for a copy of the project;
every wait is bounded and the server is stopped in a `finally`."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.registry.yamlsource import parse_yaml

from ..conftest import make_project

pytestmark = pytest.mark.site
PAGE = "questions/cell-types-without-training/"
SOURCE = "registry/questions/cell-types-without-training.yaml"
WAIT = 60.0


class Server:
    def __init__(self, project: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"], cwd=project,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    @property
    def log(self) -> str:
        return "".join(self.output)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            assert self.process.poll() is None, f"the server stopped while waiting for {what}:\n{self.log}"
            assert time.monotonic() < deadline, f"gave up waiting for {what}:\n{self.log}"
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.reader.join(timeout=15)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    project = make_project(tmp_path / "project")
    running = Server(project)
    try:
        running.wait_for("the server to start", lambda: f"127.0.0.1:{running.port}" in running.log)
        running.wait_for("the first page", lambda: running.get(PAGE)[0] == 200)
        yield running
    finally:
        running.stop()


def test_a_broken_save_is_shown_and_the_next_good_save_recovers(server: Server, tmp_path: Path) -> None:
    source = tmp_path / "project" / SOURCE
    good = source.read_text("utf-8")
    broken = good.replace("\ntask: ", "\ntask: [", 1)  # an unclosed flow sequence
    [expected] = parse_yaml(SOURCE, broken.encode())[1]
    source.write_text(broken, "utf-8")

    where = f"{SOURCE}:{expected.line}:{expected.column}"
    server.wait_for("the diagnostic in the terminal", lambda: f"{where}: error: YAML syntax error" in server.log)
    server.wait_for("the diagnostic on the page", lambda: "The registry has errors" in server.get(PAGE)[1])
    status, html = server.get(PAGE)
    assert status == 200 and where in html
    assert "How does it know that right away?" in html  # the last good page, with the box on top
    assert server.get("")[0] == 200

    source.write_text(good.replace("How does it know that right away?", "How does it know so fast?"), "utf-8")
    server.wait_for("the fixed page", lambda: "How does it know so fast?" in server.get(PAGE)[1])
    assert "The registry has errors" not in server.get(PAGE)[1]
    assert "Traceback" not in server.log
    assert "Aborted" not in server.log
