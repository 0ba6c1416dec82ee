"""A run where the services hang (accept the connection and never answer), fail or rate-limit ends within
its bound: each service is given up after three failed requests in a row, the run stops at its deadline,
what is left is reported `unreachable`, the command exits 1 and the lock is left as it was. The timeouts
here are small so that the tests stay fast; `bench/verify_hang.py` measures the defaults."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.silent_server import silent_server
from generator.citations.online.command import run_verify
from generator.citations.online.guard import Guard
from generator.citations.online.sources import Endpoints, Http, Sources

from ...fakeservices import FakeServices
from .test_verify import TODAY

SERVICES = ("arxiv", "doi", "crossref", "github")


def hanging_sources(base: str, guard: Guard, timeout: float = 0.2) -> Sources:
    endpoints = Endpoints(f"{base}/arxiv/api/query", f"{base}/doi", f"{base}/crossref", f"{base}/github")
    return Sources(endpoints, Http(timeout=timeout, attempts=4, backoff=0.01, guard=guard), arxiv_interval=0.0)


def test_a_hanging_service_is_given_up_after_three_timeouts(registry_dir: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    before = (registry_dir / "citations.lock.yaml").read_bytes()
    with silent_server() as (base, accepted):
        start = time.monotonic()
        assert run_verify(registry_dir, True, False, hanging_sources(base, Guard(deadline=60)), TODAY) == 1
        elapsed = time.monotonic() - start
    assert len(accepted) == 3 * len(SERVICES)  # three requests to each service, then none
    assert elapsed < 3 * len(SERVICES) * 0.2 + 3
    assert (registry_dir / "citations.lock.yaml").read_bytes() == before
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if not line.startswith("huggingface:")]
    assert lines and all(": unreachable: " in line for line in lines), out
    assert "github:roydenwa/pseudo-colorize-masked-cells: unreachable: not asked: github failed 3 requests" in out


def test_the_deadline_stops_the_run(registry_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (registry_dir / "citations.lock.yaml").read_bytes()
    with silent_server() as (base, accepted):
        start = time.monotonic()
        assert run_verify(registry_dir, True, False, hanging_sources(base, Guard(deadline=0.5), timeout=5), TODAY) == 1
        elapsed = time.monotonic() - start
    assert elapsed < 2  # one request cut to the half second left, then nothing more
    assert len(accepted) == 1
    assert (registry_dir / "citations.lock.yaml").read_bytes() == before
    assert "not asked: the run's deadline (0.5 s) had passed" in capsys.readouterr().out


@pytest.mark.parametrize("failure", ["500", "429:0"])
def test_a_failing_service_is_given_up_too(registry_dir: Path, services: FakeServices, base: str,
                                           failure: str) -> None:
    services.failures = {service: [failure] * 100 for service in SERVICES}
    before = (registry_dir / "citations.lock.yaml").read_bytes()
    endpoints = services.endpoints(base)
    client = Sources(Endpoints(*endpoints.values()), Http(timeout=1, backoff=0.01, sleep=lambda _: None),
                     arxiv_interval=0.0)
    assert run_verify(registry_dir, True, False, client, TODAY) == 1
    assert len(services.requests) == 3 * len(SERVICES)
    assert (registry_dir / "citations.lock.yaml").read_bytes() == before


def test_an_answer_resets_the_breaker() -> None:
    guard = Guard(threshold=3)
    for _ in range(2):
        guard.failed("github", "unreachable")
    guard.answered("github")
    guard.failed("github", "unreachable")
    assert guard.refusal("github") is None
    guard.failed("github", "rate-limited")
    guard.failed("github", "rate-limited")
    assert guard.refusal("github") == ("rate-limited", "not asked: github failed 3 requests in a row in this run")
    assert guard.refusal("arxiv") is None


def test_the_command_line_gives_up_on_hanging_services(registry_dir: Path) -> None:
    before = (registry_dir / "citations.lock.yaml").read_bytes()
    with silent_server() as (base, _):
        env = {**os.environ, "ASKSCOPE_ARXIV_API": f"{base}/arxiv/api/query", "ASKSCOPE_DOI_API": f"{base}/doi",
               "ASKSCOPE_CROSSREF_API": f"{base}/crossref", "ASKSCOPE_GITHUB_API": f"{base}/github"}
        start = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "generator", "verify", "--online", "--timeout", "0.2",
                                 "--deadline", "3"], cwd=registry_dir.parent, capture_output=True, text=True,
                                env=env, check=False, timeout=120)
    assert time.monotonic() - start < 3 + 5  # the deadline, and Python's start-up
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "could not be checked; their previous records were kept" in result.stderr
    assert (registry_dir / "citations.lock.yaml").read_bytes() == before
