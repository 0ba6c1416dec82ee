"""`askscope draft`: a drafted answer is checked against the question's bundle before it becomes YAML; a clean
one lands with its citations as [@id] keys, a broken one is reported with line:col in the answer file and
nothing is written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.contribute.draft import check_draft
from generator.registry.folder import read_registry
from generator.registry.loading import Registry, load_registry

from ..conftest import REPO

QID = "cell-types-without-training"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "registry", tmp_path / "registry")
    return tmp_path / "registry"


def loaded(registry: Path) -> Registry:
    return load_registry(read_registry(registry))[0]


def outside_paper(reg: Registry) -> tuple[str, str]:
    """(title, arXiv id) of two registered papers that the question's bundle does not list."""
    bundle = {r.paper for r in reg.questions[QID].papers}
    others = [p for pid, p in sorted(reg.papers.items()) if pid not in bundle and p.arxiv]
    return others[0].title, others[1].arxiv or ""


def draft(registry: Path, answer: Path, *more: str) -> Result:
    return CliRunner().invoke(main, ["draft", QID, str(answer), "--machine-drafted", "yes",
                                     "--registry", str(registry), *more])


def test_a_draft_citing_outside_the_bundle_is_rejected_with_positions(registry: Path, tmp_path: Path) -> None:
    title, arxiv = outside_paper(loaded(registry))
    answer = tmp_path / "answer.md"
    answer.write_text("Answer:\nIt reuses what InstructCV learned [@instructcv].\n"
                      "See https://example.org/cells for more.\n"
                      f"A related result is arXiv:{arxiv}, and\n"
                      f"the paper *{title}* agrees.\n", "utf-8")
    before = (registry / "questions" / f"{QID}.yaml").read_bytes()
    result = draft(registry, answer)
    assert result.exit_code == 1
    found = re.findall(r"answer\.md:(\d+):(\d+): error: .*\[(draft\.[a-z-]+)\]", result.stderr)
    assert found == [("3", "5", "draft.outside-link"), ("4", "21", "draft.outside-arxiv"),
                     ("5", "12", "draft.outside-title")]
    assert "nothing was written" in result.stderr
    assert (registry / "questions" / f"{QID}.yaml").read_bytes() == before


def test_a_clean_draft_lands_with_its_citations_as_keys(registry: Path, tmp_path: Path) -> None:
    path = registry / "questions" / f"{QID}.yaml"
    before = path.read_text("utf-8")
    answer = tmp_path / "answer.md"
    answer.write_text("The model was trained before you uploaded anything: [InstructCV]"
                      "(https://github.com/AlaaLab/InstructCV) reads an instruction\n"
                      "and answers with an image (https://arxiv.org/abs/2310.00390v2).   \n\n"
                      "Check its labels yourself.\n", "utf-8")
    result = draft(registry, answer)
    assert result.exit_code == 0, result.output
    after = path.read_text("utf-8")
    question = loaded(registry).questions[QID]
    assert question.answer == ("The model was trained before you uploaded anything: InstructCV [@gan2024-instructcv] "
                               "reads an instruction\nand answers with an image ([@gan2024-instructcv]).\n\n"
                               "Check its labels yourself.")
    assert question.provenance.machine_drafted is True
    # everything but the answer and the revision date is the file as it was, line for line
    kept = [line for line in before.splitlines() if not line.startswith("  date:")]
    start, end = kept.index("answer: >-"), kept.index("explanation: |")
    assert [line for line in kept[:start] + kept[end:] if line not in after.splitlines()] == []
    strict = CliRunner().invoke(main, ["check", "--strict", "--registry", str(registry)])
    assert strict.exit_code == 0, strict.output


def test_the_draft_can_become_the_explanation(registry: Path, tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text("**Why.** InstructCV [@instructcv] was trained before.\n\n- a list item\n", "utf-8")
    assert draft(registry, answer, "--field", "explanation").exit_code == 0
    assert loaded(registry).questions[QID].explanation == ("**Why.** InstructCV [@instructcv] was trained before.\n\n"
                                                           "- a list item")


def test_an_unknown_key_an_outside_repository_and_doi_are_reported(registry: Path) -> None:
    reg = loaded(registry)
    text = "See [@cellpose] and https://github.com/someone/else and doi:10.1000/xyz123 too."
    answer, diagnostics = check_draft(reg, QID, "a.md", text)
    assert answer is None
    assert [(d.line, d.column, d.code) for d in diagnostics] == [
        (1, 5, "draft.unknown-key"), (1, 21, "draft.outside-repository"), (1, 61, "draft.outside-doi")]


def test_a_bundle_name_is_not_an_outside_name_inside_a_longer_bundle_name(registry: Path) -> None:
    reg = loaded(registry)
    answer, diagnostics = check_draft(reg, "outline-cells-without-training", "a.md",
                                      "Cellpose-SAM [@cellpose-sam] and Cellpose [@cellpose] outline cells.")
    assert diagnostics == [] and answer is not None


def test_a_draft_that_breaks_the_schema_writes_nothing(registry: Path, tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_text("x" * 20_001, "utf-8")
    before = (registry / "questions" / f"{QID}.yaml").read_bytes()
    result = draft(registry, answer)
    assert result.exit_code == 1 and "[schema.too-long]" in result.stderr
    assert (registry / "questions" / f"{QID}.yaml").read_bytes() == before


@pytest.mark.parametrize(("content", "code"), [(b"\xff\xfe", "draft.encoding"), (b"Answer:\n  \n", "draft.empty")])
def test_an_unreadable_or_empty_draft_is_a_diagnostic(registry: Path, tmp_path: Path, content: bytes,
                                                      code: str) -> None:
    answer = tmp_path / "answer.md"
    answer.write_bytes(content)
    result = draft(registry, answer)
    assert result.exit_code == 1 and f"[{code}]" in result.stderr and "Traceback" not in result.output
