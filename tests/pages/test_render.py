"""Golden pages for the seed bundle (tests/data/valid). After an intended change, regenerate them with
`ASKSCOPE_UPDATE_GOLDEN=1 make test` and review the diff."""

from __future__ import annotations

import os

import pytest

from generator.check import check_registry
from generator.pages.render import render_site
from generator.registry.folder import read_registry

from ..conftest import REPO, VALID

GOLDEN = REPO / "tests" / "golden"


def _pages() -> dict[str, str]:
    registry, diagnostics = check_registry(read_registry(VALID, "registry"), strict=True)
    assert not diagnostics
    return render_site(registry)


PAGES = _pages()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_matches_golden(page: str) -> None:
    golden = GOLDEN / page
    if os.environ.get("ASKSCOPE_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(PAGES[page], "utf-8")
    assert golden.is_file(), f"no golden file for {page}; run with ASKSCOPE_UPDATE_GOLDEN=1"
    assert PAGES[page] == golden.read_text("utf-8")


def test_no_stale_golden_files() -> None:
    on_disk = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert on_disk == set(PAGES)


def test_seed_question_page_anatomy() -> None:
    text = PAGES["questions/cell-types-without-training.md"]
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# I uploaded a microscope image, and it instantly told me what kind of cells they were—without any "
        "extra training. How does it know that right away?",
        "## What you are doing", "## How it works", "## Recommended models", "## Related papers",
        "## How this can be wrong", "## References", "## Provenance",
        "## Cite this page { data-pagefind-ignore }"]
    assert "```mermaid\nflowchart LR\n    accTitle: Workflow: I uploaded" in text
    assert '<li id="ref-2">Yulu Gan, Sungwoo Park' in text
    assert '<a href="https://arxiv.org/abs/2310.00390">arXiv:2310.00390</a>' in text
    code = '<a href="https://github.com/AlaaLab/InstructCV">Code: AlaaLab/InstructCV</a>'
    assert f"{code}: checked by hand on 2026-11-21" in text
    assert '<a href="https://huggingface.co/alaa-lab/InstructCV">Weights: alaa-lab/InstructCV</a>' in text


def test_rendering_is_deterministic() -> None:
    assert _pages() == PAGES
