"""The recorded services and the registry whose facts are the recorded ones, shared by the online tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.citations.online import verify as verify_module

from ...conftest import DATA
from ...fakeservices import FakeServices, serve
from ...recorded import only


def recorded_services() -> FakeServices:
    return FakeServices(
        arxiv={"1605.08386": only("arxiv.py/id_1605.08386_s0_m100_199195aa31ad.json"),
               "1111.2011": only("arxiv.py/id_list=1111.2011v2.xml"),
               "0808.05394,1707.08567": only("arxiv.py/id_0808.05394_1707.08567_s0_m100_42e5aa0ec3af.json")},
        dois={"10.1126/science.169.3946.635": only("habanero/test_content_negotiation_citeproc_json.yaml")},
        crossref={"10.1371/journal.pone.0033693": only("habanero/test_works_with_one_id.yaml")},
        repos={"PyGithub/PyGithub": only("PyGithub/Repository.setUp.txt")})


@pytest.fixture
def services() -> FakeServices:
    return recorded_services()


@pytest.fixture
def base(services: FakeServices) -> Iterator[str]:
    with serve(services) as url:
        yield url


@pytest.fixture
def recorded_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of tests/data/recorded; one arXiv id per request, so each gets its recorded feed."""
    monkeypatch.setattr(verify_module, "ARXIV_BATCH", 1)
    target = tmp_path / "registry"
    shutil.copytree(DATA / "recorded", target)
    return target
