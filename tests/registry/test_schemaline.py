"""Every registry file names its JSON Schema on its first line, as yaml-language-server reads it: the path
resolves, relative to the file, to the committed schema of the file's kind, which is the one the models make
today, and the file validates against it. `askscope check` warns when the line is missing or wrong, and
everything AskScope writes (new entries, imports, the lock) starts with it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.citations.lockfile import dump_lock
from generator.contribute.scaffold import KINDS, new_entry
from generator.exports.jsonschema import published_schemas
from generator.registry.loading import kind_of
from generator.registry.schema import Lock
from generator.registry.schemaline import PREFIX, check_schema_line, schema_line

from ..conftest import DATA, REPO

REGISTRIES = [REPO / "registry", DATA / "valid", DATA / "recorded", DATA / "search"]


def _registry_files() -> list[tuple[Path, Path]]:
    return [(root, path) for root in REGISTRIES for path in sorted(root.rglob("*.yaml")) if kind_of(path.as_posix())]


@pytest.mark.parametrize(("root", "path"), _registry_files(),
                         ids=lambda p: p.relative_to(REPO).as_posix() if p.suffix else "")
def test_each_file_validates_against_the_schema_its_first_line_names(root: Path, path: Path) -> None:
    """The test registries' files carry the line too; it is resolved from the same place in registry/."""
    first = path.read_text("utf-8").splitlines()[0]
    kind = kind_of(path.as_posix())
    assert kind is not None and first == schema_line(kind)
    place = REPO / "registry" / path.relative_to(root).parent
    schema_path = (place / first.removeprefix(PREFIX)).resolve()
    assert schema_path.parent == (REPO / "registry" / "schema").resolve()  # the committed copies
    text = schema_path.read_text("utf-8")
    assert text == published_schemas()[f"schema/{schema_path.name}"], "run `make schema`"
    validator = jsonschema.Draft202012Validator(json.loads(text), format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(yaml.safe_load(path.read_text("utf-8")))] == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_entries_start_with_the_line(kind: str) -> None:
    text = new_entry(kind, "some-id", "Some title", datetime.date(2026, 12, 1))
    assert text.splitlines()[0] == schema_line(KINDS[kind])
    assert check_schema_line(f"registry/{KINDS[kind]}/some-id.yaml", KINDS[kind], text.encode()) is None


def test_the_lock_is_written_with_the_line() -> None:
    text = dump_lock(Lock(version=1))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/lock.json"


@pytest.mark.parametrize(("raw", "hint"), [
    (b"id: x\n", "insert this first line: `# yaml-language-server: $schema=../schema/model.json`"),
    (b"# yaml-language-server: $schema=../schema/paper.json\nid: x\n",
     "make the first line `# yaml-language-server: $schema=../schema/model.json`"),
    (b"\n# yaml-language-server: $schema=../schema/model.json\n", "insert this first line"),
])
def test_a_missing_or_wrong_line_is_a_warning_with_the_fix(raw: bytes, hint: str) -> None:
    found = check_schema_line("registry/models/x.yaml", "models", raw)
    assert found is not None and found.code == "file.schema-line" and not found.is_error
    assert found.hint.startswith(hint) and (found.line, found.column) == (1, 1)


def test_windows_line_ends_and_a_byte_order_mark_are_fine() -> None:
    line = schema_line("questions").encode()
    assert check_schema_line("q.yaml", "questions", b"\xef\xbb\xbf" + line + b"\r\nid: x\r\n") is None
