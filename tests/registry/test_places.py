"""Every file under registry/ is read, ignored by a rule of registry/.askscopeignore, or reported; the
committed registry's ignore file names only the JSON Schemas, and nothing else in it goes unread."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check import check_registry
from generator.registry.folder import read_registry
from generator.registry.loading import Unread
from generator.registry.places import is_ignored, parse_ignore, unread_reason

from ..conftest import REPO, VALID


@pytest.mark.parametrize(("parts", "expected"), [
    (("tasks.yaml",), None), (("citations.lock.yaml",), None), (("questions", "a.yaml"), None),
    (("questions", "..yaml"), "file.hidden"), (("papers", ".draft.yml"), "file.hidden"),
    ((".drafts", "questions", "a.yaml"), "file.hidden"), (("questions", "a.yaml~"), "file.backup"),
    (("questions", "#a.yaml#"), "file.backup"), (("models", ".a.yaml.swp"), "file.backup"),
    ((".DS_Store",), "file.backup"), (("questions", "a.Yaml"), "file.extension"),
    (("Tasks.YAML",), "file.extension"), (("models", "a.json"), "file.extension"),
    (("tasks", "a.yaml"), "file.misplaced"), (("questions", "old", "a.yaml"), "file.misplaced"),
    (("a.yaml",), "file.misplaced"), (("schema.json",), "file.unknown"), (("notes", "todo.md"), "file.unknown"),
])
def test_each_place_is_read_or_has_a_code(parts: tuple[str, ...], expected: str | None) -> None:
    found = unread_reason("/".join(parts), parts)
    assert (found.code if found else None) == expected
    assert found is None or (found.hint and found.path == "/".join(parts))


def test_ignore_patterns_work_as_in_gitignore() -> None:
    patterns = parse_ignore("# the schemas\n\nschema.json\nschema/\nnotes/*.md\n*.bak\n")
    assert patterns == ["schema.json", "schema/", "notes/*.md", "*.bak"]
    assert is_ignored(("schema.json",), False, patterns)
    assert is_ignored(("schema",), True, patterns) and not is_ignored(("schema",), False, patterns)
    assert is_ignored(("notes", "a.md"), False, patterns) and not is_ignored(("questions", "a.md"), False, patterns)
    assert is_ignored(("questions", "a.yaml.bak"), False, patterns)
    assert is_ignored((".askscopeignore",), False, []) and not is_ignored(("questions", "a.yaml"), False, [])


def test_an_ignored_file_is_neither_read_nor_reported(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(VALID, registry)
    (registry / "notes.md").write_text("# notes\n", "utf-8")
    (registry / "questions" / ".draft.yaml").write_text("id: draft\n", "utf-8")
    _, diagnostics = check_registry(read_registry(registry, "registry"))
    assert {(d.path, d.code) for d in diagnostics if d.code.startswith("file.")} == {
        ("registry/notes.md", "file.unknown"), ("registry/questions/.draft.yaml", "file.hidden")}
    (registry / ".askscopeignore").write_text("notes.md\n.draft.yaml\n", "utf-8")
    files = read_registry(registry, "registry")
    assert "registry/notes.md" not in files and "registry/questions/.draft.yaml" not in files
    _, diagnostics = check_registry(files)
    assert not [d for d in diagnostics if d.code.startswith("file.")]


def test_the_committed_registry_ignores_only_its_schemas() -> None:
    assert parse_ignore((REPO / "registry" / ".askscopeignore").read_text("utf-8")) == ["schema.json", "schema/"]
    files = read_registry(REPO / "registry", "registry")
    assert not [path for path, data in files.items() if isinstance(data, Unread)]
