"""`askscope import`: question bundles written as prompts become registry entries.

The prompts in tests/data/import/ are the seed (seed-000.txt, a copy of the project's seed 000) and
prompts written to stress the parser: other instructions, Windows line endings, Markdown bold and
numbered lists, curly quotes, missing lines, stray lines, a GitHub issue-form body.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import check_registry
from generator.cli import main
from generator.contribute.importer import build_index, plan_import
from generator.contribute.prompt import decode_prompt, parse_prompt
from generator.contribute.promptlinks import Link, read_github, read_paper_link
from generator.registry.folder import read_registry
from generator.registry.schema import Lock

from ..conftest import DATA, REPO, VALID
from ..filling import DELETE, fill_todos

PROMPTS = DATA / "import"
SEED = PROMPTS / "seed-000.txt"
SEED_QUESTION = ("I uploaded a microscope image, and it instantly told me what kind of cells they were\u2014without "
                 "any extra training. How does it know that right away?")
GOOD_PROMPTS = sorted(p for p in PROMPTS.iterdir() if p.name != "no-question.txt")


def run_import(registry: Path, *prompts: Path, dry_run: bool = False) -> Result:
    args = ["import", "--registry", str(registry), *(str(p) for p in prompts)] + (["--dry-run"] if dry_run else [])
    return CliRunner().invoke(main, args)


def load(path: Path) -> Any:
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    assert isinstance(data, dict)
    return data


def snapshot(registry: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(registry).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in registry.rglob("*") if p.is_file()}


def test_seed_000_into_an_empty_registry_reproduces_the_bundle(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    result = run_import(registry, SEED)
    assert result.exit_code == 0, result.output

    [question_file] = (registry / "questions").iterdir()
    question = load(question_file)
    assert question["question"] == SEED_QUESTION
    [model_file] = (registry / "models").iterdir()
    model = load(model_file)
    assert question["models"] == [model["id"]] == ["instructcv"]
    assert model["name"] == "ImgTxt2Img-HuggingFace-alaa-lab-InstructCV"
    assert model["code"] == "AlaaLab/InstructCV"
    assert load(registry / "papers" / f"{model['paper']}.yaml")["arxiv"] == "2310.00390"

    related = [load(registry / "papers" / f"{item['paper']}.yaml")
               for item in question["papers"]]
    assert [p["arxiv"] for p in related] == ["2302.05968", "2310.05018", "2402.18286"]
    assert [p["title"] for p in related] == [
        "Self-supervised pseudo-colorizing of masked cells",
        "Human-in-the-loop: The future of Machine Learning in Automated Electron Microscopy",
        "Self-Supervised Learning with Generative Adversarial Networks for Electron Microscopy"]
    assert related[0]["code"] == "roydenwa/pseudo-colorize-masked-cells"
    assert "code" not in related[1] and "code" not in related[2]
    seed_lines = SEED.read_text("utf-8").splitlines()
    summaries = [line.removeprefix("Summary: ") for line in seed_lines if line.startswith("Summary: ")]
    assert [p["summary"]["overview"] for p in related] == summaries


def test_fields_the_prompt_does_not_give_are_todos_that_check_reports(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    run_import(registry, SEED)
    _, diagnostics = check_registry(read_registry(registry))
    errors = [d for d in diagnostics if d.is_error]
    assert errors and {d.code for d in errors} == {"todo.unfilled"}
    flagged = {(Path(d.path).name, d.message.split(" is still")[0]) for d in errors}
    question = next((registry / "questions").iterdir()).name
    for field in ("task", "answer", "explanation", "limitations[0]", "provenance.machine_drafted",
                  "papers[0].why", "workflow.steps[0].label"):
        assert (question, field) in flagged, field
    paper = "self-supervised-pseudo-colorizing.yaml"
    assert {(paper, "authors[0]"), (paper, "year")} <= flagged
    assert (paper, "title") not in flagged


def test_a_second_import_changes_nothing(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    assert run_import(registry, *GOOD_PROMPTS).exit_code == 0
    before = snapshot(registry)
    again = run_import(registry, *GOOD_PROMPTS)
    assert again.exit_code == 0, again.output
    assert snapshot(registry) == before
    assert "created 0," in again.output
    assert "  created " not in again.output


def test_seed_000_matches_the_entries_of_the_real_registry(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(REPO / "registry", registry)
    before = snapshot(registry)
    result = run_import(registry, SEED)
    assert result.exit_code == 0, result.output
    assert snapshot(registry) == before
    for path in ("questions/cell-types-without-training", "models/instructcv", "papers/gan2024-instructcv",
                 "papers/wagner2023-pseudo-colorizing", "papers/kalinin2024-human-in-the-loop",
                 "papers/kazimi2024-ssl-gan-em"):
        assert f"  matched  {registry.as_posix()}/{path}.yaml" in result.output, path


@pytest.mark.parametrize("prompt", GOOD_PROMPTS, ids=[p.name for p in GOOD_PROMPTS])
def test_each_prompt_imports_and_passes_every_check_once_its_todos_are_filled(prompt: Path, tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    result = run_import(registry, prompt)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    for entry in registry.rglob("*.yaml"):
        entry.write_text(fill_todos(entry.read_text("utf-8"), paper=DELETE), "utf-8")
    shutil.copy(VALID / "tasks.yaml", registry / "tasks.yaml")
    _, diagnostics = check_registry(read_registry(registry))
    assert not [d for d in diagnostics if d.is_error], "\n".join(map(str, diagnostics))


def test_windows_line_endings_markdown_and_two_models(tmp_path: Path) -> None:
    prompt = PROMPTS / "two-models-crlf.txt"
    assert b"\r\n" in prompt.read_bytes()
    registry = tmp_path / "registry"
    assert run_import(registry, prompt).exit_code == 0
    question = load(next((registry / "questions").iterdir()))
    assert question["question"] == ("How do I count the nuclei in my fluorescence images when many of them touch "
                                    "each other?")
    assert question["models"] == ["cellpose", "stardist"]
    cellpose, stardist = load(registry / "models" / "cellpose.yaml"), load(registry / "models" / "stardist.yaml")
    assert (cellpose["name"], cellpose["code"]) == ("Cellpose", "MouseLand/cellpose")
    assert (stardist["name"], stardist["code"]) == ("StarDist", "stardist/stardist")
    assert load(registry / "papers" / f"{cellpose['paper']}.yaml")["doi"] == "10.1038/s41592-020-01018-x"
    # The related paper and StarDist's paper are one arXiv id (abs link with a version, and arXiv:…): one file.
    star = load(registry / "papers" / f"{stardist['paper']}.yaml")
    assert question["papers"] == [{"paper": stardist["paper"], "why": question["papers"][0]["why"]}]
    assert (star["arxiv"], star["title"]) == ("1806.03535", "Cell Detection with Star-convex Polygons")
    assert star["summary"] == {"overview": "Detects cell nuclei by predicting a star-convex polygon for every pixel, "
                                           "which keeps touching nuclei apart."}
    assert len(list((registry / "papers").iterdir())) == 2


def test_lines_that_cannot_be_read_are_reported_with_their_line_numbers(tmp_path: Path) -> None:
    result = run_import(tmp_path / "registry", PROMPTS / "missing-lines.txt")
    assert result.exit_code == 0
    name = (PROMPTS / "missing-lines.txt").as_posix()
    assert f"{name}:17:1: warning: not understood in the papers list" in result.output
    assert "[import.unparsed]" in result.output
    assert f"{name}:21:1: warning: 'https://gitlab.com/not/github' is not a GitHub repository" in result.output
    assert "2 line(s) not understood" in result.output


def test_a_prompt_without_a_question_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    result = run_import(registry, PROMPTS / "no-question.txt")
    assert result.exit_code == 1
    assert "error: no question found [import.no-question]" in result.output
    assert not registry.exists() or not any(registry.rglob("*.yaml"))


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    result = run_import(registry, SEED, dry_run=True)
    assert result.exit_code == 0
    assert "would create 6, matched 0" in result.output
    assert not registry.exists()


def test_several_prompts_share_entries_within_one_run(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    other = tmp_path / "other.txt"
    other.write_text('"Can I use InstructCV on electron micrographs?"\n\nRecommended AI Models:\n'
                     "Model: InstructCV\nGitHub: https://github.com/alaalab/instructcv\n", "utf-8")
    result = run_import(registry, SEED, other)
    assert result.exit_code == 0, result.output
    assert len(list((registry / "models").iterdir())) == 1
    assert len(list((registry / "questions").iterdir())) == 2
    assert f"  matched  {registry.as_posix()}/models/instructcv.yaml  (GitHub alaalab/instructcv" in result.output


def test_a_matched_question_is_left_alone_and_differences_are_noted(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(VALID, registry)
    prompt = tmp_path / "more.txt"
    prompt.write_text(SEED.read_text("utf-8").replace(
        "### Related Papers:\n", "### Related Papers:\nModel: U-Net\nPaper: https://arxiv.org/abs/1505.04597\n\n"),
        "utf-8")
    before = (registry / "questions" / "cell-types-without-training.yaml").read_bytes()
    result = run_import(registry, prompt)
    assert result.exit_code == 0, result.output
    assert (registry / "questions" / "cell-types-without-training.yaml").read_bytes() == before
    assert "note: question cell-types-without-training was left as it is; it does not list u-net" in result.output


@pytest.mark.parametrize("text, expected", [
    ("https://arxiv.org/pdf/2310.00390", Link("arxiv", "2310.00390")),
    ("http://arxiv.org/pdf/2302.05968v2.pdf", Link("arxiv", "2302.05968")),
    ("https://arxiv.org/abs/1806.03535v2", Link("arxiv", "1806.03535")),
    ("arxiv.org/abs/2402.18286v1", Link("arxiv", "2402.18286")),
    ("arXiv:2310.05018", Link("arxiv", "2310.05018")),
    ("[the paper](https://doi.org/10.1038/S41592-020-01018-X).", Link("doi", "10.1038/s41592-020-01018-x")),
    ("<https://www.biorxiv.org/content/10.1101/2022.04.01.486647v1>",
     Link("url", "https://www.biorxiv.org/content/10.1101/2022.04.01.486647v1")),
    ("http://example.org/not-https", None),
    ("see the supplement", None),
])
def test_paper_links_are_read_in_their_canonical_form(text: str, expected: Link | None) -> None:
    assert read_paper_link(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("https://github.com/AlaaLab/InstructCV", "AlaaLab/InstructCV"),
    ("github.com/stardist/stardist/tree/main", "stardist/stardist"),
    ("https://github.com/MouseLand/cellpose.git", "MouseLand/cellpose"),
    ("MouseLand/cellpose", "MouseLand/cellpose"),
    ("https://gitlab.com/a/b", None),
    ("none", None),
])
def test_github_lines_are_read_in_their_canonical_form(text: str, expected: str | None) -> None:
    assert read_github(text) == expected


def test_crlf_and_lf_prompts_parse_the_same() -> None:
    raw = SEED.read_bytes()
    lf, _ = decode_prompt("a", raw)
    crlf, _ = decode_prompt("a", raw.replace(b"\n", b"\r\n"))
    assert lf == crlf
    assert lf is not None
    spaced, _ = parse_prompt("a", lf.replace("\n", "\n\n"))
    plain, _ = parse_prompt("a", lf)
    assert spaced is not None and plain is not None
    assert spaced.question == plain.question
    assert [(i.name, i.paper, i.github, i.summary) for i in spaced.papers] == \
        [(i.name, i.paper, i.github, i.summary) for i in plain.papers]


@pytest.mark.parametrize("prompt", [
    'The user asked the following question:\n"How do I  segment\ncells in 3D?"\n\nModels:\nModel: X\n',
    'Intro.\n\n**Question:** \u201cHow do I  segment cells in 3D?\u201d\n\nRecommended models:\n- **Model:** X\n',
    '### Your question\n\nHow do I  segment cells in 3D?\n\n### Recommended AI Models\n\nModel: X\n',
])
def test_the_question_is_found_in_its_usual_forms(prompt: str) -> None:
    bundle, diagnostics = parse_prompt("p.txt", prompt)
    assert not diagnostics
    assert bundle is not None and [m.name for m in bundle.models] == ["X"]
    assert bundle.question == "How do I  segment cells in 3D?"  # as written; a line break becomes a space


def test_a_prompt_that_is_not_utf8_is_a_diagnostic() -> None:
    text, diagnostics = decode_prompt("p.txt", b'"Why?"\n\xff\xfe')
    assert text is None
    assert [(d.line, d.code) for d in diagnostics] == [(2, "import.encoding")]


@settings(deadline=None)
@given(st.text(max_size=400))
def test_parsing_never_fails_on_arbitrary_text(text: str) -> None:
    bundle, diagnostics = parse_prompt("p.txt", text)
    assert bundle is not None or any(d.is_error for d in diagnostics)


_QUESTION_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=120).map(
    lambda s: " ".join(s.split()).strip("\"\u201c\u201d*_> ")).filter(lambda s: bool(s))


@settings(deadline=None)
@given(_QUESTION_TEXT, st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60))
def test_the_question_and_names_are_copied_exactly_into_valid_yaml(question: str, name: str) -> None:
    name = " ".join(name.split()).strip("*_ ") or "A model"
    prompt = f'A user asked:\n"{question}"\n\nRecommended AI Models:\nModel: {name}\n'
    bundle, _ = parse_prompt("p.txt", prompt)
    assert bundle is not None
    assert bundle.question == question
    plan = plan_import(bundle, build_index({}), Lock(version=1), datetime.date(2026, 1, 1))
    texts = {path.split("/")[0]: text for path, text in plan.files.items()}
    assert yaml.load(texts["questions"], Loader=yaml.CSafeLoader)["question"] == question
    assert yaml.load(texts["models"], Loader=yaml.CSafeLoader)["name"] == name


def test_links_inside_text_and_markdown_links_are_read_and_trailing_remarks_ignored(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    result = run_import(registry, PROMPTS / "inline-links.md")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # "Thanks!" after the last list is not part of it
    question = load(next((registry / "questions").iterdir()))
    assert question["question"] == "Which tool can outline every nucleus in my H&E slide?"
    model = load(registry / "models" / "cellvit.yaml")
    assert (model["name"], model["code"]) == ("CellViT", "TIO-IKIM/CellViT")
    paper = load(registry / "papers" / f"{model['paper']}.yaml")
    assert (paper["arxiv"], paper["title"]) == (
        "2306.15350", "CellViT: Vision Transformers for precise cell segmentation and classification")
    [related] = [load(registry / "papers" / f"{p['paper']}.yaml") for p in question["papers"]]
    assert (related["arxiv"], related["title"]) == ("2304.02643", "Segment Anything")
    assert related["summary"]["overview"] == "A promptable segmentation model trained on 11 million images."


def _model(entity_id: str, name: str, paper: str) -> bytes:
    return f"id: {entity_id}\nname: {name}\npaper: {paper}\ncode: MouseLand/cellpose\n".encode()


def test_models_sharing_a_repository_are_told_apart_by_their_paper() -> None:
    files = {"r/models/cellpose-sam.yaml": _model("cellpose-sam", "Cellpose-SAM", "pachitariu2025"),
             "r/models/cellpose.yaml": _model("cellpose", "Cellpose", "stringer2021"),
             "r/papers/stringer2021.yaml": b"id: stringer2021\ndoi: 10.1038/s41592-020-01018-x\n"}
    prompt = ('"How do I segment cells?"\n\nModels:\nModel: Cellpose\n'
              "Paper: https://doi.org/10.1038/s41592-020-01018-x\nGitHub: https://github.com/MouseLand/cellpose\n")
    bundle, _ = parse_prompt("p.txt", prompt)
    assert bundle is not None
    plan = plan_import(bundle, build_index(files), Lock(version=1), datetime.date(2026, 1, 1))
    assert [(o.kind, o.id, o.action) for o in plan.outcomes[:2]] == [
        ("papers", "stringer2021", "matched"), ("models", "cellpose", "matched")]
    assert not plan.notes


def test_a_paper_with_a_known_title_but_another_link_is_matched_and_noted() -> None:
    files = {"r/papers/weigert2018.yaml": b'id: weigert2018\ntitle: "Content-aware image restoration"\n'
                                          b"doi: 10.1038/s41592-018-0216-7\n"}
    prompt = ('"How do I denoise?"\n\nModels:\nModel: CARE\n\nRelated papers:\n'
              "Title: Content-Aware  Image Restoration\nLink: https://www.nature.com/articles/s41592-018-0216-7\n")
    bundle, _ = parse_prompt("p.txt", prompt)
    assert bundle is not None
    plan = plan_import(bundle, build_index(files), Lock(version=1), datetime.date(2026, 1, 1))
    assert ("papers", "weigert2018", "matched", "same title") in [(o.kind, o.id, o.action, o.reason)
                                                                  for o in plan.outcomes]
    assert not [path for path in plan.files if path.startswith("papers/")]
    assert plan.notes == ["paper weigert2018 has the same title but not the link "
                          "https://www.nature.com/articles/s41592-018-0216-7 (line 7); check that they are one work"]


@pytest.mark.parametrize("text", [b"papers: 5\nquestion: 7\n", b"- a list\n", b"models: {a: 1}\nname: [x]\n",
                                  b"question: [1]\npapers: [1, {paper: [2]}]\n", b"\xff\xfe", b"id: [\n",
                                  b"arxiv: 13\ncode: {x: 1}\nweights: 2\npaper: 3\ntitle: null\n"])
def test_the_index_reads_any_registry_file_without_failing(text: bytes) -> None:
    files = {f"r/{kind}/x.yaml": text for kind in ("questions", "models", "papers")}
    index = build_index(files)
    assert all("x" in ids for ids in index.ids.values())
