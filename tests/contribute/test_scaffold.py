"""`askscope new`, the TODO check, and the JSON Schemas that editors and other tools use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from generator.check import check_registry
from generator.cli import main
from generator.exports.jsonschema import KIND_FILES, kind_schema, published_schemas
from generator.registry.folder import read_registry
from generator.registry.todos import drop_covered, find_todos
from generator.registry.yamlsource import parse_yaml

from ..conftest import REPO
from ..filling import fill_todos

KIND_OF_DIR = {"questions": "question", "models": "model", "papers": "paper"}


def new(registry: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["new", *args, "--registry", str(registry)])


def errors_in(registry: Path, name: str) -> list[tuple[int, str]]:
    _, diagnostics = check_registry(read_registry(registry))
    return sorted((d.line, d.code) for d in diagnostics if d.is_error and d.path.endswith(name))


def validate_with_jsonschema(path: Path, kind: str) -> list[str]:
    data = yaml.safe_load(path.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(kind_schema(kind), format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("kind, title, expected_id", [
    ("question", "How do I count nuclei that touch each other?", "how-do-i-count-nuclei-that-touch-each-other"),
    ("model", "Cellpose 2.0", "cellpose-2-0"),
    ("paper", "Cellpose: a generalist algorithm for cellular segmentation",
     "cellpose-a-generalist-algorithm"),
])
def test_new_writes_a_skeleton_that_check_flags_until_filled_and_then_passes(
        kind: str, title: str, expected_id: str, registry_dir: Path) -> None:
    result = new(registry_dir, kind, "--title", title)
    assert result.exit_code == 0, result.output
    path = registry_dir / f"{kind}s" / f"{expected_id}.yaml"
    assert result.stdout.strip() == path.as_posix()
    text = path.read_text("utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schema/{kind}.json"
    assert (path.parent / "../schema" / f"{kind}.json").name == f"{kind}.json"
    assert (REPO / "registry" / "schema" / f"{kind}.json").is_file()

    found = errors_in(registry_dir, path.name)
    assert found and {code for _, code in found} == {"todo.unfilled"}
    todo_lines = {n for n, line in enumerate(text.splitlines(), 1) if "TODO" in line.split("#")[0]}
    assert {line for line, _ in found} == todo_lines

    path.write_text(fill_todos(text), "utf-8")
    assert errors_in(registry_dir, path.name) == []
    assert validate_with_jsonschema(path, kind) == []


def test_new_refuses_to_overwrite_an_entry(registry_dir: Path) -> None:
    target = registry_dir / "models" / "instructcv.yaml"
    before = target.read_bytes()
    result = new(registry_dir, "model", "--id", "instructcv")
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert target.read_bytes() == before


@pytest.mark.parametrize("args", [["model", "--id", "Not_Valid"], ["model", "--id", "index"], ["question"],
                                  ["model", "--arxiv", "2310.00390", "--id", "x"],
                                  ["paper", "--arxiv", "2310.13"]])
def test_new_rejects_bad_input_with_a_usage_error(args: list[str], registry_dir: Path) -> None:
    before = sorted(p.name for p in registry_dir.rglob("*"))
    result = new(registry_dir, *args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in registry_dir.rglob("*")) == before


def test_new_paper_from_arxiv_copies_title_authors_and_year_from_the_lock(registry_dir: Path) -> None:
    (registry_dir / "papers" / "gan2024-instructcv.yaml").unlink()
    result = new(registry_dir, "paper", "--arxiv", "https://arxiv.org/pdf/2310.00390v3")
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    data = yaml.safe_load(path.read_text("utf-8"))
    record = yaml.safe_load((registry_dir / "citations.lock.yaml").read_text("utf-8"))["records"]["arxiv:2310.00390"]
    assert (data["title"], data["authors"], data["year"], data["arxiv"]) == (
        record["title"], record["authors"], record["year"], "2310.00390")
    assert path.name == "gan2024-instructcv-instruction.yaml"
    assert errors_in(registry_dir, path.name) == []


def test_new_paper_from_arxiv_without_a_lock_record_leaves_todos(registry_dir: Path) -> None:
    result = new(registry_dir, "paper", "--arxiv", "arXiv:1505.04597v1", "--id", "unet")
    assert result.exit_code == 0, result.output
    assert "no record for arxiv:1505.04597" in result.output
    data = yaml.safe_load((registry_dir / "papers" / "unet.yaml").read_text("utf-8"))
    assert data["arxiv"] == "1505.04597"
    assert "TODO" in data["title"] and data["year"] == "TODO"


def test_new_paper_refuses_an_arxiv_id_the_registry_already_has(registry_dir: Path) -> None:
    result = new(registry_dir, "paper", "--arxiv", "2310.00390v2")
    assert result.exit_code == 1
    assert "papers/gan2024-instructcv.yaml" in result.output


def test_a_todo_is_one_error_at_its_place_and_hides_the_schema_error_there() -> None:
    text = b"id: x\ntitle: ok\nyear: TODO  # a number\nauthors: [A, 'TODO: more']\nnote: all done\n"
    source, _ = parse_yaml("papers/x.yaml", text)
    assert source is not None
    todos = find_todos(source)
    assert [(d.line, d.column, d.code) for d in todos] == [(3, 7, "todo.unfilled"), (4, 14, "todo.unfilled")]
    schema_error = todos[0].__class__("papers/x.yaml", 3, 7, "schema.type", "not a number")
    elsewhere = todos[0].__class__("papers/x.yaml", 2, 8, "schema.type", "not a number")
    assert drop_covered([schema_error, elsewhere], todos) == [elsewhere]


def test_a_word_merely_containing_todo_is_not_a_placeholder() -> None:
    source, _ = parse_yaml("x.yaml", b"a: TODOS and todo and mastodon\n")
    assert source is not None and find_todos(source) == []


def test_a_todo_spelled_with_an_escape_is_still_found() -> None:
    source, _ = parse_yaml("x.yaml", b'a: "\\x54ODO"\nb: "\\u00e9t\\u00e9"\n')
    assert source is not None and source.data["a"] == "TODO"
    assert [d.code for d in find_todos(source)] == ["todo.unfilled"]


@pytest.mark.parametrize("kind", sorted(KIND_FILES))
def test_committed_kind_schemas_match_the_models(kind: str) -> None:
    committed = json.loads((REPO / "registry" / "schema" / f"{kind}.json").read_text("utf-8"))
    assert committed == kind_schema(kind), "run `make schema`"
    assert published_schemas()[f"schema/{kind}.json"] == (REPO / "registry" / "schema" / f"{kind}.json").read_text(
        "utf-8")


def _registry_files() -> list[tuple[Path, str]]:
    found = []
    for path in sorted((REPO / "registry").rglob("*.yaml")):
        kind = KIND_OF_DIR.get(path.parent.name) or ("tasks" if path.name == "tasks.yaml" else "lock")
        found.append((path, kind))
    return found


@pytest.mark.parametrize("path, kind", _registry_files(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_every_registry_file_validates_against_the_published_schemas(path: Path, kind: str) -> None:
    """With an independent validator (jsonschema) and loader (PyYAML's safe_load, YAML 1.1)."""
    assert validate_with_jsonschema(path, kind) == []
    whole = jsonschema.Draft202012Validator(json.loads(published_schemas()["schema.json"]))
    assert [e.message for e in whole.iter_errors(yaml.safe_load(path.read_text("utf-8")))] == []


def test_the_schemas_still_reject_what_the_registry_rejects() -> None:
    question = yaml.safe_load((REPO / "tests/data/valid/questions/cell-types-without-training.yaml").read_text())
    validator = jsonschema.Draft202012Validator(kind_schema("question"), format_checker=jsonschema.FormatChecker())
    changes: list[dict[str, Any]] = [{"provenance": {**question["provenance"], "date": "21 Nov 2026"}},
                                     {"provenance": {**question["provenance"], "date": 20261121}},
                                     {"tags": {"colour": ["red"]}}, {"models": []}]
    for change in changes:
        assert list(validator.iter_errors({**question, **change})), change
