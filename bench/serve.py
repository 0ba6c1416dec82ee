"""Edit-to-page latency under `mkdocs serve`: save one registry file, poll the page until the edit shows.

The server is a real `mkdocs serve` on 127.0.0.1. A save reaches it through the operating system's change
notifications for registry/ (the hook's `generator/mkdocs/serve_watch.py`), or where there are none through
MkDocs' polling every 0.5 s; MkDocs then waits 0.1 s for more changes before it rebuilds. All of it is
part of what a person waits for. Its own log says how long each rebuild took.
"""

from __future__ import annotations

import contextlib
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .site import ENV

_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


@dataclass
class ServeResult:
    latencies: list[float] = field(default_factory=list)
    """Seconds from the file being saved to the rebuilt page being served."""
    rebuilds: list[float] = field(default_factory=list)
    """Every rebuild MkDocs reported after the first build, in seconds (its own log)."""
    builds_per_edit: float = 0.0
    initial_build: float = 0.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


@contextlib.contextmanager
def _server(project: Path, dirty: bool, log: Path) -> Iterator[str]:
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen([*command, *(["--dirty"] if dirty else [])], cwd=project, stdout=out,
                                   stderr=subprocess.STDOUT, env=ENV)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _builds(log: Path) -> list[float]:
    return [float(m) for m in _BUILT.findall(log.read_text("utf-8", "replace"))]


def _wait_until_idle(log: Path, quiet: float = 1.5, timeout: float = 900) -> None:
    """Until MkDocs has logged nothing for `quiet` seconds after finishing a build (its last line is neither
    "Building documentation..." nor "Detected file changes")."""
    deadline = time.monotonic() + timeout
    seen, since = "", time.monotonic()
    while time.monotonic() < deadline:
        text = log.read_text("utf-8", "replace")
        if "Traceback" in text or "Aborted" in text:
            raise RuntimeError(f"mkdocs serve failed:\n{text[-3000:]}")
        if text != seen:
            seen, since = text, time.monotonic()
        else:
            lines = [line for line in text.splitlines() if line.strip()]
            busy = not lines or lines[-1].endswith(("Building documentation...", "Detected file changes"))
            if "Serving on" in text and not busy and time.monotonic() - since >= quiet:
                return
        time.sleep(0.05)
    raise RuntimeError("mkdocs serve did not settle")


def _edit(path: Path, token: str) -> None:
    text = path.read_text("utf-8")
    marker = "answer: >-\n  "
    if marker not in text:
        raise RuntimeError(f"{path} has no folded `answer:` to edit")
    path.write_text(text.replace(marker, f"{marker}Edited {token}. ", 1), "utf-8")


def measure(project: Path, question_ids: list[str], dirty: bool, log: Path, poll: float = 0.02,
            timeout: float = 120) -> ServeResult:
    """Start `mkdocs serve` (with `--dirty` if asked), then save one edit per question id in turn."""
    result = ServeResult()
    with _server(project, dirty, log) as base:
        _wait_until_idle(log)
        result.initial_build = _builds(log)[0]
        before = len(_builds(log))
        for n, qid in enumerate(question_ids):
            token = f"benchedit{n}x{int(time.time() * 1000) % 100000}"
            url = f"{base}questions/{qid}/"
            start = time.perf_counter()
            _edit(project / "registry" / "questions" / f"{qid}.yaml", token)
            while token not in _get(url):
                if time.perf_counter() - start > timeout:
                    raise RuntimeError(f"the edit of {qid} did not show within {timeout} s; see {log}")
                time.sleep(poll)
            result.latencies.append(time.perf_counter() - start)
            _wait_until_idle(log)
        text = log.read_text("utf-8", "replace")
        result.rebuilds = _builds(log)[before:]
        result.builds_per_edit = (text.count("Building documentation") - 1) / max(1, len(question_ids))
    return result
