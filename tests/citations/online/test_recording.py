"""`--record DIR` saves every answer, `--replay DIR` reproduces the run with no network, and `--report FILE`
is a dry run that writes what would change and never touches the lock."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.citations.online import verify as verify_module
from generator.citations.online.command import Run, run_verify
from generator.citations.online.sources import Http

from ...conftest import DATA
from ...fakeservices import FakeServices, serve
from .conftest import recorded_services
from .test_verify import PLOS_ON_DOI_ORG, TODAY


def fast_http() -> Http:
    return Http(timeout=0.3, attempts=3, backoff=0.01, max_wait=30, sleep=lambda _: None)


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(verify_module, "ARXIV_BATCH", 1)
    first, second = tmp_path / "a" / "registry", tmp_path / "b" / "registry"
    shutil.copytree(DATA / "recorded", first)
    shutil.copytree(DATA / "recorded", second)
    return first, second


@pytest.fixture
def services() -> FakeServices:
    services = recorded_services()
    services.failures = {PLOS_ON_DOI_ORG: ["503", "timeout", "503"]}
    return services


@pytest.fixture
def environment(services: FakeServices, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    with serve(services) as base:
        for name, value in services.endpoints(base).items():
            monkeypatch.setenv(name, value)
        yield services


def test_record_then_replay_reproduces_the_lock_without_network(copies: tuple[Path, Path], tmp_path: Path,
                                                                environment: FakeServices) -> None:
    first, second = copies
    recording = tmp_path / "recording"
    assert run_verify(first, True, False, today=TODAY, run=Run(record=recording), http=fast_http()) == 0
    asked = len(environment.requests)
    saved = {json.loads(p.read_text("utf-8"))["url"]: json.loads(p.read_text("utf-8"))["answers"]
             for p in recording.glob("*.json") if p.name != "run.json"}
    assert len(saved) == 5 and sum(map(len, saved.values())) == asked  # every answer, retries included
    plos = next(a for url, a in saved.items() if url.endswith("/doi/10.1371/journal.pone.0033693"))
    assert [a.get("status", "error" if "error" in a else None) for a in plos] == [503, "error", 503]
    assert all("authorization" not in json.dumps(a).lower() for a in saved.values())
    assert run_verify(second, True, False, run=Run(replay=recording), http=fast_http()) == 0
    assert len(environment.requests) == asked  # the replay asked the network nothing
    assert (second / "citations.lock.yaml").read_bytes() == (first / "citations.lock.yaml").read_bytes()


def test_a_replay_that_lacks_an_answer_keeps_the_record(copies: tuple[Path, Path], tmp_path: Path) -> None:
    recording = tmp_path / "empty"
    recording.mkdir()
    assert run_verify(copies[0], True, False, today=TODAY, run=Run(replay=recording), http=fast_http()) == 1
    assert yaml.safe_load((copies[0] / "citations.lock.yaml").read_text("utf-8"))["records"] == {}


def test_an_unreadable_recording_is_refused(copies: tuple[Path, Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    recording = tmp_path / "broken"
    recording.mkdir()
    (recording / "x.json").write_text("{not json", "utf-8")
    assert run_verify(copies[0], True, False, run=Run(replay=recording), http=fast_http()) == 2
    assert "not a recording made by `askscope verify --online --record`" in capsys.readouterr().err


def test_the_dry_run_reports_and_leaves_the_lock_alone(copies: tuple[Path, Path], tmp_path: Path,
                                                       environment: FakeServices) -> None:
    registry = copies[0]
    paper = registry / "papers" / "stanley2016-heat-bath.yaml"
    paper.write_text(paper.read_text("utf-8").replace("Heat-bath random walks", "Segment anything"), "utf-8")
    before = (registry / "citations.lock.yaml").read_bytes()
    report = tmp_path / "report.md"
    assert run_verify(registry, True, False, today=TODAY, run=Run(report=report), http=fast_http()) == 0
    assert (registry / "citations.lock.yaml").read_bytes() == before
    rows = {row["key"]: row for row in json.loads((tmp_path / "report.json").read_text("utf-8"))["identifiers"]}
    stanley = rows["arxiv:1605.08386"]
    assert stanley["status"] == "metadata-mismatch" and stanley["old"] is None
    assert stanley["new"]["title"] == "Heat-bath random walks with Markov bases"
    assert stanley["differs"] == ["status", "source", "title", "authors", "year", "note"]
    text = report.read_text("utf-8")
    assert "4 of 4 lock records would change. Nothing was written." in text
    assert "| `arxiv:1605.08386` | metadata-mismatch | status | — | metadata-mismatch |" in text


def test_a_second_dry_run_reports_no_change(copies: tuple[Path, Path], tmp_path: Path,
                                            environment: FakeServices) -> None:
    registry = copies[0]
    run_verify(registry, True, False, today=TODAY, http=fast_http())
    environment.failures = {PLOS_ON_DOI_ORG: ["503"] * 3}
    report = tmp_path / "again"
    assert run_verify(registry, True, False, today=TODAY, run=Run(report=report), http=fast_http()) == 0
    rows = json.loads((tmp_path / "again.json").read_text("utf-8"))["identifiers"]
    assert [row["differs"] for row in rows] == [[]] * 4 and all(row["new"] is None for row in rows)


@pytest.mark.parametrize("args", [["--report", "r.md"], ["--record", "rec"], ["--online", "--record", "d",
                                                                               "--replay", "d"]])
def test_options_that_do_not_go_together(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    shutil.copytree(DATA / "recorded", tmp_path / "registry")
    result = subprocess.run([sys.executable, "-m", "generator", "verify", *args], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "Usage" in result.stderr and "Traceback" not in result.stderr
