"""The `askscope` command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def askscope(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, check=False)


def test_check_passes_on_the_valid_registry(registry_dir: Path) -> None:
    result = askscope("check", "--strict", cwd=registry_dir.parent)
    assert result.returncode == 0, result.stderr
    assert "ok: 1 questions, 1 models, 4 papers, 1 tasks" in result.stderr


def test_check_reports_every_problem_with_its_place_and_exits_1(registry_dir: Path) -> None:
    question = registry_dir / "questions" / "cell-types-without-training.yaml"
    text = question.read_text("utf-8")
    question.write_text(text.replace("models: [instructcv]", "models: [instructcv, no-such-model]"), "utf-8")
    paper = registry_dir / "papers" / "kazimi2024-ssl-gan-em.yaml"
    paper.write_text(paper.read_text("utf-8").replace("year: 2024", 'year: "2024"'), "utf-8")
    model = registry_dir / "models" / "instructcv.yaml"
    model.write_text(model.read_text("utf-8") + "name: InstructCV again\n", "utf-8")

    result = askscope("check", cwd=registry_dir.parent)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    model_line = 1 + model.read_text("utf-8").splitlines().index("name: InstructCV again")
    models_line = 1 + question.read_text("utf-8").splitlines().index("models: [instructcv, no-such-model]")
    assert f"registry/models/instructcv.yaml:{model_line}:1: error: duplicate key 'name' [yaml.duplicate-key]" in lines
    assert "registry/papers/kazimi2024-ssl-gan-em.yaml:5:7: error: year: Input should be a valid integer " \
           "[schema.type]" in lines
    assert any(line.startswith(f"registry/questions/cell-types-without-training.yaml:{models_line}:22: error: "
                               "unknown model 'no-such-model'") and line.endswith("[ref.unknown-model]")
               for line in lines)
    assert "Traceback" not in result.stderr


def test_github_format_prints_annotations(registry_dir: Path) -> None:
    paper = registry_dir / "papers" / "kazimi2024-ssl-gan-em.yaml"
    paper.write_text(paper.read_text("utf-8").replace('arxiv: "2402.18286"', 'arxiv: "2402.182"'), "utf-8")
    result = askscope("check", "--format", "github", cwd=registry_dir.parent)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "::error file=registry/papers/kazimi2024-ssl-gan-em.yaml,line=7,col=8,title=cite.malformed-arxiv::")


def test_github_format_is_the_default_under_github_actions(registry_dir: Path) -> None:
    paper = registry_dir / "papers" / "kazimi2024-ssl-gan-em.yaml"
    paper.write_text(paper.read_text("utf-8").splitlines()[0] + "\n- a list\n", "utf-8")  # the schema line kept
    env = {**dict(__import__("os").environ), "GITHUB_ACTIONS": "true"}
    result = askscope("check", cwd=registry_dir.parent, env=env)
    assert result.stdout.startswith("::error file=registry/papers/kazimi2024-ssl-gan-em.yaml,line=2,col=1,")


def test_missing_registry_folder_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    result = askscope("check", "--registry", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert "no registry folder at nowhere" in result.stderr
    assert "Traceback" not in result.stderr


def test_generate_writes_pages_and_a_second_run_writes_nothing(registry_dir: Path) -> None:
    out = registry_dir.parent / "docs"
    first = askscope("generate", "--out", "docs", cwd=registry_dir.parent)
    assert first.returncode == 0, first.stderr
    assert (out / "questions" / "cell-types-without-training.md").is_file()
    second = askscope("generate", "--out", "docs", cwd=registry_dir.parent)
    assert "0 written" in second.stderr


def test_generate_writes_the_links_for_mkdocs_directory_urls_setting(registry_dir: Path) -> None:
    page = registry_dir.parent / "docs" / "papers" / "gan2024-instructcv.md"
    assert askscope("generate", "--out", "docs", cwd=registry_dir.parent).returncode == 0
    assert '<a href="../../questions/cell-types-without-training/">' in page.read_text("utf-8")
    result = askscope("generate", "--out", "docs", "--no-directory-urls", cwd=registry_dir.parent)
    assert result.returncode == 0, result.stderr
    assert '<a href="../questions/cell-types-without-training.html">' in page.read_text("utf-8")


def test_generate_writes_nothing_when_the_registry_has_errors(registry_dir: Path) -> None:
    (registry_dir / "tasks.yaml").write_text("tasks: [\n", "utf-8")
    result = askscope("generate", "--out", "docs", cwd=registry_dir.parent)
    assert result.returncode == 1
    assert not (registry_dir.parent / "docs").exists()


def test_committed_schema_matches_the_models() -> None:
    result = askscope("schema", cwd=REPO)
    assert result.returncode == 0
    committed = json.loads((REPO / "registry" / "schema.json").read_text("utf-8"))
    assert json.loads(result.stdout) == committed, "run `askscope schema > registry/schema.json`"
