"""`askscope verify --online` against a local stand-in for arXiv, doi.org, Crossref and GitHub."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.check import check_registry
from generator.citations.online.command import run_verify
from generator.citations.online.sources import Endpoints, Http, Sources, parse_arxiv_feed
from generator.registry.folder import read_registry

from ...fakeservices import FakeServices, serve

TODAY = datetime.date(2026, 11, 21)
INSTRUCTCV = "InstructCV: Instruction-Tuned Text-to-Image Diffusion Models as Vision Generalists"
WAGNER = "Self-supervised pseudo-colorizing of masked cells"
KALININ = "Human-in-the-loop: The future of Machine Learning in Automated Electron Microscopy"
KAZIMI = "Self-Supervised Learning with Generative Adversarial Networks for Electron Microscopy"


def truthful_services() -> FakeServices:
    """What the sources say about the test registry's identifiers (facts from the reference bibliography)."""
    return FakeServices(
        arxiv={"2310.00390": (INSTRUCTCV, ["Yulu Gan", "Sungwoo Park"], "2023-09-30T00:00:00Z"),
               "2302.05968": (WAGNER, ["Royden Wagner", "Carlos Fernandez Lopez"], "2023-02-12T00:00:00Z"),
               "2310.05018": (KALININ, ["Sergei V. Kalinin", "Yongtao Liu"], "2023-10-08T00:00:00Z"),
               "2402.18286": (KAZIMI, ["Bashir Kazimi", "Karina Ruzaeva"], "2024-02-28T00:00:00Z")},
        dois={"10.1371/journal.pone.0290561": {"title": WAGNER, "issued": {"date-parts": [[2023, 8, 24]]},
                                               "author": [{"given": "Royden", "family": "Wagner"}]},
              "10.1093/mictod/qaad096": {"title": "Human-in-the-Loop: The Future of Machine Learning in Automated "
                                                  "Electron Microscopy", "issued": {"date-parts": [[2024, 1]]},
                                         "author": [{"given": "Sergei V", "family": "Kalinin"}]}},
        repos={"AlaaLab/InstructCV": {"full_name": "AlaaLab/InstructCV", "archived": False, "default_branch": "main"},
               "roydenwa/pseudo-colorize-masked-cells": {"full_name": "roydenwa/pseudo-colorize-masked-cells",
                                                         "archived": False, "default_branch": "main"}})


@pytest.fixture
def services() -> FakeServices:
    return truthful_services()


@pytest.fixture
def base(services: FakeServices) -> Iterator[str]:
    with serve(services) as url:
        yield url


def sources(services: FakeServices, base: str, sleeps: list[float], token: str = "") -> Sources:
    env = services.endpoints(base)
    endpoints = Endpoints(env["ASKSCOPE_ARXIV_API"], env["ASKSCOPE_DOI_API"], env["ASKSCOPE_CROSSREF_API"],
                          env["ASKSCOPE_GITHUB_API"], token)
    return Sources(endpoints, Http(timeout=0.3, attempts=3, backoff=0.01, max_wait=30, sleep=sleeps.append),
                   arxiv_interval=3.0)


def lock(registry_dir: Path) -> dict[str, dict[str, object]]:
    text = (registry_dir / "citations.lock.yaml").read_text("utf-8")
    records: dict[str, dict[str, object]] = yaml.safe_load(text)["records"]
    return records


def test_matching_records_become_verified_by_the_api(registry_dir: Path, services: FakeServices, base: str) -> None:
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 0
    records = lock(registry_dir)
    assert records["arxiv:2310.00390"]["source"] == "arxiv-api"
    assert records["arxiv:2310.00390"]["status"] == "verified"
    assert records["arxiv:2310.00390"]["title"] == INSTRUCTCV  # whitespace from the feed's line wrap is folded
    assert records["arxiv:2310.00390"]["year"] == 2023  # registry says 2024 (ICLR): within the tolerance
    assert records["doi:10.1093/mictod/qaad096"]["source"] == "doi"
    assert records["github:AlaaLab/InstructCV"] == {"status": "verified", "source": "github-api",
                                                    "checked": "2026-11-21", "full_name": "AlaaLab/InstructCV",
                                                    "archived": False, "default_branch": "main"}
    assert records["huggingface:alaa-lab/InstructCV"]["source"] == "manual"  # no online check: kept
    _, diagnostics = check_registry(read_registry(registry_dir, "registry"), strict=True)
    assert diagnostics == []
    arxiv_requests = [path for service, path, _ in services.requests if service == "arxiv"]
    assert len(arxiv_requests) == 1 and "id_list=2302.05968%2C2310.00390%2C2310.05018%2C2402.18286" in \
        arxiv_requests[0]


def test_a_title_from_another_paper_is_a_metadata_mismatch(registry_dir: Path, services: FakeServices,
                                                         base: str) -> None:
    services.arxiv["2402.18286"] = ("Segment Anything", ["Alexander Kirillov"], "2023-04-05T00:00:00Z")
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 1
    record = lock(registry_dir)["arxiv:2402.18286"]
    assert record["status"] == "metadata-mismatch" and record["title"] == "Segment Anything"
    _, diagnostics = check_registry(read_registry(registry_dir, "registry"))
    assert [(d.path, d.code) for d in diagnostics if d.is_error] == [
        ("registry/papers/kazimi2024-ssl-gan-em.yaml", "cite.source-mismatch")]


