"""`askscope verify --online` against recorded real answers served on 127.0.0.1 (tests/fakeservices.py).

The registry here (tests/data/recorded) holds papers whose identifiers have recorded answers; its facts
are the recorded ones. GitHub is exercised on the valid registry's repositories, answered with the
recorded repository (a scripted stand-in: no other recorded repository was found)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.check import check_registry
from generator.citations.online.command import run_verify
from generator.citations.online.sources import Endpoints, Http, Sources
from generator.registry.folder import read_registry

from ...fakeservices import FakeServices
from ...recorded import only

TODAY = datetime.date(2026, 11, 21)
PLOS_ON_DOI_ORG = "doi:10.1371/journal.pone.0033693"


def sources(services: FakeServices, base: str, sleeps: list[float], token: str = "") -> Sources:
    env = services.endpoints(base)
    endpoints = Endpoints(env["ASKSCOPE_ARXIV_API"], env["ASKSCOPE_DOI_API"], env["ASKSCOPE_CROSSREF_API"],
                          env["ASKSCOPE_GITHUB_API"], token)
    return Sources(endpoints, Http(timeout=0.3, attempts=3, backoff=0.01, max_wait=30, sleep=sleeps.append),
                   arxiv_interval=3.0)


def lock(registry_dir: Path) -> dict[str, dict[str, object]]:
    records: dict[str, dict[str, object]] = yaml.safe_load((registry_dir / "citations.lock.yaml").read_text("utf-8"))[
        "records"]
    return records


def test_recorded_answers_verify_the_registry(recorded_dir: Path, services: FakeServices, base: str) -> None:
    services.failures = {PLOS_ON_DOI_ORG: ["503"] * 3}  # doi.org fails for the PLoS DOI: Crossref answers
    assert run_verify(recorded_dir, True, False, sources(services, base, []), TODAY) == 0
    records = lock(recorded_dir)
    assert records["arxiv:1605.08386"] == {
        "status": "verified", "source": "arxiv-api", "checked": "2026-11-21",
        "title": "Heat-bath random walks with Markov bases", "authors": ["Caprice Stanley", "Tobias Windisch"],
        "year": 2016}
    assert records["arxiv:1111.2011"]["year"] == 2011  # registry 2012 (the journal): within the tolerance
    assert records["doi:10.1126/science.169.3946.635"]["source"] == "doi"
    assert records["doi:10.1371/journal.pone.0033693"]["source"] == "crossref"
    assert all(r["status"] == "verified" for r in records.values())
    _, diagnostics = check_registry(read_registry(recorded_dir, "registry"), strict=True)
    assert diagnostics == []


def test_a_title_from_another_paper_is_a_metadata_mismatch(recorded_dir: Path, services: FakeServices,
                                                         base: str) -> None:
    paper = recorded_dir / "papers" / "stanley2016-heat-bath.yaml"
    paper.write_text(paper.read_text("utf-8").replace("Heat-bath random walks", "Segment anything"), "utf-8")
    services.failures = {PLOS_ON_DOI_ORG: ["503"] * 3}
    assert run_verify(recorded_dir, True, False, sources(services, base, []), TODAY) == 1
    record = lock(recorded_dir)["arxiv:1605.08386"]
    assert record["status"] == "metadata-mismatch" and record["title"] == "Heat-bath random walks with Markov bases"
    _, diagnostics = check_registry(read_registry(recorded_dir, "registry"))
    assert {(d.path, d.code) for d in diagnostics if d.is_error} == {
        ("registry/papers/stanley2016-heat-bath.yaml", "cite.source-mismatch")}


def test_an_answer_for_another_id_is_not_taken_for_the_one_asked(recorded_dir: Path, services: FakeServices,
                                                                 base: str) -> None:
    services.arxiv["1605.08386"] = only("arxiv.py/id_astro-ph_0601001_s0_m100_3150dca9dc76.json")
    run_verify(recorded_dir, True, False, sources(services, base, []), TODAY)
    assert lock(recorded_dir)["arxiv:1605.08386"]["status"] == "not-found"


def test_unknown_identifiers_are_not_found(recorded_dir: Path, services: FakeServices, base: str) -> None:
    services.arxiv.clear()
    services.dois.clear()
    services.crossref.clear()
    assert run_verify(recorded_dir, True, False, sources(services, base, []), TODAY) == 1
    records = lock(recorded_dir)
    assert {k: r["status"] for k, r in records.items()} == dict.fromkeys(records, "not-found")
    assert records["arxiv:1605.08386"]["note"] == "not in arXiv's answer"


def test_several_ids_in_one_request(services: FakeServices, base: str) -> None:
    answers = sources(services, base, []).arxiv(["0808.05394", "1707.08567"])
    assert answers["0808.05394"].status == "not-found"
    found = answers["1707.08567"].found
    assert found is not None and found.title and found.title.startswith("Proceedings of Workshop AEW10")


@pytest.mark.parametrize("failure", ["500", "503", "timeout", "malformed", "429:1"])
def test_persistent_failures_leave_the_lock_byte_for_byte_unchanged(registry_dir: Path, services: FakeServices,
                                                                    base: str, failure: str) -> None:
    before = (registry_dir / "citations.lock.yaml").read_bytes()
    services.failures = {service: [failure] * 10 for service in ("arxiv", "doi", "crossref", "github")}
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 1  # nothing was checked
    assert (registry_dir / "citations.lock.yaml").read_bytes() == before
    assert not [p for p in registry_dir.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_transient_failures_are_retried_honouring_retry_after(recorded_dir: Path, services: FakeServices,
                                                              base: str) -> None:
    services.failures = {"arxiv": ["429:7", "500"], PLOS_ON_DOI_ORG: ["malformed", "503", "503"]}
    sleeps: list[float] = []
    assert run_verify(recorded_dir, True, False, sources(services, base, sleeps), TODAY) == 0
    assert 7 in sleeps  # Retry-After honoured
    assert {r["status"] for r in lock(recorded_dir).values()} == {"verified"}


def test_arxiv_batches_are_paced(services: FakeServices, base: str) -> None:
    sleeps: list[float] = []
    client = sources(services, base, sleeps)
    client.arxiv(["1605.08386"])
    client.arxiv(["1111.2011"])
    assert len(sleeps) == 1 and 2.5 < sleeps[0] <= 3.0


def test_the_registry_s_arxiv_ids_go_in_one_request(registry_dir: Path, services: FakeServices, base: str) -> None:
    run_verify(registry_dir, True, False, sources(services, base, []), TODAY)
    arxiv_requests = [path for service, path, _ in services.requests if service == "arxiv"]
    assert len(arxiv_requests) == 1 and "id_list=2302.05968%2C2310.00390%2C2310.05018%2C2402.18286" in \
        arxiv_requests[0]


def test_github_live_repository_token_and_rate_limit(registry_dir: Path, services: FakeServices, base: str) -> None:
    services.repos = {"AlaaLab/InstructCV": only("PyGithub/Repository.setUp.txt")}  # the recorded answer
    services.failures = {"github": ["ratelimit"]}
    sleeps: list[float] = []
    run_verify(registry_dir, True, False, sources(services, base, sleeps, token="s3cret"), TODAY)
    github = [headers for service, _, headers in services.requests if service == "github"]
    assert github and all(h.get("authorization") == "Bearer s3cret" for h in github)
    record = lock(registry_dir)["github:AlaaLab/InstructCV"]
    assert (record["full_name"], record["archived"], record["default_branch"]) == ("PyGithub/PyGithub", False, "main")
    assert lock(registry_dir)["github:roydenwa/pseudo-colorize-masked-cells"]["status"] == "not-found"  # real 404
    _, diagnostics = check_registry(read_registry(registry_dir, "registry"))
    assert "cite.renamed" in {d.code for d in diagnostics}


def test_a_renamed_repository_s_redirect_is_followed(registry_dir: Path, services: FakeServices, base: str) -> None:
    services.renamed = {"AlaaLab/InstructCV": "PyGithub/PyGithub"}  # scripted 301, recorded target
    run_verify(registry_dir, True, False, sources(services, base, []), TODAY)
    assert lock(registry_dir)["github:AlaaLab/InstructCV"]["full_name"] == "PyGithub/PyGithub"
    assert [p for s, p, _ in services.requests if s == "github"][:2] == [
        "/github/repos/AlaaLab/InstructCV", "/github/repos/PyGithub/PyGithub"]


def test_a_redirect_to_github_s_own_address_stays_on_the_configured_endpoint(registry_dir: Path,
                                                                            services: FakeServices,
                                                                            base: str) -> None:
    services.renamed = {"AlaaLab/InstructCV": "https://api.github.com/repositories/3544490"}  # scripted
    services.repos["repositories/3544490"] = only("PyGithub/Repository.setUp.txt")
    run_verify(registry_dir, True, False, sources(services, base, []), TODAY)
    assert lock(registry_dir)["github:AlaaLab/InstructCV"]["full_name"] == "PyGithub/PyGithub"
    assert "/github/repositories/3544490" in [p for s, p, _ in services.requests if s == "github"]


def test_only_changed_checks_only_new_identifiers(recorded_dir: Path, services: FakeServices, base: str) -> None:
    services.failures = {PLOS_ON_DOI_ORG: ["503"] * 3}
    run_verify(recorded_dir, True, False, sources(services, base, []), TODAY)
    path = recorded_dir / "citations.lock.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    del data["records"]["arxiv:1605.08386"]
    path.write_text(yaml.safe_dump(data), "utf-8")
    services.requests.clear()
    assert run_verify(recorded_dir, True, True, sources(services, base, []), TODAY) == 0
    assert [(s, p.split("id_list=")[1].split("&")[0]) for s, p, _ in services.requests] == [("arxiv", "1605.08386")]


def test_an_unreadable_lock_is_never_overwritten(registry_dir: Path, services: FakeServices, base: str) -> None:
    (registry_dir / "citations.lock.yaml").write_text("version: 1\nrecords: [\n", "utf-8")
    assert run_verify(registry_dir, True, False, sources(services, base, []), TODAY) == 2
    assert (registry_dir / "citations.lock.yaml").read_text("utf-8") == "version: 1\nrecords: [\n"
    assert services.requests == []


def test_a_second_run_that_finds_nothing_new_changes_nothing(recorded_dir: Path, services: FakeServices,
                                                             base: str) -> None:
    run_verify(recorded_dir, True, False, sources(services, base, []), TODAY)
    first = (recorded_dir / "citations.lock.yaml").read_bytes()
    run_verify(recorded_dir, True, False, sources(services, base, []), TODAY + datetime.timedelta(days=7))
    assert (recorded_dir / "citations.lock.yaml").read_bytes() == first


def test_the_command_line_uses_the_environment_endpoints(registry_dir: Path, services: FakeServices,
                                                         base: str) -> None:
    env = {**os.environ, **services.endpoints(base)}
    env.pop("GITHUB_TOKEN", None)
    result = subprocess.run([sys.executable, "-m", "generator", "verify", "--online"], cwd=registry_dir.parent,
                            capture_output=True, text=True, env=env, check=False, timeout=120)
    assert result.returncode == 1, result.stderr  # the valid registry's ids are not in the recordings
    assert "updated registry/citations.lock.yaml" in result.stderr
    assert lock(registry_dir)["arxiv:2402.18286"]["status"] == "not-found"


def test_offline_verify_lists_statuses_without_network(registry_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "verify"], cwd=registry_dir.parent,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "arxiv:2310.00390: checked by hand on 2026-11-21" in result.stdout