def test_unknown_identifiers_are_not_found(registry_dir: Path, services: FakeServices, base: str) -> None:
    del services.arxiv["2310.05018"]
    del services.dois["10.1371/journal.pone.0290561"]
    del services.repos["roydenwa/pseudo-colorize-masked-cells"]
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 1
    records = lock(registry_dir)
    for key in ("arxiv:2310.05018", "doi:10.1371/journal.pone.0290561", "github:roydenwa/pseudo-colorize-masked-cells"):
        assert records[key]["status"] == "not-found", key


@pytest.mark.parametrize("failure", ["500", "503", "timeout", "malformed", "429:1"])
def test_persistent_failures_leave_the_lock_byte_for_byte_unchanged(registry_dir: Path, services: FakeServices,
                                                                    base: str, failure: str) -> None:
    before = (registry_dir / "citations.lock.yaml").read_bytes()
    services.failures = {service: [failure] * 10 for service in ("arxiv", "doi", "crossref", "github")}
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 0
    assert (registry_dir / "citations.lock.yaml").read_bytes() == before
    assert not [p for p in registry_dir.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_transient_failures_are_retried_honouring_retry_after(registry_dir: Path, services: FakeServices,
                                                              base: str) -> None:
    services.failures = {"arxiv": ["429:7", "500"], "github": ["ratelimit", "timeout"], "doi": ["malformed"]}
    sleeps: list[float] = []
    assert run_verify(registry_dir, True, False, sources(services, base, sleeps), TODAY) == 0
    assert 7 in sleeps  # Retry-After honoured
    records = lock(registry_dir)
    assert records["arxiv:2310.00390"]["source"] == "arxiv-api"
    assert records["github:AlaaLab/InstructCV"]["source"] == "github-api"


def test_doi_falls_back_to_crossref(registry_dir: Path, services: FakeServices, base: str) -> None:
    services.failures = {"doi": ["500"] * 10}
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 0
    assert lock(registry_dir)["doi:10.1093/mictod/qaad096"]["source"] == "crossref"


def test_arxiv_batches_are_paced(services: FakeServices, base: str) -> None:
    sleeps: list[float] = []
    client = sources(services, base, sleeps)
    client.arxiv(["2310.00390"])
    client.arxiv(["2302.05968"])
    assert len(sleeps) == 1 and 2.5 < sleeps[0] <= 3.0


def test_github_token_is_sent_and_renames_are_recorded(registry_dir: Path, services: FakeServices,
                                                       base: str) -> None:
    services.repos["AlaaLab/InstructCV"] = {"full_name": "AlaaLab/InstructCV-v2", "archived": True}
    assert run_verify(registry_dir, True, False, sources(services, base, [], token="s3cret"), TODAY) == 0
    github = [headers for service, _, headers in services.requests if service == "github"]
    assert github and all(h.get("authorization") == "Bearer s3cret" for h in github)
    _, diagnostics = check_registry(read_registry(registry_dir, "registry"))
    assert {d.code for d in diagnostics} == {"cite.renamed", "cite.archived"}


def test_only_changed_checks_only_new_identifiers(registry_dir: Path, services: FakeServices, base: str) -> None:
    path = registry_dir / "citations.lock.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    del data["records"]["arxiv:2402.18286"]
    path.write_text(yaml.safe_dump(data), "utf-8")
    assert run_verify(registry_dir, True, True, sources(services, base, []), TODAY) == 0
    assert [(service, path.split("id_list=")[1].split("&")[0]) for service, path, _ in services.requests] == [
        ("arxiv", "2402.18286")]
    records = lock(registry_dir)
    assert records["arxiv:2402.18286"]["source"] == "arxiv-api"
    assert records["arxiv:2310.00390"]["source"] == "manual"


def test_an_unreadable_lock_is_never_overwritten(registry_dir: Path, services: FakeServices, base: str) -> None:
    (registry_dir / "citations.lock.yaml").write_text("version: 1\nrecords: [\n", "utf-8")
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 2
    assert (registry_dir / "citations.lock.yaml").read_text("utf-8") == "version: 1\nrecords: [\n"
    assert services.requests == []


def test_a_second_run_that_finds_nothing_new_changes_nothing(registry_dir: Path, services: FakeServices,
                                                             base: str) -> None:
    run_verify(registry_dir, True, False, sources(services, base, []), TODAY)
    first = (registry_dir / "citations.lock.yaml").read_bytes()
    run_verify(registry_dir, True, False, sources(services, base, []), TODAY + datetime.timedelta(days=7))
    assert (registry_dir / "citations.lock.yaml").read_bytes() == first


def test_arxiv_error_entries_are_not_results() -> None:
    feed = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id</id>'
            b"<title>Error</title></entry></feed>")
    assert parse_arxiv_feed(feed) == {}


def test_the_command_line_uses_the_environment_endpoints(registry_dir: Path, services: FakeServices,
                                                         base: str) -> None:
    env = {**os.environ, **services.endpoints(base)}
    env.pop("GITHUB_TOKEN", None)
    result = subprocess.run([sys.executable, "-m", "generator", "verify", "--online"], cwd=registry_dir.parent,
                            capture_output=True, text=True, env=env, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "updated registry/citations.lock.yaml" in result.stderr
    assert lock(registry_dir)["arxiv:2402.18286"]["source"] == "arxiv-api"


def test_offline_verify_lists_statuses_without_network(registry_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "verify"], cwd=registry_dir.parent,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "arxiv:2310.00390: checked by hand on 2026-11-21" in result.stdout
